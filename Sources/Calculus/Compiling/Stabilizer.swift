/// Rewrites forms whose value is an ordinary number but whose parts
/// overflow in doubles, before they are evaluated. The printed form is left
/// as the simplifier made it; only the arithmetic changes.
///
/// The logistic's derivative is the case that matters:
///
///     exp(u)/(1 + exp(u))^2   →   1/(1 + exp(u)) · 1/(1 + exp(-u))
///
/// equal for every u, but at u = 800 the left is inf/inf (nan) and the right
/// 0 · 1 = 0, and at u = 400 the left's square overflows to 0 while the right
/// gives 1.9e-174.
package enum Stabilizer {
    /// The expression with every such product rewritten; the compiler calls it once.
    package static func stabilized(_ expr: Expr) -> Expr {
        switch expr {
        case .number, .constant, .variable, .symbol, .column:
            return expr
        case .sum(let terms):
            return .sum(terms.map(stabilized))
        case .product(let factors):
            let inner = factors.map(stabilized)
            return stableProduct(inner) ?? .product(inner)
        case .power(let base, let exponent):
            return .power(stabilized(base), stabilized(exponent))
        case .apply(let function, let arguments):
            return .apply(function, arguments.map(stabilized))
        case .call(let name, let arguments):
            return .call(name, arguments.map(stabilized))
        case .reduce(let kind, let inner):
            return .reduce(kind, stabilized(inner))
        }
    }

    /// `exp(u) · (1 + exp(u))^-2 · rest` as `(1 + exp(u))^-1 · (1 + exp(-u))^-1 · rest`, or nil
    /// for any other product (the tree walk asks this of every product it meets, so a miss is cheap).
    package static func stableProduct(_ factors: [Expr]) -> Expr? {
        for (i, factor) in factors.enumerated() {
            guard case .apply(.exp, let arguments) = factor, arguments.count == 1 else { continue }
            let onePlus = Expr.sum([.one, factor])
            guard let j = factors.firstIndex(where: {
                if case .power(let base, .number(-2)) = $0 { return base == onePlus || base == .sum([factor, .one]) }
                return false
            }) else { continue }
            var rest = factors
            rest.remove(at: Swift.max(i, j))
            rest.remove(at: Swift.min(i, j))
            let mirrored = Expr.sum([.one, .apply(.exp, [Simplifier.simplify(-arguments[0])])])
            return .product(rest + [.power(onePlus, .number(-1)), .power(mirrored, .number(-1))])
        }
        return nil
    }
}
