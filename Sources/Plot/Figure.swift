/// A finished plot: the text to show, plain and (for terminals) coloured,
/// and what it shows, to be drawn again as SVG.
///
///     let figure = plot.render(width: 80, height: 16, charset: .unicode)
///     print(figure.plain)
///     figure.drawing?.svg()
///
/// Two figures are equal when their text is: the drawing follows from it.
package struct Figure: Sendable, Hashable {
    package var plain: String
    package var colored: String
    package var drawing: Drawing?
    /// The title over the picture, as written (before it is fitted to the width).
    package var title: String?

    package init(plain: String, colored: String, drawing: Drawing? = nil, title: String? = nil) {
        self.plain = plain
        self.colored = colored
        self.drawing = drawing
        self.title = title
    }

    package static func == (a: Figure, b: Figure) -> Bool {
        a.plain == b.plain && a.colored == b.colored
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(plain)
        hasher.combine(colored)
    }
}

/// A line of a plot's legend: a note, or a line in a series' colour, after
/// a short stretch of the series' line when it names a curve.
///
///     LegendLine("a: f(x) = x^2", series: 0, swatch: true)   → "── a: f(x) = x^2", in cyan
///     LegendLine("path: ◆ start  • steps  ★ end")
package struct LegendLine: Sendable, Hashable {
    package var text: String
    /// The series whose colour the line is drawn in; nil for a note.
    package var series: Int?
    /// Whether a swatch of the series' line comes before the text.
    package var swatch: Bool

    package init(_ text: String, series: Int? = nil, swatch: Bool = false) {
        self.text = text
        self.series = series
        self.swatch = swatch
    }
}

