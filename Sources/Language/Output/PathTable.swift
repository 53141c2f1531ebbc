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
        let derivativeHeader = function.parameters.count == 1 ? "|\(function.name)'|" : "|grad|"
        let header = ["step"] + function.parameters + ["\(function.name)(\(function.parameters.joined(separator: ", ")))", derivativeHeader]
        let rows = run.path.rows
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
            lines.append([String(row.step)] + row.x.map(format) + [format(row.f), format(row.gradientNorm)])
        }
        var text = TextTable.render(lines)
        var title = "\(run.method.name) on \(function.name) from \(pointText(run.start, format)), step \(format(run.stepSize))"
        if let parameters = run.method.parameterDescription { title += " (\(parameters))" }
        text = title + "\n" + text
        if run.path.isThinned {
            text += "\n(a long run: one step in \(run.path.stride) was kept, and the last)"
        }
        text += "\n" + run.summary
        if let hint = run.hint { text += "\nhint: " + hint }
        return text
    }

    static func pointText(_ x: [Double], _ format: (Double) -> String) -> String {
        x.count == 1 ? format(x[0]) : "(" + x.map(format).joined(separator: ", ") + ")"
    }
}

/// Right-aligned columns separated by two spaces.
enum TextTable {
    static func render(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        return rows.map { row in
            var line = row.enumerated().map { i, cell in
                String(repeating: " ", count: widths[i] - cell.count) + cell
            }.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}
