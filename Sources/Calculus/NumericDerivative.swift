/// Derivatives from function values alone, as a tutorial computes them
/// before it meets the rules.
public enum NumericDerivative {
    /// The default step of a central difference at `a`: about the cube
    /// root of the machine epsilon, scaled by |a|, which balances the
    /// truncation error (∝ h²) against rounding error (∝ ε/h).
    public static func defaultStep(at a: Double) -> Double {
        6.0e-6 * Swift.max(1, Swift.abs(a))
    }

    /// `(f(a + h) - f(a - h)) / 2h`: exact for quadratics, error ∝ h² otherwise.
    public static func central(at a: Double, step h: Double? = nil, _ f: (Double) -> Double) -> Double {
        let h = h ?? defaultStep(at: a)
        return (f(a + h) - f(a - h)) / (2 * h)
    }

    /// Rise over run between two points: `slope((2, 2), (6, 4))` is 0.5.
    /// Infinite for a vertical pair, NaN for two equal points.
    public static func slope(from p: (x: Double, y: Double), to q: (x: Double, y: Double)) -> Double {
        (q.y - p.y) / (q.x - p.x)
    }
}
