import Calculus

/// Reading a cell's source: comments, and the names it refers to.
package enum CellSource {
    /// The source without its comment: `x0 = -4  # start` → `x0 = -4`.
    package static func code(of source: String) -> String {
        guard let hash = source.firstIndex(of: "#") else { return source }
        return String(source[..<hash])
    }

    /// Nothing to keep: spaces only. A line that is only a comment is no
    /// code, but it is a note (`isNote`).
    package static func isBlank(_ source: String) -> Bool {
        code(of: source).allSatisfy(\.isWhitespace) && !isNote(source)
    }

    /// A line that is only a comment: `# Step 2: the derivative`.
    package static func isNote(_ source: String) -> Bool {
        source.drop { $0.isWhitespace }.hasPrefix("#")
    }

    /// A note's words without its `#`: "Step 2: the derivative".
    package static func noteText(_ source: String) -> String {
        let text = source.drop { $0.isWhitespace }.dropFirst()
        return String(text.first == " " ? text.dropFirst() : text)
    }

    /// The names a cell uses, other than parameters, labels, method names and built-ins.
    /// `ans` is replaced by the name of the cell before this one.
    package static func references(of cell: CellSyntax, ans: String?) -> Set<String> {
        var names = Set<String>()
        var bound = Set<String>()
        if case .function(_, _, let parameters, _) = cell { bound = Set(parameters.map(\.name)) }
        collect(cell.body, bound: bound, into: &names)
        if names.remove("ans") != nil, let ans { names.insert(ans) }
        return names.filter { !Builtin.isReserved($0) }
    }

    private static func collect(_ syntax: Syntax, bound: Set<String>, into names: inout Set<String>) {
        switch syntax.kind {
        case .number, .text: return
        case .name(let name):
            if !bound.contains(name) { names.insert(name) }
        case .negate(let inner), .derivative(let inner, _), .field(let inner, _):
            collect(inner, bound: bound, into: &names)
        case .chain(let first, let rest):
            collect(first, bound: bound, into: &names)
            for link in rest { collect(link.operand, bound: bound, into: &names) }
        case .power(let a, let b), .index(let a, let b), .range(let a, let b):
            collect(a, bound: bound, into: &names)
            collect(b, bound: bound, into: &names)
        case .vector(let items):
            for item in items { collect(item, bound: bound, into: &names) }
        case .call(let callee, let arguments):
            collect(callee, bound: bound, into: &names)
            for argument in arguments where argument.label != "method" {
                collect(argument.value, bound: bound, into: &names)
            }
        }
    }

    /// Why a definition may not take its name: constants, built-ins, and
    /// the names results get automatically.
    package static func reservedNameProblem(_ syntax: CellSyntax) -> Diagnostic? {
        let name: String, span: SourceSpan
        switch syntax {
        case .function(let defined, let nameSpan, _, _), .value(let defined, let nameSpan, _):
            (name, span) = (defined, nameSpan)
        case .expression:
            return nil
        }
        if BuiltinNames.constants[name] != nil {
            return Diagnostic("'\(name)' is a constant and cannot be redefined", at: span)
        }
        if Builtin.isReserved(name) {
            return Diagnostic("'\(name)' is a built-in function and cannot be redefined", at: span,
                              hint: "choose another name")
        }
        if name == "ans" || (name.hasPrefix("_") && Int(name.dropFirst()) != nil) {
            return Diagnostic("'\(name)' names a result automatically and cannot be defined", at: span)
        }
        return nil
    }

    /// The name a source that does not parse seems to define (`f(x) = x^^2` → "f"),
    /// so that fixing it later replaces this cell rather than adding another.
    package static func definedName(in source: String) -> String? {
        let code = Self.code(of: source)
        guard let equals = code.firstIndex(of: "="), let tokens = try? Lexer.tokenize(String(code[..<equals])),
              case .identifier(let name)? = tokens.first?.kind, !Builtin.isReserved(name) else { return nil }
        let kinds = tokens.map(\.kind)
        if kinds.count == 2 { return name }
        if kinds.count >= 4, kinds[1] == .leftParen, kinds[kinds.count - 2] == .rightParen { return name }
        return nil
    }
}

extension CellSource {
    /// A line as typed, only re-spaced: one space around `=` and binary `+`
    /// and `-`, one after a comma or a colon, none inside brackets; every
    /// other gap kept as typed (one space at most). So the echo of a
    /// definition is what was written, `h(x) = sin(3x)*exp(-x^2/4)`, never
    /// what the simplifier made of it (`exp(-0.25x^2)`). Nil when the line
    /// does not read as tokens.
    package static func respaced(_ code: String) -> String? {
        guard let tokens = try? Lexer.tokenize(code) else { return nil }
        let characters = Array(code)
        var out = ""
        var previous: Token?
        /// Whether a `+` or `-` here joins two operands (binary), from what came before it.
        func isOperand(_ token: Token?) -> Bool {
            switch token?.kind {
            case .number?, .identifier?, .text?, .rightParen?, .rightBracket?, .prime?: return true
            default: return false
            }
        }
        var previousWasBinary = false
        for token in tokens {
            if case .end = token.kind { break }
            let text = String(characters[max(0, token.span.start)..<min(characters.count, token.span.end)])
            let binary: Bool
            switch token.kind {
            case .plus, .minus: binary = isOperand(previous)
            case .equals: binary = true
            default: binary = false
            }
            if let previous {
                let typedGap = previous.span.end < token.span.start
                let space: Bool
                switch (previous.kind, token.kind) {
                case (_, .comma), (_, .colon), (_, .rightParen), (_, .rightBracket), (_, .prime), (_, .dot), (.dot, _):
                    space = false
                case (.leftParen, _), (.leftBracket, _):
                    space = false
                case (.comma, _), (.colon, _):
                    space = true
                case (.identifier, .leftParen):
                    space = false
                default:
                    if binary || previousWasBinary { space = true }
                    else if case .minus = previous.kind { space = false }
                    else if case .plus = previous.kind { space = false }
                    else if case .dotDot = token.kind { space = false }
                    else if case .dotDot = previous.kind { space = false }
                    else { space = typedGap }
                }
                if space { out += " " }
            }
            out += text
            previous = token
            previousWasBinary = binary
        }
        return out
    }
}
