/// What a figure shows, kept beside its text so that it can be drawn again
/// another way (as SVG) with the same ranges, marks and legend.
///
///     let figure = plot.render(width: 80, height: 16, charset: .unicode)
///     figure.drawing?.svg()   // "<svg xmlns=…"
package enum Drawing: Sendable {
    /// Curves, marks and data points over an x range.
    case curves(LinePlot)
    /// A function of two variables, shaded from its values on a grid.
    case shaded(MapPlot, ShadedGrid)
    /// Regions of a box of two variables.
    case regions(RegionMap)
}

/// A function of two variables sampled at the nodes of a grid (its edges
/// included), so that it can be shaded again without the function.
///
///     ShadedGrid(sampling: { $0 * $0 + $1 * $1 }, xRange: (-2, 2), yRange: (-2, 2),
///                columns: 96, rows: 64)
package struct ShadedGrid: Sendable {
    package var columns: Int
    package var rows: Int
    /// One value per node, across first; row 0 is at the low end of y.
    package var values: [Double]

    /// Cells enough for a smooth picture at a cost a plot can bear: about 6,000 values.
    package static let standardSize = (columns: 96, rows: 64)

    package init(columns: Int, rows: Int, values: [Double]) {
        precondition(values.count == columns * rows, "one value per cell")
        self.columns = columns
        self.rows = rows
        self.values = values
    }

    /// The grid of `value` over the box.
    package init(sampling value: (Double, Double) -> Double, xRange: (Double, Double), yRange: (Double, Double),
                columns: Int, rows: Int) {
        let columns = max(1, columns), rows = max(1, rows)
        var values: [Double] = []
        values.reserveCapacity(columns * rows)
        // At the grid's nodes, edges included, so that contours reach the plot's edges.
        func node(_ index: Int, of count: Int, _ range: (Double, Double)) -> Double {
            count > 1 ? range.0 + (range.1 - range.0) * Double(index) / Double(count - 1) : (range.0 + range.1) / 2
        }
        for row in 0..<rows {
            let y = node(row, of: rows, yRange)
            for column in 0..<columns {
                values.append(value(node(column, of: columns, xRange), y))
            }
        }
        self.init(columns: columns, rows: rows, values: values)
    }
}
