/// Whether two numbers agree to a relative (or, near zero, absolute) tolerance.
package func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    a == b || Swift.abs(a - b) <= tolerance * Swift.max(1, Swift.abs(a), Swift.abs(b))
}
