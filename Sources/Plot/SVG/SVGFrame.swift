import Foundation

/// Where the parts of an SVG plot go, as `Frame` places them in text: the
/// title on top, y tick labels on the left, the x axis with its labels
/// underneath (and a strip under them), then the legend, which makes the
/// picture taller by its lines.
///
///     title
///      30 ┤╲         ╱
///       0 ┤  ╲_____╱
///         └┬────┬────┬
///         -5    0    5
///     ── legend
struct SVGFrame {
    /// About the width of a character of 12-pixel sans-serif, to measure labels.
    static let characterWidth = 7.0
    static let lineHeight = 18.0
    static let margin = 10.0

    var width: Double
    var title: String?
    var x: Scale
    var y: Scale
    /// Whether a strip of regions goes under the x labels.
    var strip: Bool
    /// What each axis shows, written along it as matplotlib writes its labels.
    var xName: String?
    var yName: String?
    let left: Double, top: Double, right: Double, bottom: Double

    /// A plot of `width` by `height` above its legend; `strip`: room for a strip under the x labels.
    init(width: Double, height: Double, title: String?, x: Scale, y: Scale, strip: Bool = false,
         xName: String? = nil, yName: String? = nil) {
        self.width = max(200, width)
        self.title = title
        self.x = x
        self.y = y
        self.strip = strip
        self.xName = xName
        self.yName = yName
        let labels = Double(Frame.yTicks(y, bins: Frame.pictureBins).map(\.label.count).max() ?? 1)
        left = SVGFrame.margin + labels * SVGFrame.characterWidth + 10 + (yName == nil ? 0 : SVGFrame.nameRoom)
        top = title == nil ? 14 : 40
        right = self.width - 20
        bottom = max(top + 60, max(120, height) - (strip ? 50 : 32) - (xName == nil ? 0 : SVGFrame.nameRoom))
    }

    /// The room an axis's name takes beside its tick labels.
    static let nameRoom = 18.0

    var plotWidth: Double { right - left }
    var plotHeight: Double { bottom - top }
    /// Where the strip's cells start, under the x labels (and the x axis's name).
    var stripTop: Double { bottom + 27 + (xName == nil ? 0 : SVGFrame.nameRoom) }
    /// Where the legend starts.
    var legendTop: Double { bottom + (strip ? 44 : 30) + (xName == nil ? 0 : SVGFrame.nameRoom) }

    /// How far across the picture a value of x is; nil when it is not finite.
    func across(_ value: Double) -> Double? { x.fraction(value).map { left + $0 * plotWidth } }

    /// How far down the picture a value of y is.
    func down(_ value: Double) -> Double? { y.fraction(value).map { bottom - $0 * plotHeight } }

    /// Dots per pixel of the scales shared with the text: fine enough for smooth curves.
    static let dotsPerPixel = 16.0

    /// The axes in dots as the text's are, `dotsPerPixel` to a pixel, for the
    /// functions shared with the text that find what lands on the plot and
    /// where a curve breaks.
    func dotScales() -> (x: Scale, y: Scale) {
        var (x, y) = (self.x, self.y)
        x.dots = Int((plotWidth * SVGFrame.dotsPerPixel).rounded()) + 1
        y.dots = Int((plotHeight * SVGFrame.dotsPerPixel).rounded()) + 1
        return (x, y)
    }

    /// Where a point is drawn: at its dots on `scales` (the y scale counts
    /// from the top), as the text places it; nil when it has none.
    func place(_ point: (x: Double, y: Double), on scales: (x: Scale, y: Scale)) -> (Double, Double)? {
        guard let column = scales.x.dot(point.x), let row = scales.y.dot(point.y) else { return nil }
        return (left + Double(column) / SVGFrame.dotsPerPixel, top + Double(row) / SVGFrame.dotsPerPixel)
    }

    /// Whether a point is on the plot area (with a little slack for rounding).
    func contains(_ point: (Double, Double)) -> Bool {
        point.0 >= left - 0.5 && point.0 <= right + 0.5 && point.1 >= top - 0.5 && point.1 <= bottom + 0.5
    }

    /// The title, the axes with their ticks and tick labels.
    func drawAxes(_ document: inout SVGDocument) {
        if let title {
            let room = Int((width - 2 * SVGFrame.margin) / (SVGFrame.characterWidth * 1.15))
            document.add(text: Frame.fit(title, room), x: SVGFrame.margin, y: 22, class: .title, [("xml:space", "preserve")])
        }
        document.add("line", ["x1": left, "y1": top, "x2": left, "y2": bottom], class: .axis)
        document.add("line", ["x1": left, "y1": bottom, "x2": right, "y2": bottom], class: .axis)
        var lastRow = -Double.infinity
        for tick in Frame.yTicks(y, bins: Frame.pictureBins) {
            guard let row = down(tick.value), row >= top - 0.5, row <= bottom + 0.5 else { continue }
            document.add("line", ["x1": left - 5, "y1": row, "x2": left, "y2": row], class: .axis)
            // Labels closer than a line apart would overlap: the lower one is left out.
            guard abs(row - lastRow) >= 13 else { continue }
            document.add(text: tick.label, x: left - 8, y: row + 4, role: "tick y", anchor: "end")
            lastRow = row
        }
        var lastEnd = -Double.infinity
        for tick in Frame.xTicks(x, bins: Frame.pictureBins) {
            guard let column = across(tick.value), column >= left - 0.5, column <= right + 0.5 else { continue }
            document.add("line", ["x1": column, "y1": bottom, "x2": column, "y2": bottom + 5], class: .axis)
            // Centred under its tick, but never past either edge of the picture, nor over the last label.
            let half = Double(tick.label.count) * SVGFrame.characterWidth / 2
            let centre = max(half + 2, min(width - half - 2, column))
            guard centre - half > lastEnd + 4 else { continue }
            document.add(text: tick.label, x: centre, y: bottom + 19, role: "tick x", anchor: "middle")
            lastEnd = centre + half
        }
        if let xName {
            document.add(text: xName, x: (left + right) / 2, y: bottom + 19 + SVGFrame.nameRoom, role: "axis-name x", anchor: "middle")
        }
        if let yName {
            let (column, row) = (SVGFrame.margin + 10, (top + bottom) / 2)
            document.add(text: yName, x: column, y: row, role: "axis-name y", anchor: "middle",
                         [("transform", "rotate(-90 \(SVGDocument.number(column)) \(SVGDocument.number(row)))")])
        }
    }

