/// Symbolic differentiation by the rules a calculus course teaches.
///
///     Derivative.of(x^2 + 2, by: "x")          →  2x  (after simplifying)
///     Derivative.of((w - 3)^2 + b, by: "w")    →  2(w - 3)
///
/// The expression must be inlined first (no `.call` nodes): user functions
/// are seen through by substituting their definitions. Named values
/// (`.symbol`) and the constants pi and e are constants here.
///
/// The rules are exact; the result is as defined as the function is (the
/// derivative of `abs` at 0 uses `sign(0) = 0`, of `sqrt` at 0 is infinite).
package enum Derivative {
    /// The rule used at one step, for `explain`.
    package enum Rule: String, Sendable {
        case constant = "constant rule"
        case variable = "variable rule"
        case sum = "sum rule"
        case constantMultiple = "constant multiple rule"
        case product = "product rule"
        case quotient = "quotient rule"
        case power = "power rule"
        case exponential = "exponential rule"
        case generalPower = "general power rule"
        case chain = "chain rule"
        case rowSum = "sum over the rows"
        case rowMean = "mean over the rows"

        /// What the rule says, in the tutorial's words.
        package var teaching: String {
            switch self {
            case .constant: return "a constant does not change, so its derivative is 0"
            case .variable: return "the derivative of the variable itself is 1"
            case .sum: return "differentiate term by term and add"
            case .constantMultiple: return "keep the constant factor, differentiate the rest"
            case .product: return "(u*v)' = u'*v + u*v'"
            case .quotient: return "(u/v)' = (u'*v - u*v')/v^2"
            case .power: return "multiply by the power, reduce the power by one"
            case .exponential: return "(a^u)' = a^u ln(a) u'"
            case .generalPower: return "(u^v)' = u^v (v' ln(u) + v u'/u)"
            case .chain: return "differentiate the outside, keep the inside, times the inside's derivative"
            case .rowSum: return "the data are constants: differentiate each row, then add them up"
            case .rowMean: return "the data are constants: differentiate each row, then take the mean"
            }
        }
    }

    /// One step of a derivation: the derivative of `expression` is `result`, by `rule`.
    package struct Step: Sendable, Hashable {
        package var depth: Int
        package var expression: Expr
        package var rule: Rule
        package var result: Expr
        package var note: String?
    }

    package static func of(_ expr: Expr, by variable: String) -> Expr {
        var trace: Trace? = nil
        return Tidy.tidy(Simplifier.simplify(derive(expr, variable, depth: 0, trace: &trace)))
    }

    /// The derivative as the rules make it, simplified but not finished:
    /// the form to evaluate. Finishing chooses the shortest form to show,
    /// and the shortest can subtract two large and nearly equal terms (one
    /// denominator over a sum) where the rules' form does not.
    package static func toEvaluate(_ expr: Expr, by variable: String) -> Expr {
        var trace: Trace? = nil
        return Simplifier.simplify(derive(expr, variable, depth: 0, trace: &trace))
    }

    /// The derivative with its rule applications, outermost first: at most
    /// `limit` of them, and the number left out.
    package static func derivation(of expr: Expr, by variable: String, limit: Int = .max) -> (result: Expr, steps: [Step], omitted: Int) {
        var trace: Trace? = Trace(limit: limit)
        let result = Simplifier.simplify(derive(expr, variable, depth: 0, trace: &trace))
        return (result, trace?.steps ?? [], trace?.omitted ?? 0)
    }

    private struct Trace {
        var steps: [Step] = []
        var limit: Int
        var omitted = 0
    }

    private static func derive(_ expr: Expr, _ x: String, depth: Int, trace: inout Trace?) -> Expr {
        // Record the step before its children so the trace reads outside-in.
        var index: Int?
        if trace != nil {
            if trace!.steps.count < trace!.limit {
                index = trace!.steps.count
                trace!.steps.append(Step(depth: depth, expression: expr, rule: .constant, result: .zero, note: nil))
            } else {
                trace!.omitted += 1
            }
        }
        var rule = Rule.constant
        var note: String?
        func d(_ inner: Expr) -> Expr { derive(inner, x, depth: depth + 1, trace: &trace) }

        let result: Expr
        if !expr.depends(on: x) {
            rule = .constant
            result = .zero
        } else {
            switch expr {
            case .number, .constant, .symbol, .column:
                result = .zero
            case .reduce(let kind, let inner):
                rule = kind == .mean ? .rowMean : .rowSum
                result = .reduce(kind, d(inner))
            case .variable:
                rule = .variable
                result = .one
            case .call(let name, _):
                preconditionFailure("call of '\(name)' must be inlined before differentiating")
            case .sum(let terms):
                rule = .sum
                result = terms.map { d($0) }.reduce(Expr.zero, +)
            case .product(let factors):
                (result, rule) = product(factors, x, d)
            case .power(let base, let exponent):
                if !exponent.depends(on: x) {
                    rule = .power
                    if case .number(let n) = exponent {
                        note = "the power is \(NumberFormat.expression(n))"
                    }
                    let outer = exponent * base.raised(to: Simplifier.simplify(exponent - .one))
                    result = base == .variable(x) ? outer : outer * d(base)
                    if base != .variable(x) { note = (note.map { $0 + "; " } ?? "") + "times the inside's derivative (chain rule)" }
                } else if !base.depends(on: x) {
                    rule = .exponential
                    if base == .zero {
                        // 0^u is 0 wherever it is defined (u > 0), so it does not change: not 0^u ln(0), which is nan.
                        note = "0 to any positive power is 0, which does not change"
                        result = .zero
                    } else {
                        let lnBase: Expr = base == .constant("e") ? .one : .apply(.ln, base)
                        result = expr * lnBase * d(exponent)
                    }
                } else {
                    rule = .generalPower
                    result = expr * (d(exponent) * .apply(.ln, base) + exponent * d(base) / base)
                }
            case .apply(let function, let arguments):
                rule = .chain
                (result, note) = apply(function, arguments, x, d)
            }
        }
        if let index {
            trace!.steps[index] = Step(depth: depth, expression: expr, rule: rule,
                                       result: Simplifier.simplify(result), note: note)
        }
        return result
    }

    private static func product(_ factors: [Expr], _ x: String, _ d: (Expr) -> Expr) -> (Expr, Rule) {
        let dependent = factors.indices.filter { factors[$0].depends(on: x) }
        if dependent.count == 1 {
            let i = dependent[0]
            var others = factors
            others.remove(at: i)
            return (Expr.product(others) * d(factors[i]), .constantMultiple)
        }
        // Many factors depend on x (x*x*…*x written out): differentiate the
        // two halves as u*v, so the result grows as n log n, not n².
        if dependent.count > 8 {
            let half = factors.count / 2
            let u = Expr.product(Array(factors[..<half])), v = Expr.product(Array(factors[half...]))
            return (d(u) * v + u * d(v), .product)
        }
        // u/v with both depending on x: the quotient rule, as taught.
        let numerator = factors.filter { !isReciprocal($0) }
        let denominator = factors.filter(isReciprocal).map(reciprocal)
        let u = numerator.count == 1 ? numerator[0] : Expr.product(numerator)
        let v = denominator.count == 1 ? denominator[0] : Expr.product(denominator)
        if !denominator.isEmpty && u.depends(on: x) && v.depends(on: x) {
            return ((d(u) * v - u * d(v)) / v.raised(to: .number(2)), .quotient)
        }
        var terms: [Expr] = []
        for i in factors.indices where factors[i].depends(on: x) {
            var others = factors
            others.remove(at: i)
            terms.append(Expr.product(others) * d(factors[i]))
        }
        return (Expr.sum(terms), .product)
    }

    private static func isReciprocal(_ factor: Expr) -> Bool {
        if case .power(_, .number(let n)) = factor, n < 0 { return true }
        return false
    }

    private static func reciprocal(_ factor: Expr) -> Expr {
        guard case .power(let base, .number(let n)) = factor else { return factor }
        return n == -1 ? base : .power(base, .number(-n))
    }

    private static func apply(_ function: ElementaryFunction, _ arguments: [Expr], _ x: String,
                              _ d: (Expr) -> Expr) -> (Expr, String) {
        let u = arguments[0]
        let two = Expr.number(2)
        let outer: Expr
        let note: String
        switch function {
        case .sin: outer = .apply(.cos, u); note = "sin' = cos"
        case .cos: outer = -Expr.apply(.sin, u); note = "cos' = -sin"
        case .tan: outer = .one / Expr.apply(.cos, u).raised(to: two); note = "tan' = 1/cos^2"
        case .asin: outer = .one / Expr.apply(.sqrt, .one - u.raised(to: two)); note = "asin'(u) = 1/sqrt(1 - u^2)"
        case .acos: outer = -(.one / Expr.apply(.sqrt, .one - u.raised(to: two))); note = "acos'(u) = -1/sqrt(1 - u^2)"
        case .atan: outer = .one / (.one + u.raised(to: two)); note = "atan'(u) = 1/(1 + u^2)"
        case .sinh: outer = .apply(.cosh, u); note = "sinh' = cosh"
        case .cosh: outer = .apply(.sinh, u); note = "cosh' = sinh"
        case .tanh: outer = .one / Expr.apply(.cosh, u).raised(to: two); note = "tanh' = 1/cosh^2"
        case .exp: outer = .apply(.exp, u); note = "exp' = exp"
        case .ln: outer = .one / u; note = "ln'(u) = 1/u"
        case .log10: outer = .one / (u * .apply(.ln, .number(10))); note = "log10'(u) = 1/(u ln(10))"
        case .log2: outer = .one / (u * .apply(.ln, two)); note = "log2'(u) = 1/(u ln(2))"
        case .sqrt: outer = .one / (two * .apply(.sqrt, u)); note = "sqrt'(u) = 1/(2 sqrt(u))"
        case .abs: outer = .apply(.sign, u); note = "abs'(u) = sign(u)"
        case .sign: return (.zero, "sign is flat (0) away from 0")
        case .min, .max:
            // min(u, v) = (u + v - |u - v|)/2, max(u, v) = (u + v + |u - v|)/2.
            let v = arguments[1]
            let s: Expr = function == .min ? -Expr.apply(.sign, u - v) : Expr.apply(.sign, u - v)
            let result = (d(u) + d(v) + s * (d(u) - d(v))) / two
            return (result, "\(function.rawValue) follows whichever argument is \(function == .min ? "smaller" : "larger")")
        }
        let inner = d(u)
        return (outer * inner, note)
    }
}
