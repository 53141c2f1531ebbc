import Calculus
import Descent
import Language

/// Reads `source` as a function body over `parameters`.
func expr(_ source: String, _ parameters: [String] = ["x"]) throws -> Expr {
    try Formula.parse(source, variables: parameters)
}

/// The printed, simplified derivative of `source` by `variable`.
func derivative(_ source: String, by variable: String = "x", _ parameters: [String] = ["x"]) throws -> String {
    ExpressionPrinter.print(Derivative.of(try expr(source, parameters), by: variable))
}
