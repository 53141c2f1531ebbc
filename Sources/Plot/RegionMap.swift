/// A box of two variables divided into regions, each drawn with its own
/// character and colour: which minimum a descent reaches from each start.
///
///     basins of g(x, y)
///      5 │aaaaabbbbb
///        │aaaA abBbb
///     -5 │cccccddddd
///        └┬───┬────
///     A: x = -2.81, y = 3.13   f = 0  global, 26% of starts
///
/// The regions are given on a grid of cells; each character of the plot
/// shows the grid cell under its centre, so a coarse grid is drawn in
/// blocks and the plot still fills the width it is given.
package struct RegionMap: Sendable {
    /// How one region is drawn.
    package struct Region: Sendable, Hashable {
        package var symbol: Character
        package var series: Int?

        package init(_ symbol: Character, series: Int? = nil) {
            self.symbol = symbol
            self.series = series
        }
    }

    package var title: String?
    package var xRange: (Double, Double)
    package var yRange: (Double, Double)
    package var xName: String
    package var yName: String
    package var gridColumns: Int
    package var gridRows: Int
    /// One region per grid cell, across first; row 0 is at the low end of y.
    package var cells: [Region]
    /// Characters written over the map at points (the minima themselves).
    package var marks: [(x: Double, y: Double, region: Region)] = []
    /// Legend lines under the map, each coloured as its series.
    package var legend: [(text: String, series: Int?)] = []

    package init(title: String?, xRange: (Double, Double), yRange: (Double, Double), xName: String, yName: String,
                gridColumns: Int, gridRows: Int, cells: [Region]) {
        precondition(cells.count == gridColumns * gridRows, "one region per grid cell")
        self.title = title
        self.xRange = xRange
        self.yRange = yRange
        self.xName = xName
        self.yName = yName
        self.gridColumns = gridColumns
        self.gridRows = gridRows
        self.cells = cells
    }

    /// The characters across and down that a plot of this width and height
    /// draws in, once the y labels have their room: a grid of this size is
    /// drawn one start per character.
    package static func canvasSize(width: Int, height: Int, yRange: (Double, Double)) -> (columns: Int, rows: Int) {
        let y = Scale(low: yRange.0, high: yRange.1, dots: height, inverted: true)
        return (max(10, width - Frame.labelWidth(for: y) - 2), max(3, height))
    }

    package func render(width: Int, height: Int, charset: Charset) -> Figure {
        let (columns, rows) = RegionMap.canvasSize(width: width, height: height, yRange: yRange)
        var canvas = Canvas(columns: columns, rows: rows, charset: .ascii)
        let (x, y) = scales(columns: columns, rows: rows)
        for row in 0..<rows {
            // Canvas rows run top-down; grid rows bottom-up.
            let gridRow = gridRows - 1 - Swift.min(gridRows - 1, (2 * row + 1) * gridRows / (2 * rows))
            for column in 0..<columns {
                let gridColumn = Swift.min(gridColumns - 1, (2 * column + 1) * gridColumns / (2 * columns))
                let region = cells[gridRow * gridColumns + gridColumn]
                canvas.put(column: column, row: row, region.symbol, series: region.series)
            }
        }
        for mark in marks {
            guard let px = x.dot(mark.x), let py = y.dot(mark.y) else { continue }
            canvas.put(column: px, row: py, mark.region.symbol, series: mark.region.series)
        }
        var figure = Frame(title: title, x: x, y: y, legend: legendLines(), charset: charset, xName: xName, yName: yName)
            .render(canvas, color: true)
        figure.drawing = .regions(self)
        return figure
    }

    /// The axes, `columns` across and `rows` down (from the top).
    func scales(columns: Int, rows: Int) -> (x: Scale, y: Scale) {
        (Scale(low: xRange.0, high: xRange.1, dots: columns), Scale(low: yRange.0, high: yRange.1, dots: rows, inverted: true))
    }

    /// The legend under the map: what is across and up, then `legend`.
    func legendLines() -> [LegendLine] {
        [Frame.axesNote(across: xName, up: yName)] + legend.map { LegendLine($0.text, series: $0.series) }
    }
}
