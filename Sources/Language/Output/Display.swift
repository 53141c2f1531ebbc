import Foundation
import Calculus
import Descent

/// A value as shown to a person, in parts, so that nothing is parsed back
/// out of the text: the name a definition gives (coloured on a terminal)
/// and the rest, plain and, where it has colour of its own (a plot), coloured.
///
///     rate = 0.1          head "rate",  rest " = 0.1"
///     f(x) = x^2 + 2      head "f(x)",  rest " = x^2 + 2"
///     _3 = 18             head nil,     rest "18"
package struct Shown: Sendable, Hashable {
    package var head: String?
    package var rest: String
    package var coloredRest: String?

    package init(head: String?, rest: String, coloredRest: String? = nil) {
        self.head = head
        self.rest = rest
        self.coloredRest = coloredRest
    }

    package var plain: String { (head ?? "") + rest }
    /// The whole with colour, where the rest has any.
    package var colored: String? { coloredRest.map { (head ?? "") + $0 } }
}

/// How values are shown to people.
///
///     rate = 0.1        text "rate = 0.1"          json 0.1
///     f(x) = x^2 + 2    text "f(x) = x^2 + 2"      json "x^2 + 2"
///     f'                text "f'(x) = 2x"          json "2x"
package enum Display {
    /// The value as plain text: `rate = 0.1`.
    package static func text(_ value: Value, name: String?, settings: Settings) -> String {
        shown(value, name: name, settings: settings).plain
    }

    /// The value in parts: the name it defines (when `name` is given) and the rest.
    package static func shown(_ value: Value, name: String?, settings: Settings) -> Shown {
        let format = { (x: Double) in NumberFormat.significant(x, settings.precision) }
        // A definition shows its name first: `rate = 0.1`, or `r: ` before a table.
        func named(_ body: String, _ separator: String = " = ", colored: String? = nil) -> Shown {
            guard let name else { return Shown(head: nil, rest: body, coloredRest: colored) }
            return Shown(head: name, rest: separator + body, coloredRest: colored.map { separator + $0 })
        }
        switch value {
        case .number(let x):
            return named(format(x) + note(for: [x]))
        case .vector(let parts):
            // A long vector (a run's path) shows its ends; --json has every part.
            let shown = parts.count <= 12 ? parts.map(format)
                : parts.prefix(5).map(format) + ["…"] + parts.suffix(5).map(format)
            let count = parts.count > 12 ? "  (\(parts.count) values)" : ""
            return named("(" + shown.joined(separator: ", ") + ")" + count + note(for: parts))
        case .function(let function):
            // `f(x) = x^2 + 2` names itself; its head is the signature.
            guard name != nil else { return Shown(head: nil, rest: function.description) }
            return Shown(head: function.signature, rest: " = " + ExpressionPrinter.print(function.shown))
        case .gradient(let gradient):
            return named(gradient.description, ": ")
        case .range(let a, let b):
            return named(format(a) + ".." + format(b))
        case .points(let points):
            let shown = points.count <= 12 ? points.map(Optional.some) : points.prefix(5).map(Optional.some) + [nil] + points.suffix(5).map(Optional.some)
            let text = shown.map { point in
                point.map { "(" + $0.map(format).joined(separator: ", ") + ")" } ?? "…"
            }.joined(separator: ", ")
            return named(text + (points.count > 12 ? "  (\(points.count) points)" : ""))
        case .run(let run):
            return named(PathTable.render(run, settings: settings), ": ")
        case .sweep(let sweep):
            return named(SweepTable.render(sweep, settings: settings), ": ")
        case .text(let text, _):
            return named(text, ": ")
        case .figure(let figure):
            return named(figure.plain, ":\n", colored: figure.colored)
        case .basins(let basins):
            return named(basins.figure.plain, ":\n", colored: basins.figure.colored)
        case .advice(let advice):
            return named(AdviceText.render(advice, settings: settings), ": ")
        case .table(let table):
            return named(DataTable.render(table, settings: settings), ": ")
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
        if sweep.overStarts { return startsTable(sweep, settings: settings) }
        let format = { (x: Double) in NumberFormat.significant(x, settings.precision) }
        let function = sweep.function
        var rows: [[String]] = [["step", "steps"] + function.parameters + ["\(function.signature)", "status"]]
        for run in sweep.runs {
            rows.append([format(run.stepSize), String(run.steps)] + run.x.map(format) + [format(run.f), run.status.rawValue])
        }
        let start = sweep.runs.first.map { PathTable.pointText($0.start, format) } ?? ""
        let method = sweep.runs.first?.method.name ?? "gd"
        // On a narrow screen f goes first, then the end points: the step, where each run
        // ended (in 1-D) and how it ended stay, for they are the sweep's lesson.
        let points = [2 + function.parameters.count] + Array(2..<2 + function.parameters.count)
        var text = "sweep of \(function.name) from \(start) (\(method))\n" + TextTable.render(rows, width: settings.width, dropping: points)
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
        let method = sweep.runs.first?.method.name ?? "gd"
        let step = sweep.runs.first.map { format($0.stepSize) } ?? ""
        var lines = ["sweep of \(function.name) from \(sweep.runs.count) start\(sweep.runs.count == 1 ? "" : "s") (\(method), step \(step))",
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
                    .joined(separator: "  ").trimmingCharacters(in: .whitespaces))
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

/// A table of data: its size and where it came from, then its first and
/// last rows (`:set rows` of each).
///
///     d: 4 rows, columns x and y (from examples/points.csv)
///     x  y
///     1  3
///     …
enum DataTable {
    static func render(_ table: TableValue, settings: Settings) -> String {
        let format = { (x: Double) in NumberFormat.significant(x, settings.precision) }
        let count = table.rowCount
        let names = table.names.count == 1 ? table.names[0]
            : table.names.dropLast().joined(separator: ", ") + " and " + table.names.last!
        var title = "\(count) row\(count == 1 ? "" : "s"), column\(table.names.count == 1 ? "" : "s") \(names)"
        if let path = table.path { title += " (from \(path))" }
        var rows: [[String]] = [table.names]
        let shown = count <= 2 * settings.rows + 1 ? Array(0..<count)
            : Array(0..<settings.rows) + [-1] + Array((count - settings.rows)..<count)
        for i in shown {
            rows.append(i < 0 ? table.names.map { _ in "…" } : table.columns.map { format($0.values[i]) })
        }
        return title + "\n" + TextTable.render(rows)
    }
}
