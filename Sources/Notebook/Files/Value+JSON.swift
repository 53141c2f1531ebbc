import Calculus
import Descent
import Language

/// A value as `--json` writes it (SPEC section 6): a number, an array of
/// numbers, the simplified expression of a function, a run's summary, or
/// null for a plot.
extension Value {
    var json: JSONValue {
        switch self {
        case .number(let x): return .finite(x)
        case .vector(let parts): return .array(parts.map(JSONValue.finite))
        case .function(let function): return .string(ExpressionPrinter.print(function.shown))
        case .gradient(let gradient): return .array(gradient.partials.map { .string(ExpressionPrinter.print($0.shown)) })
        case .range(let a, let b): return .array([.finite(a), .finite(b)])
        case .points(let points): return .array(points.map { .array($0.map(JSONValue.finite)) })
        case .run(let run): return Value.runJSON(run.run)
        case .figure: return .null
        case .sweep(let sweep): return .array(sweep.runs.map(Value.runJSON))
        case .text(let text, _):
            return .string(text)
        case .advice(let advice):
            return .object([("curvature", .finite(advice.curvature)),
                            ("stable_below", advice.stableBelow.map(JSONValue.finite) ?? .null),
                            ("suggested", advice.suggested.map(JSONValue.finite) ?? .null)])
        }
    }

    static func runJSON(_ run: Run) -> JSONValue {
        let x: JSONValue = run.x.count == 1 ? .finite(run.x[0]) : .array(run.x.map(JSONValue.finite))
        return .object([
            ("x", x), ("f", .finite(run.f)), ("steps", .number(Double(run.steps))),
            ("status", .string(run.status.rawValue)),
            ("kind", run.kind.map { .string($0.rawValue) } ?? .null),
        ])
    }
}
