/// The step-by-step story of a derivative, for `explain(f')`.
///
///     f(x) = x^2 + 2
///     d/dx (x^2 + 2) = 2x        sum rule: differentiate term by term and add
///       d/dx x^2 = 2x            power rule: multiply by the power, reduce the power by one (the power is 2)
///       d/dx 2 = 0               constant rule: a constant does not change, so its derivative is 0
///     so f'(x) = 2x
package enum DerivationExplanation {
    package static func lines(steps: [Derivative.Step], variable: String) -> [String] {
        var left: [String] = []
        var right: [String] = []
        for step in steps {
            let indent = String(repeating: "  ", count: step.depth)
            var expression = ExpressionPrinter.print(step.expression)
            if case .sum = step.expression { expression = "(\(expression))" }
            // A quotient or a negation reads as one thing only in parentheses: d/dx (1/(1 + exp(-x))).
            switch step.expression {
            case .product, .power(_, .number(..<0)):
                if expression.contains("/") || expression.hasPrefix("-") { expression = "(\(expression))" }
            default:
                break
            }
            left.append("\(indent)d/d\(variable) \(expression) = \(ExpressionPrinter.print(step.result))")
            var note = step.rule.rawValue + ": " + step.rule.teaching
            if let extra = step.note { note += " (\(extra))" }
            right.append(note)
        }
        let width = min(48, left.map(\.count).max() ?? 0)
        return zip(left, right).map { l, r in
            l.count >= width ? l + "   " + r : l + String(repeating: " ", count: width - l.count) + "   " + r
        }
    }
}
