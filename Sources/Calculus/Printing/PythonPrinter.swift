/// Writes an `Expr` as Python with numpy (the Python dialect of
/// `ExpressionPrinter`), the way a person would write it in a script: `x**2 - 3*x + 2`, `np.exp(-x)/(1 + np.exp(-x))**2`,
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

    package func print(_ expr: Expr) -> String {
        ExpressionPrinter(.python(name: name)).print(expr)
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
