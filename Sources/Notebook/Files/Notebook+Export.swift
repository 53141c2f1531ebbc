import Export
import Foundation
import Language

/// `:export` (SPEC section 10): the notebook's cells handed to the Export
/// module, which writes each form.
extension Notebook {
    /// The cells as the exports read them, in order.
    var export: NotebookExport {
        NotebookExport(cells: orderedCells.map(\.exported))
    }

    /// `:export FILE.svg NAME`: the plot of the named cell.
    func svg(of reference: String) throws(NotebookError) -> String {
        guard let cell = cell(matching: reference) else {
            throw NotebookError("there is no cell '\(reference)'; :cells lists them")
        }
        guard cell.isHealthy else {
            throw NotebookError("[\(cell.id)] failed, so it has no plot to export")
        }
        guard let drawing = cell.exported.drawing else {
            throw NotebookError("[\(cell.id)] is not a plot: :export FILE.svg takes a cell that draws one, such as plot(f, -5..5)")
        }
        return drawing.svg() + "\n"
    }
}

extension Cell {
    var exported: ExportCell {
        ExportCell(id: id, name: name, source: source, syntax: read ?? syntax, value: value, error: error?.summary, output: output)
    }
}

extension NotebookExport.Form {
    var fileKind: Notebook.FileKind {
        switch self {
        case .python: return .python
        case .jupyter: return .jupyter
        case .html: return .html
        case .svg: return .svg
        }
    }
}

extension Notebook {
    /// `:export`'s argument read: the file, its form (from its ending; none
    /// means a Jupyter notebook) and, for a picture, the cell it shows.
    static func exportTarget(_ argument: String) throws(NotebookError) -> (path: String, form: NotebookExport.Form, cell: String?) {
        var path = argument
        var cellName: String?
        // FILE.svg NAME: the last word names the cell.
        if let space = argument.lastIndex(of: " "), argument[..<space].trimmingSpaces.hasSuffix(".svg") {
            path = argument[..<space].trimmingSpaces
            cellName = String(argument[argument.index(after: space)...])
        }
        if path.hasSuffix("/") {
            throw NotebookError("'\(path)' is a folder's name: add a file name, as in \(path)tutorial.py")
        }
        let ending = (path as NSString).pathExtension
        if ending.isEmpty { path += ".ipynb" }
        guard let form = NotebookExport.Form(rawValue: ending.isEmpty ? "ipynb" : ending.lowercased()) else {
            throw NotebookError(":export writes a Python script (.py), a Jupyter notebook (.ipynb), a web page (.html) or a plot (.svg), not .\(ending)")
        }
        if form == .svg, cellName == nil {
            throw NotebookError(":export FILE.svg needs the plot's cell after the file, as in :export \(path) 12 or :export \(path) p")
        }
        if form != .svg, cellName != nil {
            throw NotebookError("only a plot (.svg) takes a cell after the file")
        }
        return ((path as NSString).expandingTildeInPath, form, cellName)
    }
}
