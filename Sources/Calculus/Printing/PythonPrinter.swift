/// Writes an `Expr` as Python with numpy, the way a person would write it
/// in a script: `x**2 - 3*x + 2`, `np.exp(-x)/(1 + np.exp(-x))**2`,
/// `np.mean((w*d.x + b - d.y)**2)`.
///
///     sum([power(x, 2), product([-3, x]), 2])      →  "x**2 - 3*x + 2"
///     product([0.5, power(apply(sqrt, [x]), -1)])  →  "1/(2*np.sqrt(x))"
///
/// Numbers are written so that Python reads back the very same double
/// (a fraction only when p/q gives it exactly), so a script computes what
/// the notebook computed. Names go through `name`, which turns the
/// notebook's names (`f'`, a name Python reserves) into Python's.
package struct PythonPrinter {
    /// The Python name for a notebook name: a function, a value, a table.
    package var name: (String) -> String

    package init(name: @escaping (String) -> String = { $0 }) {
        self.name = name
    }

    private enum Level: Int, Comparable {
        case top = 0, sum, product, unary, power, atom
        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    package func print(_ expr: Expr) -> String {
        write(expr, .top)
    }

    /// A number as Python reads it back exactly: `2`, `0.1`, `1/3`, `1e-08`,
    /// `np.inf`, `np.nan`.
    package static func number(_ value: Double) -> String {
        if value.isNaN { return "np.nan" }
        if value.isInfinite { return value < 0 ? "-np.inf" : "np.inf" }
        if value == value.rounded(), Swift.abs(value) < 1e15 { return String(Int64(value)) }
        let text = value.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    private func write(_ expr: Expr, _ context: Level) -> String {
        switch expr {
        case .number(let value):
            var text = PythonPrinter.number(value)
            if let (p, q) = PythonPrinter.exactFraction(Swift.abs(value)) {
                text = (value < 0 ? "-" : "") + PythonPrinter.number(p) + "/" + PythonPrinter.number(q)
                return context > .sum ? "(\(text))" : text
            }
            return (value < 0 || !value.isFinite) && context > .sum ? "(\(text))" : text
        case .constant(let constant):
            return constant == "pi" ? "np.pi" : constant == "e" ? "np.e" : name(constant)
        case .variable(let variable):
            return name(variable)
        case .symbol(let symbol):
            return name(symbol)
        case .apply(let function, let arguments):
            return PythonPrinter.numpyName(function) + "(" + arguments.map { write($0, .top) }.joined(separator: ", ") + ")"
        case .call(let callee, let arguments):
            return name(callee) + "(" + arguments.map { write($0, .top) }.joined(separator: ", ") + ")"
        case .column(let column):
            // d.x: the table's Python name, then the column as an attribute.
            guard let dot = column.name.lastIndex(of: ".") else { return name(column.name) }
            return name(String(column.name[..<dot])) + column.name[dot...]
        case .reduce(let kind, let inner):
            return "np.\(kind.rawValue)(" + write(inner, .top) + ")"
        case .sum(let terms):
            return writeSum(terms, context)
        case .product(let factors):
            return writeProduct(factors, context)
        case .power(_, .number(let n)) where n < 0:
            return writeProduct([expr], context)
        case .power(let base, let exponent):
            // Python's ** binds tighter than a leading minus and is read right to left,
            // so a power as a base keeps its parentheses: (x**2)**3.
            let text = write(base, .atom) + "**" + writeExponent(exponent)
            return context > .power ? "(\(text))" : text
        }
    }

    package static func numpyName(_ function: ElementaryFunction) -> String {
        switch function {
        case .ln: return "np.log"
        case .min: return "np.minimum"
        case .max: return "np.maximum"
        case .asin: return "np.arcsin"
        case .acos: return "np.arccos"
        case .atan: return "np.arctan"
        default: return "np." + function.rawValue
        }
    }

    private func writeExponent(_ exponent: Expr) -> String {
        switch exponent {
        case .number(let n) where n >= 0 && PythonPrinter.exactFraction(n) == nil: return PythonPrinter.number(n)
        case .constant, .variable, .symbol, .apply, .call, .column, .reduce: return write(exponent, .atom)
        default: return "(" + write(exponent, .top) + ")"
        }
    }

    private func writeSum(_ terms: [Expr], _ context: Level) -> String {
        guard !terms.isEmpty else { return "0" }
        // The terms added first and those subtracted after, as descent's compiled
        // code does, so that the script rounds as the notebook did: 2*x - x**2.
        let ordered = terms.filter { !ExpressionPrinter.splitSign($0).0 } + terms.filter { ExpressionPrinter.splitSign($0).0 }
        var text = ""
        for (i, term) in ordered.enumerated() {
            let (negative, magnitude) = ExpressionPrinter.splitSign(term)
            if i == 0 {
                text = negative ? "-" + write(magnitude, .unary) : write(magnitude, .sum)
            } else {
                // x - (y + 1): what is subtracted is one operand.
                text += negative ? " - " + write(magnitude, .product) : " + " + write(magnitude, .sum)
            }
        }
        return context > .sum ? "(\(text))" : text
    }

    private func writeProduct(_ factors: [Expr], _ context: Level) -> String {
        var coefficient = 1.0
        var numerator: [Expr] = []
        var denominator: [Expr] = []
        for factor in factors {
            switch factor {
            case .number(let value):
                coefficient *= value
            case .power(let base, .number(let n)) where n < 0:
                denominator.append(n == -1 ? base : .power(base, .number(-n)))
            default:
                numerator.append(factor)
            }
        }
        if coefficient == 0 && numerator.isEmpty && denominator.isEmpty { return "0" }
        let negative = coefficient < 0
        coefficient = Swift.abs(coefficient)
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
        if negative { text = "-" + text }
        let needsParens = context > .unary || (negative && context > .sum) ||
            (context == .unary && negative)
        return needsParens ? "(\(text))" : text
    }

    /// (p, q) with q at most 1000 when p/q, computed in doubles, is exactly `value`.
    static func exactFraction(_ value: Double, preferDecimal: Bool = true) -> (Double, Double)? {
        guard value.isFinite, value != value.rounded() else { return nil }
        // A short decimal stays a decimal (0.5, 0.25, 0.1), unless a quotient follows: 1/(2 sqrt(x)).
        if preferDecimal && value.description.count <= 6 { return nil }
        for q in 2...1000 {
            let p = (value * Double(q)).rounded()
            if p / Double(q) == value && p < 1e15 { return (p, Double(q)) }
        }
        return nil
    }
}
