/// The shortest of a few equal forms of an expression, for derivatives: the
/// rules of `Simplifier` leave `2(x + 1) - 2(x - 1)` as it is, and a person
/// writes `4`. At every sum (and product of sums), bottom-up, it tries
///
///     expanded and collected    (x - 2)(x - 3) + (x - 1)(x - 3) + (x - 1)(x - 2)  →  3x^2 - 12x + 11
///     a common factor out       2x*exp(x) + x^2*exp(x)                             →  x(x + 2) exp(x)
///     one denominator           1/(x + 1) - x/(x + 1)^2                            →  1/(x + 1)^2
///
/// and keeps the one with the fewest operations, the form as it was on a tie.
/// Every form is equal to the others as algebra; like the simplifier, it
/// takes x/x as 1.
package enum Tidy {
    package static func tidy(_ expr: Expr) -> Expr {
        // A derivative grown huge (the tenth of x^x) is left as the rules made it: trying forms would take long.
        guard !expr.isLarger(than: 3000) else { return expr }
        let result = tidied(expr)
        // A minus in front goes into a difference below, but only for the whole: inside a sum it costs nothing.
        if let absorbed = absorbingMinus(result).map(Simplifier.simplify), operations(absorbed) < operations(result) { return absorbed }
        return result
    }

    private static func tidied(_ expr: Expr) -> Expr {
        let inner: Expr
        switch expr {
        case .number, .constant, .variable, .symbol, .column:
            return expr
        case .sum(let terms):
            inner = Simplifier.simplify(.sum(terms.map(tidied)))
        case .product(let factors):
            inner = Simplifier.simplify(.product(factors.map(tidied)))
        case .power(let base, let exponent):
            // x^0.5 is sqrt(x), and x^-0.5 is 1/sqrt(x), as a person writes them.
            if exponent == .number(0.5) { return .apply(.sqrt, [tidied(base)]) }
            if exponent == .number(-0.5) { return .power(.apply(.sqrt, [tidied(base)]), .number(-1)) }
            inner = Simplifier.simplify(.power(tidied(base), tidied(exponent)))
        case .apply(let function, let arguments):
            return .apply(function, arguments.map(tidied))
        case .call(let name, let arguments):
            return .call(name, arguments.map(tidied))
        case .reduce(let kind, let body):
            return Simplifier.simplify(.reduce(kind, tidied(body)))
        }
        let tidiedFirst = shortest(inner)
        guard case .sum = expr else { return tidiedFirst }
        // The parts at their shortest do not always make the shortest whole: 6(2x + 1)^2(x - 1)
        // expanded is shorter alone, but beside (2x + 1)^3 the common factor is what shortens the sum.
        let asWritten = shortest(Simplifier.simplify(expr))
        return operations(asWritten) < operations(tidiedFirst) ? asWritten : tidiedFirst
    }

    /// The form with the fewest operations among the ones tried.
    static func shortest(_ expr: Expr) -> Expr {
        // Ctrl-C: no more forms are tried, and the one reached is kept (see `Interruption`).
        guard !Interruption.isRequested() else { return expr }
        var best = expr
        var bestCount = operations(expr)
        func consider(_ candidate: Expr?) {
            guard let candidate else { return }
            let simplified = Simplifier.simplify(candidate)
            let count = operations(simplified)
            if count < bestCount {
                best = simplified
                bestCount = count
            }
        }
        switch expr {
        case .sum:
            consider(Polynomial(expr)?.expr(ordered: expr))
            consider(Polynomial(expr)?.withTrigonometry.expr(ordered: expr))
            consider(Polynomial(expr)?.withHyperbolicFunctions.expr(ordered: expr))
            let factored = commonFactor(expr)
            consider(factored)
            if let factored { consider(expandedInside(factored)) }
            if let together = oneDenominator(expr) {
                consider(together)
                consider(expandedInside(together))
                if let expanded = expandedInside(together) {
                    consider(tangents(Simplifier.simplify(expanded)))
                    // 1/(1 + exp(-x)) - 1 over one denominator is -exp(-x)/(1 + exp(-x)), then -1/(exp(x) + 1).
                    consider(clearingNegativeExponentials(Simplifier.simplify(expanded)))
                }
                if let factoredTop = commonFactorOfNumerator(together) { consider(factoredTop) }
            }
        case .product(let factors):
            let hasSums = factors.contains { if case .sum = $0 { return true }; if case .power(.sum, _) = $0 { return true }; return false }
            if hasSums {
                consider(Polynomial(expr)?.expr(ordered: expr))
                consider(clearingNegativeExponentials(expr))
            }
            if hasSums || factors.contains(where: { if case .apply(let f, _) = $0 { return f == .sin || f == .sinh }; return false }) {
                consider(Polynomial(expr)?.withTrigonometry.expr(ordered: expr))
            }
            consider(tangents(expr))
            consider(cancelled(expr))
            consider(halfPowers(expr))
            consider(clearedRoots(expr))
            // A sum inside with its common factor out, (5x^2 + 4x)/… as x(5x + 4)/…, or over one
            // denominator, (0.5 - 1/(2x))/sqrt(x) as (x - 1)/(2x^1.5): the whole may then share more.
            for (index, factor) in factors.enumerated() {
                guard case .sum = factor else { continue }
                for rewritten in [commonFactor(factor), oneDenominator(factor).flatMap(expandedInside)] {
                    guard let rewritten else { continue }
                    var replaced = factors
                    replaced[index] = rewritten
                    let whole = Simplifier.simplify(.product(replaced))
                    consider(whole)
                    consider(halfPowers(whole))
                    consider(clearingNegativeExponentials(whole))
                }
            }
        default:
            break
        }
        // A sum that became a quotient gets the quotient's own tries too: x(5x + 4)/(2 sqrt(x + 1)).
        if case .sum = expr, case .product = best { return shortest(best) }
        return best
    }

    // MARK: - Counting

    /// The operations in the written form: each +, -, *, /, ^, function and
    /// leading minus, as computer algebra systems count them.
    package static func operations(_ expr: Expr) -> Int {
        switch expr {
        case .number(let value):
            return value < 0 ? 1 : 0
        case .constant, .variable, .symbol, .column:
            return 0
        case .sum(let terms):
            return max(0, terms.count - 1) + terms.reduce(0) { total, term in
                // A term written after a minus costs its minus, not a negation too.
                let (negative, magnitude) = ExpressionPrinter.splitSign(term)
                return total + (negative ? operations(magnitude) : operations(term))
            }
        case .product(let factors):
            // a*b*c/(d*e): the multiplications above and below, one division, a leading minus.
            var count = 0
            var above = 0
            var below = 0
            for factor in factors {
                switch factor {
                case .number(let value):
                    if value < 0 { count += 1 }
                    if abs(value) != 1 { above += 1 }
                case .power(let base, .number(let n)) where n < 0:
                    count += operations(base) + (n == -1 ? 0 : 1)
                    below += 1
                default:
                    count += operations(factor)
                    above += 1
                }
            }
            return count + max(0, above - 1) + (below > 0 ? 1 + below - 1 : 0)
        case .power(let base, let exponent):
            if case .number(-1) = exponent { return 1 + operations(base) }
            return 1 + operations(base) + operations(exponent)
        case .apply(_, let arguments), .call(_, let arguments):
            return 1 + arguments.reduce(0) { $0 + operations($1) }
        case .reduce(_, let inner):
            return 1 + operations(inner)
        }
    }

    // MARK: - exp(-u) over a sum of them

    /// exp(-x)/(1 + exp(-x)) as 1/(exp(x) + 1), and 1/(x^2 (1 + 1/x^2)) as
    /// 1/(x^2 + 1): each sum with a negative power in it (exp(-u) is one)
    /// multiplied through by that power, and the product balanced by it.
    static func clearingNegativeExponentials(_ expr: Expr) -> Expr? {
        var changed = false
        var factors: [Expr] = []
        for factor in expr.factors.map(Exponentials.asPowers) {
            var (base, exponent) = (factor, 1.0)
            if case .power(let b, .number(let n)) = factor, n == n.rounded() { (base, exponent) = (b, n) }
            guard case .sum = base, let poly = Polynomial(base) else {
                factors.append(factor)
                continue
            }
            // The most negative power of each exponential in the sum.
            var clearing: [Expr: Int] = [:]
            for monomial in poly.terms.keys {
                for (atom, power) in monomial where power < 0 {
                    clearing[atom] = max(clearing[atom] ?? 0, -power)
                }
            }
            guard !clearing.isEmpty else {
                factors.append(factor)
                continue
            }
            changed = true
            let multiplier = Expr.product(clearing.map { Expr.power($0.key, .number(Double($0.value))) })
            guard let cleared = Polynomial(.product([base, multiplier])) else { return nil }
            factors.append(.power(Simplifier.simplify(cleared.expr(ordered: base)), .number(exponent)))
            for (atom, power) in clearing { factors.append(.power(atom, .number(-Double(power) * exponent))) }
        }
        guard changed else { return nil }
        return Exponentials.asNegatives(Simplifier.simplify(.product(factors)))
    }

    /// (2x^3 - 3x^2 + 1)/(x - 1)^2 as 2x + 1: a polynomial in one variable over
    /// a power of another, divided by what they share.
    static func cancelled(_ expr: Expr) -> Expr? {
        guard case .product(let factors) = expr else { return nil }
        guard let top = factors.firstIndex(where: { if case .sum = $0 { return true }; return false }),
              let bottom = factors.firstIndex(where: { if case .power(.sum, .number(let n)) = $0 { return n < 0 && n == n.rounded() }; return false }),
              case .power(let base, .number(let n)) = factors[bottom],
              var numerator = OneVariable(factors[top]), let denominator = OneVariable(base),
              numerator.atom == denominator.atom else { return nil }
        var shared: [OneVariable] = []
        // Each division by what the numerator shares with the base takes one power of that share off the bottom.
        for _ in 0..<Int(-n) {
            guard let common = OneVariable.gcd(numerator, denominator), common.degree >= 1,
                  shared.isEmpty || common.coefficients == shared[0].coefficients,
                  let reduced = numerator.divided(by: common) else { break }
            numerator = reduced
            shared.append(common)
        }
        // The base is g q; base^-n is g^-n q^-n, and the numerator took g^k away.
        guard let g = shared.first, let q = denominator.divided(by: g) else { return nil }
        let exponent = Int(-n), k = shared.count
        var below: [Expr] = []
        if q.degree > 0 || q.coefficients[0] != 1 { below.append(.power(q.expr, .number(-Double(exponent)))) }
        if exponent - k > 0 { below.append(.power(g.expr, .number(-Double(exponent - k)))) }
        var result = factors
        result[top] = numerator.expr
        result[bottom] = .product(below)
        return .product(result)
    }

    /// x*sqrt(x) as x^1.5, 1/(x*sqrt(x)) as 1/x^1.5: a whole power and a root of one base as one power.
    /// A square root of a sum with fractions in it, written over a whole
    /// sum: sqrt(1 - x^2/4) is sqrt(4 - x^2)/2, so that asin(x/2)' is
    /// 1/sqrt(4 - x^2) as a textbook prints it. Only where the common
    /// denominator is a perfect square (4, 9, 16, …), so no root of a number
    /// is left over.
    static func clearedRoots(_ expr: Expr) -> Expr? {
        guard case .product(let factors) = expr else { return nil }
        /// The sum over a whole denominator m^2, and m; nil when there is none to clear.
        func cleared(_ sum: Expr) -> (Expr, Double)? {
            guard case .sum(let terms) = sum else { return nil }
            var denominator = 1
            for term in terms {
                let (c, _) = Simplifier.coefficient(of: term)
                guard let q = (1...16).first(where: { q in
                    let scaled = c * Double(q)
                    return Swift.abs(scaled - scaled.rounded()) <= 4 * Swift.max(1, Swift.abs(scaled)) * Double.ulpOfOne
                }) else { return nil }
                denominator = denominator / gcd(denominator, q) * q
            }
            let root = Double(denominator).squareRoot()
            guard denominator > 1, root == root.rounded() else { return nil }
            let k = Double(denominator)
            let scaled = terms.map { term -> Expr in
                let (c, rest) = Simplifier.coefficient(of: term)
                return Simplifier.simplify(.product([.number((c * k).rounded()), rest]))
            }
            return (.sum(scaled), root)
        }
        var changed = false
        let replaced = factors.map { factor -> Expr in
            switch factor {
            case .apply(.sqrt, let inner):
                guard let (sum, m) = cleared(inner[0]) else { return factor }
                changed = true
                return .product([.apply(.sqrt, [sum]), .number(1 / m)])
            case .power(.apply(.sqrt, let inner), .number(let n)):
                guard let (sum, m) = cleared(inner[0]) else { return factor }
                changed = true
                return .product([.power(.apply(.sqrt, [sum]), .number(n)), .number(Expr.power(m, -n))])
            case .power(let base, .number(let e)) where Swift.abs(e) == 0.5:
                guard let (sum, m) = cleared(base) else { return factor }
                changed = true
                return .product([.power(sum, .number(e)), .number(Expr.power(m, -2 * e))])
            default:
                return factor
            }
        }
        return changed ? .product(replaced) : nil
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    static func halfPowers(_ expr: Expr) -> Expr? {
        guard case .product(let factors) = expr else { return nil }
        var result = factors
        var changed = false
        for (index, factor) in factors.enumerated() {
            var root: Expr?, sign = 1.0
            if case .apply(.sqrt, let inner) = factor { root = inner[0] }
            if case .power(.apply(.sqrt, let inner), .number(-1)) = factor { root = inner[0]; sign = -1 }
            guard let root, let whole = factors.firstIndex(where: {
                if case .power(let base, .number(let n)) = $0 { return base == root && n == n.rounded() && n != 0 }
                return $0 == root
            }) else { continue }
            let n: Double
            if case .power(_, .number(let m)) = factors[whole] { n = m } else { n = 1 }
            result[whole] = .power(root, .number(n + sign / 2))
            result[index] = .one
            changed = true
        }
        return changed ? .product(result) : nil
    }

    /// -1/(1 - x) as 1/(x - 1): a minus taken into a difference raised to an odd power.
    static func absorbingMinus(_ expr: Expr) -> Expr? {
        guard case .product(let factors) = expr, let c = factors.first?.numberValue, c < 0,
              let index = factors.firstIndex(where: {
                  // A difference, a - b, which turned round is b - a.
                  func isDifference(_ terms: [Expr]) -> Bool {
                      terms.count == 2 && terms.filter { ExpressionPrinter.splitSign($0).0 }.count == 1
                  }
                  if case .power(.sum(let terms), .number(let n)) = $0, n == n.rounded(), Int(n) % 2 != 0 { return isDifference(terms) }
                  if case .sum(let terms) = $0 { return isDifference(terms) }
                  return false
              }) else { return nil }
        var result = factors
        result[0] = .number(-c)
        switch factors[index] {
        case .power(let base, let n): result[index] = .power(Exponentials.negated(base), n)
        default: result[index] = Exponentials.negated(factors[index])
        }
        return .product(result)
    }

    /// sin(u)/cos(u) as tan(u), sinh(u)/cosh(u) as tanh(u), and
    /// (exp(v) - 1)/(exp(v) + 1) as tanh(v/2).
    static func tangents(_ expr: Expr) -> Expr? {
        var factors = expr.factors
        var changed = false
        for index in factors.indices {
            guard case .sum(let top) = factors[index], top.count == 2, top.contains(.number(-1)),
                  let exponential = top.first(where: { if case .apply(.exp, _) = $0 { return true }; return false }),
                  case .apply(.exp, let v) = exponential,
                  let below = factors.firstIndex(where: { if case .power(.sum(let terms), .number(-1)) = $0 { return Set(terms) == Set([exponential, .one]) }; return false })
            else { continue }
            factors[index] = .apply(.tanh, [Simplifier.simplify(.product([.number(0.5), v[0]]))])
            factors[below] = .one
            changed = true
        }
        for (sine, cosine, tangent) in [(ElementaryFunction.sin, ElementaryFunction.cos, ElementaryFunction.tan), (.sinh, .cosh, .tanh)] {
            for index in factors.indices {
                guard case .apply(sine, let u) = factors[index],
                      let other = factors.firstIndex(where: { $0 == .power(.apply(cosine, u), .number(-1)) }) else { continue }
                factors[index] = .apply(tangent, u)
                factors[other] = .one
                changed = true
            }
            // cos(u)/sin(u) is 1/tan(u).
            for index in factors.indices {
                guard case .apply(cosine, let u) = factors[index],
                      let other = factors.firstIndex(where: { $0 == .power(.apply(sine, u), .number(-1)) }) else { continue }
                factors[index] = .power(.apply(tangent, u), .number(-1))
                factors[other] = .one
                changed = true
            }
        }
        return changed ? .product(factors) : nil
    }

    // MARK: - A common factor

    /// A term as its factors and their exponents, and its number.
    private static func powers(of term: Expr) -> (coefficient: Double, powers: [(base: Expr, exponent: Double)]) {
        var coefficient = 1.0
        var result: [(Expr, Double)] = []
        for factor in term.factors {
            switch factor {
            case .number(let value): coefficient *= value
            case .power(let base, .number(let n)): result.append((base, n))
            default: result.append((factor, 1))
            }
        }
        return (coefficient, result)
    }

    /// `2x*exp(x) + x^2*exp(x)` as `x*exp(x)*(2 + x)`: the factors every term
    /// shares, at their lowest power, taken out. Nil when there are none.
    static func commonFactor(_ expr: Expr) -> Expr? {
        guard case .sum(let terms) = expr, terms.count > 1 else { return nil }
        let split = terms.map(powers)
        var common: [(base: Expr, exponent: Double)] = []
        for (base, _) in split[0].powers {
            let exponents = split.map { term in term.powers.first { Simplifier.canonicalSum($0.base) == Simplifier.canonicalSum(base) }?.exponent }
            guard exponents.allSatisfy({ $0 != nil }) else { continue }
            let values = exponents.map { $0! }
            if values.allSatisfy({ $0 > 0 }) { common.append((base, values.min()!)) }
            else if values.allSatisfy({ $0 < 0 }) { common.append((base, values.max()!)) }
        }
        guard !common.isEmpty else { return nil }
        let divisor = Expr.product(common.map { Expr.power($0.base, .number(-$0.exponent)) })
        var rest = Simplifier.simplify(.sum(terms.map { Simplifier.simplify(.product([$0, divisor])) }))
        // What is left, collected when that is no longer: x(x + 2), not x(2 + x).
        if let collected = Polynomial(rest).map({ Simplifier.simplify($0.expr(ordered: expr)) }), operations(collected) <= operations(rest) {
            rest = collected
        }
        return .product(common.map { Expr.power($0.base, .number($0.exponent)) } + [rest])
    }

    // MARK: - One denominator

    /// The terms of a sum over their common denominator: the powers with
    /// negative exponents, each at the largest power any term has it.
    static func oneDenominator(_ expr: Expr) -> Expr? {
        guard case .sum(let terms) = expr, terms.count > 1 else { return nil }
        var denominator: [(base: Expr, exponent: Double)] = []
        for term in terms {
            for (base, exponent) in powers(of: term).powers where exponent < 0 {
                if let index = denominator.firstIndex(where: { Simplifier.canonicalSum($0.base) == Simplifier.canonicalSum(base) }) {
                    denominator[index].exponent = max(denominator[index].exponent, -exponent)
                } else {
                    denominator.append((base, -exponent))
                }
            }
        }
        guard !denominator.isEmpty else { return nil }
        let whole = Expr.product(denominator.map { Expr.power($0.base, .number($0.exponent)) })
        let numerator = terms.map { Simplifier.simplify(.product([$0, whole])) }
        return .product([.sum(numerator)] + denominator.map { Expr.power($0.base, .number(-$0.exponent)) })
    }

    /// A product with its sums expanded where they are polynomials.
    private static func expandedInside(_ expr: Expr) -> Expr? {
        guard case .product(let factors) = expr else { return nil }
        return .product(factors.map { factor in
            if case .sum = factor, let expanded = Polynomial(factor)?.expr(ordered: factor) { return Simplifier.simplify(expanded) }
            return factor
        })
    }

    /// The numerator of a quotient with its common factor out, then expanded inside.
    private static func commonFactorOfNumerator(_ expr: Expr) -> Expr? {
        guard case .product(let factors) = expr, let index = factors.firstIndex(where: { if case .sum = $0 { return true }; return false }) else { return nil }
        let top = Simplifier.simplify(Polynomial(factors[index])?.expr(ordered: factors[index]) ?? factors[index])
        guard let factored = commonFactor(top) else { return nil }
        var result = factors
        result[index] = expandedInside(factored) ?? factored
        return .product(result)
    }
}

/// A polynomial in whatever is not a sum, product or whole power: its
/// monomials (each a product of atoms to whole powers) and their numbers.
struct Polynomial {
    typealias Monomial = [Expr: Int]
    var terms: [Monomial: Double]

    /// More terms than this and the expansion is abandoned: it would not be shorter.
    static let limit = 64

    init?(_ expr: Expr) {
        guard let terms = Polynomial.expand(expr) else { return nil }
        self.terms = terms
    }

    private static func expand(_ expr: Expr) -> [Monomial: Double]? {
        switch expr {
        case .number(let value):
            return value == 0 ? [:] : [[:]: value]
        case .sum(let items):
            var result: [Monomial: Double] = [:]
            for item in items {
                guard let part = expand(item) else { return nil }
                for (monomial, c) in part { result[monomial, default: 0] += c }
                guard result.count <= limit else { return nil }
            }
            return result.filter { $0.value != 0 }
        case .product(let items):
            var result: [Monomial: Double] = [[:]: 1]
            for item in items {
                guard let part = expand(item) else { return nil }
                result = multiply(result, part)
                guard result.count <= limit else { return nil }
            }
            return result
        case .power(let base, .number(let n)) where n == n.rounded() && abs(n) <= 8:
            guard let inner = expand(base) else { return nil }
            if inner.count == 1, let (monomial, c) = inner.first, c == 1 || n > 0 {
                // A single monomial to any whole power: x^-2, (2x)^3.
                return [monomial.mapValues { $0 * Int(n) }.filter { $0.value != 0 }: Expr.power(c, n)]
            }
            guard n > 0 else { return [[expr: 1]: 1] }
            var result: [Monomial: Double] = [[:]: 1]
            for _ in 0..<Int(n) {
                result = multiply(result, inner)
                guard result.count <= limit else { return nil }
            }
            return result
        case .apply(.exp, let arguments) where Exponentials.negative(arguments[0]) != nil:
            // exp(-u) is exp(u)^-1, so that 1 + exp(-u) times exp(u) is exp(u) + 1.
            return [[Expr.apply(.exp, [Exponentials.negative(arguments[0])!]): -1]: 1]
        default:
            return [[expr: 1]: 1]
        }
    }

    /// The identities a person uses on sines and cosines of one angle, and
    /// their hyperbolic twins:
    ///
    ///     2 sin(u) cos(u) = sin(2u)      cos(u)^2 - sin(u)^2 = cos(2u)      cos(u)^2 + sin(u)^2 = 1
    ///     2 sinh(u) cosh(u) = sinh(2u)   cosh(u)^2 + sinh(u)^2 = cosh(2u)   cosh(u)^2 - sinh(u)^2 = 1
    var withTrigonometry: Polynomial {
        var copy = self
        copy.terms = Polynomial.doubleAngles(terms, sine: .sin, cosine: .cos, unitWhenOpposite: false)
        copy.terms = Polynomial.doubleAngles(copy.terms, sine: .sinh, cosine: .cosh, unitWhenOpposite: true)
        return copy
    }

    /// One family's identities: the product sine·cosine becomes half the sine
    /// of the double angle; squares of the two times the same rest pair up into
    /// 1 (cos^2 + sin^2, or cosh^2 - sinh^2: `unitWhenOpposite`) or the cosine
    /// of the double angle (the other sign).
    private static func doubleAngles(_ terms: [Monomial: Double], sine: ElementaryFunction, cosine: ElementaryFunction,
                                     unitWhenOpposite: Bool) -> [Monomial: Double] {
        var result: [Monomial: Double] = [:]
        func add(_ monomial: Monomial, _ c: Double) {
            result[monomial, default: 0] += c
            if result[monomial] == 0 { result[monomial] = nil }
        }
        func doubled(_ u: Expr) -> Expr { Simplifier.simplify(.product([.number(2), u])) }
        var squares: [Monomial: [Expr: (cosine: Double, sine: Double)]] = [:]
        for (monomial, c) in terms {
            if let (factor, _) = monomial.first(where: { if case .apply(sine, _) = $0.key { return $0.value == 1 }; return false }),
               case .apply(sine, let u) = factor, monomial[.apply(cosine, u)] == 1 {
                var rest = monomial
                rest[factor] = nil
                rest[.apply(cosine, u)] = nil
                rest[.apply(sine, [doubled(u[0])]), default: 0] += 1
                add(rest, c / 2)
                continue
            }
            if let (square, _) = monomial.first(where: {
                if case .apply(let f, _) = $0.key, f == sine || f == cosine { return $0.value == 2 }
                return false
            }), case .apply(let f, let u) = square {
                var rest = monomial
                rest[square] = nil
                var pair = squares[rest, default: [:]][u[0], default: (0, 0)]
                if f == cosine { pair.cosine += c } else { pair.sine += c }
                squares[rest, default: [:]][u[0]] = pair
                continue
            }
            add(monomial, c)
        }
        for (rest, angles) in squares {
            for (u, pair) in angles {
                let unit = unitWhenOpposite ? pair.cosine == -pair.sine : pair.cosine == pair.sine
                let doubleAngle = unitWhenOpposite ? pair.cosine == pair.sine : pair.cosine == -pair.sine
                if unit {
                    add(rest, pair.cosine)
                } else if doubleAngle {
                    var monomial = rest
                    monomial[.apply(cosine, [doubled(u)]), default: 0] += 1
                    add(monomial, pair.cosine)
                } else {
                    var cosines = rest, sines = rest
                    cosines[.apply(cosine, [u])] = 2
                    sines[.apply(sine, [u])] = 2
                    if pair.cosine != 0 { add(cosines, pair.cosine) }
                    if pair.sine != 0 { add(sines, pair.sine) }
                }
            }
        }
        return result
    }

    /// exp(u) + exp(-u) = 2 cosh(u) and exp(u) - exp(-u) = 2 sinh(u), times the same rest.
    var withHyperbolicFunctions: Polynomial {
        var result = terms
        for (monomial, c) in terms {
            guard result[monomial] == c, let (atom, power) = monomial.first(where: { if case .apply(.exp, _) = $0.key { return $0.value == 1 }; return false }),
                  case .apply(.exp, let u) = atom, power == 1 else { continue }
            var mirror = monomial
            mirror[atom] = -1
            guard let d = result[mirror], abs(d) == abs(c) else { continue }
            var rest = monomial
            rest[atom] = nil
            result[monomial] = nil
            result[mirror] = nil
            let function: ElementaryFunction = d == c ? .cosh : .sinh
            rest[.apply(function, u), default: 0] += 1
            result[rest, default: 0] += 2 * c
        }
        var copy = self
        copy.terms = result.filter { $0.value != 0 }
        return copy
    }

    private static func multiply(_ a: [Monomial: Double], _ b: [Monomial: Double]) -> [Monomial: Double] {
        var result: [Monomial: Double] = [:]
        for (ma, ca) in a {
            for (mb, cb) in b {
                let monomial = ma.merging(mb, uniquingKeysWith: +).filter { $0.value != 0 }
                result[monomial, default: 0] += ca * cb
            }
        }
        return result.filter { $0.value != 0 }
    }

    /// Highest degree first; then the atoms in the order they first appear
    /// in `source` (w before b in g(w, b)): 3x^2 - 12x + 11, 10w + 6b - 26.
    func expr(ordered source: Expr) -> Expr {
        var appearance: [Expr: Int] = [:]
        func visit(_ node: Expr) {
            if appearance[node] == nil, terms.keys.contains(where: { $0[node] != nil }) { appearance[node] = appearance.count }
            switch node {
            case .sum(let items), .product(let items), .apply(_, let items), .call(_, let items): items.forEach(visit)
            case .power(let base, let exponent): visit(base); visit(exponent)
            case .reduce(_, let inner): visit(inner)
            default: break
            }
        }
        visit(source)
        func rank(_ atom: Expr) -> Int { appearance[atom] ?? Int.max }
        func degree(_ monomial: Monomial) -> Int { monomial.values.reduce(0, +) }
        func key(_ monomial: Monomial) -> [Int] { monomial.keys.map(rank).sorted() }
        let ordered = terms.keys.sorted { a, b in
            degree(a) != degree(b) ? degree(a) > degree(b) : key(a).lexicographicallyPrecedes(key(b))
        }
        guard !ordered.isEmpty else { return .zero }
        // Thirds and the like over one denominator, (28w + 12b - 68)/3, not 9.33333w + 4b - 22.6667.
        let coefficients = ordered.map { terms[$0]! }
        let denominator = coefficients.allSatisfy { $0 == $0.rounded() } ? 1
            : (2...12).first { q in coefficients.allSatisfy { c in
                let scaled = c * Double(q)
                return abs(scaled - scaled.rounded()) <= 1e-9 * Swift.max(1, abs(scaled))
            } } ?? 1
        let sum = Expr.sum(ordered.map { monomial in
            let atoms = monomial.keys.sorted { rank($0) < rank($1) }
            let c = denominator == 1 ? terms[monomial]! : (terms[monomial]! * Double(denominator)).rounded()
            return .product([.number(c)] + atoms.map { Exponentials.asNegatives(Expr.power($0, .number(Double(monomial[$0]!)))) })
        })
        return denominator == 1 ? sum : .product([sum, .power(.number(Double(denominator)), .number(-1))])
    }
}

/// exp(-u) and exp(u)^-1 are one number; the second form lets powers of
/// exp(u) be merged, the first is how a person writes the result.
enum Exponentials {
    /// u as -v, when it reads as a negative: -x, -2x, -x - 2y, 1 - 2x (its terms with a variable all negative).
    static func negative(_ u: Expr) -> Expr? {
        let (negative, magnitude) = ExpressionPrinter.splitSign(u)
        if negative { return magnitude }
        guard case .sum(let terms) = u else { return nil }
        let varying = terms.filter { $0.numberValue == nil }
        guard !varying.isEmpty, varying.allSatisfy({ ExpressionPrinter.splitSign($0).0 }) else { return nil }
        return negated(u)
    }

    /// -u with the minus taken into a sum's terms: -(-x - y) is x + y.
    static func negated(_ u: Expr) -> Expr {
        if case .sum(let terms) = u { return Simplifier.simplify(.sum(terms.map { -$0 })) }
        return Simplifier.simplify(-u)
    }

    static func asPowers(_ factor: Expr) -> Expr {
        switch factor {
        case .apply(.exp, let arguments):
            guard let positive = negative(arguments[0]) else { return factor }
            return .power(.apply(.exp, [positive]), .number(-1))
        case .power(.apply(.exp, let arguments), .number(let n)):
            guard let positive = negative(arguments[0]) else { return factor }
            return .power(.apply(.exp, [positive]), .number(-n))
        default:
            return factor
        }
    }

    static func asNegatives(_ expr: Expr) -> Expr {
        switch expr {
        case .power(.apply(.exp, let arguments), .number(let n)) where n < 0:
            let negated = Expr.apply(.exp, [negated(arguments[0])])
            return n == -1 ? negated : .power(negated, .number(-n))
        case .product(let factors):
            return .product(factors.map(asNegatives))
        default:
            return expr
        }
    }
}

/// A polynomial in one atom (x, or exp(x)), by its coefficients from the
/// constant up, for dividing a quotient's top and bottom by what they share.
struct OneVariable {
    var atom: Expr
    var coefficients: [Double]

    var degree: Int { coefficients.count - 1 }

    init?(_ expr: Expr) {
        guard let polynomial = Polynomial(expr), polynomial.terms.count > 0 else { return nil }
        var atom: Expr?
        var coefficients: [Double] = []
        for (monomial, c) in polynomial.terms {
            guard monomial.count <= 1 else { return nil }
            if let (a, power) = monomial.first {
                guard power > 0, power <= 12, atom == nil || atom == a else { return nil }
                atom = a
                if coefficients.count <= power { coefficients += Array(repeating: 0, count: power + 1 - coefficients.count) }
                coefficients[power] += c
            } else {
                if coefficients.isEmpty { coefficients = [0] }
                coefficients[0] += c
            }
        }
        guard let atom else { return nil }
        self.atom = atom
        self.coefficients = coefficients
    }

    init(atom: Expr, coefficients: [Double]) {
        self.atom = atom
        var trimmed = coefficients
        while trimmed.count > 1, trimmed.last == 0 { trimmed.removeLast() }
        self.coefficients = trimmed
    }

    var expr: Expr {
        .sum(coefficients.enumerated().reversed().compactMap { power, c in
            c == 0 ? nil : .product([.number(c), .power(atom, .number(Double(power)))])
        })
    }

    /// The quotient when the division leaves nothing over (to within rounding), else nil.
    func divided(by divisor: OneVariable) -> OneVariable? {
        guard divisor.degree <= degree, let lead = divisor.coefficients.last, lead != 0 else { return nil }
        var remainder = coefficients
        var quotient = [Double](repeating: 0, count: degree - divisor.degree + 1)
        for shift in stride(from: degree - divisor.degree, through: 0, by: -1) {
            let c = remainder[shift + divisor.degree] / lead
            quotient[shift] = c
            for (i, d) in divisor.coefficients.enumerated() { remainder[shift + i] -= c * d }
        }
        let scale = coefficients.map(abs).max() ?? 1
        guard remainder.prefix(divisor.degree).allSatisfy({ abs($0) <= 1e-12 * scale }) else { return nil }
        // Whole numbers stay whole: 2x + 1, not 2.0000000000000004x + 1.
        return OneVariable(atom: atom, coefficients: quotient.map { abs($0 - $0.rounded()) < 1e-9 ? $0.rounded() : $0 })
    }

    /// The greatest common divisor, monic, by Euclid's algorithm; nil when it is a number.
    static func gcd(_ a: OneVariable, _ b: OneVariable) -> OneVariable? {
        var (x, y) = a.degree >= b.degree ? (a.coefficients, b.coefficients) : (b.coefficients, a.coefficients)
        let scale = (a.coefficients + b.coefficients).map(abs).max() ?? 1
        func trim(_ p: [Double]) -> [Double] {
            var p = p
            while p.count > 1, abs(p.last!) <= 1e-9 * scale { p.removeLast() }
            return p
        }
        y = trim(y)
        while !(y.count == 1 && abs(y[0]) <= 1e-9 * scale) {
            // x mod y
            var r = x
            let lead = y.last!
            while r.count >= y.count, !(r.count == 1 && abs(r[0]) <= 1e-9 * scale) {
                let c = r.last! / lead
                let shift = r.count - y.count
                for (i, d) in y.enumerated() { r[shift + i] -= c * d }
                r.removeLast()
                r = trim(r)
                if r.isEmpty { r = [0] }
            }
            (x, y) = (y, trim(r))
        }
        guard x.count > 1 else { return nil }
        let lead = x.last!
        return OneVariable(atom: a.atom, coefficients: x.map { c in
            let v = c / lead
            return abs(v - v.rounded()) < 1e-9 ? v.rounded() : v
        })
    }
}