    /// The lines under the plot as drawn: wrapped to the width, each with
    /// what goes before it (a stretch of a series' line, or a square of a
    /// region's colour).
    func legendRows(_ lines: [LegendLine], square: (LegendLine) -> String? = { _ in nil })
        -> [(text: String, line: LegendLine, square: String?, first: Bool)] {
        lines.flatMap { line -> [(text: String, line: LegendLine, square: String?, first: Bool)] in
            let fill = square(line)
            let indent = line.swatch ? 30.0 : fill != nil ? 20 : 0
            let room = Int((width - 2 * SVGFrame.margin - indent) / SVGFrame.characterWidth)
            return Frame.wrap(line.text, max(10, room)).enumerated().map { ($1, line, fill, $0 == 0) }
        }
    }

    /// Draws legend rows from `top` down; returns where they end.
    @discardableResult
    /// The curve's dash pattern, as the text draws it (`Canvas.dashes`), so
    /// a picture printed in grey tells the curves apart as the terminal does.
    static func dashes(series: Int) -> [(String, String)] {
        let pattern = Canvas.dashes(series: series)
        guard !pattern.isEmpty else { return [] }
        return [("stroke-dasharray", pattern.map { String($0 * 2) }.joined(separator: " "))]
    }

    func drawLegend(_ rows: [(text: String, line: LegendLine, square: String?, first: Bool)], from top: Double,
                    into document: inout SVGDocument) -> Double {
        var baseline = top + 13
        for row in rows {
            let color = row.line.series.map(SVGColor.series)
            var x = SVGFrame.margin
            if row.line.swatch, let color {
                if row.first {
                    document.add("line", ["x1": x, "y1": baseline - 4, "x2": x + 22, "y2": baseline - 4], role: "swatch",
                                 [("stroke", color), ("stroke-width", "2.5"), ("stroke-linecap", "round")]
                                    + SVGFrame.dashes(series: row.line.series ?? 0))
                }
                x += 30
            } else if let fill = row.square {
                if row.first { document.add("rect", ["x": x, "y": baseline - 10, "width": 12, "height": 12], role: "swatch", [("fill", fill)]) }
                x += 20
            }
            // A wrapped line's second part is indented, as in text.
            let attributes = [("xml:space", "preserve")] + (color.map { [("fill", $0)] } ?? [])
            document.add(text: row.text, x: x, y: baseline, class: color == nil ? .foreground : nil,
                         role: row.first ? "legend" : "legend more", attributes)
            baseline += SVGFrame.lineHeight
        }
        return baseline - 13
    }
}

extension SVGFrame {
    /// The parts of a line through `points` (in pixels) that lie on the plot
    /// area, each a line of its own: a curve that leaves the top and comes
    /// back is two lines, not one drawn across the title. A point that is
    /// not finite breaks the line.
    func clip(_ points: [(Double, Double)]) -> [[(Double, Double)]] {
        var runs: [[(Double, Double)]] = [[]]
        for point in points {
            if point.0.isFinite && point.1.isFinite {
                // Far beyond the picture is as good as beyond it, and keeps the arithmetic finite.
                runs[runs.count - 1].append((max(-1e6, min(1e6, point.0)), max(-1e6, min(1e6, point.1))))
            } else if !runs[runs.count - 1].isEmpty {
                runs.append([])
            }
        }
        return runs.flatMap(clipRun)
    }

    private func clipRun(_ points: [(Double, Double)]) -> [[(Double, Double)]] {
        guard points.count > 1 else { return points.filter(contains).map { [$0] } }
        var parts: [[(Double, Double)]] = []
        var part: [(Double, Double)] = []
        for (a, b) in zip(points, points.dropFirst()) {
            guard let (start, end) = clip(from: a, to: b) else {
                if !part.isEmpty { parts.append(part) }
                part = []
                continue
            }
            if let last = part.last, last == start {
                part.append(end)
            } else {
                if !part.isEmpty { parts.append(part) }
                part = [start, end]
            }
            // Leaving the plot: the line ends at its edge.
            if end != b {
                parts.append(part)
                part = []
            }
        }
        if !part.isEmpty { parts.append(part) }
        return parts
    }

    /// The part of a segment on the plot area, or nil.
    private func clip(from a: (Double, Double), to b: (Double, Double)) -> ((Double, Double), (Double, Double))? {
        Clipping.segment(from: a, to: b, box: (left, top, right, bottom))
    }

    /// The `points` attribute of a polyline.
    static func points(_ points: [(Double, Double)]) -> String {
        points.map { "\(SVGDocument.number($0.0)),\(SVGDocument.number($0.1))" }.joined(separator: " ")
    }
}
