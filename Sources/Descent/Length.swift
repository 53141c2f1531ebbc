/// The Euclidean length of a vector.
///
/// The plain sum of squares overflows once a component passes about 1e154,
/// long before the length itself does, and loses digits or vanishes below
/// about 1e-146; then the components are scaled by the largest before
/// squaring. The optimisers' inner loop keeps its own sum and calls this only
/// when that sum is outside the safe range.
package enum Length {
    package static func of(_ values: [Double]) -> Double {
        values.withUnsafeBufferPointer { of($0) }
    }

    package static func of(_ values: UnsafeBufferPointer<Double>) -> Double {
        var squares = 0.0
        for value in values { squares += value * value }
        return isSafe(squares) ? squares.squareRoot() : scaled(values)
    }

    /// Whether a sum of squares can be trusted as it is: finite, and large
    /// enough that no square fell into the subnormals or to zero.
    @inline(__always)
    package static func isSafe(_ squares: Double) -> Bool {
        squares.isFinite && squares > 1e-290
    }

    /// The length by scaling: infinite if a component is, NaN if one is NaN.
    package static func scaled(_ values: UnsafeBufferPointer<Double>) -> Double {
        var largest = 0.0
        for value in values {
            if value.isNaN { return .nan }
            largest = max(largest, Swift.abs(value))
        }
        guard largest.isFinite, largest > 0 else { return largest }
        var squares = 0.0
        for value in values {
            let part = value / largest
            squares += part * part
        }
        return largest * squares.squareRoot()
    }
}
