import Calculus
import Descent

/// What the built-ins share: taking a function, a point, and explaining a derivative.
extension Interpreter {
    func function(_ syntax: Syntax, for builtin: String) throws(Diagnostic) -> FunctionValue {
        let value: Value
        do {
            value = try evaluate(syntax)
        } catch var diagnostic where diagnostic.unknownName != nil && syntax.nameValue == nil && diagnostic.hint == nil {
            // descend(x^2 + 2, …): a formula where a function's name belongs.
            diagnostic.hint = "\(builtin) takes a function by name: define it first, as in f(x) = x^2 + 2, then \(builtin)(f, …)"
            throw diagnostic
        }
        guard case .function(let function) = value else {
            throw Diagnostic("\(builtin) needs a function, not \(value.kindDescription)", at: syntax.span,
                             hint: Interpreter.functionHint(for: builtin, syntax, value))
        }
        return function
    }

    /// What to write instead: the function without its argument, one partial
    /// derivative rather than the gradient, or a definition to make.
    static func functionHint(for builtin: String, _ syntax: Syntax, _ value: Value) -> String {
        if case .gradient(let gradient) = value, let first = gradient.of.parameters.first {
            return "take one partial derivative at a time, as in \(builtin)(diff(\(gradient.of.name), \(first)))"
        }
        if case .call(let callee, _) = syntax.kind, let name = calleeText(callee) {
            return "give the function itself, without an argument: \(builtin)(\(name))"
        }
        return "define one first, as in f(x) = x^2"
    }

    private static func calleeText(_ syntax: Syntax) -> String? {
        switch syntax.kind {
        case .name(let name): return name
        case .derivative(let inner, let order): return calleeText(inner).map { $0 + String(repeating: "'", count: order) }
        default: return nil
        }
    }

    func point2(_ syntax: Syntax) throws(Diagnostic) -> (x: Double, y: Double) {
        guard case .vector(let parts) = try evaluate(syntax), parts.count == 2 else {
            throw Diagnostic("expected a point (x, y)", at: syntax.span)
        }
        return (parts[0], parts[1])
    }

    func explain(_ syntax: Syntax) throws(Diagnostic) -> Value {
        // explain(f') explains f's derivative; explain(f) does the same.
        var target = syntax
        var order = 1
        if case .derivative(let inner, let n) = syntax.kind {
            target = inner
            order = n
        }
        if case .call(let callee, let arguments) = syntax.kind, callee.nameValue == "diff", arguments.count == 2,
           let variable = arguments[1].value.nameValue {
            let function = try function(arguments[0].value, for: "explain")
            return .text(explanation(function, variable: variable, name: "diff(\(function.name), \(variable))",
                                     span: arguments[1].value.span), kind: .explanation)
        }
        var function = try function(target, for: "explain")
        guard function.parameters.count == 1 else {
            throw Diagnostic("'\(function.name)' has several parameters; explain one partial, as in explain(diff(\(function.name), \(function.parameters[0])))",
                             at: syntax.span)
        }
        guard order <= 3 else {
            throw Diagnostic("explain works through derivatives up to the third", at: syntax.span)
        }
        var lines: [String] = []
        for level in 1...order {
            let name = function.name.prefix { $0 != "'" } + String(repeating: "'", count: level)
            lines.append(explanation(function, variable: function.parameters[0], name: String(name), span: syntax.span))
            function = function.derivative(by: function.parameters[0], name: String(name))
        }
        return .text(lines.joined(separator: "\n\n"), kind: .explanation)
    }

    private func explanation(_ function: FunctionValue, variable: String, name: String, span: SourceSpan) -> String {
        let (result, steps, omitted) = Derivative.derivation(of: function.expanded, by: variable, limit: 60)
        var lines = ["\(function.description)"]
        if function.shown != function.expanded {
            lines.append("expanding the functions it calls: \(function.signature) = \(ExpressionPrinter.print(function.expanded))")
        }
        // A long derivation is cut: its first steps teach, the rest would only scroll.
        lines += DerivationExplanation.lines(steps: steps, variable: variable)
        if omitted > 0 { lines.append("… and \(omitted) more steps") }
        lines.append("so \(name)(\(function.parameters.joined(separator: ", "))) = \(ExpressionPrinter.print(result))")
        return lines.joined(separator: "\n")
    }
}
