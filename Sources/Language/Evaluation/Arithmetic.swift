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
        case (.vector(let a), .vector(let b)):
            // Part by part, as columns of data combine row by row.
            guard a.count == b.count else {
                throw Diagnostic("cannot \(verb(op)) vectors of \(a.count) and \(b.count) parts: part by part, they must be as long", at: span)
            }
            return .vector(zip(a, b).map { apply(op, $0, $1) })
        case (.number(let a), .vector(let b)):
            // A number goes with every part: 2 d.x + 1.
            return .vector(b.map { apply(op, a, $0) })
        case (.vector(let a), .number(let b)):
            return .vector(a.map { apply(op, $0, b) })
        case (.function(let f), _), (_, .function(let f)):
            throw Diagnostic("cannot compute with the function '\(f.name)' itself", at: span,
                             hint: "call it, as in \(f.name)(2), or define a new function, as in g(x) = \(f.name)(x) \(op.rawValue) 1")
        default:
            throw Diagnostic("cannot \(verb(op)) \(left.kindDescription) and \(right.kindDescription)", at: span)
        }
    }

    private static func verb(_ op: Syntax.BinaryOperator) -> String {
        switch op {
        case .add: return "add"
        case .subtract: return "subtract"
        case .multiply: return "multiply"
        case .divide: return "divide"
        }
    }

    static func power(_ base: Value, _ exponent: Value, at span: SourceSpan) throws(Diagnostic) -> Value {
        switch (base, exponent) {
        case (.number(let a), .number(let b)): return .number(Expr.power(a, b))
        case (.vector(let a), .number(let b)): return .vector(a.map { Expr.power($0, b) })
        case (.number(let a), .vector(let b)): return .vector(b.map { Expr.power(a, $0) })
        case (.vector(let a), .vector(let b)) where a.count == b.count: return .vector(zip(a, b).map { Expr.power($0, $1) })
        default:
            throw Diagnostic("'^' needs numbers or vectors of one length, not \(base.kindDescription) and \(exponent.kindDescription)", at: span)
        }
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
                // fit.w for the weight a run found: its point is r.x, one part per parameter.
                let parameters = runValue.function.parameters
                if let index = parameters.firstIndex(of: name), parameters.count > 1 {
                    throw Diagnostic("a run has no part '\(name)'", at: span,
                                     hint: "the point it found is r.x: \(name) is r.x[\(index + 1)]")
                }
                throw Diagnostic("a run has no part '\(name)'", at: span,
                                 hint: closestName(name, in: RunField.allCases.map(\.rawValue)).map { "did you mean '\($0)'?" }
                                     ?? "its parts are " + RunField.list)
            }
            return field.value(of: runValue.run)
        case .table(let table):
            guard let column = table.column(named: name) else {
                throw Diagnostic("the table has no column '\(name)'", at: span,
                                 hint: closestName(name, in: table.names).map { "did you mean '\($0)'?" }
                                     ?? "its columns are " + table.names.joined(separator: ", "))
            }
            return .vector(column.values)
        case .vector(let parts):
            let names = ["x": 0, "y": 1, "z": 2]
            if let index = names[name], index < parts.count { return .number(parts[index]) }
            throw Diagnostic("a vector has no part '\(name)'", at: span, hint: "use v[1], v[2], …")
        default:
            throw Diagnostic("\(value.kindDescription.capitalizedFirst) has no parts", at: span)
        }
    }
}
