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
public struct MapPlot: Sendable {
    public var title: String?
    public var xRange: (Double, Double)
    public var yRange: (Double, Double)
    public var xName: String
    public var yName: String
    /// The path's points, in order.
    public var path: [(x: Double, y: Double)] = []
    /// How the path's run went, after its marks in the legend: "(72 steps, converged)".
    public var pathNote: String?
    /// Whether the path's last point is where a run is now (`:play`), not where it ended.
    public var current = false
    /// Several paths, each drawn with its own letter and colour (`path` is then empty).
    public var lettered: [(points: [(x: Double, y: Double)], letter: Character)] = []
    /// Legend lines after the shades (what each lettered path is).
    public var notes: [String] = []

    public init(title: String?, xRange: (Double, Double), yRange: (Double, Double), xName: String, yName: String) {
        self.title = title
        self.xRange = xRange
        self.yRange = yRange
        self.xName = xName
        self.yName = yName
    }

    public static func shades(_ charset: Charset) -> [Character] {
        charset == .ascii ? [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"] : [" ", "·", "░", "▒", "▓", "█"]
    }

    /// Renders the map; `value(x, y)` is called once per character cell.
    public func render(width: Int, height: Int, charset: Charset, value: (Double, Double) -> Double) -> Figure {
        let yScaleForLabels = Scale(low: yRange.0, high: yRange.1, dots: height, inverted: true)
        let labelWidth = Frame.labelWidth(for: yScaleForLabels, count: 4)
        let columns = max(10, width - labelWidth - 2)
        let rows = max(3, height)
        var canvas = Canvas(columns: columns, rows: rows, charset: .ascii)
        let x = Scale(low: xRange.0, high: xRange.1, dots: columns)
        let y = Scale(low: yRange.0, high: yRange.1, dots: rows, inverted: true)

        var grid = [Double](repeating: .nan, count: rows * columns)
        for row in 0..<rows {
            for column in 0..<columns {
                grid[row * columns + column] = value(x.value(atDot: column), y.value(atDot: row))
            }
        }
        let shades = MapPlot.shades(charset)
        let sorted = grid.filter(\.isFinite).sorted()
        var thresholds: [Double] = []
        if !sorted.isEmpty {
            for level in 1..<shades.count {
                thresholds.append(sorted[min(sorted.count - 1, level * sorted.count / shades.count)])
            }
        }
        for row in 0..<rows {
            for column in 0..<columns {
                let v = grid[row * columns + column]
                guard v.isFinite else {
                    canvas.put(column: row == 0 ? column : column, row: row, "?")
                    continue
                }
                let level = thresholds.firstIndex { v < $0 } ?? thresholds.count
                if level > 0 { canvas.put(column: column, row: row, shades[level]) }
            }
        }
        let (start, step, finish) = MapPlot.pathSymbols(charset)
        let end: Character = current ? (charset == .ascii ? "@" : "●") : finish
        // Steps, then the end, then the start, so that no later step hides where the run began.
        let order = Array(path.indices.dropFirst().dropLast()) + [path.count - 1, 0]
        for i in path.count >= 2 ? order : Array(path.indices) {
            let point = path[i]
            guard let px = x.dot(point.x), let py = y.dot(point.y) else { continue }
            let symbol = i == 0 ? start : (i == path.count - 1 ? end : step)
            canvas.put(column: px, row: py, symbol, series: i == 0 || i == path.count - 1 ? Palette.endpoints : Palette.steps)
        }
        for (index, path) in lettered.enumerated() {
            for point in path.points {
                guard let px = x.dot(point.x), let py = y.dot(point.y) else { continue }
                canvas.put(column: px, row: py, path.letter, series: index)
            }
        }
        var legend: [(String, Int?)] = [("across: \(xName), up: \(yName)", nil)]
        if !thresholds.isEmpty {
            var parts: [String] = []
            for (i, threshold) in thresholds.enumerated() {
                let shade = shades[i] == " " ? "' '" : String(shades[i])
                parts.append("\(shade) < \(MapPlot.short(threshold))")
            }
            parts.append("\(shades[shades.count - 1]) higher")
            // As many entries a line as fit the plot (its width less one: the
            // frame's), an entry never split: "shades: a < 1  b < 2", then indented.
            let room = width - 1
            var line = ""
            for part in parts {
                if line.isEmpty {
                    line = "shades: " + part
                } else if line.count + 2 + part.count > room {
                    legend.append((line, nil))
                    line = "        " + part
                } else {
                    line += "  " + part
                }
            }
            legend.append((line, nil))
        }
        if !path.isEmpty {
            legend.append(("path: \(start) start  \(step) steps  \(end) \(current ? "now" : "end")" + (pathNote.map { " " + $0 } ?? ""), nil))
        }
        legend += notes.enumerated().map { ($1, $0 < lettered.count ? $0 : nil) }
        return Frame(title: title, x: x, y: y, legend: legend, charset: charset).render(canvas, color: true)
    }

    static func pathSymbols(_ charset: Charset) -> (Character, Character, Character) {
        charset == .ascii ? ("S", "o", "E") : ("◆", "•", "★")
    }

    static func short(_ value: Double) -> String {
        let text = String(format: "%.3g", value)
        return text
    }
}
