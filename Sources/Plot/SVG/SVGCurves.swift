import Foundation

extension LinePlot {
    /// The plot as SVG: what `render` draws in text, from the same y range,
    /// ticks, curve pieces, marks and legend.
    func svg(width: Double, height: Double) -> String {
        let frame = SVGFrame(width: width, height: height, title: title, x: xScale(dots: 2), y: yScale(dots: 2),
                             strip: !strip.isEmpty, xName: xName, yName: yName)
        let (x, y) = frame.dotScales()
        let marks = self.marks(x: x, y: y)
        let labels = markers.filter { $0.role == .label }.map { RegionMap.Region($0.symbol, series: $0.series) }
        let rows = frame.legendRows(legend(outside: marks.outside), square: SVGColor.squares(strip + labels))
        var document = SVGDocument(width: frame.width, height: frame.legendTop + Double(rows.count) * SVGFrame.lineHeight + 8,
                                   title: title ?? series.first?.name ?? "plot")
        let zero = LinePlot.zeroAxes(x: x, y: y)
        if zero.horizontal, let row = frame.down(0) {
            document.add("line", ["x1": frame.left, "y1": row, "x2": frame.right, "y2": row], class: .zero)
        }
        if zero.vertical, let column = frame.across(0) {
            document.add("line", ["x1": column, "y1": frame.top, "x2": column, "y2": frame.bottom], class: .zero)
        }
        frame.drawAxes(&document)
        let place = { (point: (x: Double, y: Double)) in frame.place(point, on: (x, y)) ?? (.nan, .nan) }
        for (index, curve) in series.enumerated() {
            for piece in LinePlot.pieces(curve.points, x: x, y: y) {
                for part in frame.clip(curve.points[piece].map(place)) {
                    if part.count == 1 {
                        document.add("circle", ["cx": part[0].0, "cy": part[0].1, "r": 1], role: "curve", [("fill", SVGColor.series(index))])
                    } else {
                        document.add("polyline", [:], role: "curve", [("points", SVGFrame.points(part)), ("fill", "none"),
                                                                       ("stroke", SVGColor.series(index)), ("stroke-width", "1.75"),
                                                                       ("stroke-linejoin", "round")] + SVGFrame.dashes(series: index))
                    }
                }
            }
        }
        if !strip.isEmpty {
            document.add(raw: "<g shape-rendering=\"crispEdges\">")
            let cell = frame.plotWidth / Double(strip.count)
            for (index, region) in strip.enumerated() {
                document.add("rect", ["x": frame.left + Double(index) * cell, "y": frame.stripTop, "width": cell, "height": 10],
                             role: "strip", [("fill", SVGColor.region(region, light: false))])
            }
            document.add(raw: "</g>")
        }
        let path = markers.filter { [.start, .step, .end, .now].contains($0.role) }
        // The run's marks joined in the order of its steps: from the start, through the steps, to the end.
        let ordered = path.filter { $0.role == .start } + path.filter { $0.role == .step } + path.filter { $0.role == .end || $0.role == .now }
        document.addTrail(ordered.map { place(($0.x, $0.y)) }, in: frame, color: SVGColor.series(Palette.steps))
        for point in marks.points {
            let (cx, cy) = place((point.x, point.y))
            document.add("circle", ["cx": cx, "cy": cy, "r": 3], role: "point",
                         [("fill", SVGColor.series(point.series ?? 0)), ("fill-opacity", "0.85")])
        }
        for lettered in letteredPaths() {
            document.addLetteredPath(lettered.points.map { place(($0.x, $0.y)) }, letter: lettered.letter,
                                     color: SVGColor.series(lettered.series ?? 0), in: frame)
        }
        for marker in marks.markers where marker.role != .lettered {
            let color = marker.series.map(SVGColor.series) ?? "#57606a"
            document.addMark(marker.role, symbol: marker.symbol, at: place((marker.x, marker.y)), color: color)
        }
        for key in keys(x: x, y: y) {
            document.addLetter(key.key, at: place((key.x, key.y)), color: SVGColor.series(key.series), anchor: "end")
        }
        frame.drawLegend(rows, from: frame.legendTop, into: &document)
        return document.text
    }

    /// The markers of several paths, by letter, in order.
    private func letteredPaths() -> [(letter: Character, series: Int?, points: [Marker])] {
        var paths: [(letter: Character, series: Int?, points: [Marker])] = []
        for marker in markers where marker.role == .lettered {
            if let index = paths.firstIndex(where: { $0.letter == marker.symbol }) {
                paths[index].points.append(marker)
            } else {
                paths.append((marker.symbol, marker.series, [marker]))
            }
        }
        return paths
    }
}
