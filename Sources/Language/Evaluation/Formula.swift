import Calculus

/// A formula read on its own, outside any notebook: it may use its
/// variables, the constants and the elementary functions, and no other name.
///
///     try Formula.parse("sin(x)^2 + 2x")                  → an Expr in x
///     try Formula.parse("(w - 3)^2 + b^2", variables: ["w", "b"])
package enum Formula {
    package static func parse(_ source: String, variables: [String] = ["x"]) throws(Diagnostic) -> Expr {
        // Its variables and the constants are its numbers: 2(x + 1) and pi(x) are products.
        let syntax = try Parser.parseExpression(source)
            .resolvingImplicitProducts { variables.contains($0) || BuiltinNames.constants[$0] != nil }
        return try ExpressionBuilder(parameters: variables, scope: NoNames()).build(syntax)
    }

    /// The scope of a formula alone: no names but its own.
    private struct NoNames: NameScope {
        var knownNames: [String] { [] }
        func meaning(of name: String) -> NameMeaning? { nil }
    }
}
