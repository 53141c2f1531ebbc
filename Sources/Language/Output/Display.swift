import Calculus
import Descent

/// How values are shown: as text for people, and as JSON for scripts.
///
///     rate = 0.1        text "rate = 0.1"          json 0.1
///     f(x) = x^2 + 2    text "f(x) = x^2 + 2"      json "x^2 + 2"
///     f'                text "f'(x) = 2x"          json "2x"
public enum Display {
    public static func text(_ value: Value, name: String?, settings: Settings) -> String {
        let format = { (x: Double) in NumberFormat.significant(x, settings.precision) }
        let prefix = name.map { $0 + " = " } ?? ""
        switch value {
        case .number(let x):
            return prefix + format(x) + note(for: [x])
        case .vector(let parts):
            // A long vector (a run's path) shows its ends; --json has every part.
            let shown = parts.count <= 12 ? parts.map(format)
                : parts.prefix(5).map(format) + ["…"] + parts.suffix(5).map(format)
            let count = parts.count > 12 ? "  (\(parts.count) values)" : ""
            return prefix + "(" + shown.joined(separator: ", ") + ")" + count + note(for: parts)
        case .function(let function):
            return function.description
        case .gradient(let gradient):
            return (name.map { $0 + ": " } ?? "") + gradient.description
        case .range(let a, let b):
            return prefix + format(a) + ".." + format(b)
        case .points(let points):
            let shown = points.count <= 12 ? points.map(Optional.some) : points.prefix(5).map(Optional.some) + [nil] + points.suffix(5).map(Optional.some)
            let text = shown.map { point in
                point.map { "(" + $0.map(format).joined(separator: ", ") + ")" } ?? "…"
            }.joined(separator: ", ")
            return prefix + text + (points.count > 12 ? "  (\(points.count) points)" : "")
        case .run(let run):
            return (name.map { $0 + ": " } ?? "") + PathTable.render(run, settings: settings)
        case .sweep(let sweep):
            return (name.map { $0 + ": " } ?? "") + SweepTable.render(sweep, settings: settings)
        case .text(let text, _):
            return (name.map { $0 + ": " } ?? "") + text
        case .figure(let figure):
            return (name.map { $0 + ":\n" } ?? "") + figure.plain
        }
    }

    /// Why a result is not a finite number, in a line a learner can act on.
    private static func note(for numbers: [Double]) -> String {
        if numbers.contains(where: \.isNaN) {
            return "\nnote: nan means not a number: an argument is outside a function's domain (ln or sqrt of a negative number, 0/0, …)"
        }
        if numbers.contains(where: \.isInfinite) {
            return "\nnote: inf is infinite: a division by zero, ln(0), or a number too large for a double"
        }
        return ""
    }
}

/// Runs side by side, one row per step size.
///
///     sweep of f from -4 (gd)
///     step  steps          x     f(x)  status
///     0.01   1000  -6.7e-09        2  max-steps
enum SweepTable {
    static func render(_ sweep: SweepValue, settings: Settings) -> String {
        let format = { (x: Double) in NumberFormat.significant(x, settings.precision) }
        let function = sweep.function
        var rows: [[String]] = [["step", "steps"] + function.parameters + ["\(function.signature)", "status"]]
        for run in sweep.runs {
            rows.append([format(run.stepSize), String(run.steps)] + run.x.map(format) + [format(run.f), run.status.rawValue])
        }
        let start = sweep.runs.first.map { PathTable.pointText($0.start, format) } ?? ""
        let method = sweep.runs.first?.method.name ?? "gd"
        var text = "sweep of \(function.name) from \(start) (\(method))\n" + TextTable.render(rows)
        if let best = sweep.runs.filter({ $0.status == .converged }).min(by: { $0.steps < $1.steps }) {
            text += "\nfastest to converge: step \(format(best.stepSize)), \(best.steps) step\(best.steps == 1 ? "" : "s")"
        } else {
            text += "\nno step converged"
        }
        // Too large: the run overflowed, or climbed where it should descend.
        let tooLarge = sweep.runs.filter { ($0.status == .diverged || $0.status == .maxSteps) && $0.grew }
        if !tooLarge.isEmpty {
            let list = tooLarge.map { format($0.stepSize) }.joined(separator: ", ")
            let how = tooLarge.allSatisfy({ $0.f.isFinite }) ? "f grew instead of falling" : "f grew or stopped being a number"
            text += tooLarge.count == 1 ? "\nstep \(list) is too large for this function: \(how)"
                : "\nsteps \(list) are too large for this function: \(how)"
        }
        return text
    }
}
