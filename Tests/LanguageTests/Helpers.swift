import Calculus
@testable import Language

/// Reads `source` as a formula in x.
func expr(_ source: String) throws -> Expr {
    try Formula.parse(source)
}
