/// How tightly a piece of a formula binds, loosest first: the one scale by
/// which every printer of formulas (an `Expr` in either dialect, a cell's
/// syntax as Python) decides where parentheses go.
///
///     x + 1 as a factor:     sum inside product    →  (x + 1)*y
///     x*y as an exponent:    product inside unary  →  2**(x*y)
///     -x as a base:          unary inside atom     →  (-x)**2
package enum Precedence: Int, Comparable, Sendable {
    case top = 0, sum, product, unary, power, atom

    package static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }

    /// `text`, which binds as tightly as this, written where `context` is
    /// expected: in parentheses when it binds more loosely than that.
    package func parenthesized(_ text: String, in context: Precedence) -> String {
        self < context ? "(\(text))" : text
    }

    /// One step tighter: the right operand of - and /, where a - (b + c) and
    /// a/(b*c) keep their parentheses.
    package var tighter: Precedence { Precedence(rawValue: Swift.min(rawValue + 1, Precedence.atom.rawValue))! }
}
