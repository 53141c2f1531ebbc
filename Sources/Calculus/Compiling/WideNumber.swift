import Foundation

/// A double with an exponent of its own, for the few evaluations where a
/// finite result passes through a value the doubles cannot hold.
///
///     sw(x) = x/(1 + exp(-x)),  sw'(800) = (exp(x)(x + 1) + exp(2x))/(exp(x) + 1)^2
///     doubles:  exp(1600) is inf, so inf/inf = nan
///     wide:     e^1600 is 0.69 × 2^2309, and the quotient is 1
///
/// The rule: when a derivative (or any expression or program) evaluates to
/// infinity or NaN, it is evaluated again with this number, whose exponent
/// is an `Int`; where the true value is a double, that is what it gives.
/// Only the failing evaluations pay for it: the fast path is the doubles.
///
/// The value is `significand × 2^exponent` with `significand` in
/// [0.5, 1) in magnitude (as `frexp` gives), or a zero, infinity or NaN
/// significand with exponent 0. Each operation rounds once, as a double
/// does, so results agree with the doubles' to a few units in the last place.
package struct WideNumber: Sendable {
    package var significand: Double
    package var exponent: Int

    package init(_ value: Double) {
        guard value.isFinite, value != 0 else {
            significand = value
            exponent = 0
            return
        }
        (significand, exponent) = WideNumber.split(value)
    }

    /// `frexp`, with the sign kept (Swift's `frexp` returns the magnitude's significand).
    private static func split(_ x: Double) -> (Double, Int) {
        let e = Int(x.exponent) + 1
        return (scalbn(x, -e), e)
    }

    init(significand: Double, exponent: Int) {
        guard significand.isFinite, significand != 0 else {
            self.significand = significand
            self.exponent = 0
            return
        }
        let (m, e) = WideNumber.split(significand)
        self.significand = m
        self.exponent = exponent + e
    }

    /// The nearest double: infinity above the largest, zero below the smallest.
    package var double: Double {
        guard significand.isFinite, significand != 0 else { return significand }
        if exponent > 1100 { return significand > 0 ? .infinity : -.infinity }
        if exponent < -1200 { return significand > 0 ? 0 : -0.0 }
        return scalbn(significand, exponent)
    }

    var isSpecial: Bool { !significand.isFinite || significand == 0 }

    static func + (a: WideNumber, b: WideNumber) -> WideNumber {
        if a.isSpecial || b.isSpecial {
            if a.significand == 0 { return b }
            if b.significand == 0 { return a }
            return WideNumber(a.significand + b.significand)
        }
        let (big, small) = a.exponent >= b.exponent ? (a, b) : (b, a)
        let gap = big.exponent - small.exponent
        if gap > 1100 { return big }
        return WideNumber(significand: big.significand + scalbn(small.significand, -gap), exponent: big.exponent)
    }

    static prefix func - (a: WideNumber) -> WideNumber {
        var negated = a
        negated.significand = -a.significand
        return negated
    }

    static func - (a: WideNumber, b: WideNumber) -> WideNumber { a + -b }

    static func * (a: WideNumber, b: WideNumber) -> WideNumber {
        if a.isSpecial || b.isSpecial { return WideNumber(a.significand * b.significand) }
        return WideNumber(significand: a.significand * b.significand, exponent: a.exponent + b.exponent)
    }

    static func / (a: WideNumber, b: WideNumber) -> WideNumber {
        // With a zero, an infinity or a NaN, the significands alone give the doubles' answer.
        if a.isSpecial || b.isSpecial { return WideNumber(a.significand / b.significand) }
        return WideNumber(significand: a.significand / b.significand, exponent: a.exponent - b.exponent)
    }

    /// ln 2 in two parts, so that x − k ln 2 keeps its digits for large k.
    private static let ln2High = 0.693147180369123816490
    private static let ln2Low = 1.90821492927058770002e-10

    /// e^x, for any double x: e^x = e^r × 2^k with k = round(x / ln 2).
    static func exp(_ a: WideNumber) -> WideNumber {
        let x = a.double
        guard x.isFinite else { return WideNumber(Foundation.exp(x)) }
        let k = (x / Foundation.log(2.0)).rounded()
        guard Swift.abs(k) < 1e18 else { return WideNumber(x > 0 ? .infinity : 0) }
        let r = (x - k * ln2High) - k * ln2Low
        return WideNumber(significand: Foundation.exp(r), exponent: Int(k))
    }

    static func ln(_ a: WideNumber) -> WideNumber {
        if a.isSpecial || a.significand < 0 { return WideNumber(Foundation.log(a.significand)) }
        return WideNumber(Foundation.log(a.significand) + Double(a.exponent) * Foundation.log(2.0))
    }

    /// ln(1 + a), exact for a tiny a as `log1p` is.
    static func log1p(_ a: WideNumber) -> WideNumber {
        let small = a.double
        if small.isFinite && Swift.abs(small) < 1e300 { return WideNumber(Foundation.log1p(small)) }
        return ln(WideNumber(1) + a)
    }

    static func sqrt(_ a: WideNumber) -> WideNumber {
        if a.isSpecial || a.significand < 0 { return WideNumber(Foundation.sqrt(a.significand)) }
        // An even exponent halves exactly.
        let odd = a.exponent & 1 != 0
        return WideNumber(significand: Foundation.sqrt(odd ? a.significand * 2 : a.significand), exponent: (a.exponent - (odd ? 1 : 0)) / 2)
    }

    /// a^b: whole powers by repeated squaring (exactly as far as doubles go),
    /// others as e^(b ln a).
    static func power(_ a: WideNumber, _ b: WideNumber) -> WideNumber {
        let y = b.double
        if a.isSpecial || !y.isFinite { return WideNumber(Expr.power(a.double, y)) }
        if y == y.rounded(), Swift.abs(y) <= 1024 {
            var result = WideNumber(1), base = a, n = Int(Swift.abs(y))
            while n > 0 {
                if n & 1 == 1 { result = result * base }
                base = base * base
                n >>= 1
            }
            return y < 0 ? WideNumber(1) / result : result
        }
        guard a.significand > 0 else { return WideNumber(Foundation.pow(a.double, y)) }
        return exp(WideNumber(y) * ln(a))
    }

    /// Whether a < b.
    static func less(_ a: WideNumber, _ b: WideNumber) -> Bool {
        (a - b).significand < 0
    }

    /// The function applied in wide numbers where it can overflow on the
    /// way (exp, sinh, cosh, ln, sqrt, …); the bounded ones take the double.
    static func apply(_ function: ElementaryFunction, _ a: WideNumber, _ b: WideNumber) -> WideNumber {
        switch function {
        case .exp: return exp(a)
        case .ln: return ln(a)
        case .log10: return ln(a) / WideNumber(Foundation.log(10.0))
        case .log2: return ln(a) / WideNumber(Foundation.log(2.0))
        case .sqrt: return sqrt(a)
        case .sinh: return (exp(a) - exp(-a)) / WideNumber(2)
        case .cosh: return (exp(a) + exp(-a)) / WideNumber(2)
        case .abs: return a.significand < 0 ? -a : a
        case .sign: return WideNumber(a.significand > 0 ? 1 : a.significand < 0 ? -1 : a.significand)
        case .min:
            if a.significand.isNaN || b.significand.isNaN { return WideNumber(.nan) }
            return less(b, a) ? b : a
        case .max:
            if a.significand.isNaN || b.significand.isNaN { return WideNumber(.nan) }
            return less(a, b) ? b : a
        default:
            return WideNumber(function.apply(a.double, b.double))
        }
    }
}

