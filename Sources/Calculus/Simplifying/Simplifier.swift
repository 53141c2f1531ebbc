/// Rewrites an expression into the form a person would write, keeping its
/// value. The rules, applied bottom-up until nothing changes:
///
///     numbers fold          2 * 3 → 6,  2^3 → 8,  sin(0) → 0
///     neutral elements      x + 0 → x,  1 * x → x,  x^1 → x,  x^0 → 1
///     zero                  0 * x → 0
///     like terms            x + x → 2x,  3x - x → 2x,  x - x → 0
///     like factors          x * x^2 → x^3,  x / x → 1
///     powers of powers      (x^2)^3 → x^6   (integer outer exponents only)
///     powers of products    (2x)^2 → 4x^2   (integer exponents only)
///
/// What it does not do, on purpose: expand products of sums (2(w - 3)
/// stays as written), or fold functions of numbers whose value is not a
/// whole number (ln(2) stays ln(2), not 0.693147).
///
/// `0 * x → 0` and `x / x → 1` are the usual algebraic identities; they
/// differ from IEEE arithmetic only where x is infinite or NaN (or 0 for
/// x / x), which is the same liberty every computer algebra system takes.
package enum Simplifier {
    package static func simplify(_ expr: Expr) -> Expr {
        var current = expr
        for _ in 0..<8 {
            let next = pass(current)
            if next == current { return next }
            current = next
        }
        return current
    }

    private static func pass(_ expr: Expr) -> Expr {
        switch expr {
        case .number, .constant, .variable, .symbol, .column:
            return expr
        case .reduce(let kind, let inner):
            return reduce(kind, pass(inner))
        case .sum(let terms):
            return sum(terms.map(pass))
        case .product(let factors):
            return product(factors.map(pass))
        case .power(let base, let exponent):
            return power(pass(base), pass(exponent))
        case .apply(let function, let arguments):
            return apply(function, arguments.map(pass))
        case .call(let name, let arguments):
            return .call(name, arguments.map(pass))
        }
    }

    /// Splits a term into its numeric coefficient and the rest: `-3x^2` is (-3, x^2).
    static func coefficient(of term: Expr) -> (Double, Expr) {
        switch term {
        case .number(let value):
            return (value, .one)
        case .product(let factors):
            var coefficient = 1.0
            var rest: [Expr] = []
            for factor in factors {
                if case .number(let value) = factor { coefficient *= value } else { rest.append(factor) }
            }
            switch rest.count {
            case 0: return (coefficient, .one)
            case 1: return (coefficient, rest[0])
            default: return (coefficient, .product(rest))
            }
        default:
            return (1, term)
        }
    }

    static func sum(_ terms: [Expr]) -> Expr {
        var constant = 0.0
        // nil marks where the first number was.
        var order: [Expr?] = []
        // Like terms are found whatever the order of their factors (sin(x)*cos(x) and
        // cos(x)*sin(x) are one term), and written as the first of them was.
        // One look-up a term: each distinct term's place in `entries`.
        var places: [Expr: Int] = [:]
        var entries: [(written: Expr, coefficient: Double)] = []
        func add(_ term: Expr) {
            switch term {
            case .sum(let inner):
                inner.forEach(add)
            case .number(let value):
                if !order.contains(where: { $0 == nil }) { order.append(nil) }
                constant += value
            default:
                let (c, rest) = coefficient(of: term)
                let key = canonical(rest)
                if let place = places[key] {
                    entries[place].coefficient += c
                } else {
                    places[key] = entries.count
                    order.append(.number(Double(entries.count)))
                    entries.append((rest, c))
                }
            }
        }
        terms.forEach(add)

        // Terms keep the order they were written in; the folded constant
        // stands where the first number stood (`1 - x` stays `1 - x`).
        var result: [Expr] = []
        var constantPosition: Int?
        for entry in order {
            guard case .number(let place)? = entry else {
                constantPosition = result.count
                continue
            }
            let (term, c) = entries[Int(place)]
            if c == 0 { continue }
            result.append(c == 1 ? term : product([.number(c), term]))
        }
        if constant != 0 || constant.isNaN {
            result.insert(.number(constant), at: constantPosition ?? result.count)
        }
        // Lead with a positive term where there is one: `1 - x`, not `-x + 1`.
        if let first = result.first, isNegative(first), let positive = result.firstIndex(where: { !isNegative($0) }) {
            result.insert(result.remove(at: positive), at: 0)
        }
        switch result.count {
        case 0: return .zero
        case 1: return result[0]
        default: return .sum(result)
        }
    }

    /// The same product whatever the order of its factors: they are sorted by
    /// their hash (one order within a run, which is all a comparison needs).
    static func canonical(_ term: Expr) -> Expr {
        // Names are already in one order (x*y); only two or more other factors can come in either.
        guard case .product(let factors) = term, factors.lazy.filter({ name($0) == nil }).count > 1 else { return term }
        return .product(factors.sorted { $0.hashValue < $1.hashValue })
    }

    /// The same sum whatever the order of its terms.
    static func canonicalSum(_ expr: Expr) -> Expr {
        // Short sums only, such as 1 + exp(-x): hashing every term of a long one costs more than it finds.
        guard case .sum(let terms) = expr, terms.count <= 4 else { return expr }
        return .sum(terms.sorted { $0.hashValue < $1.hashValue })
    }

    private static func isNegative(_ term: Expr) -> Bool {
        coefficient(of: term).0 < 0
    }

    static func product(_ factors: [Expr]) -> Expr {
        var coefficient = 1.0
        // Like factors are found whatever the order of a sum's terms ((1 + c) and (c + 1)), written as the first;
        // one look-up a factor: each distinct base's place in `bases`.
        var places: [Expr: Int] = [:]
        var bases: [(written: Expr, exponents: [Expr])] = []
        func collect(_ base: Expr, _ exponent: Expr) {
            let key = canonicalSum(base)
            if let place = places[key] {
                bases[place].exponents.append(exponent)
            } else {
                places[key] = bases.count
                bases.append((base, [exponent]))
            }
        }
        func multiply(_ factor: Expr) {
            switch factor {
            case .product(let inner):
                inner.forEach(multiply)
            case .number(let value):
                coefficient *= value
            case .power(let base, let exponent):
                collect(base, exponent)
            default:
                collect(factor, .one)
            }
        }
        factors.forEach(multiply)
        if coefficient == 0 { return .zero }
        // u and sqrt(u) are powers of one base: x*sqrt(x)/x is sqrt(x), x/sqrt(x) is sqrt(x).
        for (place, entry) in bases.enumerated() {
            guard case .apply(.sqrt, let inner) = entry.written, let whole = places[canonicalSum(inner[0])],
                  let halves = sum(entry.exponents).numberValue, let wholes = sum(bases[whole].exponents).numberValue,
                  halves == halves.rounded(), wholes == wholes.rounded() else { continue }
            let total = halves + 2 * wholes
            let root = total.truncatingRemainder(dividingBy: 2)
            bases[place].exponents = [.number(root)]
            bases[whole].exponents = [.number((total - root) / 2)]
        }

        var result: [Expr] = []
        for (base, exponents) in bases {
            let exponent = sum(exponents)
            let factor = power(base, exponent)
            switch factor {
            case .number(let value): coefficient *= value
            case .product(let inner):
                for item in inner {
                    if case .number(let value) = item { coefficient *= value } else { result.append(item) }
                }
            default: result.append(factor)
            }
        }
        if coefficient == 0 { return .zero }
        if result.isEmpty { return .number(coefficient) }
        result = stableSorted(result, by: rank)
        if coefficient != 1 { result.insert(.number(coefficient), at: 0) }
        return result.count == 1 ? result[0] : .product(result)
    }

    /// The order factors are written in: `2pi x^2 sin(x) (x + 1)`.
    private static func rank(_ factor: Expr) -> Int {
        switch factor {
        case .number: return 0
        case .constant: return 1
        case .variable, .symbol: return 2
        // Data after the parameters, as a person writes w*d.x.
        case .column: return 3
        case .power(let base, _): return rank(base)
        case .apply, .call, .reduce: return 4
        case .product: return 5
        case .sum: return 6
        }
    }

    /// Sorted by rank; names (and their powers) alphabetically so that
    /// `x*y` and `y*x` are one term; anything else keeps its order.
    private static func stableSorted(_ items: [Expr], by rank: (Expr) -> Int) -> [Expr] {
        items.enumerated().sorted { a, b in
            let (ra, rb) = (rank(a.element), rank(b.element))
            if ra != rb { return ra < rb }
            if let na = name(a.element), let nb = name(b.element), na != nb { return na < nb }
            return a.offset < b.offset
        }.map(\.element)
    }

    private static func name(_ factor: Expr) -> String? {
        switch factor {
        case .variable(let name), .symbol(let name), .constant(let name): return name
        case .column(let column): return column.name
        case .power(let base, _): return name(base)
        default: return nil
        }
    }

    static func power(_ base: Expr, _ exponent: Expr) -> Expr {
        if exponent == .zero { return .one }
        if exponent == .one { return base }
        if base == .one { return .one }
        if case .number(let b) = base, case .number(let n) = exponent {
            let value = Expr.power(b, n)
            // Fold when exact enough to be what a person writes: integer
            // powers, and roots that come out whole (4^0.5 = 2).
            if value.isFinite && (n == n.rounded() || value == value.rounded()) {
                return .number(value)
            }
            return .power(base, exponent)
        }
        if base == .zero, case .number(let n) = exponent, n > 0 { return .zero }
        // sqrt(u)^2 is u, sqrt(u)^-4 is u^-2: an even power of a root is a whole power.
        if case .apply(.sqrt, let inner) = base, case .number(let n) = exponent, n == n.rounded(), Int(n) % 2 == 0 {
            return power(inner[0], .number(n / 2))
        }
        if case .number(let n) = exponent, n == n.rounded() {
            switch base {
            case .power(let innerBase, let innerExponent):
                return power(innerBase, product([innerExponent, exponent]))
            case .product(let factors):
                return product(factors.map { power($0, exponent) })
            default:
                break
            }
        }
        return .power(base, exponent)
    }

    /// `mean(2 e)` is `2 mean(e)`: factors that are the same on every row
    /// (numbers, parameters) come out of a sum or mean over the rows, and the
    /// mean of something the same on every row is that thing.
    static func reduce(_ kind: Reduction, _ inner: Expr) -> Expr {
        if inner == .zero { return .zero }
        if inner.rowColumns.isEmpty {
            // A sum over no rows is left for the definition to refuse (it has no count).
            return kind == .mean ? inner : .reduce(kind, inner)
        }
        let factors = inner.factors
        let outside = factors.filter { $0.rowColumns.isEmpty }
        guard !outside.isEmpty else { return .reduce(kind, inner) }
        let inside = factors.filter { !$0.rowColumns.isEmpty }
        return product(outside + [.reduce(kind, inside.count == 1 ? inside[0] : .product(inside))])
    }

    static func apply(_ function: ElementaryFunction, _ arguments: [Expr]) -> Expr {
        let numbers = arguments.compactMap(\.numberValue)
        if numbers.count == arguments.count {
            let value = function.apply(numbers[0], numbers.count > 1 ? numbers[1] : .nan)
            if value.isFinite && value == value.rounded() { return .number(value) }
        }
        switch (function, arguments[0]) {
        case (.ln, .apply(.exp, let inner)): return inner[0]
        // exp(ln(u)) is u where ln(u) is defined, the same liberty as x/x = 1.
        case (.exp, .apply(.ln, let inner)): return inner[0]
        case (.sqrt, .power(let base, .number(2))): return .apply(.abs, [base])
        default: return .apply(function, arguments)
        }
    }
}
