import Language
import Plot

/// One cell as the exports see it: what was typed, how it parsed, what it
/// gave (or why it failed) and what it showed.
package struct ExportCell: Sendable {
    package var id: Int
    /// `r`, or `_4` for a cell that names nothing.
    package var name: String
    package var source: String
    package var syntax: CellSyntax?
    package var value: Value?
    /// Why the cell has no value, in one line.
    package var error: String?
    /// What the cell showed, as text without colour.
    package var output: String
    /// Whether the cell is a note: prose between cells, written as a comment.
    package var isNote: Bool { CellSource.isNote(source) }
    /// Whether the cell holds a value (or is a note, which has none to lose).
    package var isHealthy: Bool { value != nil || isNote }

    package init(id: Int, name: String, source: String, syntax: CellSyntax?, value: Value?, error: String?, output: String = "") {
        self.id = id
        self.name = name
        self.source = source
        self.syntax = syntax
        self.value = value
        self.error = error
        self.output = output
    }

    /// The figure this cell drew, as a description both text and SVG draw from.
    package var drawing: Drawing? {
        switch value {
        case .figure(let figure)?: return figure.drawing
        case .basins(let basins)?: return basins.figure.drawing
        default: return nil
        }
    }
}
