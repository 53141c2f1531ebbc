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
public enum Tidy {
    public static func tidy(_ expr: Expr) -> Expr {
        // A derivative grown huge (the tenth of x^x) is left as the rules made it: trying forms would take long.
        guard !expr.isLarger(than: 3000) else { return expr }
        return tidied(expr)
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
        return shortest(inner)
    }

    /// The form with the fewest operations among the ones tried.
    static func shortest(_ expr: Expr) -> Expr {
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
            let factored = commonFactor(expr)
            consider(factored)
            if let factored { consider(expandedInside(factored)) }
            if let together = oneDenominator(expr) {
                consider(together)
                consider(expandedInside(together))
                if let factoredTop = commonFactorOfNumerator(together) { consider(factoredTop) }
            }
        case .product(let factors) where factors.contains(where: { if case .sum = $0 { return true }; return false }):
            consider(Polynomial(expr)?.expr(ordered: expr))
        default:
            break
        }
        return best
    }

    // MARK: - Counting

    /// The operations in the written form: each +, -, *, /, ^, function and
    /// leading minus, as computer algebra systems count them.
    public static func operations(_ expr: Expr) -> Int {
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
            var count = 0
            var written = 0
            for factor in factors {
                switch factor {
                case .number(let value):
                    if value == -1 { count += 1 } else if value < 0 { count += 1; written += 1 } else { written += 1 }
                case .power(let base, .number(-1)):
                    count += operations(base)
                    written += 1
                default:
                    count += operations(factor)
                    written += 1
                }
            }
            return count + max(0, written - 1)
        case .power(let base, let exponent):
            if case .number(-1) = exponent { return 1 + operations(base) }
            return 1 + operations(base) + operations(exponent)
        case .apply(_, let arguments), .call(_, let arguments):
            return 1 + arguments.reduce(0) { $0 + operations($1) }
        case .reduce(_, let inner):
            return 1 + operations(inner)
        }
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
            let exponents = split.map { term in term.powers.first { $0.base == base }?.exponent }
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
                if let index = denominator.firstIndex(where: { $0.base == base }) {
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
        default:
            return [[expr: 1]: 1]
        }
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
            return .product([.number(c)] + atoms.map { Expr.power($0, .number(Double(monomial[$0]!))) })
        })
        return denominator == 1 ? sum : .product([sum, .power(.number(Double(denominator)), .number(-1))])
    }
}
