import Calculus
import Language

/// Hints for the mistakes a learner from a tutorial makes: a formula where
/// descent wants a function, an update rule that defines a value by itself.
enum CellHints {
    /// y = x^2 + 2 or x^2 + 2 with x undefined: the tutorial's way of writing
    /// a function, answered with descent's (y(x) = x^2 + 2).
    static func formula(_ error: Diagnostic, syntax: CellSyntax, source: String, unknown: [String] = []) -> Diagnostic {
        guard error.hint == nil, let variable = error.unknownName else { return error }
        var diagnostic = error
        let parameters = unknown.count > 1 && unknown.contains(variable) ? unknown.joined(separator: ", ") : variable
        switch syntax {
        case .value(let name, _, let body) where isFormula(body):
            let text = text(of: body, in: source)
            diagnostic.hint = parameters == variable
                ? "to define a function of \(variable), write \(name)(\(variable)) = \(text)"
                : "make them parameters: \(name)(\(parameters)) = \(text)"
        case .expression(let body) where isFormula(body):
            diagnostic.hint = "to define a function of \(variable), give it a name: f(\(variable)) = \(text(of: body, in: source))"
        default:
            break
        }
        return diagnostic
    }

    /// The answer to a cycle. `x = x - step * f'(x)`, the update rule typed
    /// as a tutorial writes it, gets the two ways descent takes a step.
    static func cycle(_ cell: Cell?) -> String {
        guard let cell, case .value(let name, _, _)? = cell.syntax else { return "a value cannot be defined in terms of itself" }
        return "a value cannot be defined in terms of itself; to take a step, give the new value a new name: "
            + "\(name)1 = \(name)0 - step * f'(\(name)0), or let descend step: descend(f, from: \(name)0, step: step, max: 1)"
    }

    /// Arithmetic rather than a call or a single name: what a formula looks like.
    private static func isFormula(_ syntax: Syntax) -> Bool {
        switch syntax.kind {
        case .chain, .power, .negate, .call: return true
        default: return false
        }
    }

    private static func text(of syntax: Syntax, in source: String) -> String {
        let characters = Array(source)
        let start = max(0, min(characters.count, syntax.span.start)), end = max(start, min(characters.count, syntax.span.end))
        return String(characters[start..<end])
    }
}
