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
public struct LinePlot: Sendable {
    public struct Series: Sendable {
        public var name: String
        public var points: [(x: Double, y: Double)]

        public init(name: String, points: [(x: Double, y: Double)]) {
            self.name = name
            self.points = points
        }
    }

    public struct Marker: Sendable {
        public var x: Double
        public var y: Double
        public var symbol: Character
        public var series: Int?

        public init(x: Double, y: Double, symbol: Character, series: Int? = nil) {
            self.x = x
            self.y = y
            self.symbol = symbol
            self.series = series
        }
    }

    public var title: String?
    public var xRange: (Double, Double)
    public var series: [Series] = []
    public var markers: [Marker] = []
    /// Data points, drawn as marks: always within the y range, unlike markers.
    public var points: [Marker] = []
    /// Extra legend lines (what the markers mean).
    public var notes: [String] = []
    public var logarithmicY = false
    /// Whether a few values far beyond the rest (a pole, as of 1/x at 0) may
    /// be left off the y-axis so that the rest is not flattened. A
    /// convergence curve keeps every value: its start is the point.
    public var trimsOutliers = true
    public var xLabel: String?
    /// Regions along the x range, in equal cells from its low end to its
    /// high end, drawn as a line of characters under the axis: which minimum
    /// a descent from each x reaches. Empty: no such line.
    public var strip: [RegionMap.Region] = []

    public init(title: String? = nil, xRange: (Double, Double)) {
        self.title = title
        self.xRange = xRange
    }

    public func render(width: Int, height: Int, charset: Charset) -> Figure {
        // The curves decide the height; markers beyond it (a run that ran
        // away) are left out and counted, rather than flattening the curve.
        let curveValues = series.flatMap { $0.points.map(\.y) }
        let finiteCurve = curveValues.contains { $0.isFinite && (!logarithmicY || $0 > 0) }
        let yRange = LinePlot.yRange((finiteCurve ? curveValues : curveValues + markers.map(\.y)) + points.map(\.y),
                                     logarithmic: logarithmicY, trimming: trimsOutliers && points.isEmpty)
        var yScale = Scale(low: yRange.0, high: yRange.1, dots: 1, logarithmic: logarithmicY, inverted: true)
        let labelWidth = Frame.labelWidth(for: yScale, count: 4)
        let columns = max(10, width - labelWidth - 2)
        let rows = max(3, height)
        var canvas = Canvas(columns: columns, rows: rows, charset: charset)
        let x = Scale(low: xRange.0, high: xRange.1, dots: canvas.dotWidth)
        yScale.dots = canvas.dotHeight

        // The axes through zero, where they are in view.
        if !logarithmicY, yScale.low < 0, yScale.high > 0, let zero = yScale.dot(0) {
            for dot in Swift.stride(from: 0, to: canvas.dotWidth, by: 2) { canvas.set(dot, zero, series: -1) }
        }
        if x.low < 0, x.high > 0, let zero = x.dot(0) {
            for dot in Swift.stride(from: 0, to: canvas.dotHeight, by: 2) { canvas.set(zero, dot, series: -1) }
        }
        for (index, curve) in series.enumerated() {
            var previous: (Int, Int)?
            for point in curve.points {
                guard let px = x.dot(point.x), let py = yScale.dot(point.y) else {
                    previous = nil
                    continue
                }
                // Two samples beyond opposite edges straddle a pole (1/x at 0): leave a gap.
                let height = canvas.dotHeight
                if let previous, !((previous.1 < 0 && py >= height) || (previous.1 >= height && py < 0)) {
                    canvas.line(from: previous, to: (px, py), series: index)
                } else {
                    canvas.set(px, py, series: index)
                }
                previous = (px, py)
            }
        }
        var outside = 0
        for marker in points + markers {
            guard let px = x.dot(marker.x), let py = yScale.dot(marker.y),
                  px >= 0, py >= 0, px < canvas.dotWidth, py < canvas.dotHeight else {
                outside += 1
                continue
            }
            canvas.mark(px, py, marker.symbol, series: marker.series)
        }
        // Several curves: each is labelled a, b, … where it leaves the plot, so
        // that they can be told apart without colour.
        let keyed = series.count > 1
        if keyed {
            for (index, curve) in series.enumerated() {
                let visible = curve.points.compactMap { point -> (Int, Int)? in
                    guard let px = x.dot(point.x), let py = yScale.dot(point.y),
                          px >= 0, py >= 0, px < canvas.dotWidth, py < canvas.dotHeight else { return nil }
                    return (px, py)
                }
                if let last = visible.last { canvas.mark(last.0, last.1, LinePlot.key(index), series: index) }
            }
        }
        var legend: [(String, Int?)] = []
        if keyed || !notes.isEmpty {
            legend = series.enumerated().map { index, curve in
                ("\(LinePlot.swatch(charset, series: index)) \(keyed ? "\(LinePlot.key(index)): " : "")\(curve.name)", index)
            }
        }
        if outside > 0 {
            legend.append(("\(outside) marked point\(outside == 1 ? " lies" : "s lie") outside the plot", nil))
        }
        legend += notes.map { ($0, nil) }
        if let xLabel { legend.insert(("x: \(xLabel)", nil), at: 0) }
        var frame = Frame(title: title, x: x, y: yScale, legend: legend, charset: charset)
        if !strip.isEmpty {
            // Each character shows the cell under its centre.
            frame.strip = (0..<columns).map { column in
                strip[Swift.min(strip.count - 1, (2 * column + 1) * strip.count / (2 * columns))]
            }
        }
        return frame.render(canvas, color: true)
    }

    static func swatch(_ charset: Charset, series: Int) -> String {
        guard charset == .ascii else { return "──" }
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
