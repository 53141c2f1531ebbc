import Calculus
/// Splits one cell's source into tokens.
///
///     2x^2 - 1e-3   →   2, x, ^, 2, -, 0.001
///
/// Numbers: `3`, `.5`, `2.5E3`, `1e-6`. An `e` after digits starts an
/// exponent only when a digit (or a sign and a digit) follows, so `2e` is
/// `2` times the constant `e` and `2exp(x)` is `2` times `exp(x)`. A `.`
/// followed by another `.` ends a number, so `-5..5` is a range.
package struct Lexer {
    private let chars: [Character]
    private var index = 0

    /// Longest accepted identifier; longer ones are almost surely pasted garbage.
    package static let maximumNameLength = 256

    package init(_ source: String) {
        self.chars = Array(source)
    }

    package static func tokenize(_ source: String) throws(Diagnostic) -> [Token] {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func peek(_ offset: Int = 0) -> Character? {
        let i = index + offset
        return i < chars.count ? chars[i] : nil
    }

    private static func isDigit(_ c: Character?) -> Bool {
        guard let c, c.isASCII else { return false }
        return c >= "0" && c <= "9"
    }

    private static func isNameStart(_ c: Character?) -> Bool {
        guard let c else { return false }
        return c == "_" || (c.isASCII && c.isLetter) || isGreek(c)
    }

    /// Greek letters, as tutorials name their parameters (θ, α, η, λ); π is the constant pi.
    private static func isGreek(_ c: Character) -> Bool {
        guard c.unicodeScalars.count == 1, let scalar = c.unicodeScalars.first, c != "π" else { return false }
        return (0x0391...0x03A9).contains(scalar.value) || (0x03B1...0x03C9).contains(scalar.value)
    }

    private static func isNameContinue(_ c: Character?) -> Bool {
        isNameStart(c) || isDigit(c)
    }

    package mutating func next() throws(Diagnostic) -> Token {
        while let c = peek(), c == " " || c == "\t" || c == "\r" || c == "\n" { index += 1 }
        let start = index
        guard let c = peek() else { return Token(.end, SourceSpan(at: start)) }

        if Lexer.isDigit(c) || (c == "." && Lexer.isDigit(peek(1))) {
            return try number()
        }
        if Lexer.isNameStart(c) {
            while Lexer.isNameContinue(peek()) { index += 1 }
            let name = String(chars[start..<index])
            if name.count > Lexer.maximumNameLength {
                throw Diagnostic("name is too long (\(name.count) characters, at most \(Lexer.maximumNameLength))",
                                 at: SourceSpan(start: start, end: index))
            }
            return Token(.identifier(name), SourceSpan(start: start, end: index))
        }
        if c == "\"" || c == "“" || c == "”" {
            // Text runs to the next quote on the line; there are no escapes (a path needs none).
            index += 1
            while let d = peek(), d != "\"", d != "”", d != "“" { index += 1 }
            guard peek() != nil else {
                throw Diagnostic("the text that starts here has no closing quote", at: SourceSpan(start: start, end: index),
                                 hint: "end it with \", as in csv(\"points.csv\")")
            }
            index += 1
            return Token(.text(String(chars[(start + 1)..<(index - 1)])), SourceSpan(start: start, end: index))
        }
        if c == "π" {
            index += 1
            return Token(.identifier("pi"), SourceSpan(at: start))
        }
        index += 1
        let single = SourceSpan(at: start)
        switch c {
        case "+": return Token(.plus, single)
        case "-", "−": return Token(.minus, single)
        case "*", "×", "·": return Token(.star, single)
        case "/", "÷": return Token(.slash, single)
        case "^": return Token(.caret, single)
        case "(": return Token(.leftParen, single)
        case ")": return Token(.rightParen, single)
        case "[": return Token(.leftBracket, single)
        case "]": return Token(.rightBracket, single)
        case ",": return Token(.comma, single)
        case ":": return Token(.colon, single)
        case "=": return Token(.equals, single)
        case "'", "′": return Token(.prime, single)
        case ".":
            if peek() == "." {
                index += 1
                return Token(.dotDot, SourceSpan(start: start, end: index))
            }
            return Token(.dot, single)
        default:
            throw Diagnostic("unexpected character \(Lexer.describe(c))", at: single,
                             hint: Lexer.hint(for: c))
        }
    }

    private mutating func number() throws(Diagnostic) -> Token {
        let start = index
        while Lexer.isDigit(peek()) { index += 1 }
        if peek() == ".", peek(1) != "." {
            index += 1
            while Lexer.isDigit(peek()) { index += 1 }
        }
        if let e = peek(), e == "e" || e == "E" {
            // An exponent needs digits; otherwise the `e` is a name (the
            // constant e, or exp…) left for the next token.
            var digitsAt = 1
            if let sign = peek(1), sign == "+" || sign == "-" { digitsAt = 2 }
            if Lexer.isDigit(peek(digitsAt)) {
                index += digitsAt
                while Lexer.isDigit(peek()) { index += 1 }
            }
        }
        let text = String(chars[start..<index])
        let span = SourceSpan(start: start, end: index)
        guard let value = Double(text) else {
            throw Diagnostic("malformed number '\(text)'", at: span)
        }
        return Token(.number(value), span)
    }

    private static func describe(_ c: Character) -> String {
        if c.isASCII, let ascii = c.asciiValue, ascii < 32 || ascii == 127 {
            return "U+" + String(ascii, radix: 16, uppercase: true).leftPadded(to: 4)
        }
        if let scalar = c.unicodeScalars.first, c.unicodeScalars.count == 1,
           scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format {
            return "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        }
        return "'\(c)'"
    }

    private static func hint(for c: Character) -> String? {
        switch c {
        case "{", "}": return "group with parentheses ( )"
        case "²": return "write powers with ^, as in x^2"
        case "√": return "write square roots as sqrt(x)"
        case "π": return "write pi"
        case "#": return "comments start a line with #"
        case ";": return "one cell per line"
        default: return nil
        }
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
