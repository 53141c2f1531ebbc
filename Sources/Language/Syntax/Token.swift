import Calculus
/// One lexical unit of a cell, with the span it came from.
///
///     rate = 0.1   →   identifier("rate"), equals, number(0.1), end
package struct Token: Hashable, Sendable {
    package enum Kind: Hashable, Sendable {
        case number(Double)
        case identifier(String)
        /// Text in double quotes: a file's path, as in csv("points.csv").
        case text(String)
        case plus, minus, star, slash, caret
        case leftParen, rightParen, leftBracket, rightBracket
        case comma, colon, equals, dot, dotDot, prime
        case end
    }

    package var kind: Kind
    package var span: SourceSpan

    package init(_ kind: Kind, _ span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    /// How the token is named in "expected …, found …" messages.
    package var description: String {
        switch kind {
        case .number(let value): return "number \(NumberFormat.shortest(value))"
        case .identifier(let name): return "'\(name)'"
        case .text(let text): return "\"\(text)\""
        case .plus: return "'+'"
        case .minus: return "'-'"
        case .star: return "'*'"
        case .slash: return "'/'"
        case .caret: return "'^'"
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .leftBracket: return "'['"
        case .rightBracket: return "']'"
        case .comma: return "','"
        case .colon: return "':'"
        case .equals: return "'='"
        case .dot: return "'.'"
        case .dotDot: return "'..'"
        case .prime: return "\"'\""
        case .end: return "the end of the line"
        }
    }
}
