import Calculus
import Descent

/// The iteration table of a run: the first and last rows (all of them on
/// request), then a one-line summary.
///
///      step        x     f(x)   |f'(x)|
///         0       -4       18         8
///         1     -3.2    12.24       6.4
///       ...
///        72  -1.9e-07        2   3.8e-07
///     converged after 72 steps (gradient length below 1e-06)
enum PathTable {
    static func render(_ value: RunValue, settings: Settings, allRows: Bool = false) -> String {
        let run = value.run
        let function = value.function
        let format = { (x: Double) in NumberFormat.significant(x, settings.precision) }
        // In 1-D the lesson is the direction: the signed slope and the step it caused.
        let oneVariable = function.parameters.count == 1
        let derivativeHeader = oneVariable ? "\(function.name)'(\(function.parameters[0]))" : "|grad|"
        // A line search shows the step each update used and how often it halved it; Newton where it fell back.
        let careful: [String]
        switch run.method {
        case .linesearch: careful = ["step used", "halvings"]
        case .newton: careful = run.gradientSteps > 0 ? ["update"] : []
        default: careful = []
        }
        let header = ["step"] + function.parameters + ["\(function.name)(\(function.parameters.joined(separator: ", ")))", derivativeHeader,
                                                       oneVariable ? "Δ\(function.parameters[0])" : "|Δ(\(function.parameters.joined(separator: ", ")))|"]
            + careful
        let rows = run.path.rows
        // The step taken from a row: to the next row, where that is the very next step.
        var taken: [Int: String] = [:]
        for (row, next) in zip(rows, rows.dropFirst()) where next.step == row.step + 1 {
            let difference = zip(next.x, row.x).map { $0 - $1 }
            taken[row.step] = oneVariable ? format(difference[0]) : format(Length.of(difference))
        }
        let shown: [RecordedPath.Row?]
        let keep = max(1, settings.rows)
        if allRows || rows.count <= 2 * keep + 1 {
            shown = rows
        } else {
            shown = Array(rows.prefix(keep)) + [nil] + Array(rows.suffix(keep))
        }
        var lines: [[String]] = [header]
        for row in shown {
            guard let row else {
                lines.append([settings.charset == .ascii ? "..." : "…"] + Array(repeating: "", count: header.count - 1))
                continue
            }
            let slope = oneVariable && row.gradient.count == 1 ? row.gradient[0] : row.gradientNorm
            var cells = [String(row.step)] + row.x.map(format) + [format(row.f), format(slope), taken[row.step] ?? ""]
            switch (run.method, row.stepUsed) {
            case (.linesearch, let used?): cells += [format(used), String(row.halvings)]
            case (.newton, _) where !careful.isEmpty: cells += [row.gradientStepInstead ? "gradient step" : (row.stepUsed == nil ? "" : "newton")]
            default: cells += Array(repeating: "", count: careful.count)
            }
            lines.append(cells)
        }
        // On a narrow screen the step taken goes first, then the slope: x and f stay.
        let slopeColumn = 1 + function.parameters.count + 1
        let narrow = Array(slopeColumn + 1..<header.count).reversed() + [slopeColumn]
        var text = TextTable.render(lines, width: settings.width, dropping: narrow)
        text = title(value, settings: settings) + "\n" + text
        if let batch = run.batch {
            text += "\nstochastic: each step's gradient is over \(batch.size) of the \(batch.rows) rows, drawn with seed \(batch.seed); f above is that batch's loss, and the last row's is the whole table's"
        }
        if run.path.isThinned {
            text += "\n(a long run: one step in \(run.path.stride) was kept, and the last)"
        }
        text += "\n" + run.summary
        if let hint = run.hint { text += "\nhint: " + hint }
        return text
    }

    /// The table's first line: `gd on f from -4, step 0.1`.
    static func title(_ value: RunValue, settings: Settings) -> String {
        let format = { (x: Double) in NumberFormat.significant(x, settings.precision) }
        let run = value.run
        var title = "\(run.method.name) on \(value.function.name) from \(pointText(run.start, format)), step \(format(run.stepSize))"
        if let parameters = run.method.parameterDescription { title += " (\(parameters))" }
        return title
    }

    static func pointText(_ x: [Double], _ format: (Double) -> String) -> String {
        x.count == 1 ? format(x[0]) : "(" + x.map(format).joined(separator: ", ") + ")"
    }
}

/// Right-aligned columns separated by two spaces. A table wider than
/// `width` closes up to one space, then leaves out the columns `dropping`
/// names, in that order, until it fits (a narrow terminal).
enum TextTable {
    static func render(_ rows: [[String]], width: Int = .max, dropping order: [Int] = []) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        var kept = Array(0..<columns)
        var separator = "  "
        func total() -> Int { kept.reduce(0) { $0 + widths[$1] } + separator.count * max(0, kept.count - 1) }
        if total() > width { separator = " " }
        for column in order where total() > width && kept.count > 2 { kept.removeAll { $0 == column } }
        return rows.map { row in
            var line = kept.map { i in
                let cell = i < row.count ? row[i] : ""
                return String(repeating: " ", count: widths[i] - cell.count) + cell
            }.joined(separator: separator)
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}
