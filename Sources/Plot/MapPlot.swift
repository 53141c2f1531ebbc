import Foundation

/// A function of two variables as a shaded map, darker where it is higher,
/// with a descent's path drawn over it.
///
///     g(w, b) over w in -5..5, b in -5..5
///      5 │░░▒▒▓▓██
///        │ ░░▒▒▓▓
///     -5 │ ·░░▒▒▓
///        └┬───┬──
///         -5  0
///     shades: · < 1.2 ≤ ░ < 3.5 …
///
/// Shades are assigned by rank (each shade covers about the same share of
/// the box), so that valleys show however the values are scaled.
package struct MapPlot: Sendable {
    package var title: String?
    package var xRange: (Double, Double)
    package var yRange: (Double, Double)
    package var xName: String
    package var yName: String
    /// The path's points, in order.
    package var path: [(x: Double, y: Double)] = []
    /// How the path's run went, after its marks in the legend: "(72 steps, converged)".
    package var pathNote: String?
    /// Whether the path's last point is where a run is now (`:play`), not where it ended.
    package var current = false
    /// Several paths, each drawn with its own letter and colour (`path` is then empty).
    package var lettered: [(points: [(x: Double, y: Double)], letter: Character)] = []
    /// Legend lines after the shades (what each lettered path is).
    package var notes: [String] = []
    /// What the shades show (`g(w, b)`), for the colour bar's caption.
    package var valueName = "f"

    package init(title: String?, xRange: (Double, Double), yRange: (Double, Double), xName: String, yName: String) {
        self.title = title
        self.xRange = xRange
        self.yRange = yRange
        self.xName = xName
        self.yName = yName
    }

    package static func shades(_ charset: Charset) -> [Character] {
        charset == .ascii ? [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"] : [" ", "·", "░", "▒", "▓", "█"]
    }

    /// Renders the map; `value(x, y)` is called once per character cell, and
    /// once per cell of a finer grid of `shading` cells kept for the figure's
    /// drawing (none without one).
    package func render(width: Int, height: Int, charset: Charset,
                       shading: (columns: Int, rows: Int)? = ShadedGrid.standardSize,
                       value: (Double, Double) -> Double) -> Figure {
        let labelWidth = Frame.labelWidth(for: scales(columns: 1, rows: height).y)
        let columns = max(10, width - labelWidth - 2)
        let rows = max(3, height)
        var canvas = Canvas(columns: columns, rows: rows, charset: .ascii)
        let (x, y) = scales(columns: columns, rows: rows)

        var grid = [Double](repeating: .nan, count: rows * columns)
        for row in 0..<rows {
            for column in 0..<columns {
                grid[row * columns + column] = value(x.value(atDot: column), y.value(atDot: row))
            }
        }
        let shades = MapPlot.shades(charset)
        let thresholds = MapPlot.thresholds(grid, levels: shades.count)
        for row in 0..<rows {
            for column in 0..<columns {
                guard let level = MapPlot.level(grid[row * columns + column], thresholds: thresholds) else {
                    canvas.put(column: column, row: row, "?")
                    continue
                }
                if level > 0 { canvas.put(column: column, row: row, shades[level]) }
            }
        }
        for (point, role) in pathMarks() {
            guard let px = x.dot(point.x), let py = y.dot(point.y) else { continue }
            canvas.put(column: px, row: py, MapPlot.symbol(role, charset),
                       series: role == .step ? Palette.steps : Palette.endpoints)
        }
        for (index, path) in lettered.enumerated() {
            for point in path.points {
                guard let px = x.dot(point.x), let py = y.dot(point.y) else { continue }
                canvas.put(column: px, row: py, path.letter, series: index)
            }
        }
        let (axes, rest) = legend(charset: charset)
        let lines = [axes] + MapPlot.shadeLines(thresholds, shades: shades, room: width - 1) + rest
        var figure = Frame(title: title, x: x, y: y, legend: lines, charset: charset, xName: xName, yName: yName)
            .render(canvas, color: true)
        if let shading {
            figure.drawing = .shaded(self, ShadedGrid(sampling: value, xRange: xRange, yRange: yRange,
                                                      columns: shading.columns, rows: shading.rows))
        }
        return figure
    }

    /// The axes, `columns` across and `rows` down (from the top).
    func scales(columns: Int, rows: Int) -> (x: Scale, y: Scale) {
        (Scale(low: xRange.0, high: xRange.1, dots: columns), Scale(low: yRange.0, high: yRange.1, dots: rows, inverted: true))
    }

    /// The values where one shade ends and the next begins, by rank: each of
    /// the `levels` shades covers about the same share of the finite values.
    ///
    ///     thresholds([1, 2, 3, 4], levels: 2)   → [3]: 1 and 2 below, 3 and 4 at or above
    package static func thresholds(_ values: [Double], levels: Int) -> [Double] {
        let sorted = values.filter(\.isFinite).sorted()
        guard !sorted.isEmpty, levels > 1 else { return [] }
        return (1..<levels).map { level in sorted[min(sorted.count - 1, level * sorted.count / levels)] }
    }

    /// The shade of a value, from 0 (lowest) to `thresholds.count`; nil when it is not finite.
    package static func level(_ value: Double, thresholds: [Double]) -> Int? {
        guard value.isFinite else { return nil }
        return thresholds.firstIndex { value < $0 } ?? thresholds.count
    }

    /// The path's points with what each marks, in the order they are drawn:
    /// the steps, then the end, then the start, so that no later step hides
    /// where the run began.
    func pathMarks() -> [(point: (x: Double, y: Double), role: MarkRole)] {
        let order = path.count >= 2 ? Array(path.indices.dropFirst().dropLast()) + [path.count - 1, 0] : Array(path.indices)
        return order.map { i in
            (path[i], i == 0 ? .start : (i == path.count - 1 ? (current ? .now : .end) : .step))
        }
    }

    /// The character of a path's mark.
    static func symbol(_ role: MarkRole, _ charset: Charset) -> Character {
        let (start, step, end) = pathSymbols(charset)
        switch role {
        case .start: return start
        case .end: return end
        case .now: return charset == .ascii ? "@" : "●"
        default: return step
        }
    }

    /// The legend around the shades: what is across and up before them; the
    /// path's marks and the notes (the lettered paths, in their colours) after.
    func legend(charset: Charset) -> (axes: LegendLine, after: [LegendLine]) {
        var after: [LegendLine] = []
        if !path.isEmpty {
            let (start, step, _) = MapPlot.pathSymbols(charset)
            let end = MapPlot.symbol(current ? .now : .end, charset)
            after.append(LegendLine("path: \(start) start  \(step) steps  \(end) \(current ? "now" : "end")" + (pathNote.map { " " + $0 } ?? "")))
        }
        after += notes.enumerated().map { LegendLine($1, series: $0 < lettered.count ? $0 : nil) }
        return (Frame.axesNote(across: xName, up: yName), after)
    }

    /// The shades' legend lines, as many entries a line as fit in `room`, an
    /// entry never split: "shades: a < 1  b < 2", then indented.
    static func shadeLines(_ thresholds: [Double], shades: [Character], room: Int) -> [LegendLine] {
        guard !thresholds.isEmpty else { return [] }
        var parts: [String] = []
        for (i, threshold) in thresholds.enumerated() {
            let shade = shades[i] == " " ? "' '" : String(shades[i])
            parts.append("\(shade) < \(MapPlot.short(threshold))")
        }
        parts.append("\(shades[shades.count - 1]) higher")
        var lines: [LegendLine] = []
        var line = ""
        for part in parts {
            if line.isEmpty {
                line = "shades: " + part
            } else if line.count + 2 + part.count > room {
                lines.append(LegendLine(line))
                line = "        " + part
            } else {
                line += "  " + part
            }
        }
        lines.append(LegendLine(line))
        return lines
    }

    static func pathSymbols(_ charset: Charset) -> (Character, Character, Character) {
        charset == .ascii ? ("S", "o", "E") : ("◆", "•", "★")
    }

    static func short(_ value: Double) -> String {
        let text = String(format: "%.3g", value)
        return text
    }
}
