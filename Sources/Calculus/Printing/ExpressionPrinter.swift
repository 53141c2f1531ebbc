/// Writes an `Expr` the way a person would, in one of two dialects: the
/// cell language, in a form the parser reads back, or Python with numpy,
/// as a person would write it in a script.
///
///     sum([power(x, 2), product([-3, x]), 2])       →  "x^2 - 3x + 2"      x**2 - 3*x + 2
///     product([0.5, power(apply(sqrt, [x]), -1)])   →  "1/(2 sqrt(x))"     1/(2*np.sqrt(x))
///     product([2, sum([w, -3])])                    →  "2(w - 3)"          2*(w - 3)
///
/// The structure is the dialects' own: a sum's signs, a product split into
/// a coefficient, what is multiplied and what divides, powers and their
/// exponents, parentheses by precedence. What differs is said where it
/// differs: descent uses implicit multiplication after a leading number
/// (`2x`, `2 sin(x)`) and `^`; Python writes every `*`, `**`, numpy's
/// names, numbers that read back as the very same double, and adds the
/// terms added first and those subtracted after, as the compiled code
/// does, so that a script rounds as the notebook did.
package struct ExpressionPrinter {
    package enum Dialect {
        /// The cell language.
        case descent
        /// Python with numpy; `name` turns a notebook name into Python's.
        case python(name: (String) -> String)
    }

    let dialect: Dialect

    package init(_ dialect: Dialect) {
        self.dialect = dialect
    }

    /// An expression in the cell language.
    package static func print(_ expr: Expr) -> String {
        ExpressionPrinter(.descent).print(expr)
    }

    package func print(_ expr: Expr) -> String {
        write(expr, .top)
    }

    private var isPython: Bool {
        if case .python = dialect { return true }
        return false
    }

    private func name(_ text: String) -> String {
        if case .python(let name) = dialect { return name(text) }
        return text
    }

    private func write(_ expr: Expr, _ context: Precedence) -> String {
        switch expr {
        case .number(let value):
            var text = number(value)
            // 1/3 rather than 0.333333333333333.
            if let (p, q) = isPython ? PythonPrinter.exactFraction(Swift.abs(value)) : ExpressionPrinter.fraction(Swift.abs(value), preferDecimal: true) {
                text = (value < 0 ? "-" : "") + number(p) + "/" + number(q)
                return Precedence.sum.parenthesized(text, in: context)
            }
            return (value < 0 || (isPython && !value.isFinite)) && context > .sum ? "(\(text))" : text
        case .constant(let constant):
            guard isPython else { return constant }
            return constant == "pi" ? "np.pi" : constant == "e" ? "np.e" : name(constant)
        case .variable(let variable):
            return name(variable)
        case .symbol(let symbol):
            return name(symbol)
        case .apply(let function, let arguments):
            let callee = isPython ? PythonPrinter.numpyName(function) : function.rawValue
            return callee + "(" + arguments.map { write($0, .top) }.joined(separator: ", ") + ")"
        case .call(let callee, let arguments):
            return name(callee) + "(" + arguments.map { write($0, .top) }.joined(separator: ", ") + ")"
        case .column(let column):
            // d.x: in Python, the table's Python name, then the column as an attribute.
            guard isPython, let dot = column.name.lastIndex(of: ".") else { return name(column.name) }
            return name(String(column.name[..<dot])) + column.name[dot...]
        case .reduce(let kind, let inner):
            return (isPython ? "np." : "") + kind.rawValue + "(" + write(inner, .top) + ")"
        case .sum(let terms):
            return writeSum(terms, context)
        case .product(let factors):
            return writeProduct(factors, context)
        case .power(_, .number(let n)) where n < 0:
            return writeProduct([expr], context)
        case .power(let base, let exponent):
            // Python's ** binds tighter than a leading minus and is read right to left,
            // so a power as a base keeps its parentheses: (x**2)**3.
            let text = write(base, .atom) + (isPython ? "**" : "^") + writeExponent(exponent)
            return Precedence.power.parenthesized(text, in: context)
        }
    }

    private func number(_ value: Double) -> String {
        isPython ? PythonPrinter.number(value) : NumberFormat.expression(value)
    }

    private func writeExponent(_ exponent: Expr) -> String {
        switch exponent {
        case .number(let n) where isPython && n >= 0 && PythonPrinter.exactFraction(n) == nil:
            return PythonPrinter.number(n)
        // An exponent a person writes as a fraction: x^(2/3), not x^0.666666666666667 (1.5 stays 1.5).
        case .number(let n) where !isPython:
            return ExpressionPrinter.fraction(n, preferDecimal: true).map { "(\(Int($0.0))/\(Int($0.1)))" } ?? NumberFormat.expression(n)
        case .constant, .variable, .symbol, .apply, .call, .column, .reduce: return write(exponent, .atom)
        default: return "(" + write(exponent, .top) + ")"
        }
    }

    private func writeSum(_ terms: [Expr], _ context: Precedence) -> String {
        guard !terms.isEmpty else { return "0" }
        let ordered = isPython
            ? terms.filter { !ExpressionPrinter.splitSign($0).0 } + terms.filter { ExpressionPrinter.splitSign($0).0 }
            : terms
        var text = ""
        for (i, term) in ordered.enumerated() {
            let (negative, magnitude) = ExpressionPrinter.splitSign(term)
            if isPython {
                if i == 0 {
                    text = negative ? "-" + write(magnitude, .unary) : write(magnitude, .sum)
                } else {
                    // x - (y + 1): what is subtracted is one operand.
                    text += negative ? " - " + write(magnitude, .product) : " + " + write(magnitude, .sum)
                }
                continue
            }
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
        return Precedence.sum.parenthesized(text, in: context)
    }

    /// A minus binds looser than `^` but tighter than `*`, so a magnitude
    /// that is itself a sum needs parentheses: `-(x + 1)`, `x - (y + 1)`.
    private func writeNegatedLeading(_ magnitude: Expr, _ body: String) -> String {
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

    private func writeProduct(_ factors: [Expr], _ context: Precedence) -> String {
        var coefficient = 1.0
        var numerator: [Expr] = []
        var denominator: [Expr] = []
        for factor in factors {
            switch factor {
            case .number(let value):
                coefficient *= value
            case .power(let base, .number(let n)) where n < 0:
                // A number divided by stays a number: 1/3 and not 0.333333.
                denominator.append(n == -1 ? base : .power(base, .number(-n)))
            default:
                numerator.append(factor)
            }
        }
        if coefficient == 0 && numerator.isEmpty && denominator.isEmpty { return "0" }
        let negative = coefficient < 0
        coefficient = Swift.abs(coefficient)
        let needsParens: Bool
        var text: String
        if isPython {
            text = pythonQuotient(coefficient, numerator, &denominator)
            needsParens = context > .unary || (negative && context > .sum) || (context == .unary && negative)
        } else {
            let top: Double
            (text, top) = descentQuotient(coefficient, numerator, &denominator)
            needsParens = context > .power || (negative && context > .sum) ||
                (context == .power && (!denominator.isEmpty || numerator.count + (top == 1 ? 0 : 1) > 1))
        }
        if negative { text = "-" + text }
        return needsParens ? "(\(text))" : text
    }

    /// `2x/3`, `3x*cos(x)`, `1/(2 sqrt(x))`.
    private func descentQuotient(_ coefficient: Double, _ numerator: [Expr], _ denominator: inout [Expr]) -> (String, top: Double) {
        var top = 1.0
        var bottom = 1.0
        if coefficient != 1 {
            if let (p, q) = ExpressionPrinter.fraction(coefficient, preferDecimal: denominator.isEmpty) {
                top = p
                bottom = q
            } else {
                top = coefficient
            }
        }
        if bottom != 1 { denominator.insert(.number(bottom), at: 0) }
        var text = joinFactors(coefficient: top, numerator)
        if !denominator.isEmpty {
            let merged = ExpressionPrinter.mergeNumbers(denominator)
            let below = joinFactors(coefficient: merged.coefficient, merged.rest)
            let single = merged.rest.count + (merged.coefficient == 1 ? 0 : 1) <= 1
            text += "/" + (single ? joinFactors(coefficient: merged.coefficient, merged.rest, level: .atom) : "(\(below))")
        }
        return (text, top)
    }

    /// `2*x/3`, `x/(2*np.sqrt(x))`: every `*`, and one operand after the slash.
    private func pythonQuotient(_ coefficient: Double, _ numerator: [Expr], _ denominator: inout [Expr]) -> String {
        var parts: [String] = []
        if coefficient != 1 || numerator.isEmpty {
            if let (p, q) = PythonPrinter.exactFraction(coefficient, preferDecimal: denominator.isEmpty), !numerator.isEmpty || !denominator.isEmpty {
                // 1/3*x reads oddly; x/3 reads as written, and 1/(2*np.sqrt(x)) as 1/(2 sqrt(x)) does.
                if p != 1 || numerator.isEmpty { parts.append(PythonPrinter.number(p)) }
                denominator.insert(.number(q), at: 0)
            } else {
                parts.append(PythonPrinter.number(coefficient))
            }
        }
        parts += numerator.map { write($0, .product) }
        if parts.isEmpty { parts.append("1") }
        var text = parts.joined(separator: "*")
        if !denominator.isEmpty {
            let below = denominator.map { write($0, .product) }
            // a/(b*c): one operand after the slash, or a/b/c would be read left to right.
            text += "/" + (below.count == 1 ? write(denominator[0], .power) : "(" + below.joined(separator: "*") + ")")
        }
        return text
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
    private func joinFactors(coefficient: Double, _ factors: [Expr], level: Precedence = .product) -> String {
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
            default: separator = ExpressionPrinter.needsStar(before: parts[0]) || number.contains("e") ? "*" : ""
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
