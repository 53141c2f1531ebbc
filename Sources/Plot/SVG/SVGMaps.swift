import Foundation

extension MapPlot {
    /// The map as SVG, as the exported figure draws it: filled contours of
    /// `grid` in bands of about equal area along viridis (dark low, yellow
    /// high), a colour bar that reads them, and the path or the lettered
    /// paths over it.
    func svg(_ grid: ShadedGrid, width: Double, height: Double) -> String {
        let (x, y) = scales(columns: 2, rows: 2)
        let frame = SVGFrame(width: width, height: height, title: title, x: x, y: y, xName: xName, yName: yName)
        let (axes, after) = legend(charset: .unicode)
        let head = frame.legendRows([axes]), tail = frame.legendRows(after)
        let levels = FilledContours.rankLevels(grid.values)
        let bar = MapPlot.colourBarHeight
        let legendHeight = Double(head.count + tail.count) * SVGFrame.lineHeight + bar
        var document = SVGDocument(width: frame.width, height: frame.legendTop + legendHeight + 8, title: title ?? "map")
        drawContours(grid, levels: levels, frame: frame, into: &document)
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
        top = drawColourBar(levels, from: top, frame: frame, into: &document)
        frame.drawLegend(tail, from: top, into: &document)
        return document.text
    }

    /// The bands, lowest first, each one path; a stroke of its own colour
    /// closes the hairline a renderer may leave between neighbouring pieces.
    private func drawContours(_ grid: ShadedGrid, levels: [Double], frame: SVGFrame, into document: inout SVGDocument) {
        let (columns, rows) = (Double(max(1, grid.columns - 1)), Double(max(1, grid.rows - 1)))
        let (bands, undefined) = FilledContours.paths(grid, levels: levels) { column, row in
            (frame.left + frame.plotWidth * column / columns, frame.bottom - frame.plotHeight * row / rows)
        }
        for (index, d) in bands.enumerated() where !d.isEmpty {
            let colour = FilledContours.color(band: index, of: bands.count)
            document.add("path", [:], role: "shade", [("d", d), ("fill", colour), ("stroke", colour), ("stroke-width", "0.6"),
                                                        ("stroke-linejoin", "round")])
        }
        for cell in undefined {
            document.add("rect", ["x": frame.left + frame.plotWidth * Double(cell.column) / columns,
                                  "y": frame.bottom - frame.plotHeight * Double(cell.row + 1) / rows,
                                  "width": frame.plotWidth / columns, "height": frame.plotHeight / rows],
                         role: "shade", [("fill", SVGColor.undefined)])
        }
    }

    /// The height of the colour bar with its labels and caption.
    static let colourBarHeight = 58.0

    /// The colour bar, as the exported figure's: a block per band, dark
    /// (low) to yellow (high), every other level written under it.
    private func drawColourBar(_ levels: [Double], from top: Double, frame: SVGFrame, into document: inout SVGDocument) -> Double {
        let bands = levels.count - 1
        guard bands > 0 else { return top }
        let block = min(40, (frame.width - 2 * SVGFrame.margin) / Double(bands))
        let y = top + 4
        for band in 0..<bands {
            document.add("rect", ["x": SVGFrame.margin + Double(band) * block, "y": y, "width": block + 0.5, "height": 12],
                         role: "scale", [("fill", FilledContours.color(band: band, of: bands))])
        }
        var lastEnd = -Double.infinity
        for (index, level) in levels.enumerated() where index % 2 == 0 {
            let label = MapPlot.short(level)
            let centre = SVGFrame.margin + Double(index) * block
            let half = Double(label.count) * SVGFrame.characterWidth / 2
            // Levels too close to read apart: the later one is left out.
            guard centre - half > lastEnd + 3 else { continue }
            document.add("line", ["x1": centre, "y1": y, "x2": centre, "y2": y + 16], class: .axis, role: "scale-tick")
            // Kept inside the picture: the first starts at its tick, the last ends at its tick.
            let anchor = centre - half < SVGFrame.margin ? "start" : centre + half > frame.width - SVGFrame.margin ? "end" : "middle"
            document.add(text: label, x: centre, y: y + 28, role: "scale-label", anchor: anchor)
            lastEnd = centre + half
        }
        document.add(text: "\(valueName), in bands of about equal area", x: SVGFrame.margin, y: y + 46,
                     role: "scale-caption")
        return top + MapPlot.colourBarHeight
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
        // Cell edges on whole pixels, each shared by the two cells beside it, so
        // that no renderer leaves a seam between them; a row's neighbours of one region are one rectangle.
        let xEdge = { (column: Int) in (frame.left + frame.plotWidth * Double(column) / Double(self.gridColumns)).rounded() }
        let yEdge = { (row: Int) in (frame.bottom - frame.plotHeight * Double(row) / Double(self.gridRows)).rounded() }
        document.add(raw: "<g shape-rendering=\"crispEdges\">")
        for row in 0..<gridRows {
            var column = 0
            while column < gridColumns {
                let region = cells[row * gridColumns + column]
                var end = column + 1
                while end < gridColumns, cells[row * gridColumns + end] == region { end += 1 }
                document.add("rect", ["x": xEdge(column), "y": yEdge(row + 1), "width": xEdge(end) - xEdge(column),
                                      "height": yEdge(row) - yEdge(row + 1)],
                             role: "cell", [("fill", SVGColor.region(region, light: true))])
                column = end
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
