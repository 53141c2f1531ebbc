import Calculus
@testable import Language

/// Reads `source` as a formula in x.
func expr(_ source: String) throws -> Expr {
    try Formula.parse(source)
}

/// Whether two numbers agree to a relative (or, near zero, absolute) tolerance.
func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    a == b || Swift.abs(a - b) <= tolerance * Swift.max(1, Swift.abs(a), Swift.abs(b))
}
