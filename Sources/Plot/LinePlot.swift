import Foundation

/// Curves over an x range, with optional markers (a descent's steps).
///
///     var plot = LinePlot(xRange: (-5, 5))
///     plot.series.append(.init(name: "f(x) = x^2 + 2", points: samples))
///     plot.render(width: 80, height: 20, charset: .unicode)
///
/// Curves are drawn as lines between neighbouring samples, so a steep
/// curve stays connected; a NaN or infinite sample leaves a gap. The y
/// range covers the finite samples, ignoring a few extreme ones (near a
/// pole such as 1/x at 0) that would otherwise flatten everything else.
package struct LinePlot: Sendable {
    package struct Series: Sendable {
        package var name: String
        package var points: [(x: Double, y: Double)]

        package init(name: String, points: [(x: Double, y: Double)]) {
            self.name = name
            self.points = points
        }
    }

    /// A character written at a point: a step of a descent, a minimum's letter.
    package struct Marker: Sendable {
        package var x: Double
        package var y: Double
        package var symbol: Character
        package var series: Int?
        /// What the mark stands for, which a drawing other than text shows
        /// by its shape (a diamond for a start); text shows `symbol` alone.
        package var role: MarkRole

        package init(x: Double, y: Double, symbol: Character, series: Int? = nil, role: MarkRole = .label) {
            self.x = x
            self.y = y
            self.symbol = symbol
            self.series = series
            self.role = role
        }
    }

    package var title: String?
    package var xRange: (Double, Double)
    package var series: [Series] = []
    package var markers: [Marker] = []
    /// Data points, drawn as marks: always within the y range, unlike markers.
    package var points: [Marker] = []
    /// Extra legend lines (what the markers mean).
    package var notes: [String] = []
    package var logarithmicY = false
    /// Whether a few values far beyond the rest (a pole, as of 1/x at 0) may
    /// be left off the y-axis so that the rest is not flattened. A
    /// convergence curve keeps every value: its start is the point.
    package var trimsOutliers = true
    /// What the axes show: the variable (`x`, `step`) and the value (`f(x)`).
    package var xName: String?
    package var yName: String?
    /// Regions along the x range, in equal cells from its low end to its
    /// high end, drawn as a line of characters under the axis: which minimum
    /// a descent from each x reaches. Empty: no such line.
    package var strip: [RegionMap.Region] = []

    package init(title: String? = nil, xRange: (Double, Double)) {
        self.title = title
        self.xRange = xRange
    }

    package func render(width: Int, height: Int, charset: Charset) -> Figure {
        var yScale = self.yScale(dots: 1)
        let labelWidth = Frame.labelWidth(for: yScale)
        let columns = max(10, width - labelWidth - 2)
        let rows = max(3, height)
        var canvas = Canvas(columns: columns, rows: rows, charset: charset)
        let x = xScale(dots: canvas.dotWidth)
        yScale.dots = canvas.dotHeight

        // The axes through zero, where they are in view.
        let zero = LinePlot.zeroAxes(x: x, y: yScale)
        if zero.horizontal, let dot = yScale.dot(0) {
            for column in Swift.stride(from: 0, to: canvas.dotWidth, by: 2) { canvas.set(column, dot, series: -1) }
        }
        if zero.vertical, let dot = x.dot(0) {
            for row in Swift.stride(from: 0, to: canvas.dotHeight, by: 2) { canvas.set(dot, row, series: -1) }
        }
        for (index, curve) in series.enumerated() {
            for piece in LinePlot.pieces(curve.points, x: x, y: yScale) {
                let dots = curve.points[piece].map { (x.dot($0.x)!, yScale.dot($0.y)!) }
                canvas.set(dots[0].0, dots[0].1, series: index)
                for (from, to) in zip(dots, dots.dropFirst()) { canvas.line(from: from, to: to, series: index) }
            }
        }
        let marks = self.marks(x: x, y: yScale)
        for marker in marks.points + marks.markers {
            canvas.mark(x.dot(marker.x)!, yScale.dot(marker.y)!, marker.symbol, series: marker.series)
        }
        for key in keys(x: x, y: yScale) {
            canvas.mark(x.dot(key.x)!, yScale.dot(key.y)!, key.key, series: key.series)
        }
        var frame = Frame(title: title, x: x, y: yScale, legend: legend(outside: marks.outside), charset: charset,
                          xName: xName, yName: yName)
        if !strip.isEmpty {
            // Each character shows the cell under its centre.
            frame.strip = (0..<columns).map { column in
                strip[Swift.min(strip.count - 1, (2 * column + 1) * strip.count / (2 * columns))]
            }
        }
        var figure = frame.render(canvas, color: true)
        figure.drawing = .curves(self)
        return figure
    }

    /// The x axis, `dots` long.
    func xScale(dots: Int) -> Scale {
        Scale(low: xRange.0, high: xRange.1, dots: dots)
    }

    /// The y axis, `dots` long from the top: the curves decide its range; markers
    /// beyond it (a run that ran away) are left out and counted, rather than
    /// flattening the curve, unless no curve has a value to show.
    func yScale(dots: Int) -> Scale {
        let curveValues = series.flatMap { $0.points.map(\.y) }
        let finiteCurve = curveValues.contains { $0.isFinite && (!logarithmicY || $0 > 0) }
        let range = LinePlot.yRange((finiteCurve ? curveValues : curveValues + markers.map(\.y)) + points.map(\.y),
                                    logarithmic: logarithmicY, trimming: trimsOutliers && points.isEmpty)
        var scale = Scale(low: range.0, high: range.1, dots: dots, logarithmic: logarithmicY, inverted: true)
        // The lowest point of the curves is labelled: where the minimum a descent looks for sits.
        if !series.isEmpty, points.isEmpty { scale.marked = curveValues.filter(\.isFinite).min() }
        return scale
    }

    /// Whether the lines y = 0 and x = 0 are in view, to be drawn as axes.
    static func zeroAxes(x: Scale, y: Scale) -> (horizontal: Bool, vertical: Bool) {
        (!y.logarithmic && y.low < 0 && y.high > 0, x.low < 0 && x.high > 0)
    }

    /// The runs of a curve's samples drawn joined, as ranges of their indices.
    /// A sample that is not finite ends a run, and so does a jump from beyond
    /// one edge of the y axis to beyond the other (a pole, as of 1/x at 0).
    ///
    ///     pieces([(0, 1), (1, .nan), (2, 3), (3, 4)], …)   → [0..<1, 2..<4]
    static func pieces(_ points: [(x: Double, y: Double)], x: Scale, y: Scale) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var start: Int?
        var previous = 0
        for (index, point) in points.enumerated() {
            guard x.dot(point.x) != nil, let dot = y.dot(point.y) else {
                if let first = start { pieces.append(first..<index) }
                start = nil
                continue
            }
            if let first = start, (previous < 0 && dot >= y.dots) || (previous >= y.dots && dot < 0) {
                pieces.append(first..<index)
                start = index
            } else if start == nil {
                start = index
            }
            previous = dot
        }
        if let first = start { pieces.append(first..<points.count) }
        return pieces
    }

    /// The data points and the markers that land on the plot, each in the
    /// order they are drawn (the points first), and how many do not.
    func marks(x: Scale, y: Scale) -> (points: [Marker], markers: [Marker], outside: Int) {
        let isInside = { (marker: Marker) -> Bool in
            guard let px = x.dot(marker.x), let py = y.dot(marker.y) else { return false }
            return px >= 0 && py >= 0 && px < x.dots && py < y.dots
        }
        let (points, markers) = (self.points.filter(isInside), self.markers.filter(isInside))
        return (points, markers, self.points.count + self.markers.count - points.count - markers.count)
    }

    /// Several curves: each is labelled a, b, … where it leaves the plot (its
    /// last sample on it), so that they can be told apart without colour.
    func keys(x: Scale, y: Scale) -> [(x: Double, y: Double, key: Character, series: Int)] {
        guard series.count > 1 else { return [] }
        return series.enumerated().compactMap { index, curve in
            let last = curve.points.last { point in
                guard let px = x.dot(point.x), let py = y.dot(point.y) else { return false }
                return px >= 0 && py >= 0 && px < x.dots && py < y.dots
            }
            return last.map { ($0.x, $0.y, LinePlot.key(index), index) }
        }
    }

    /// The legend: the curves (when there are several, or notes to tell them
    /// from), how many marks lie outside the plot, then the notes.
    func legend(outside: Int) -> [LegendLine] {
        let keyed = series.count > 1
        var legend: [LegendLine] = []
        if keyed || !notes.isEmpty {
            legend = series.enumerated().map { index, curve in
                LegendLine("\(keyed ? "\(LinePlot.key(index)): " : "")\(curve.name)", series: index, swatch: true)
            }
        }
        if outside > 0 {
            legend.append(LegendLine("\(outside) marked point\(outside == 1 ? " lies" : "s lie") outside the plot"))
        }
        legend += notes.map { LegendLine($0) }
        return legend
    }

    static func swatch(_ charset: Charset, series: Int) -> String {
        guard charset == .ascii else {
            // As the curve is drawn: solid, dashed, dotted, dash-dotted.
            switch series {
            case 1: return "╌╌"
            case 2: return "┈┈"
            case 3: return "─·"
            default: return "──"
            }
        }
        let glyph = Canvas.asciiGlyph(series: series)
        return "\(glyph)\(glyph)"
    }

    static func key(_ index: Int) -> Character {
        Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(index % 26)))
    }

    /// The range of y to show: the finite values, trimmed of a few extremes
    /// when they would squeeze the rest into a line.
    static func yRange(_ values: [Double], logarithmic: Bool, trimming: Bool = true) -> (Double, Double) {
        var finite = values.filter { $0.isFinite && (!logarithmic || $0 > 0) }.sorted()
        guard let first = finite.first, let last = finite.last else { return logarithmic ? (0.1, 10) : (-1, 1) }
        if trimming && finite.count >= 20 {
            let low = finite[finite.count / 50], high = finite[finite.count - 1 - finite.count / 50]
            if (last - first) > 20 * (high - low) && high > low {
                finite = finite.filter { $0 >= low - (high - low) && $0 <= high + (high - low) }
            }
        }
        var low = finite.first ?? first, high = finite.last ?? last
        if logarithmic { return (low, high) }
        let pad = (high - low) * 0.04
        if pad > 0 {
            low -= pad
            high += pad
        }
        return (low, high)
    }
}
