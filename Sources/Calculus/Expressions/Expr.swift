import Foundation

/// A mathematical expression in canonical form: the tree that derivatives,
/// the simplifier, the printer and the compiler work on.
///
/// Subtraction and division are not separate nodes: `a - b` is
/// `sum([a, product([-1, b])])` and `a / b` is `product([a, power(b, -1)])`.
/// That keeps the rules few (one sum rule, one product rule) and lets the
/// simplifier collect like terms; the printer turns them back into `-` and `/`.
///
///     x^2 - 3x   →   sum([power(x, 2), product([-3, x])])
package indirect enum Expr: Hashable, Sendable {
    case number(Double)
    /// `pi` or `e`, kept by name so that results read `2pi`, not `6.28319`.
    case constant(String)
    /// A parameter of the function being defined, such as `x` in `f(x) = …`.
    case variable(String)
    /// A named value from elsewhere in the notebook, such as `k` in
    /// `h(x) = k*x`; its number is supplied when the expression is evaluated.
    case symbol(String)
    case sum([Expr])
    case product([Expr])
    case power(Expr, Expr)
    case apply(ElementaryFunction, [Expr])
    /// A call of a user function (`f(x)`, or a derivative `f'(x)`), replaced
    /// by its definition (`Inliner`) before differentiating or compiling.
    case call(String, [Expr])
    /// A column of data, one number per row (`d.x`); only inside a reduction.
    case column(Column)
    /// `mean(…)` or `sum(…)` over the rows of the columns inside.
    case reduce(Reduction, Expr)

    package static let zero = Expr.number(0)
    package static let one = Expr.number(1)

    package var numberValue: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    // MARK: Building, with the obvious cases folded on the spot

    package static func + (lhs: Expr, rhs: Expr) -> Expr {
        if lhs == .zero { return rhs }
        if rhs == .zero { return lhs }
        return .sum(lhs.terms + rhs.terms)
    }

    package static func - (lhs: Expr, rhs: Expr) -> Expr {
        lhs + (-rhs)
    }

    package static prefix func - (operand: Expr) -> Expr {
        if case .number(let value) = operand { return .number(-value) }
        return .number(-1) * operand
    }

    package static func * (lhs: Expr, rhs: Expr) -> Expr {
        if lhs == .zero || rhs == .zero { return .zero }
        if lhs == .one { return rhs }
        if rhs == .one { return lhs }
        return .product(lhs.factors + rhs.factors)
    }

    package static func / (lhs: Expr, rhs: Expr) -> Expr {
        if rhs == .one { return lhs }
        return lhs * .power(rhs, .number(-1))
    }

    package func raised(to exponent: Expr) -> Expr {
        if exponent == .one { return self }
        if exponent == .zero { return .one }
        return .power(self, exponent)
    }

    package static func apply(_ function: ElementaryFunction, _ argument: Expr) -> Expr {
        .apply(function, [argument])
    }

    /// The terms of a sum, or the expression itself as one term.
    package var terms: [Expr] {
        if case .sum(let terms) = self { return terms }
        return [self]
    }

    /// The factors of a product, or the expression itself as one factor.
    package var factors: [Expr] {
        if case .product(let factors) = self { return factors }
        return [self]
    }

    // MARK: Questions

    /// Whether the expression mentions the variable at all (after inlining).
    package func depends(on variable: String) -> Bool {
        switch self {
        case .number, .constant, .symbol, .column: return false
        case .variable(let name): return name == variable
        case .reduce(_, let inner): return inner.depends(on: variable)
        case .sum(let items), .product(let items), .apply(_, let items), .call(_, let items):
            return items.contains { $0.depends(on: variable) }
        case .power(let base, let exponent):
            return base.depends(on: variable) || exponent.depends(on: variable)
        }
    }

    /// Whether the tree has more than `limit` nodes. Counting stops at the
    /// limit: an expression built by nesting calls shares its subtrees, and
    /// counting such a tree in full could take exponential time.
    package func isLarger(than limit: Int) -> Bool {
        var budget = limit
        return !fits(&budget)
    }

    private func fits(_ budget: inout Int) -> Bool {
        budget -= 1
        if budget < 0 { return false }
        switch self {
        case .number, .constant, .symbol, .variable, .column: return true
        case .reduce(_, let inner): return inner.fits(&budget)
        case .sum(let items), .product(let items), .apply(_, let items), .call(_, let items):
            for item in items where !item.fits(&budget) { return false }
            return true
        case .power(let base, let exponent):
            return base.fits(&budget) && exponent.fits(&budget)
        }
    }

    /// The number of nodes (for expressions known to be of a workable size).
    package var size: Int {
        switch self {
        case .number, .constant, .symbol, .variable, .column: return 1
        case .reduce(_, let inner): return 1 + inner.size
        case .sum(let items), .product(let items), .apply(_, let items), .call(_, let items):
            return items.reduce(1) { $0 + $1.size }
        case .power(let base, let exponent): return 1 + base.size + exponent.size
        }
    }

    /// Every name of a value from outside (`.symbol`) the expression uses.
    package var symbols: Set<String> {
        var found = Set<String>()
        collect(into: &found, symbols: true)
        return found
    }

    /// Every user function the expression calls.
    package var calledFunctions: Set<String> {
        var found = Set<String>()
        collect(into: &found, symbols: false)
        return found
    }

    private func collect(into found: inout Set<String>, symbols: Bool) {
        switch self {
        case .number, .constant, .variable, .column: return
        case .reduce(_, let inner): inner.collect(into: &found, symbols: symbols)
        case .symbol(let name): if symbols { found.insert(name) }
        case .sum(let items), .product(let items), .apply(_, let items):
            for item in items { item.collect(into: &found, symbols: symbols) }
        case .call(let name, let items):
            if !symbols { found.insert(name) }
            for item in items { item.collect(into: &found, symbols: symbols) }
        case .power(let base, let exponent):
            base.collect(into: &found, symbols: symbols)
            exponent.collect(into: &found, symbols: symbols)
        }
    }

    // MARK: Rewriting

    /// Replaces each variable named in `substitutions` by its expression.
    package func substituting(_ substitutions: [String: Expr]) -> Expr {
        switch self {
        case .number, .constant, .symbol, .column: return self
        case .reduce(let kind, let inner): return .reduce(kind, inner.substituting(substitutions))
        case .variable(let name): return substitutions[name] ?? self
        case .sum(let items): return .sum(items.map { $0.substituting(substitutions) })
        case .product(let items): return .product(items.map { $0.substituting(substitutions) })
        case .apply(let function, let items): return .apply(function, items.map { $0.substituting(substitutions) })
        case .call(let name, let items): return .call(name, items.map { $0.substituting(substitutions) })
        case .power(let base, let exponent):
            return .power(base.substituting(substitutions), exponent.substituting(substitutions))
        }
    }

    /// Replaces each named value (`.symbol`) found in `values` by its number.
    package func binding(_ values: [String: Double]) -> Expr {
        switch self {
        case .number, .constant, .variable, .column: return self
        case .reduce(let kind, let inner): return .reduce(kind, inner.binding(values))
        case .symbol(let name): return values[name].map(Expr.number) ?? self
        case .sum(let items): return .sum(items.map { $0.binding(values) })
        case .product(let items): return .product(items.map { $0.binding(values) })
        case .apply(let function, let items): return .apply(function, items.map { $0.binding(values) })
        case .call(let name, let items): return .call(name, items.map { $0.binding(values) })
        case .power(let base, let exponent): return .power(base.binding(values), exponent.binding(values))
        }
    }

    // MARK: Evaluation by walking the tree

    /// The value with the given variables and named values, by walking the
    /// tree. This is the reference the compiled `Program` is tested against;
    /// it is too slow for a descent loop. Unknown names and calls give NaN.
    package func evaluate(_ variables: [String: Double], symbols: [String: Double] = [:]) -> Double {
        let value = evaluate(variables, symbols: symbols, row: nil)
        // Infinite or NaN: perhaps only on the way (exp(1600)/exp(1600)); the wide numbers tell.
        if !value.isFinite, let wide = wideValue(variables, symbols: symbols), wide.isFinite { return wide }
        return value
    }

    /// The value at one row of the data (a column reads its number there;
    /// outside any reduction, with no row, a column is NaN).
    private func evaluate(_ variables: [String: Double], symbols: [String: Double], row: Int?) -> Double {
        switch self {
        case .number(let value): return value
        case .constant(let name): return BuiltinNames.constants[name] ?? .nan
        case .variable(let name): return variables[name] ?? .nan
        case .symbol(let name): return symbols[name] ?? .nan
        case .column(let column): return row.map { column.values[$0] } ?? .nan
        case .reduce(let kind, let inner):
            guard let rows = inner.rowColumns.first?.count else { return .nan }
            var total = 0.0
            for i in 0..<rows { total += inner.evaluate(variables, symbols: symbols, row: i) }
            return kind == .mean ? total / Double(rows) : total
        case .sum(let items):
            return items.reduce(0) { $0 + $1.evaluate(variables, symbols: symbols, row: row) }
        case .product(let items):
            // A product that overflows on its way to a finite value is computed another way (see Stabilizer).
            if let stable = Stabilizer.stableProduct(items) { return stable.evaluate(variables, symbols: symbols, row: row) }
            return items.reduce(1) { $0 * $1.evaluate(variables, symbols: symbols, row: row) }
        case .power(let base, let exponent):
            return Expr.power(base.evaluate(variables, symbols: symbols, row: row), exponent.evaluate(variables, symbols: symbols, row: row))
        case .apply(.ln, let items) where Expr.onePlus(items[0]) != nil:
            // ln(1 + u) as log1p(u), as the compiled form has it.
            return Foundation.log1p(Expr.onePlus(items[0])!.evaluate(variables, symbols: symbols, row: row))
        case .apply(let function, let items):
            let a = items[0].evaluate(variables, symbols: symbols, row: row)
            let b = items.count > 1 ? items[1].evaluate(variables, symbols: symbols, row: row) : .nan
            return function.apply(a, b)
        case .call:
            return .nan
        }
    }

    /// u in `1 + u`, a sum with the number 1 among its terms; nil for any other expression.
    static func onePlus(_ expr: Expr) -> Expr? {
        guard case .sum(let terms) = expr, let one = terms.firstIndex(of: .number(1)), terms.count > 1 else { return nil }
        var rest = terms
        rest.remove(at: one)
        return rest.count == 1 ? rest[0] : .sum(rest)
    }

    /// `pow`, with the fast and exact cases of small integer exponents
    /// (the compiled form takes the same shortcuts, so both agree exactly).
    @inlinable
    package static func power(_ base: Double, _ exponent: Double) -> Double {
        if exponent == 2 { return base * base }
        if exponent == -1 { return 1 / base }
        return Foundation.pow(base, exponent)
    }
}
