/// Writes an `Expr` the way a person would, in a form the parser reads back.
///
///     sum([power(x, 2), product([-3, x]), 2])       →  "x^2 - 3x + 2"
///     product([0.5, power(apply(sqrt, [x]), -1)])   →  "1/(2 sqrt(x))"
///     product([2, sum([w, -3])])                    →  "2(w - 3)"
///
/// Implicit multiplication is used only after a leading number (`2x`,
/// `2(w - 3)`, `2 sin(x)`), as the language allows; other factors are
/// joined with `*`. Negative coefficients become `-`, negative powers become
/// a denominator, and coefficients such as 1/3 are written as fractions.
package enum ExpressionPrinter {
    private enum Level: Int, Comparable {
        case top = 0, sum, product, power, atom
        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    package static func print(_ expr: Expr) -> String {
        write(expr, .top)
    }

    private static func write(_ expr: Expr, _ context: Level) -> String {
        switch expr {
        case .number(let value):
            var text = NumberFormat.expression(value)
            // 1/3 rather than 0.333333333333333.
            if let (p, q) = fraction(Swift.abs(value), preferDecimal: true) {
                text = (value < 0 ? "-" : "") + NumberFormat.expression(p) + "/" + NumberFormat.expression(q)
                return context > .sum ? "(\(text))" : text
            }
            return value < 0 && context > .sum ? "(\(text))" : text
        case .constant(let name), .variable(let name), .symbol(let name):
            return name
        case .apply(let function, let arguments):
            return function.rawValue + "(" + arguments.map { write($0, .top) }.joined(separator: ", ") + ")"
        case .call(let name, let arguments):
            return name + "(" + arguments.map { write($0, .top) }.joined(separator: ", ") + ")"
        case .column(let column):
            return column.name
        case .reduce(let kind, let inner):
            return kind.rawValue + "(" + write(inner, .top) + ")"
        case .sum(let terms):
            return writeSum(terms, context)
        case .product(let factors):
            return writeProduct(factors, context)
        case .power(_, .number(let n)) where n < 0:
            return writeProduct([expr], context)
        case .power(let base, let exponent):
            let text = write(base, .atom) + "^" + writeExponent(exponent)
            return context > .power ? "(\(text))" : text
        }
    }

    private static func writeExponent(_ exponent: Expr) -> String {
        switch exponent {
        // An exponent a person writes as a fraction: x^(2/3), not x^0.666666666666667 (1.5 stays 1.5).
        case .number(let n): return fraction(n, preferDecimal: true).map { "(\(Int($0.0))/\(Int($0.1)))" } ?? NumberFormat.expression(n)
        case .constant, .variable, .symbol, .apply, .call, .column, .reduce: return write(exponent, .atom)
        default: return "(" + write(exponent, .top) + ")"
        }
    }

    private static func writeSum(_ terms: [Expr], _ context: Level) -> String {
        guard !terms.isEmpty else { return "0" }
        var text = ""
        for (i, term) in terms.enumerated() {
            let (negative, magnitude) = splitSign(term)
            let body = write(magnitude, .sum)
            if i == 0 {
                text = negative ? "-" + writeNegatedLeading(magnitude, body) : body
            } else if negative {
                // x - (x + 1): a subtracted sum keeps its parentheses.
                text += " - " + writeNegatedLeading(magnitude, body)
            } else {
                text += " + " + body
            }
        }
        return context > .sum ? "(\(text))" : text
    }

    /// A minus binds looser than `^` but tighter than `*`, so a magnitude
    /// that is itself a sum needs parentheses: `-(x + 1)`, `x - (y + 1)`.
    private static func writeNegatedLeading(_ magnitude: Expr, _ body: String) -> String {
        if case .sum = magnitude { return "(\(body))" }
        return body
    }

    /// Splits off a negative sign: `-3x` is (true, `3x`), `-4` is (true, `4`).
    static func splitSign(_ expr: Expr) -> (Bool, Expr) {
        switch expr {
        case .number(let value) where value < 0:
            return (true, .number(-value))
        case .product(let factors):
            let coefficient = factors.reduce(1.0) { $0 * ($1.numberValue ?? 1) }
            guard coefficient < 0 else { return (false, expr) }
            let rest = factors.filter { $0.numberValue == nil }
            if coefficient == -1 {
                return (true, rest.count == 1 ? rest[0] : .product(rest))
            }
            return (true, .product([.number(-coefficient)] + rest))
        default:
            return (false, expr)
        }
    }

    private static func writeProduct(_ factors: [Expr], _ context: Level) -> String {
        var coefficient = 1.0
        var numerator: [Expr] = []
        var denominator: [Expr] = []
        for factor in factors {
            switch factor {
            case .number(let value):
                coefficient *= value
            case .power(let base, .number(let n)) where n < 0:
                if case .number(let b) = base {
                    // A number divided by: keep it as a fraction, 1/3 and not 0.333333.
                    denominator.append(n == -1 ? .number(b) : .power(base, .number(-n)))
                } else {
                    denominator.append(n == -1 ? base : .power(base, .number(-n)))
                }
            default:
                numerator.append(factor)
            }
        }
        if coefficient == 0 && numerator.isEmpty && denominator.isEmpty { return "0" }
        let negative = coefficient < 0
        coefficient = Swift.abs(coefficient)

        var top = 1.0
        var bottom = 1.0
        if coefficient != 1 {
            if let (p, q) = fraction(coefficient, preferDecimal: denominator.isEmpty) {
                top = p
                bottom = q
            } else {
                top = coefficient
            }
        }
        if bottom != 1 { denominator.insert(.number(bottom), at: 0) }

        var text = joinFactors(coefficient: top, numerator)
        if !denominator.isEmpty {
            let mergedBottom = mergeNumbers(denominator)
            let below = joinFactors(coefficient: mergedBottom.coefficient, mergedBottom.rest)
            let single = mergedBottom.rest.count + (mergedBottom.coefficient == 1 ? 0 : 1) <= 1
            let belowText = single ? joinFactors(coefficient: mergedBottom.coefficient, mergedBottom.rest, level: .atom)
                                   : "(\(below))"
            text += "/" + belowText
        }
        if negative { text = "-" + text }
        let needsParens = context > .power || (negative && context > .sum) ||
            (context == .power && (!denominator.isEmpty || numerator.count + (top == 1 ? 0 : 1) > 1))
        return needsParens ? "(\(text))" : text
    }

    private static func mergeNumbers(_ factors: [Expr]) -> (coefficient: Double, rest: [Expr]) {
        var coefficient = 1.0
        var rest: [Expr] = []
        for factor in factors {
            if case .number(let value) = factor { coefficient *= value } else { rest.append(factor) }
        }
        return (coefficient, rest)
    }

    /// `2x`, `2(x + 1)`, `2 sin(x)`, `x*y`, `3x*cos(x)`.
    private static func joinFactors(coefficient: Double, _ factors: [Expr], level: Level = .product) -> String {
        if factors.isEmpty { return NumberFormat.expression(coefficient) }
        let parts = factors.map { write($0, .product) }
        var text = parts.joined(separator: "*")
        if coefficient != 1 {
            let number = NumberFormat.expression(coefficient)
            let separator: String
            switch factors[0] {
            // 2 exp(-x), and so 2 exp(-x)^2 too: a function's name stands apart from the number.
            case .apply, .call, .reduce, .column, .power(.apply, _), .power(.call, _), .power(.reduce, _): separator = " "
            case .number: separator = "*"
            // 1e+160x reads as an exponent of 160x: a number in e-notation keeps its `*`.
            default: separator = needsStar(before: parts[0]) || number.contains("e") ? "*" : ""
            }
            text = number + separator + text
        }
        let count = factors.count + (coefficient == 1 ? 0 : 1)
        return level > .product && count > 1 ? "(\(text))" : text
    }

    /// Whether a number written right before `next` would swallow it:
    /// `2` then `e1` reads as the number 2e1, `2` then `.5` as 2.5.
    private static func needsStar(before next: String) -> Bool {
        guard let first = next.first else { return false }
        if first.isNumber || first == "." { return true }
        if first == "e" || first == "E", let second = next.dropFirst().first {
            return second.isNumber || second == "+" || second == "-"
        }
        return false
    }

    /// `p/q` with a small `q` when `value` is such a fraction and not a short
    /// decimal (0.5 stays 0.5 when `preferDecimal`; 1/3 becomes (1, 3)).
    static func fraction(_ value: Double, preferDecimal: Bool) -> (Double, Double)? {
        if value == value.rounded() || !value.isFinite { return nil }
        if preferDecimal {
            let text = NumberFormat.expression(value)
            if !text.contains("e"), let dot = text.firstIndex(of: "."), text[text.index(after: dot)...].count <= 4 {
                return nil
            }
        }
        for q in 2...64 {
            let p = (value * Double(q)).rounded()
            // Within a few units in the last place: 5/6 reached through (1 - 1/6) is one ulp off 5.0/6.
            if p != 0, Swift.abs(p) < 1e9, Swift.abs(p / Double(q) - value) <= 4 * value.ulp { return (p, Double(q)) }
        }
        return nil
    }
}
