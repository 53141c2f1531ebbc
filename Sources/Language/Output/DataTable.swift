import Foundation
import Calculus
import Descent

/// A table of data: its size and where it came from, then its first and
/// last rows (`:set rows` of each).
///
///     d: 4 rows, columns x and y (from examples/points.csv)
///     x  y
///     1  3
///     …
enum DataTable {
    static func render(_ table: TableValue, settings: Settings) -> String {
        let format = { (x: Double) in NumberFormat.significant(x, settings.precision) }
        let count = table.rowCount
        var rows: [[String]] = [table.names]
        let shown = count <= 2 * settings.rows + 1 ? Array(0..<count)
            : Array(0..<settings.rows) + [-1] + Array((count - settings.rows)..<count)
        for i in shown {
            rows.append(i < 0 ? table.names.map { _ in "…" } : table.columns.map { format($0.values[i]) })
        }
        return title(table) + "\n" + TextTable.render(rows)
    }

    /// The first line: `4 rows, columns x and y (from examples/points.csv)`.
    static func title(_ table: TableValue) -> String {
        let count = table.rowCount
        let names = table.names.count == 1 ? table.names[0]
            : table.names.dropLast().joined(separator: ", ") + " and " + table.names.last!
        var title = "\(count) row\(count == 1 ? "" : "s"), column\(table.names.count == 1 ? "" : "s") \(names)"
        if let path = table.path { title += " (from \(path))" }
        return title
    }
}