/// Lays a canvas out with a title, y tick labels on the left, an x axis
/// with tick labels underneath, and legend lines.
///
///     f(x) = x^2 + 2
///        30 │⠑⢄            ⡠⠊
///           │  ⠑⢄⡀      ⢀⡠⠊
///         0 │     ⠉⠒⠒⠒⠉
///           └┬────┬────┬─
///           -5    0    5
package struct Frame {
    var title: String?
    var x: Scale
    var y: Scale
    var legend: [LegendLine]
    /// ASCII plots draw their axes with `|`, `+` and `-` too.
    var charset: Charset = .unicode
    /// A line of characters under the x labels, one per column of the canvas.
    var strip: [RegionMap.Region] = []
    /// What each axis shows (`x`, `f(x)`), written where the labels leave room.
    var xName: String?
    var yName: String?

    /// At most how many intervals between ticks: matplotlib's 9 in a picture
    /// (its AutoLocator on a figure of the usual size), and in text as many
    /// as the characters leave room for.
    static let pictureBins = 9, textYBins = 5

    /// The x axis of a text plot `columns` wide: a label about every 8 characters.
    static func textXBins(columns: Int) -> Int { max(3, min(pictureBins, columns / 8)) }

    /// The ticks of the y axis, values and labels.
    static func yTicks(_ y: Scale, bins: Int = textYBins) -> [(value: Double, label: String)] { y.ticks(count: bins) }

    /// The ticks of the x axis.
    static func xTicks(_ x: Scale, bins: Int) -> [(value: Double, label: String)] { x.ticks(count: bins) }

    /// The legend's first line for a plot of two variables: "across: w, up: b".
    static func axesNote(across: String, up: String) -> LegendLine {
        LegendLine("across: \(across), up: \(up)")
    }

    /// The width the y labels need, so the canvas can take the rest.
    static func labelWidth(for y: Scale) -> Int {
        (yTicks(y).map { $0.label.count }.max() ?? 1) + 1
    }

    func render(_ canvas: Canvas, color: Bool) -> Figure {
        Figure(plain: compose(canvas.render(color: false), color: false),
               colored: compose(canvas.render(color: true), color: true), title: title)
    }

    private func compose(_ rows: [String], color: Bool) -> String {
        let ascii = charset == .ascii
        let (vertical, corner, horizontal, tickMark): (String, String, Character, Character) =
            ascii ? ("|", "+", "-", "+") : ("│", "└", "─", "┬")
        var lines: [String] = []
        let labelWidth = Frame.labelWidth(for: y)
        let columns = rows.first.map { visibleCount($0) } ?? 0
        // Everything fits the plot's width: titles and legends are cut with …
        let width = labelWidth + 1 + columns
        if let title { lines.append(Frame.fit(title, width)) }
        var labelsByRow: [Int: String] = [:]
        let rowCount = rows.count
        for tick in Frame.yTicks(y) {
            guard let dot = y.dot(tick.value) else { continue }
            let row = min(rowCount - 1, max(0, dot * rowCount / max(1, y.dots)))
            if labelsByRow[row] == nil { labelsByRow[row] = tick.label }
        }
        // The y axis's name over its labels, in the top row, when that row has no label and the name fits.
        if let yName, labelsByRow[0] == nil, yName.count <= labelWidth - 1 { labelsByRow[0] = yName }
        for (i, row) in rows.enumerated() {
            let label = labelsByRow[i] ?? ""
            let pad = String(repeating: " ", count: max(0, labelWidth - label.count - 1))
            lines.append((pad + label + " " + vertical + row).trimmingTrailingSpaces())
        }
        var axis = Array(repeating: horizontal, count: columns)
        var labels = Array(repeating: Character(" "), count: columns)
        var lastEnd = -2
        for tick in Frame.xTicks(x, bins: Frame.textXBins(columns: columns)) {
            guard let dot = x.dot(tick.value) else { continue }
            let column = dot * columns / max(1, x.dots)
            guard column >= 0, column < columns else { continue }
            axis[column] = tickMark
            // Centred under its tick, but never past either edge.
            let start = max(0, min(column - tick.label.count / 2, columns - tick.label.count))
            guard start > lastEnd + 1, start + tick.label.count <= columns else { continue }
            for (offset, character) in tick.label.enumerated() where start + offset < labels.count {
                labels[start + offset] = character
            }
            lastEnd = start + tick.label.count - 1
        }
        let margin = String(repeating: " ", count: labelWidth)
        lines.append(margin + corner + String(axis))
        // The x axis's name at the start of its labels' row, under the y labels, when it fits there.
        var labelRow = margin + " "
        if let xName, xName.count <= labelWidth - 1 {
            labelRow = String(repeating: " ", count: labelWidth - 1 - xName.count) + xName + "  "
        }
        lines.append((labelRow + String(labels)).trimmingTrailingSpaces())
        if !strip.isEmpty {
            var line = margin + " "
            for region in strip {
                line += color ? Palette.paint(String(region.symbol), series: region.series) : String(region.symbol)
            }
            lines.append(line.trimmingTrailingSpaces())
        }
        for entry in legend {
            guard let series = entry.series else {
                // A note (what the markers mean, what is missing) is read in full: it wraps.
                lines += Frame.wrap(entry.text, width)
                continue
            }
            // A series' entry wraps too, each line in its colour.
            let text = entry.swatch ? LinePlot.swatch(charset, series: series) + " " + entry.text : entry.text
            lines += Frame.wrap(text, width).map { color ? Palette.paint($0, series: series) : $0 }
        }
        return lines.joined(separator: "\n")
    }

    /// The text in lines of at most `width` characters, broken between words
    /// (a word longer than a line is cut); later lines are indented by two.
    package static func wrap(_ text: String, _ width: Int) -> [String] {
        guard text.count > width else { return [text] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if candidate.count <= width || line.trimmingCharacters(in: .whitespaces).isEmpty {
                line = candidate
            } else {
                lines.append(line.trimmingTrailingSpaces())
                line = "  " + word
            }
        }
        lines.append(line)
        return lines.map { fit($0, width) }
    }

    /// The text, cut with … to at most `width` characters.
    static func fit(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(max(1, width - 1))) + "…"
    }

    /// Characters shown, not counting colour escapes.
    private func visibleCount(_ text: String) -> Int {
        var count = 0
        var inEscape = false
        for character in text {
            if character == "\u{1B}" { inEscape = true; continue }
            if inEscape { if character == "m" { inEscape = false }; continue }
            count += 1
        }
        return count
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
