import Calculus
/// Turns a cell's tokens into `CellSyntax`, by recursive descent.
///
/// Precedence, loosest first:
///
///     range      a .. b
///     additive   + -            (left to right)
///     product    * /  and implicit multiplication after a number or ')': 2x, 3(x+1), 2 sin(x), (x+1)(x-1)
///     unary      -a             so -2^2 is -(2^2)
///     power      a ^ b          right-associative, b may be unary: 2^-2, 2^3^2
///     postfix    f(…)  v[i]  r.x  f'
///     primary    number, name, ( … ), (a, b, …)
///
/// Nesting deeper than `maximumDepth` is reported as an error rather than
/// risking the stack.
package struct Parser {
    private var tokens: [Token]
    private var position = 0
    private var depth = 0

    package static let maximumDepth = 400

    package init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// Parses a whole cell: a function definition, a value definition or an expression.
    package static func parseCell(_ source: String) throws(Diagnostic) -> CellSyntax {
        var parser = Parser(tokens: try Lexer.tokenize(source))
        return try parser.cell()
    }

    /// Parses a lone expression (no definition).
    package static func parseExpression(_ source: String) throws(Diagnostic) -> Syntax {
        var parser = Parser(tokens: try Lexer.tokenize(source))
        let syntax = try parser.expression()
        try parser.expectEnd()
        return syntax
    }

    // MARK: - Cells

    mutating func cell() throws(Diagnostic) -> CellSyntax {
        if current.kind == .end {
            throw Diagnostic("empty cell", at: current.span)
        }
        if case .identifier(let name) = current.kind {
            let nameSpan = current.span
            if peekKind(1) == .equals {
                position += 2
                try rejectEmptyBody(after: "=")
                let body = try expression()
                try expectEnd()
                return .value(name: name, nameSpan: nameSpan, body: body)
            }
            if peekKind(1) == .leftParen, let parameters = functionHeader() {
                try rejectEmptyBody(after: "=")
                let body = try expression()
                try expectEnd()
                try checkParameters(parameters)
                return .function(name: name, nameSpan: nameSpan, parameters: parameters, body: body)
            }
        }
        let body = try expression()
        if current.kind == .equals {
            throw Diagnostic("only a name or a function like f(x) can be defined with '='", at: body.span,
                             hint: "write a definition as name = value, or f(x) = expression")
        }
        try expectEnd()
        return .expression(body)
    }

    /// Recognises `name(a, b, …) =` without consuming anything unless it matches.
    private mutating func functionHeader() -> [CellSyntax.Parameter]? {
        var i = position + 2
        var parameters: [CellSyntax.Parameter] = []
        while i < tokens.count {
            guard case .identifier(let parameter) = tokens[i].kind else { return nil }
            parameters.append(.init(name: parameter, span: tokens[i].span))
            i += 1
            if tokens[i].kind == .comma { i += 1; continue }
            if tokens[i].kind == .rightParen, i + 1 < tokens.count, tokens[i + 1].kind == .equals {
                position = i + 2
                return parameters
            }
            return nil
        }
        return nil
    }

    private func checkParameters(_ parameters: [CellSyntax.Parameter]) throws(Diagnostic) {
        var seen = Set<String>()
        for parameter in parameters {
            if !seen.insert(parameter.name).inserted {
                throw Diagnostic("parameter '\(parameter.name)' appears twice", at: parameter.span)
            }
            if BuiltinNames.constants[parameter.name] != nil {
                throw Diagnostic("'\(parameter.name)' is a constant and cannot be a parameter", at: parameter.span,
                                 hint: "choose another name, such as x or t")
            }
        }
    }

    private func rejectEmptyBody(after what: String) throws(Diagnostic) {
        if current.kind == .end {
            throw Diagnostic("expected an expression after '\(what)'", at: current.span)
        }
    }

    // MARK: - Expressions

    package mutating func expression() throws(Diagnostic) -> Syntax {
        try nested { (p: inout Parser) throws(Diagnostic) -> Syntax in
            let start = try p.additive()
            if p.current.kind == .dotDot {
                p.position += 1
                let end = try p.additive()
                return Syntax(.range(start, end), start.span.union(end.span))
            }
            return start
        }
    }

    private mutating func additive() throws(Diagnostic) -> Syntax {
        let first = try product()
        var rest: [Syntax.Link] = []
        while true {
            let op: Syntax.BinaryOperator
            switch current.kind {
            case .plus: op = .add
            case .minus: op = .subtract
            default:
                return Parser.chain(first, rest)
            }
            let opSpan = current.span
            position += 1
            try expectOperand(after: op.rawValue, at: opSpan)
            rest.append(.init(op: op, operand: try product(), opSpan: opSpan))
        }
    }

    private mutating func product() throws(Diagnostic) -> Syntax {
        let first = try unary()
        var rest: [Syntax.Link] = []
        while true {
            let op: Syntax.BinaryOperator
            let opSpan = current.span
            switch current.kind {
            case .star, .slash:
                op = current.kind == .star ? .multiply : .divide
                position += 1
                try expectOperand(after: op.rawValue, at: opSpan)
            case .identifier, .leftParen:
                // Implicit multiplication is read after a number or a closing
                // parenthesis: 2x, 3(x + 1), 2 sin(x), (a + b)x, (x + 1)(x - 1)^2.
                // A name before ':' is a label, not a factor.
                guard position > 0, peekKind(1) != .colon else { return Parser.chain(first, rest) }
                switch tokens[position - 1].kind {
                case .number, .rightParen: op = .multiply
                default: return Parser.chain(first, rest)
                }
            default:
                return Parser.chain(first, rest)
            }
            rest.append(.init(op: op, operand: try unary(), opSpan: opSpan))
        }
    }

    private static func chain(_ first: Syntax, _ rest: [Syntax.Link]) -> Syntax {
        guard let last = rest.last else { return first }
        return Syntax(.chain(first: first, rest: rest), first.span.union(last.operand.span))
    }

    private mutating func unary() throws(Diagnostic) -> Syntax {
        try nested { (p: inout Parser) throws(Diagnostic) -> Syntax in
            switch p.current.kind {
            case .minus:
                let start = p.current.span
                p.position += 1
                try p.expectOperand(after: "-", at: start)
                let operand = try p.unary()
                return Syntax(.negate(operand), start.union(operand.span))
            case .plus:
                let start = p.current.span
                p.position += 1
                try p.expectOperand(after: "+", at: start)
                return try p.unary()
            default:
                return try p.power()
            }
        }
    }

    private mutating func power() throws(Diagnostic) -> Syntax {
        let base = try postfix()
        guard current.kind == .caret else { return base }
        let caret = current.span
        position += 1
        try expectOperand(after: "^", at: caret)
        let exponent = try unary()
        return Syntax(.power(base: base, exponent: exponent), base.span.union(exponent.span))
    }

    private mutating func postfix() throws(Diagnostic) -> Syntax {
        let grouped = current.kind == .leftParen
        var node = try primary()
        if case .number = node.kind { return node }
        while true {
            switch current.kind {
            // (x + 1)(x - 1) multiplies, in the product rule below; only a group
            // that can hold a function is called: (f)(3), (f')(3), (grad(g))(1, 2).
            case .leftParen where !grouped || Parser.mayBeFunction(node):
                let open = current.span
                position += 1
                let arguments = try argumentList(open: open)
                node = Syntax(.call(callee: node, arguments: arguments), node.span.union(previous.span))
            case .leftBracket:
                let open = current.span
                position += 1
                let index = try expression()
                try expect(.rightBracket, "']' to close the '[' at column \(open.column)")
                node = Syntax(.index(node, index), node.span.union(previous.span))
            case .dot:
                position += 1
                guard case .identifier(let field) = current.kind else {
                    throw Diagnostic("expected a part name after '.', found \(current.description)", at: current.span,
                                     hint: "a run's parts are \(RunField.list), as in r.x")
                }
                position += 1
                node = Syntax(.field(node, name: field), node.span.union(previous.span))
            case .prime:
                var order = 0
                while current.kind == .prime {
                    order += 1
                    position += 1
                }
                node = Syntax(.derivative(node, order: order), node.span.union(previous.span))
            default:
                return node
            }
        }
    }

    /// A name, a derivative, a call or a part: something whose value may be
    /// a function. Sums, products, powers and numbers never are.
    private static func mayBeFunction(_ node: Syntax) -> Bool {
        switch node.kind {
        case .name, .derivative, .call, .field, .index: return true
        default: return false
        }
    }

    private mutating func argumentList(open: SourceSpan) throws(Diagnostic) -> [Syntax.Argument] {
        var arguments: [Syntax.Argument] = []
        if current.kind == .rightParen {
            position += 1
            return arguments
        }
        while true {
            var label: String?
            var labelSpan: SourceSpan?
            if case .identifier(let name) = current.kind, peekKind(1) == .colon {
                label = name
                labelSpan = current.span
                position += 2
            }
            if current.kind == .comma || current.kind == .rightParen || current.kind == .end {
                throw Diagnostic("expected an argument, found \(current.description)", at: current.span)
            }
            arguments.append(.init(label: label, labelSpan: labelSpan, value: try expression()))
            if current.kind == .comma {
                position += 1
                continue
            }
            try expect(.rightParen, "',' or ')' to close the '(' at column \(open.column)")
            return arguments
        }
    }

    private mutating func primary() throws(Diagnostic) -> Syntax {
        let token = current
        switch token.kind {
        case .number(let value):
            position += 1
            return Syntax(.number(value), token.span)
        case .identifier(let name):
            position += 1
            return Syntax(.name(name), token.span)
        case .text(let text):
            position += 1
            return Syntax(.text(text), token.span)
        case .leftParen:
            position += 1
            if current.kind == .rightParen {
                throw Diagnostic("empty parentheses", at: token.span.union(current.span),
                                 hint: "put an expression inside, as in (x + 1)")
            }
            var items = [try expression()]
            while current.kind == .comma {
                position += 1
                items.append(try expression())
            }
            try expect(.rightParen, "')' to close the '(' at column \(token.span.column)")
            let span = token.span.union(previous.span)
            if items.count == 1 {
                // Keep the parentheses' span so that carets cover them.
                return Syntax(items[0].kind, span)
            }
            return Syntax(.vector(items), span)
        case .end:
            throw Diagnostic("expected an expression, found the end of the line", at: token.span)
        case .rightParen:
            // (1,): a comma after the last part.
            let hint = previous.kind == .comma ? "a vector's parts are separated by commas, with none after the last, as in (1, 2)" : nil
            throw Diagnostic(hint == nil ? "unmatched ')'" : "expected a part after ',', found ')'", at: token.span, hint: hint)
        case .leftBracket:
            throw Diagnostic("expected a number, a name or '(', found '['", at: token.span,
                             hint: "write a range as -5..5 and a vector as (-5, 5)")
        default:
            throw Diagnostic("expected a number, a name or '(', found \(token.description)", at: token.span)
        }
    }

    // MARK: - Helpers

    private var current: Token { tokens[min(position, tokens.count - 1)] }
    private var previous: Token { tokens[max(0, min(position - 1, tokens.count - 1))] }

    private func peekKind(_ offset: Int) -> Token.Kind? {
        let i = position + offset
        return i < tokens.count ? tokens[i].kind : nil
    }

    private mutating func expect(_ kind: Token.Kind, _ what: String) throws(Diagnostic) {
        guard current.kind == kind else {
            // plot(f, -5:5): Python's slice where a range belongs.
            let hint = current.kind == .colon ? "write a range with two dots, as in -5..5" : nil
            throw Diagnostic("expected \(what), found \(current.description)", at: current.span, hint: hint)
        }
        position += 1
    }

    private func expectOperand(after op: String, at span: SourceSpan) throws(Diagnostic) {
        switch current.kind {
        case .end, .rightParen, .rightBracket, .comma, .plus, .star, .slash, .caret, .equals, .dotDot, .colon:
            var hint: String?
            if op == "*", current.kind == .star { hint = "write powers with ^, as in x^2" }
            throw Diagnostic("expected an expression after '\(op)', found \(current.description)", at: current.span, hint: hint)
        default:
            return
        }
    }

    private func expectEnd() throws(Diagnostic) {
        guard current.kind != .end else { return }
        var hint: String?
        switch current.kind {
        case .rightParen: hint = "there is one ')' too many"
        case .number, .identifier: hint = "put an operator between the two, such as '*'"
        default: hint = nil
        }
        // Habits from Python and from paper, answered in descent's words.
        let first = tokens.first?.kind
        if first == .identifier("def") || first == .identifier("lambda") {
            hint = "define a function as f(x) = x^2 + 2: no def, lambda or colon"
        } else if case .identifier(let name) = previous.kind, current.kind != .rightParen {
            let argument: String
            switch current.kind {
            case .identifier(let next): argument = next
            case .number(let value): argument = NumberFormat.shortest(value)
            default: argument = "x"
            }
            if name == "dx", position >= 3, tokens[position - 2].kind == .slash, tokens[position - 3].kind == .identifier("d") {
                hint = "the derivative of \(argument) is \(argument)' (diff(\(argument), x) for one of several variables)"
            } else if current.kind != .leftParen, Builtin.isReserved(name) {
                // plot f, sin x: a call needs its parentheses.
                hint = "to call \(name), put its arguments in parentheses, as in \(name)(\(argument))"
            }
        }
        throw Diagnostic("unexpected \(current.description)", at: current.span, hint: hint)
    }

    private mutating func nested<T>(_ body: (inout Parser) throws(Diagnostic) -> T) throws(Diagnostic) -> T {
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maximumDepth {
            throw Diagnostic("expression is nested too deeply (more than \(Parser.maximumDepth) levels)",
                             at: current.span)
        }
        return try body(&self)
    }
}
