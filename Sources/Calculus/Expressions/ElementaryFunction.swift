import Foundation

/// The built-in functions of the cell language, with their values.
/// Their derivatives live with the other rules in `Derivative`.
///
///     ElementaryFunction(named: "log")  →  .ln   (log is the natural log)
package enum ElementaryFunction: String, CaseIterable, Hashable, Sendable, Codable {
    case sin, cos, tan, asin, acos, atan, sinh, cosh, tanh
    case exp, ln, log10, log2, sqrt, abs, sign
    case min, max

    /// Looks a function up by any of its names (`log` is `ln`).
    package init?(named name: String) {
        if name == "log" {
            self = .ln
            return
        }
        self.init(rawValue: name)
    }

    package var arity: Int {
        switch self {
        case .min, .max: return 2
        default: return 1
        }
    }

    /// Every name a user may type, for completion and suggestions.
    package static var allNames: [String] { allCases.map(\.rawValue) + ["log"] }

    /// The value at the given arguments. Outside the domain the result is
    /// NaN (`ln(-1)`, `sqrt(-1)`, `asin(2)`) or infinite (`ln(0)`), as IEEE
    /// arithmetic gives; callers turn those into notes, never traps.
    @inline(__always)
    package func apply(_ a: Double, _ b: Double = .nan) -> Double {
        switch self {
        case .sin: return Foundation.sin(a)
        case .cos: return Foundation.cos(a)
        case .tan: return Foundation.tan(a)
        case .asin: return Foundation.asin(a)
        case .acos: return Foundation.acos(a)
        case .atan: return Foundation.atan(a)
        case .sinh: return Foundation.sinh(a)
        case .cosh: return Foundation.cosh(a)
        case .tanh: return Foundation.tanh(a)
        case .exp: return Foundation.exp(a)
        case .ln: return Foundation.log(a)
        case .log10: return Foundation.log10(a)
        case .log2: return Foundation.log2(a)
        case .sqrt: return a.squareRoot()
        case .abs: return Swift.abs(a)
        case .sign: return a > 0 ? 1 : (a < 0 ? -1 : a)
        // NaN in either argument gives NaN, unlike fmin/fmax which drop it.
        case .min: return a.isNaN || b.isNaN ? .nan : Swift.min(a, b)
        case .max: return a.isNaN || b.isNaN ? .nan : Swift.max(a, b)
        }
    }
}

/// Names with a fixed meaning in every cell.
package enum BuiltinNames {
    package static let constants: [String: Double] = ["pi": Double.pi, "e": M_E]
}
