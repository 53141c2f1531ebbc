/// A column of numbers that formulas average or add over: `d.x` in
/// `loss(w, b) = mean((w*d.x + b - d.y)^2)`. To a formula's variables it is
/// a constant, one number per row.
///
/// Compared and hashed by identity, not by its numbers: a million-row
/// column is not rehashed every time the simplifier looks at a term, and
/// two columns that happen to hold the same numbers are still two columns.
package final class Column: Hashable, Sendable, CustomStringConvertible {
    /// How formulas write it: `d.x`.
    package let name: String
    package let values: [Double]

    package init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }

    package var count: Int { values.count }
    package var description: String { name }

    package static func == (a: Column, b: Column) -> Bool { a === b }
    package func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

/// How a formula reduces a column's rows to one number.
package enum Reduction: String, Sendable, Hashable, CaseIterable {
    /// The rows added up.
    case sum
    /// The rows' mean: their sum over their count.
    case mean
}

extension Expr {
    /// Every column used outside any reduction inside this expression, and
    /// the reductions' own columns are not counted: what one row of the
    /// expression reads.
    package var rowColumns: [Column] {
        var found: [Column] = []
        collectColumns(into: &found, throughReductions: false)
        return found
    }

    /// Every column the expression reads, inside reductions or not.
    package var dataColumns: [Column] {
        var found: [Column] = []
        collectColumns(into: &found, throughReductions: true)
        return found
    }

    /// Whether any column appears, inside a reduction or not.
    package var usesData: Bool {
        var found: [Column] = []
        collectColumns(into: &found, throughReductions: true)
        return !found.isEmpty
    }

    private func collectColumns(into found: inout [Column], throughReductions: Bool) {
        switch self {
        case .number, .constant, .variable, .symbol: return
        case .column(let column): if !found.contains(column) { found.append(column) }
        case .reduce(_, let inner): if throughReductions { inner.collectColumns(into: &found, throughReductions: true) }
        case .sum(let items), .product(let items), .apply(_, let items), .call(_, let items):
            for item in items { item.collectColumns(into: &found, throughReductions: throughReductions) }
        case .power(let base, let exponent):
            base.collectColumns(into: &found, throughReductions: throughReductions)
            exponent.collectColumns(into: &found, throughReductions: throughReductions)
        }
    }

    /// Why the expression cannot be a function's value, if it cannot: a
    /// column outside any `mean`/`sum` (a function gives one number, not
    /// one per row), a reduction over nothing that varies by row, or
    /// columns of different lengths in one reduction.
    package var dataProblem: String? {
        if let column = rowColumns.first {
            return "\(column.name) is a column of \(column.count) numbers; in a function, average or add it over the rows, as in mean(…) or sum(…)"
        }
        return reductionProblem
    }

    private var reductionProblem: String? {
        switch self {
        case .number, .constant, .variable, .symbol, .column: return nil
        case .reduce(let kind, let inner):
            let columns = inner.rowColumns
            guard let first = columns.first else {
                return "\(kind.rawValue)(…) needs a column of data inside it, such as d.x, to go over its rows"
            }
            if let other = columns.first(where: { $0.count != first.count }) {
                return "\(first.name) has \(first.count) rows and \(other.name) has \(other.count): one \(kind.rawValue)(…) goes over rows of the same length"
            }
            return inner.reductionProblem
        case .sum(let items), .product(let items), .apply(_, let items), .call(_, let items):
            return items.lazy.compactMap(\.reductionProblem).first
        case .power(let base, let exponent):
            return base.reductionProblem ?? exponent.reductionProblem
        }
    }
}
