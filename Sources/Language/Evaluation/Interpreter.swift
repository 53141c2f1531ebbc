import Calculus
import Descent

/// Evaluates one parsed cell against the values of the others.
///
///     f(x) = x^2 + 2         → .function(f)
///     f'(3)                  → .number(6)
///     descend(f, from: -4, step: 0.1)   → .run(…)
///
/// The interpreter walks the cell's syntax once; anything that runs many
/// times (a descent, a plot's samples) is compiled first.
package struct Interpreter {
    let scope: Scope
    let settings: Settings
    let control: RunControl
    /// Whether what is evaluated is an operand of arithmetic. `f(t)`, with t
    /// undefined, means the function written in t wherever a function may
    /// stand (a cell, `f(t)'`, `diff(g(u, v), u)`, `plot(f(t), …)`), but in
    /// `f(t) + 1` an undefined t is an unknown name.
    private var inArithmetic = false

    /// This interpreter, evaluating operands of arithmetic.
    private var operands: Interpreter {
        var inner = self
        inner.inArithmetic = true
        return inner
    }

    package init(lookup: @escaping (String) -> Value?, knownNames: @escaping () -> [String], settings: Settings, control: RunControl) {
        self.scope = Scope(lookup: lookup, names: knownNames)
        self.settings = settings
        self.control = control
    }

    /// The value of a cell as read by `reading`.
    package func evaluate(_ cell: CellSyntax) throws(Diagnostic) -> Value {
        switch cell {
        case .function(let name, _, let parameters, let body):
            return .function(try define(name: name, parameters: parameters.map(\.name), body: body))
        case .value(let name, _, let body):
            return renamed(try evaluate(body), to: name)
        case .expression(let body):
            return try evaluate(body)
        }
    }

    /// The cell as this notebook reads it: a number before parentheses is a
    /// product (`k(x + 1)` when k is a value cell, or in a function's body
    /// one of its parameters), anything else before parentheses a call.
    /// Reading a tree already read changes nothing.
    package func reading(_ cell: CellSyntax) -> CellSyntax {
        switch cell {
        case .function(let name, let nameSpan, let parameters, let body):
            let names = Set(parameters.map(\.name))
            return .function(name: name, nameSpan: nameSpan, parameters: parameters,
                             body: body.resolvingImplicitProducts { names.contains($0) || isNumber($0) })
        case .value(let name, let nameSpan, let body):
            return .value(name: name, nameSpan: nameSpan, body: body.resolvingImplicitProducts(isNumber: isNumber))
        case .expression(let body):
            return .expression(body.resolvingImplicitProducts(isNumber: isNumber))
        }
    }

    /// `d = f'` makes a function named `d`.
    private func renamed(_ value: Value, to name: String) -> Value {
        switch value {
        case .function(var function):
            function.name = name
            return .function(function)
        case .table(let table):
            // d = csv(…): its columns are d.x, d.y in formulas.
            return .table(table.owned(by: name))
        default:
            return value
        }
    }

    func define(name: String, parameters: [String], body: Syntax) throws(Diagnostic) -> FunctionValue {
        var builder = ExpressionBuilder(parameters: parameters, scope: scope)
        builder.partValue = { (part) throws(Diagnostic) in
            let value = try self.evaluate(part)
            guard case .number(let number) = value else {
                throw Diagnostic("in a formula, a part must be a number, and this is \(value.kindDescription)", at: part.span,
                                 hint: "pick one number, as in r.x[1]")
            }
            return number
        }
        // Shown as a person would write it: 0*x and x^1 gone, like terms together.
        let shown = Simplifier.simplify(try builder.build(body))
        let expanded: Expr
        do {
            expanded = try Inliner.inline(shown, using: scope)
        } catch {
            throw Diagnostic(error.message, at: error.span ?? body.span, hint: error.hint)
        }
        if let problem = expanded.dataProblem {
            throw Diagnostic(problem, at: body.span,
                             hint: expanded.rowColumns.isEmpty ? nil : "a loss over data is usually a mean, as in mean((w*d.x + b - d.y)^2)")
        }
        return FunctionValue(name: name, parameters: parameters, shown: shown, expanded: expanded,
                             values: try located(body.span) { () throws(Diagnostic) in try scope.values(for: expanded) })
    }

    // MARK: - Expressions

    func evaluate(_ syntax: Syntax) throws(Diagnostic) -> Value {
        switch syntax.kind {
        case .number(let value):
            return .number(value)
        case .name(let name):
            return try reference(name, at: syntax.span)
        case .negate(let operand):
            return try Arithmetic.negate(try operands.evaluate(operand), at: syntax.span)
        case .chain(let first, let rest):
            let operands = self.operands
            var accumulator = try operands.evaluate(first)
            for link in rest {
                let right = try operands.evaluate(link.operand)
                accumulator = try Arithmetic.combine(accumulator, link.op, right, at: link.opSpan)
            }
            return accumulator
        case .power(let base, let exponent):
            return try Arithmetic.power(try operands.evaluate(base), try operands.evaluate(exponent), at: syntax.span)
        case .vector(let items):
            var numbers: [Double] = []
            for item in items {
                guard case .number(let value) = try evaluate(item) else {
                    throw Diagnostic("a vector's parts must be numbers", at: item.span)
                }
                numbers.append(value)
            }
            return .vector(numbers)
        case .text:
            throw Diagnostic("text in quotes is only a file's path, as in csv(\"points.csv\")", at: syntax.span)
        case .range(let low, let high):
            let a = try number(low, "a range's start")
            let b = try number(high, "a range's end")
            return .range(a, b)
        case .index(let base, let index):
            return try self.index(try evaluate(base), index, at: syntax.span)
        case .field(let base, let field):
            return try Fields.field(field, of: try evaluate(base), at: syntax.span)
        case .derivative(let inner, let order):
            let value = try evaluate(inner)
            guard case .function(let function) = value else {
                // y = x^2 + 2 after x = -4 made y the number 18, not a function of x.
                if case .number(let number) = value, let name = inner.nameValue {
                    throw Diagnostic("only a function has a derivative, and \(name) is a number, \(NumberFormat.shortest(number))", at: inner.span,
                                     hint: "\(name) = … works out a number with the values its names have now; to make a function, name its variable: \(name)(x) = …")
                }
                throw Diagnostic("only a function has a derivative", at: inner.span)
            }
            return .function(try derivative(function, order: order, at: syntax.span))
        case .call(let callee, let arguments):
            // A name no cell defines: a built-in, or a function not defined yet.
            if case .name(let name) = callee.kind, scope.lookup(name) == nil {
                if let builtin = Builtin(rawValue: name) {
                    return try builtin.call(Arguments(arguments, callSpan: syntax.span, calleeSpan: callee.span), self)
                }
                if let function = ElementaryFunction(named: name) {
                    return try elementary(function, arguments, at: syntax.span)
                }
                if BuiltinNames.constants[name] == nil {
                    let candidates = scope.knownNames + Builtin.allCases.map(\.rawValue) + ElementaryFunction.allNames
                    throw Diagnostic("unknown function '\(name)'", at: callee.span,
                                     hint: closestName(name, in: candidates).map { "did you mean '\($0)'?" }
                                         ?? "define it first, as in \(name)(x) = x^2")
                }
            }
            let calleeValue = try evaluate(callee)
            if !inArithmetic, case .function(let function) = calleeValue, let renamed = symbolic(function, arguments) {
                return .function(renamed)
            }
            return try call(calleeValue, arguments, calleeSpan: callee.span, at: syntax.span)
        }
    }

    /// `f'(x)` or `g(w, b)` where none of the arguments is defined: the
    /// function itself, written in those names (`f'(t)` gives `f'(t) = 2t`).
    private func symbolic(_ function: FunctionValue, _ arguments: [Syntax.Argument]) -> FunctionValue? {
        let names = arguments.compactMap { $0.label == nil ? $0.value.nameValue : nil }
        guard names.count == arguments.count, names.count == function.parameters.count, Set(names).count == names.count,
              names.allSatisfy({ scope.lookup($0) == nil && !Builtin.isReserved($0) })
        else { return nil }
        // A name close to a defined one is more likely a typo (f(rat) for
        // f(rate)): leave it to the unknown-name error and its suggestion.
        let known = scope.knownNames
        guard names.allSatisfy({ closestName($0, in: known) == nil }) else { return nil }
        let renaming = Dictionary(uniqueKeysWithValues: zip(function.parameters, names.map(Expr.variable)))
        var result = function
        result.parameters = names
        result.shown = Simplifier.simplify(function.shown.substituting(renaming))
        result.expanded = function.expanded.substituting(renaming)
        return result
    }

    /// Whether a name stands for a number here: a value cell or a constant.
    private func isNumber(_ name: String) -> Bool {
        switch scope.lookup(name) {
        case .number?: return true
        case nil: return BuiltinNames.constants[name] != nil
        default: return false
        }
    }

    func number(_ syntax: Syntax, _ what: String) throws(Diagnostic) -> Double {
        let value = try evaluate(syntax)
        guard case .number(let number) = value else {
            throw Diagnostic("\(what) must be a number, not \(value.kindDescription)", at: syntax.span)
        }
        return number
    }

    private func reference(_ name: String, at span: SourceSpan) throws(Diagnostic) -> Value {
        if let value = scope.lookup(name) { return value }
        if let constant = BuiltinNames.constants[name] { return .number(constant) }
        if let function = ElementaryFunction(named: name) {
            // `sin` alone is the function itself: plot(sin, -5..5), sin'.
            let parameters = function.arity == 1 ? ["x"] : ["x", "y"]
            let body = Expr.apply(function, parameters.map(Expr.variable))
            return .function(FunctionValue(name: name, parameters: parameters, shown: body, expanded: body, values: [:]))
        }
        if Builtin(rawValue: name) != nil {
            throw Diagnostic("'\(name)' is a built-in function; call it with arguments, as in \(name)(…)", at: span)
        }
        let candidates = scope.knownNames + Array(BuiltinNames.constants.keys)
        throw Diagnostic.unknownName(name, at: span, hint: closestName(name, in: candidates).map { "did you mean '\($0)'?" })
    }

    func derivative(_ function: FunctionValue, order: Int, at span: SourceSpan) throws(Diagnostic) -> FunctionValue {
        guard function.parameters.count == 1 else {
            throw Diagnostic("'\(function.name)' has \(function.parameters.count) parameters; use diff(\(function.name), \(function.parameters.first ?? "x")) or grad(\(function.name))",
                             at: span)
        }
        return try located(span) { () throws(Diagnostic) in try function.derivative(order: order, baseName: function.name) }
    }

    private func index(_ base: Value, _ index: Syntax, at span: SourceSpan) throws(Diagnostic) -> Value {
        let position = try number(index, "an index")
        let items: [Value]
        switch base {
        case .vector(let numbers): items = numbers.map(Value.number)
        case .gradient(let gradient): items = gradient.partials.map(Value.function)
        case .points(let points): items = points.map(Value.vector)
        default:
            throw Diagnostic("only a vector can be indexed, not \(base.kindDescription)", at: span)
        }
        guard position == position.rounded() else {
            throw Diagnostic("an index must be a whole number, not \(NumberFormat.shortest(position))", at: index.span,
                             hint: "parts are numbered from 1, as in v[1]")
        }
        guard position >= 1, position <= Double(items.count) else {
            throw Diagnostic("index \(NumberFormat.shortest(position)) is out of range: the vector has \(items.count) part\(items.count == 1 ? "" : "s"), numbered from 1",
                             at: index.span)
        }
        return items[Int(position) - 1]
    }

    private func elementary(_ function: ElementaryFunction, _ arguments: [Syntax.Argument], at span: SourceSpan) throws(Diagnostic) -> Value {
        if arguments.count == 1, arguments[0].label == nil {
            switch try operands.evaluate(arguments[0].value) {
            // min(v), max(v): the smallest or largest part.
            case .vector(let parts) where function == .min || function == .max:
                guard let first = parts.first else { return .number(.nan) }
                return .number(parts.dropFirst().reduce(first) { function.apply($0, $1) })
            // sin(d.x), exp(v): part by part.
            case .vector(let parts) where function.arity == 1:
                return .vector(parts.map { function.apply($0, .nan) })
            default:
                break
            }
        }
        guard arguments.count == function.arity else {
            throw .argumentCount(of: "'\(function.rawValue)'", takes: Diagnostic.arguments(function.arity), given: arguments.count, at: span)
        }
        var numbers: [Double] = []
        for argument in arguments {
            if let label = argument.label {
                throw Diagnostic("'\(function.rawValue)' takes no named argument '\(label):'", at: argument.labelSpan ?? span)
            }
            numbers.append(try operands.number(argument.value, "the argument of \(function.rawValue)"))
        }
        return .number(function.apply(numbers[0], numbers.count > 1 ? numbers[1] : .nan))
    }

    private func call(_ callee: Value, _ arguments: [Syntax.Argument], calleeSpan: SourceSpan, at span: SourceSpan) throws(Diagnostic) -> Value {
        var numbers: [Double] = []
        for argument in arguments {
            if let label = argument.label {
                throw Diagnostic("named argument '\(label):' is not allowed here", at: argument.labelSpan ?? span)
            }
            switch try evaluate(argument.value) {
            case .number(let value): numbers.append(value)
            // f(p) with a point p spreads its parts over the parameters.
            case .vector(let parts) where arguments.count == 1: numbers.append(contentsOf: parts)
            case let other:
                throw Diagnostic("arguments must be numbers, not \(other.kindDescription)", at: argument.value.span)
            }
        }
        switch callee {
        case .function(let function):
            guard numbers.count == function.parameters.count else {
                throw .argumentCount(of: "'\(function.name)'", takes: Diagnostic.arguments(function.parameters.count), given: numbers.count, at: span)
            }
            return .number(function(numbers))
        case .gradient(let gradient):
            guard numbers.count == gradient.of.parameters.count else {
                throw .argumentCount(of: "'\(gradient.name)'", takes: Diagnostic.arguments(gradient.of.parameters.count), given: numbers.count, at: span)
            }
            return .vector(gradient.partials.map { $0(numbers) })
        case .number(let factor) where numbers.count == 1 && arguments.count == 1:
            // k(2 + 1) with k a number: multiplication, as in a formula.
            return .number(factor * numbers[0])
        case let other:
            throw Diagnostic("\(other.kindDescription.capitalizedFirst) cannot be called", at: calleeSpan,
                             hint: "to multiply, write '*'")
        }
    }

    /// Rethrows a diagnostic without a position at the given span.
    func located<T>(_ span: SourceSpan, _ body: () throws(Diagnostic) -> T) throws(Diagnostic) -> T {
        do {
            return try body()
        } catch {
            throw Diagnostic(error.message, at: error.span ?? span, hint: error.hint)
        }
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
