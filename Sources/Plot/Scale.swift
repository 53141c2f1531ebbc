import Foundation

/// Maps data values to dot positions along one axis, linearly or by
/// log10 (for convergence curves spanning many orders of magnitude).
public struct Scale: Sendable {
    public var low: Double
    public var high: Double
    public var dots: Int
    public var logarithmic: Bool
    /// Whether dot 0 is the high end (the y axis, drawn top-down).
    public var inverted: Bool

    public init(low: Double, high: Double, dots: Int, logarithmic: Bool = false, inverted: Bool = false) {
        var (a, b) = (low, high)
        if logarithmic { (a, b) = (log10(a), log10(b)) }
        if !(a < b) {
            // A flat range (a constant function): open it up around the value.
            let pad = a == 0 || !a.isFinite ? 1 : abs(a) * 0.1
            (a, b) = a.isFinite ? (a - pad, a + pad) : (-1, 1)
        }
        self.low = a
        self.high = b
        self.dots = max(1, dots)
        self.logarithmic = logarithmic
        self.inverted = inverted
    }

    /// Where a value lies along the axis: 0 at its low end, 1 at its high end
    /// (by log10 on a log scale), beyond them outside; nil when the value is
    /// not finite (or not positive on a log scale). Not inverted.
    ///
    ///     Scale(low: 0, high: 10, dots: 11).fraction(2.5)   → 0.25
    public func fraction(_ value: Double) -> Double? {
        var v = value
        if logarithmic {
            guard v > 0 else { return nil }
            v = log10(v)
        }
        guard v.isFinite else { return nil }
        return (v - low) / (high - low)
    }

    /// The dot for a value, or nil when it is not finite (or not positive on a log scale).
    public func dot(_ value: Double) -> Int? {
        guard let fraction = fraction(value) else { return nil }
        let position = fraction * Double(dots - 1)
        guard position.isFinite, abs(position) < 1e9 else { return position > 0 ? 1_000_000_000 : -1_000_000_000 }
        let dot = Int(position.rounded())
        return inverted ? dots - 1 - dot : dot
    }

    /// The value at the middle of a dot.
    public func value(atDot dot: Int) -> Double {
        let d = inverted ? dots - 1 - dot : dot
        let v = low + (high - low) * Double(d) / Double(max(1, dots - 1))
        return logarithmic ? pow(10, v) : v
    }

    /// The values and labels of the ticks on this axis.
    public func ticks(count: Int) -> [(value: Double, label: String)] {
        if logarithmic {
            let first = Int(ceil(low)), last = Int(floor(high))
            let stride = max(1, (last - first + 1) / max(1, count))
            return Swift.stride(from: last, through: first, by: -stride).map { exponent in
                let label = exponent == 0 ? "1" : exponent == 1 ? "10" : "1e\(exponent)"
                return (pow(10, Double(exponent)), label)
            }
        }
        let values = Ticks.nice(low, high, count: count)
        let step = values.count > 1 ? values[1] - values[0] : Ticks.niceStep(high - low)
        return values.map { ($0, Ticks.label($0, step: step)) }
    }
}
