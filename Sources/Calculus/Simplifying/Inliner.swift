/// A user function as the notebook knows it: `f(x) = x^2 + 2` is
/// `FunctionDefinition(name: "f", parameters: ["x"], body: x^2 + 2)`.
package struct FunctionDefinition: Hashable, Sendable {
    package var name: String
    package var parameters: [String]
    package var body: Expr

    package init(name: String, parameters: [String], body: Expr) {
        self.name = name
        self.parameters = parameters
        self.body = body
    }
}

/// Where the user functions an expression calls are defined. The notebook
/// answers this; names with primes (`f'`, `f''`) are derivatives.
package protocol FunctionResolver {
    func definition(of name: String) -> FunctionDefinition?
}

/// Replaces every call of a user function by its body, with the arguments
/// substituted for its parameters, so that derivatives see through calls
/// and compiled code never looks a name up.
///
///     f(x) = x^2,  h(x) = f(x + 1)    →    h's body inlined: (x + 1)^2
package enum Inliner {
    /// Expansion deeper than this is almost surely a mistake, and larger
    /// results would be too slow to differentiate or compile.
    package static let maximumDepth = 200
    package static let maximumSize = 100_000

    package static func inline(_ expr: Expr, using resolver: some FunctionResolver) throws(Diagnostic) -> Expr {
        try expand(expr, resolver, depth: 0)
    }

    private static func expand(_ expr: Expr, _ resolver: some FunctionResolver, depth: Int) throws(Diagnostic) -> Expr {
        switch expr {
        case .number, .constant, .variable, .symbol, .column:
            return expr
        case .reduce(let kind, let inner):
            return .reduce(kind, try expand(inner, resolver, depth: depth))
        case .sum(let items):
            return .sum(try items.map { (item) throws(Diagnostic) in try expand(item, resolver, depth: depth) })
        case .product(let items):
            return .product(try items.map { (item) throws(Diagnostic) in try expand(item, resolver, depth: depth) })
        case .apply(let function, let items):
            return .apply(function, try items.map { (item) throws(Diagnostic) in try expand(item, resolver, depth: depth) })
        case .power(let base, let exponent):
            return .power(try expand(base, resolver, depth: depth), try expand(exponent, resolver, depth: depth))
        case .call(let name, let arguments):
            guard depth < maximumDepth else {
                throw Diagnostic("functions call each other more than \(maximumDepth) levels deep")
            }
            guard let definition = resolver.definition(of: name) else {
                throw Diagnostic("unknown function '\(name)'")
            }
            guard definition.parameters.count == arguments.count else {
                throw .argumentCount(of: "'\(name)'", takes: Diagnostic.arguments(definition.parameters.count), given: arguments.count)
            }
            let expandedArguments = try arguments.map { (item) throws(Diagnostic) in try expand(item, resolver, depth: depth) }
            let body = try expand(definition.body, resolver, depth: depth + 1)
            let result = body.substituting(Dictionary(uniqueKeysWithValues: zip(definition.parameters, expandedArguments)))
            // Checked at every call, so that nesting (h(h(x)) of h(h(x)) …) is
            // refused as soon as it is too large, before it grows further.
            if result.isLarger(than: maximumSize) {
                throw Diagnostic("the formula is too large once '\(name)' is expanded (over \(maximumSize) terms and factors)",
                                 hint: "functions that call each other several times over grow exponentially")
            }
            return result
        }
    }
}
