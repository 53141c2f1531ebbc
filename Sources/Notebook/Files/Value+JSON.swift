import DataFiles
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
        case .sweep(let sweep):
            // Each run says its step (and, over starts, where it began); over starts, the minima follow.
            let runs: [JSONValue] = sweep.runs.map { run in
                guard case .object(let pairs) = Value.runJSON(run) else { return .null }
                let start: [(String, JSONValue)] = sweep.overStarts ? [("from", Value.point(run.start))] : []
                return .object(start + [("step", .finite(run.stepSize))] + pairs)
            }
            guard sweep.overStarts else { return .array(runs) }
            let minima: [JSONValue] = sweep.minima.map {
                .object([("x", Value.point($0.x)), ("f", .finite($0.f)), ("count", .number(Double($0.count))), ("global", .bool($0.isGlobal))])
            }
            return .object([("runs", .array(runs)), ("minima", .array(minima))])
        case .text(let text, _):
            return .string(text)
        case .table(let table):
            return .object([("rows", .number(Double(table.rowCount))), ("columns", .array(table.names.map(JSONValue.string)))])
        case .basins(let basins):
            let map = basins.map
            let minima: [JSONValue] = map.minima.indices.map { i in
                .object([("x", Value.point(map.minima[i].x)), ("f", .finite(map.minima[i].f)),
                         ("share", .finite(map.share(ofMinimum: i))), ("global", .bool(map.minima[i].isGlobal))])
            }
            return .object([("grid", .array([.number(Double(map.columns)), .number(Double(map.rows))])),
                            ("minima", .array(minima)),
                            ("diverged", .finite(map.share { $0 == .diverged })),
                            ("unfinished", .finite(map.share { $0 == .unfinished })),
                            ("elsewhere", .finite(map.share { $0 == .elsewhere }))])
        case .advice(let advice):
            return .object([("curvature", .finite(advice.curvature)),
                            ("stable_below", advice.stableBelow.map(JSONValue.finite) ?? .null),
                            ("suggested", advice.suggested.map(JSONValue.finite) ?? .null)])
        }
    }

    /// A point as a number in 1-D, an array otherwise.
    static func point(_ x: [Double]) -> JSONValue {
        x.count == 1 ? .finite(x[0]) : .array(x.map(JSONValue.finite))
    }

    static func runJSON(_ run: Run) -> JSONValue {
        let x = point(run.x)
        return .object([
            ("x", x), ("f", .finite(run.f)), ("steps", .number(Double(run.steps))),
            ("status", .string(run.status.rawValue)),
            ("kind", run.kind.map { .string($0.rawValue) } ?? .null),
            // r.path keeps every step of a short run; a long one, every 2nd, 4th, … step (and the last).
            ("path_every", .number(Double(run.path.stride))),
        ])
    }
}
