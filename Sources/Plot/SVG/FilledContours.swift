import Foundation

/// Filled contours of a grid of values, as matplotlib's `contourf` draws
/// them for an exported map: bands between levels, each holding about the
/// same share of the values (so that both wells of a double well show, however
/// deep one is), coloured along viridis from dark (low) to yellow (high),
/// with boundaries found by marching squares, so they are smooth lines and
/// not the steps of the grid.
///
/// Drawn as a painter would: the whole plot in the lowest band's colour,
/// then, band by band upwards, the part of the plot at or above the band's
/// lower level. Each band is one SVG path: the cells wholly inside it as
/// runs of rectangles, and the cells a boundary crosses as the polygon of
/// their part at or above the level. A cell wholly above the next level is
/// left to the bands above, which cover it.
enum FilledContours {
    /// About `bands` levels, each band holding the same share of the finite
    /// values: the quantiles numpy's `quantile` gives (linear between
    /// neighbours), without repeats. Two levels around a flat function.
    static func rankLevels(_ values: [Double], bands: Int = 20) -> [Double] {
        let finite = values.filter(\.isFinite).sorted()
        guard let first = finite.first else { return [0, 1] }
        var levels: [Double] = []
        for i in 0...bands {
            // As numpy.linspace(0, 1, bands + 1) makes its quantiles: i times the step, the last exactly 1.
            let quantile = i == bands ? 1 : Double(i) * (1 / Double(bands))
            let position = quantile * Double(finite.count - 1)
            let low = Int(position.rounded(.down)), high = min(finite.count - 1, low + 1)
            // numpy's interpolation, from the nearer end, so that the levels are its very numbers.
            let (a, b, t) = (finite[low], finite[high], position - Double(low))
            let level = t < 0.5 ? a + (b - a) * t : b - (b - a) * (1 - t)
            if levels.last != level { levels.append(level) }
        }
        return levels.count < 2 ? [first - 1, first + 1] : levels
    }

    /// The colour of band `index` of `count`: viridis, dark for the lowest.
    static func color(band index: Int, of count: Int) -> String {
        SVGColor.viridis(count > 1 ? Double(index) / Double(count - 1) : 0.5)
    }

    /// Each band's path (`d`), lowest first; `point` places grid node
    /// (column, row) in the picture. Cells with a value that is not a
    /// number are left out, and returned to be drawn as such.
    static func paths(_ grid: ShadedGrid, levels: [Double], point: (Double, Double) -> (Double, Double))
        -> (bands: [String], undefined: [(column: Int, row: Int)]) {
        let (columns, rows) = (grid.columns, grid.rows)
        guard columns > 1, rows > 1, levels.count > 1 else { return ([], []) }
        let bandCount = levels.count - 1
        func value(_ column: Int, _ row: Int) -> Double { grid.values[row * columns + column] }
        var undefined: [(Int, Int)] = []
        var paths = Array(repeating: "", count: bandCount)
        // The lowest band: the whole plot.
        paths[0] = polygon([point(0, 0), point(Double(columns - 1), 0), point(Double(columns - 1), Double(rows - 1)),
                            point(0, Double(rows - 1))])
        for row in 0..<(rows - 1) {
            // A cell's corners in order around it: (column, row), (column + 1, row), (column + 1, row + 1), (column, row + 1).
            var runStart: [Int: Int] = [:]   // band → first cell of the run of whole cells now open
            func closeRun(_ band: Int, at end: Int) {
                guard let start = runStart.removeValue(forKey: band) else { return }
                paths[band] += polygon([point(Double(start), Double(row)), point(Double(end), Double(row)),
                                        point(Double(end), Double(row + 1)), point(Double(start), Double(row + 1))])
            }
            for column in 0..<(columns - 1) {
                let corners = [(column, row), (column + 1, row), (column + 1, row + 1), (column, row + 1)]
                let values = corners.map { value($0.0, $0.1) }
                guard values.allSatisfy(\.isFinite) else {
                    undefined.append((column, row))
                    for band in Array(runStart.keys) { closeRun(band, at: column) }
                    continue
                }
                let low = values.min()!, high = values.max()!
                // The band that holds the whole cell, if one does: drawn as part of a run.
                let whole = (1..<bandCount).last { levels[$0] <= low }
                for band in Array(runStart.keys) where band != whole { closeRun(band, at: column) }
                if let whole, runStart[whole] == nil { runStart[whole] = column }
                // Boundaries through the cell: the part at or above each level it crosses.
                for band in 1..<bandCount where levels[band] > low && levels[band] <= high {
                    paths[band] += polygon(above(levels[band], corners: corners, values: values, point: point))
                }
            }
            for band in Array(runStart.keys) { closeRun(band, at: columns - 1) }
        }
        return (paths, undefined)
    }

    /// The part of a cell at or above `level`, with the values taken as
    /// linear along each edge: the corners at or above it and the points on
    /// the edges where the value crosses it, in order around the cell.
    private static func above(_ level: Double, corners: [(Int, Int)], values: [Double],
                              point: (Double, Double) -> (Double, Double)) -> [(Double, Double)] {
        var vertices: [(Double, Double)] = []
        for i in 0..<4 {
            let j = (i + 1) % 4
            let (a, b) = (values[i], values[j])
            if a >= level { vertices.append(point(Double(corners[i].0), Double(corners[i].1))) }
            if (a >= level) != (b >= level) {
                let t = (level - a) / (b - a)
                vertices.append(point(Double(corners[i].0) + t * Double(corners[j].0 - corners[i].0),
                                      Double(corners[i].1) + t * Double(corners[j].1 - corners[i].1)))
            }
        }
        return vertices
    }

    /// A closed polygon in SVG's path language, to a tenth of a pixel: the
    /// first vertex where it is, each next one by how far it moves (`h`,
    /// `v` along an axis), which keeps a map of thousands of pieces small.
    private static func polygon(_ vertices: [(Double, Double)]) -> String {
        guard let first = vertices.first else { return "" }
        func tenths(_ value: Double) -> Int { Int((value * 10).rounded()) }
        func text(_ tenths: Int) -> String {
            let sign = tenths < 0 ? "-" : "", magnitude = abs(tenths)
            return sign + String(magnitude / 10) + (magnitude % 10 == 0 ? "" : "." + String(magnitude % 10))
        }
        var (x, y) = (tenths(first.0), tenths(first.1))
        var d = "M" + text(x) + " " + text(y)
        for vertex in vertices.dropFirst() {
            let (nx, ny) = (tenths(vertex.0), tenths(vertex.1))
            if ny == y { d += "h" + text(nx - x) } else if nx == x { d += "v" + text(ny - y) } else { d += "l" + text(nx - x) + " " + text(ny - y) }
            (x, y) = (nx, ny)
        }
        return d + "Z"
    }
}
