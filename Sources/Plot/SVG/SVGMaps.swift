import Foundation

extension MapPlot {
    /// The map as SVG: `grid` shaded by the text's thresholds along a
    /// sequential scale (light low, dark high, as the text's shades), a bar
    /// that gives the thresholds, and the path or the lettered paths over it.
    func svg(_ grid: ShadedGrid, width: Double, height: Double) -> String {
        let (x, y) = scales(columns: 2, rows: 2)
        let frame = SVGFrame(width: width, height: height, title: title, x: x, y: y, xName: xName, yName: yName)
        let (axes, after) = legend(charset: .unicode)
        let head = frame.legendRows([axes]), tail = frame.legendRows(after)
        let bar = grid.thresholds.isEmpty ? 0.0 : 44
        let legendHeight = Double(head.count + tail.count) * SVGFrame.lineHeight + bar
        var document = SVGDocument(width: frame.width, height: frame.legendTop + legendHeight + 8, title: title ?? "map")
        drawShades(grid, frame: frame, into: &document)
        frame.drawAxes(&document)
        let place = { (point: (x: Double, y: Double)) in (frame.across(point.x) ?? .nan, frame.down(point.y) ?? .nan) }
        document.addTrail(path.map(place), in: frame, color: SVGColor.series(Palette.steps), width: 1.25)
        for (point, role) in pathMarks() where frame.contains(place(point)) {
            let color = SVGColor.series(role == .step ? Palette.steps : Palette.endpoints)
            document.addMark(role, symbol: MapPlot.symbol(role, .unicode), at: place(point), color: color)
        }
        for (index, lettered) in lettered.enumerated() {
            document.addLetteredPath(lettered.points.map(place), letter: lettered.letter, color: SVGColor.series(index), in: frame)
        }
        var top = frame.drawLegend(head, from: frame.legendTop, into: &document)
        if bar > 0 { top = drawScale(grid.thresholds, from: top, frame: frame, into: &document) }
        frame.drawLegend(tail, from: top, into: &document)
        return document.text
    }

    /// The grid's cells as rectangles, a row's neighbours of one shade as one.
    private func drawShades(_ grid: ShadedGrid, frame: SVGFrame, into document: inout SVGDocument) {
        let levels = grid.thresholds.count + 1
        let (cellWidth, cellHeight) = (frame.plotWidth / Double(grid.columns), frame.plotHeight / Double(grid.rows))
        document.add(raw: "<g shape-rendering=\"crispEdges\">")
        for row in 0..<grid.rows {
            var column = 0
            while column < grid.columns {
                let level = MapPlot.level(grid.values[row * grid.columns + column], thresholds: grid.thresholds)
                var end = column + 1
                while end < grid.columns, MapPlot.level(grid.values[row * grid.columns + end], thresholds: grid.thresholds) == level {
                    end += 1
                }
                let fill = level.map { SVGColor.shade($0, of: levels) } ?? SVGColor.undefined
                document.add("rect", ["x": frame.left + Double(column) * cellWidth, "y": frame.bottom - Double(row + 1) * cellHeight,
                                      "width": Double(end - column) * cellWidth, "height": cellHeight],
                             role: "shade", [("fill", fill)])
                column = end
            }
        }
        document.add(raw: "</g>")
    }

    /// The colour scale: a block per shade, the thresholds between them.
    private func drawScale(_ thresholds: [Double], from top: Double, frame: SVGFrame, into document: inout SVGDocument) -> Double {
        let levels = thresholds.count + 1
        let block = min(64, (frame.width - 2 * SVGFrame.margin) / Double(levels))
        let y = top + 4
        for level in 0..<levels {
            document.add("rect", ["x": SVGFrame.margin + Double(level) * block, "y": y, "width": block, "height": 12],
                         role: "scale", [("fill", SVGColor.shade(level, of: levels))])
        }
        var lastEnd = -Double.infinity
        for (index, threshold) in thresholds.enumerated() {
            let label = MapPlot.short(threshold)
            let centre = SVGFrame.margin + Double(index + 1) * block
            let half = Double(label.count) * SVGFrame.characterWidth / 2
            // Thresholds too close to read apart: the later one is left out.
            guard centre - half > lastEnd + 3 else { continue }
            document.add("line", ["x1": centre, "y1": y, "x2": centre, "y2": y + 16], class: .axis, role: "scale-tick")
            document.add(text: label, x: centre, y: y + 28, role: "scale-label", anchor: "middle")
            lastEnd = centre + half
        }
        return top + 44
    }
}

extension RegionMap {
    /// The map as SVG: a rectangle per grid cell in its region's colour, the
    /// minima as discs with their letters, the legend with a square of each
    /// region's colour.
    func svg(width: Double, height: Double) -> String {
        let (x, y) = scales(columns: 2, rows: 2)
        let frame = SVGFrame(width: width, height: height, title: title, x: x, y: y, xName: xName, yName: yName)
        let rows = frame.legendRows(legendLines(), square: SVGColor.squares(marks.map(\.region) + cells))
        var document = SVGDocument(width: frame.width, height: frame.legendTop + Double(rows.count) * SVGFrame.lineHeight + 8,
                                   title: title ?? "regions")
        let (cellWidth, cellHeight) = (frame.plotWidth / Double(gridColumns), frame.plotHeight / Double(gridRows))
        document.add(raw: "<g shape-rendering=\"crispEdges\">")
        for row in 0..<gridRows {
            for column in 0..<gridColumns {
                document.add("rect", ["x": frame.left + Double(column) * cellWidth, "y": frame.bottom - Double(row + 1) * cellHeight,
                                      "width": cellWidth, "height": cellHeight],
                             role: "cell", [("fill", SVGColor.region(cells[row * gridColumns + column], light: true))])
            }
        }
        document.add(raw: "</g>")
        frame.drawAxes(&document)
        for mark in marks {
            let point = (frame.across(mark.x) ?? .nan, frame.down(mark.y) ?? .nan)
            guard frame.contains(point) else { continue }
            document.addMark(.label, symbol: mark.region.symbol, at: point, color: SVGColor.region(mark.region, light: false))
        }
        frame.drawLegend(rows, from: frame.legendTop, into: &document)
        return document.text
    }
}