extension Expr {
    /// The value by walking the tree in wide numbers (see `WideNumber`), for
    /// an evaluation whose doubles overflowed; nil where the tree reads data
    /// or calls a function, which this walk does not follow.
    func wideValue(_ variables: [String: Double], symbols: [String: Double]) -> Double? {
        wide(variables, symbols: symbols)?.double
    }

    private func wide(_ variables: [String: Double], symbols: [String: Double]) -> WideNumber? {
        switch self {
        case .number(let value): return WideNumber(value)
        case .constant(let name): return WideNumber(BuiltinNames.constants[name] ?? .nan)
        case .variable(let name): return WideNumber(variables[name] ?? .nan)
        case .symbol(let name): return WideNumber(symbols[name] ?? .nan)
        case .column, .reduce, .call: return nil
        case .sum(let items):
            var total = WideNumber(0)
            for item in items {
                guard let value = item.wide(variables, symbols: symbols) else { return nil }
                total = total + value
            }
            return total
        case .product(let items):
            var total = WideNumber(1)
            for item in items {
                guard let value = item.wide(variables, symbols: symbols) else { return nil }
                total = total * value
            }
            return total
        case .power(let base, let exponent):
            guard let a = base.wide(variables, symbols: symbols), let b = exponent.wide(variables, symbols: symbols) else { return nil }
            return WideNumber.power(a, b)
        case .apply(.ln, let items) where Expr.onePlus(items[0]) != nil:
            return Expr.onePlus(items[0])!.wide(variables, symbols: symbols).map(WideNumber.log1p)
        case .apply(let function, let items):
            guard let a = items[0].wide(variables, symbols: symbols) else { return nil }
            let b = items.count > 1 ? items[1].wide(variables, symbols: symbols) : WideNumber(.nan)
            guard let b else { return nil }
            return WideNumber.apply(function, a, b)
        }
    }
}

extension Program {
    /// The outputs computed again in wide numbers (see `WideNumber`), for
    /// inputs at which the doubles overflowed on the way; nil for a program
    /// over data, whose passes this does not follow.
    func wideOutputs(_ inputs: UnsafePointer<Double>) -> [Double]? {
        guard passes.isEmpty else { return nil }
        var r = initialRegisters.map(WideNumber.init)
        for i in 0..<inputCount { r[i] = WideNumber(inputs[i]) }
        for op in instructions {
            let a = r[Int(op.left)]
            let b = op.operation.readsRight ? r[Int(op.right)] : WideNumber(.nan)
            let c = op.operation.readsExtra ? r[Int(op.extra)] : WideNumber(.nan)
            let value: WideNumber
            switch op.operation {
            case .add: value = a + b
            case .subtract: value = a - b
            case .multiply: value = a * b
            case .divide: value = a / b
            case .negate: value = -a
            case .square: value = a * a
            case .power: value = WideNumber.power(a, b)
            case .multiplyAdd: value = a * b + c
            case .multiplySubtract: value = a * b - c
            case .subtractProduct: value = c - a * b
            case .multiply3: value = a * b * c
            case .log1p: value = WideNumber.log1p(a)
            default:
                guard let function = op.operation.elementary else { return nil }
                value = WideNumber.apply(function, a, b)
            }
            r[Int(op.target)] = value
        }
        return outputs.map { r[Int($0)].double }
    }
}
