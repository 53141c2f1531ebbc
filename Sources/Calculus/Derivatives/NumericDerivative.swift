/// Derivatives from function values alone, as a tutorial computes them
/// before it meets the rules.
package enum NumericDerivative {
    /// The default step of a central difference at `a`: about the cube
    /// root of the machine epsilon, scaled by |a|, which balances the
    /// truncation error (∝ h²) against rounding error (∝ ε/h).
    package static func defaultStep(at a: Double) -> Double {
        relativeStep * Swift.max(1, Swift.abs(a))
    }

    private static let relativeStep = 6.0e-6

    /// `(f(a + h) - f(a - h)) / 2h`: exact for quadratics, error ∝ h² otherwise.
    ///
    /// With the default step, a point near the edge of f's domain (ln at
    /// 1e-7, where a - h is negative) gets a step relative to a, halved
    /// until f is defined on both sides; at the edge itself there is none.
    package static func central(at a: Double, step h: Double? = nil, _ f: (Double) -> Double) -> Double {
        if let h { return (f(a + h) - f(a - h)) / (2 * h) }
        var h = defaultStep(at: a)
        var left = f(a - h), right = f(a + h)
        if !(left.isFinite && right.isFinite), f(a).isFinite {
            h = Swift.min(h, relativeStep * Swift.abs(a))
            for _ in 0..<200 where h > 0 {
                left = f(a - h)
                right = f(a + h)
                if left.isFinite && right.isFinite { break }
                h /= 2
            }
            guard h > 0 else { return .nan }
        }
        return (right - left) / (2 * h)
    }

    /// Rise over run between two points: `slope((2, 2), (6, 4))` is 0.5.
    /// Infinite for a vertical pair, NaN for two equal points.
    package static func slope(from p: (x: Double, y: Double), to q: (x: Double, y: Double)) -> Double {
        (q.y - p.y) / (q.x - p.x)
    }
}
