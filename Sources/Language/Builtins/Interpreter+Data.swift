import DataFiles
import Calculus
import Foundation

/// Data as values: `table(x: …, y: …)`, `csv("…")`, and `sum`, `mean`,
/// `count` of a vector or a column.
extension Interpreter {
    /// `table(x: (1, 2, 3), y: (3, 5, 7))`: columns written inline.
    func dataTable(_ arguments: Arguments) throws(Diagnostic) -> Value {
        guard !arguments.labelled.isEmpty else {
            throw Diagnostic("table needs columns, as in table(x: (1, 2, 3), y: (3, 5, 7)), or a run, as in table(r)", at: arguments.callSpan)
        }
        var names: [String] = []
        var columns: [[Double]] = []
        for (label, span, syntax) in arguments.labelled {
            guard !names.contains(label) else { throw Diagnostic("the column '\(label)' is given twice", at: span) }
            switch try evaluate(syntax) {
            case .vector(let parts): columns.append(parts)
            case .number(let x): columns.append([x])
            case let other:
                throw Diagnostic("a column is a list of numbers, as in \(label): (1, 2, 3), not \(other.kindDescription)", at: syntax.span)
            }
            names.append(label)
            if columns.count > 1, columns.last!.count != columns[0].count {
                throw Diagnostic("the columns must be as long as each other: \(names[0]) has \(columns[0].count) numbers and \(label) has \(columns.last!.count)",
                                 at: syntax.span)
            }
        }
        return .table(TableValue(names: names, values: columns))
    }

    /// `csv("points.csv")`: a file with a header row, then rows of numbers.
    func csv(_ arguments: Arguments) throws(Diagnostic) -> Value {
        let syntax = arguments.positional[0]
        guard case .text(let path) = syntax.kind else {
            throw Diagnostic("csv needs the file's path in quotes, as in csv(\"examples/points.csv\")", at: syntax.span)
        }
        do {
            let table = try CSVReader.read(path: path, shouldStop: control.shouldStop)
            return .table(TableValue(names: table.names, values: table.columns, path: path))
        } catch {
            // Every message names the file: "points.csv, line 7, column y: 'abc' is not a number".
            let shown = PrintableText.escaped(path)
            var message = error.line != nil ? "\(shown), \(error.message)"
                : error.namesFile ? error.message : "\(shown): \(error.message)"
            // A missing file says where it was looked for: a relative path is read from the working folder.
            if error.isMissingFile, !path.hasPrefix("/") {
                message += " (looked for in \(PrintableText.escaped(FileManager.default.currentDirectoryPath)))"
            }
            throw Diagnostic(message, at: syntax.span)
        }
    }

    /// `sum(v)`, `mean(v)`, `count(v)` of a vector (a column is one).
    func reduce(_ builtin: Builtin, _ syntax: Syntax) throws(Diagnostic) -> Value {
        let parts: [Double]
        switch try evaluate(syntax) {
        case .vector(let values): parts = values
        case .number(let x): parts = [x]
        case .table(let table):
            throw Diagnostic("\(builtin.rawValue) takes a column of the table, as in \(builtin.rawValue)(d.\(table.names.first ?? "x"))", at: syntax.span)
        case let other:
            throw Diagnostic("\(builtin.rawValue) takes a vector or a column of data, not \(other.kindDescription)", at: syntax.span)
        }
        switch builtin {
        case .count: return .number(Double(parts.count))
        case .mean: return .number(parts.reduce(0, +) / Double(parts.count))
        default: return .number(parts.reduce(0, +))
        }
    }
}
