/// A problem found in a cell: what went wrong, where, and how to fix it.
/// Every stage (lexer, parser, interpreter) reports problems as this one
/// type; `render(source:)` is the single place that turns it into text.
///
///     unknown name 'rat'
///       r = descend(f, from: x0, step: rat)
///                                      ^^^
///     hint: did you mean 'rate'?
package struct Diagnostic: Error, Hashable, Sendable {
    /// What went wrong, for code that decides by it (the message is for people).
    package enum Kind: Hashable, Sendable {
        /// Anything the code does not need to tell apart.
        case other
        /// A name no cell, parameter or built-in defines.
        case unknownName(String)
        /// Cells that use each other, or a cell that uses itself.
        case cycle
        /// A cell that waits for another that failed.
        case blocked(upstream: String)
        /// A line that does not parse.
        case syntax
    }

    package var kind: Kind
    package var message: String
    package var span: SourceSpan?
    package var hint: String?

    package init(_ message: String, at span: SourceSpan? = nil, hint: String? = nil, kind: Kind = .other) {
        self.kind = kind
        self.message = message
        self.span = span
        self.hint = hint
    }

    /// "unknown name 'rat'", the one wording of a name nothing defines.
    package static func unknownName(_ name: String, at span: SourceSpan? = nil, hint: String? = nil) -> Diagnostic {
        Diagnostic("unknown name '\(name)'", at: span, hint: hint, kind: .unknownName(name))
    }

    /// The name this diagnostic says nothing defines, if that is what it says.
    package var unknownName: String? {
        if case .unknownName(let name) = kind { return name }
        return nil
    }

    /// The message with its hint, on one line (for `--json` and logs).
    package var summary: String {
        var text = message
        if let hint { text += " (\(hint))" }
        return text
    }

    /// The message, the source line with a caret under the span, and the hint.
    package func render(source: String, indent: String = "  ") -> String {
        var lines = ["error: " + message]
        if let span, !source.isEmpty {
            let shown = source.map { $0 == "\t" ? " " : $0 }
            let text = String(shown)
            lines.append(indent + text)
            let start = min(span.start, shown.count)
            let width = max(1, min(span.length, max(1, shown.count - start)))
            lines.append(indent + String(repeating: " ", count: start) + String(repeating: "^", count: width))
        }
        if let hint { lines.append("hint: " + hint) }
        return lines.joined(separator: "\n")
    }
}

extension Diagnostic {
    /// The one wording of a call with the wrong number of arguments:
    /// "'f' takes 2 arguments, not 3".
    package static func argumentCount(of name: String, takes expected: String, given: Int, at span: SourceSpan? = nil,
                                     hint: String? = nil) -> Diagnostic {
        Diagnostic("\(name) takes \(expected), not \(given)", at: span, hint: hint)
    }

    /// "1 argument", "2 arguments".
    package static func arguments(_ count: Int) -> String { arguments(count...count) }

    /// "1 argument", "2 arguments", "1 to 8 unnamed arguments".
    package static func arguments(_ count: ClosedRange<Int>, _ kind: String = "") -> String {
        let number = count.lowerBound == count.upperBound ? "\(count.lowerBound)" : "\(count.lowerBound) to \(count.upperBound)"
        return number + " " + (kind.isEmpty ? "" : kind + " ") + (count.upperBound == 1 ? "argument" : "arguments")
    }
}
