import Calculus
/// What a name means where a function body is being read.
package enum NameMeaning: Sendable, Hashable {
    /// A named number (`k = 2`): the body refers to it by name.
    case number
    /// A user function of that many parameters (also `f'`, `f''`).
    case function(arity: Int)
    /// A table of data, whose columns a formula may average over (`d.x`).
    case table([String: Column])
    /// Something that cannot appear in a formula, described for the message
    /// ("a descent run", "a vector").
    case other(String)
}

/// Answers what the names a function body uses mean.
package protocol NameScope {
    func meaning(of name: String) -> NameMeaning?
    /// Every name defined, for "did you mean …?".
    var knownNames: [String] { get }
}

/// Reads the body of a function definition (`Syntax`) into an `Expr`,
/// checking every name as it goes.
///
///     g(w, b) = (w - 3)^2 + k*b    with k a number
///       → sum([power(sum([w, -3]), 2), product([symbol(k), b])])
package struct ExpressionBuilder<Scope: NameScope> {
    package let parameters: [String]
    package let scope: Scope
    /// The number a part of another value stands for (`r.x[1]`, `v.y`), read
    /// when the function is defined; nil where parts cannot appear.
    var partValue: ((Syntax) throws(Diagnostic) -> Double)?

    package init(parameters: [String], scope: Scope) {
        self.parameters = parameters
        self.scope = scope
    }

    /// The formula a function's body (or a formula's text) stands for: a
    /// tree already read (`Interpreter.reading`), whose numbers before
    /// parentheses are products.
    package func build(_ syntax: Syntax) throws(Diagnostic) -> Expr {
        switch syntax.kind {
        case .number(let value):
            return .number(value)
        case .name(let name):
            return try reference(name, at: syntax.span)
        case .negate(let operand):
            return -(try build(operand))
        case .chain(let first, let rest):
            return try chain(first, rest)
        case .power(let base, let exponent):
            return .power(try build(base), try build(exponent))
        case .call(let callee, let arguments):
            return try call(callee, arguments, at: syntax.span)
        case .derivative(let inner, _):
            throw Diagnostic("a derivative in a formula needs its argument, as in \(Self.describe(inner))'(x)", at: syntax.span)
        case .vector:
            throw Diagnostic("a formula gives one number; vectors cannot appear in it", at: syntax.span,
                             hint: "define one function per part, or use grad(f)")
        case .range:
            throw Diagnostic("a range (a..b) cannot appear in a formula", at: syntax.span)
        case .text:
            throw Diagnostic("text in quotes cannot appear in a formula", at: syntax.span)
        case .index:
            // line(x) = r.x[1]*x + r.x[2]: the fitted numbers, as they are now.
            if let partValue { return .number(try partValue(syntax)) }
            throw Diagnostic("indexing cannot appear in a formula", at: syntax.span,
                             hint: "name the part first, as in a = v[1]")
        case .field(let base, let field):
            if let name = base.nameValue, case .table(let columns)? = scope.meaning(of: name) {
                guard let column = columns[field] else {
                    throw Diagnostic("the table '\(name)' has no column '\(field)'", at: syntax.span,
                                     hint: NameSuggestion.closest(to: field, in: columns.keys).map { "did you mean '\(name).\($0)'?" }
                                         ?? "its columns are " + columns.keys.sorted().map { name + "." + $0 }.joined(separator: ", "))
                }
                return .column(column)
            }
            if let partValue { return .number(try partValue(syntax)) }
            throw Diagnostic("'.\(field)' cannot appear in a formula", at: syntax.span,
                             hint: "name the part first, as in xmin = r.x")
        }
    }

    private func chain(_ first: Syntax, _ rest: [Syntax.Link]) throws(Diagnostic) -> Expr {
        let isSum = rest.first.map { $0.op == .add || $0.op == .subtract } ?? false
        var items = [try build(first)]
        for link in rest {
            let operand = try build(link.operand)
            switch link.op {
            case .add, .multiply: items.append(operand)
            case .subtract: items.append(-operand)
            case .divide: items.append(.power(operand, .number(-1)))
            }
        }
        return isSum ? .sum(items) : .product(items)
    }

    private func reference(_ name: String, at span: SourceSpan) throws(Diagnostic) -> Expr {
        if parameters.contains(name) { return .variable(name) }
        if BuiltinNames.constants[name] != nil { return .constant(name) }
        switch scope.meaning(of: name) {
        case .number?:
            return .symbol(name)
        case .function?:
            throw Diagnostic("'\(name)' is a function; call it with an argument, as in \(name)(x)", at: span)
        case .other(let what)?:
            throw Diagnostic("'\(name)' is \(what), not a number", at: span)
        case .table(let columns)?:
            let example = columns.keys.sorted().first.map { "\(name).\($0)" } ?? "\(name).x"
            throw Diagnostic("'\(name)' is a table; a formula uses its columns, as in mean(\(example))", at: span)
        case nil:
            if ElementaryFunction(named: name) != nil {
                throw Diagnostic("'\(name)' is a function; call it with an argument, as in \(name)(x)", at: span)
            }
            throw unknownName(name, at: span)
        }
    }

    private func unknownName(_ name: String, at span: SourceSpan) -> Diagnostic {
        let candidates = parameters + scope.knownNames + Array(BuiltinNames.constants.keys)
        let hint = NameSuggestion.closest(to: name, in: candidates).map { "did you mean '\($0)'?" }
            ?? (parameters.isEmpty ? nil : "the parameters are " + parameters.map { "'\($0)'" }.joined(separator: ", "))
        return .unknownName(name, at: span, hint: hint)
    }

    private func call(_ callee: Syntax, _ arguments: [Syntax.Argument], at span: SourceSpan) throws(Diagnostic) -> Expr {
        for argument in arguments {
            if let label = argument.label {
                throw Diagnostic("named argument '\(label):' is not allowed here", at: argument.labelSpan ?? span)
            }
        }
        let built = try arguments.map { (argument) throws(Diagnostic) in try build(argument.value) }
        var name: String
        switch callee.kind {
        case .name(let calleeName):
            name = calleeName
            // mean(…) and sum(…) over the rows of data; count(d.x) is their number.
            if let reduction = Reduction(rawValue: calleeName), !parameters.contains(calleeName) {
                guard built.count == 1 else {
                    throw .argumentCount(of: "'\(calleeName)'", takes: Diagnostic.arguments(1), given: built.count, at: span)
                }
                return .reduce(reduction, built[0])
            }
            if calleeName == "count", !parameters.contains(calleeName) {
                guard built.count == 1, let column = built[0].rowColumns.first else {
                    throw Diagnostic("count(…) in a formula counts a column's rows, as in count(d.x)", at: span)
                }
                return .number(Double(column.count))
            }
            if !parameters.contains(calleeName), scope.meaning(of: calleeName) == nil,
               let function = ElementaryFunction(named: calleeName) {
                guard built.count == function.arity else {
                    throw .argumentCount(of: "'\(calleeName)'", takes: Diagnostic.arguments(function.arity), given: built.count, at: span)
                }
                return .apply(function, built)
            }
        case .derivative(let inner, let order):
            guard let base = inner.nameValue else {
                throw Diagnostic("only a named function can be differentiated here", at: callee.span)
            }
            name = base + String(repeating: "'", count: order)
        default:
            // f(x)(x + 1): a value followed by parentheses multiplies, as after a number.
            if built.count == 1 {
                return try build(callee) * built[0]
            }
            throw Diagnostic("only functions can be called in a formula", at: callee.span)
        }
        // x(x + 1), k(x - 1), pi(2x) were read as products (Interpreter.reading); with more than one argument, a mistake.
        if isNumber(name), case .name = callee.kind {
            throw Diagnostic("'\(name)' is a number, not a function", at: callee.span,
                             hint: "write \(name)*(…) to multiply")
        }
        switch scope.meaning(of: name) {
        case .function(let arity)?:
            guard arity == built.count else {
                throw .argumentCount(of: "'\(name)'", takes: Diagnostic.arguments(arity), given: built.count, at: span)
            }
            return .call(name, built)
        case .number?:
            throw Diagnostic("'\(name)' is a number, not a function", at: callee.span,
                             hint: "write \(name)*(…) to multiply")
        case .other(let what)?:
            throw Diagnostic("'\(name)' is \(what), not a function", at: callee.span)
        case .table?:
            throw Diagnostic("'\(name)' is a table, not a function", at: callee.span)
        case nil:
            let candidates = scope.knownNames + ElementaryFunction.allNames
            let hint = NameSuggestion.closest(to: name, in: candidates).map { "did you mean '\($0)'?" }
            throw Diagnostic("unknown function '\(name)'", at: callee.span, hint: hint)
        }
    }

    /// Whether a name stands for a number here: a parameter, a constant, or a value cell.
    private func isNumber(_ name: String) -> Bool {
        parameters.contains(name) || BuiltinNames.constants[name] != nil || scope.meaning(of: name) == .number
    }

    private static func describe(_ syntax: Syntax) -> String {
        syntax.nameValue ?? "f"
    }
}
