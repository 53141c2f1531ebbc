import Foundation
import Calculus
import Descent

/// Runs side by side, one row per step size.
///
///     sweep of f from -4 (gd)
///     step  steps          x     f(x)  status
///     0.01   1000  -6.7e-09        2  max-steps
enum SweepTable {
    static func render(_ sweep: SweepValue, settings: Settings) -> String {
        if sweep.overStarts { return startsTable(sweep, settings: settings) }
        let format = { (x: Double) in NumberFormat.significant(x, settings.precision) }
        let function = sweep.function
        var rows: [[String]] = [["step", "steps"] + function.parameters + ["\(function.signature)", "status"]]
        for run in sweep.runs {
            rows.append([format(run.stepSize), String(run.steps)] + run.x.map(format) + [format(run.f), run.status.rawValue])
        }
        // On a narrow screen f goes first, then the end points: the step, where each run
        // ended (in 1-D) and how it ended stay, for they are the sweep's lesson.
        let points = [2 + function.parameters.count] + Array(2..<2 + function.parameters.count)
        var text = title(sweep, settings: settings) + "\n" + TextTable.render(rows, width: settings.width, dropping: points)
        // Only a run that reached a minimum succeeded: stopping on a maximum or a saddle is no success.
        let succeeded = sweep.runs.filter { $0.status == .converged && $0.kind != .maximum && $0.kind != .saddle }
        if let best = succeeded.min(by: { $0.steps < $1.steps }) {
            text += "\nfastest to converge: step \(format(best.stepSize)), \(best.steps) step\(best.steps == 1 ? "" : "s")"
        } else {
            text += "\nno step reached a minimum"
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

    /// The table's first line: `sweep of f from -4 (gd)`, or `sweep of f from 4 starts (gd, step 0.1)`.
    static func title(_ sweep: SweepValue, settings: Settings) -> String {
        let format = { (x: Double) in NumberFormat.significant(x, settings.precision) }
        let method = sweep.runs.first?.method.name ?? "gd"
        if sweep.overStarts {
            let step = sweep.runs.first.map { format($0.stepSize) } ?? ""
            return "sweep of \(sweep.function.name) from \(sweep.runs.count) start\(sweep.runs.count == 1 ? "" : "s") (\(method), step \(step))"
        }
        let start = sweep.runs.first.map { PathTable.pointText($0.start, format) } ?? ""
        return "sweep of \(sweep.function.name) from \(start) (\(method))"
    }

    /// One row per start, then the minima they reached, lowest first:
    ///
    ///     sweep of f from 4 starts (gd, step 0.1)
    ///     from  steps         x       f(x)  stopped at
    ///       -3     33  -1.30084   -3.51391  minimum
    ///     …
    ///     minima found: x = -1.30084  f = -3.51391  from 2 starts  global
    ///                   x = 1.13131   f = -1.07023  from 2 starts
    static func startsTable(_ sweep: SweepValue, settings: Settings) -> String {
        let format = { (x: Double) in NumberFormat.significant(x, settings.precision) }
        let function = sweep.function
        let point = { (x: [Double]) in PathTable.pointText(x, format) }
        var rows: [[String]] = [["from", "steps"] + function.parameters + [function.signature, "stopped at"]]
        for run in sweep.runs {
            let end = run.status == .converged ? run.kind?.rawValue ?? "converged" : run.status.rawValue
            rows.append([point(run.start), String(run.steps)] + run.x.map(format) + [format(run.f), end])
        }
        var lines = [title(sweep, settings: settings),
                     TextTable.render(rows, width: settings.width,
                                      dropping: [2 + function.parameters.count] + Array(2..<2 + function.parameters.count))]
        let minima = sweep.minima
        if minima.isEmpty {
            lines.append("no start reached a minimum")
        } else {
            let described = minima.map { minimum in
                [function.parameters.count == 1 ? "x = \(format(minimum.x[0]))" : "x = \(point(minimum.x))",
                 "f = \(format(minimum.f))", "from \(minimum.count) start\(minimum.count == 1 ? "" : "s")",
                 minimum.isGlobal ? "global (the lowest found)" : "local"]
            }
            // Left-aligned columns, so that each line reads as a sentence.
            let widths = (0..<4).map { column in described.map { $0[column].count }.max() ?? 0 }
            lines.append(minima.count == 1 ? "one minimum found:" : "\(minima.count) minima found, lowest first:")
            for row in described {
                lines.append("  " + row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                    .joined(separator: "  ").trimmingSpaces)
            }
        }
        // Starts that reached no minimum, said apart.
        var elsewhere: [String: Int] = [:]
        for run in sweep.runs where !(run.status == .converged && run.kind == .minimum) {
            let spot: String
            switch run.kind {
            case .maximum?: spot = "a maximum"
            case .saddle?: spot = "a saddle point"
            default: spot = "a flat spot"
            }
            let end = run.status == .converged ? "stopped on " + spot : run.status.rawValue
            elsewhere[end, default: 0] += 1
        }
        for (end, count) in elsewhere.sorted(by: { $0.key < $1.key }) {
            lines.append("\(count) start\(count == 1 ? "" : "s") \(end == "max-steps" ? "hit the step limit" : end == "diverged" ? "diverged" : end == "interrupted" ? "were interrupted" : end)")
        }
        if let steepest = sweep.steepest { lines.append(AdviceText.stableStepHint(steepest, on: "the starts and ends", format)) }
        return lines.joined(separator: "\n")
    }
}
