import Calculus

/// Arithmetic on cell values: numbers, and vectors part by part.
///
///     (1, 2) + (3, 4) → (4, 6)      2 * (1, 2) → (2, 4)      (2, 4) / 2 → (1, 2)
///
/// Functions are not added or multiplied as values; the message says to
/// define a new function instead.
enum Arithmetic {
    static func negate(_ value: Value, at span: SourceSpan) throws(Diagnostic) -> Value {
        switch value {
        case .number(let a): return .number(-a)
        case .vector(let a): return .vector(a.map { -$0 })
        default: throw unsupported("negate", value, at: span)
        }
    }

    static func combine(_ left: Value, _ op: Syntax.BinaryOperator, _ right: Value, at span: SourceSpan) throws(Diagnostic) -> Value {
        switch (left, right) {
        case (.number(let a), .number(let b)):
            return .number(apply(op, a, b))
        case (.vector(let a), .vector(let b)) where op == .add || op == .subtract:
            guard a.count == b.count else {
                throw Diagnostic("cannot \(op == .add ? "add" : "subtract") vectors of \(a.count) and \(b.count) parts", at: span)
            }
            return .vector(zip(a, b).map { apply(op, $0, $1) })
        case (.number(let a), .vector(let b)) where op == .multiply:
            return .vector(b.map { a * $0 })
        case (.vector(let a), .number(let b)) where op == .multiply || op == .divide:
            return .vector(a.map { apply(op, $0, b) })
        case (.function(let f), _), (_, .function(let f)):
            throw Diagnostic("cannot compute with the function '\(f.name)' itself", at: span,
                             hint: "call it, as in \(f.name)(2), or define a new function, as in g(x) = \(f.name)(x) \(op.rawValue) 1")
        default:
            let verb: String
            switch op {
            case .add: verb = "add"
            case .subtract: verb = "subtract"
            case .multiply: verb = "multiply"
            case .divide: verb = "divide"
            }
            throw Diagnostic("cannot \(verb) \(left.kindDescription) and \(right.kindDescription)", at: span)
        }
    }

    static func power(_ base: Value, _ exponent: Value, at span: SourceSpan) throws(Diagnostic) -> Value {
        guard case .number(let a) = base, case .number(let b) = exponent else {
            throw Diagnostic("'^' needs two numbers, not \(base.kindDescription) and \(exponent.kindDescription)", at: span)
        }
        return .number(Expr.power(a, b))
    }

    private static func apply(_ op: Syntax.BinaryOperator, _ a: Double, _ b: Double) -> Double {
        switch op {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide: return a / b
        }
    }

    private static func unsupported(_ verb: String, _ value: Value, at span: SourceSpan) -> Diagnostic {
        Diagnostic("cannot \(verb) \(value.kindDescription)", at: span)
    }
}

/// The parts of values: a run's (`r.x`, see `RunField`) and a vector's (`v.x`, `v.y`, `v.z`).
enum Fields {
    static func field(_ name: String, of value: Value, at span: SourceSpan) throws(Diagnostic) -> Value {
        switch value {
        case .run(let runValue):
            guard let field = RunField(rawValue: name) else {
                throw Diagnostic("a run has no part '\(name)'", at: span,
                                 hint: closestName(name, in: RunField.allCases.map(\.rawValue)).map { "did you mean '\($0)'?" }
                                     ?? "its parts are " + RunField.list)
            }
            return field.value(of: runValue.run)
        case .vector(let parts):
            let names = ["x": 0, "y": 1, "z": 2]
            if let index = names[name], index < parts.count { return .number(parts[index]) }
            throw Diagnostic("a vector has no part '\(name)'", at: span, hint: "use v[1], v[2], …")
        default:
            throw Diagnostic("\(value.kindDescription.capitalizedFirst) has no parts", at: span)
        }
    }
}
