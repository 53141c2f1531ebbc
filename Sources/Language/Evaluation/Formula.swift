import Calculus

/// A formula read on its own, outside any notebook: it may use its
/// variables, the constants and the elementary functions, and no other name.
///
///     try Formula.parse("sin(x)^2 + 2x")                  → an Expr in x
///     try Formula.parse("(w - 3)^2 + b^2", variables: ["w", "b"])
package enum Formula {
    package static func parse(_ source: String, variables: [String] = ["x"]) throws(Diagnostic) -> Expr {
        let syntax = try Parser.parseExpression(source)
        return try ExpressionBuilder(parameters: variables, scope: NoNames()).build(syntax)
    }

    /// The scope of a formula alone: no names but its own.
    private struct NoNames: NameScope {
        var knownNames: [String] { [] }
        func meaning(of name: String) -> NameMeaning? { nil }
    }
}
