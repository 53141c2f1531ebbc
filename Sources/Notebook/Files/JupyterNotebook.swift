import Calculus
import DataFiles
import Export
import Foundation
import Language

/// A notebook for the descent kernel as a Jupyter file (`.ipynb`, nbformat
/// 4.5): what `:save FILE.ipynb` writes, and what `descent FILE.ipynb` and
/// `:load FILE.ipynb` read.
///
///     notes           → markdown cells, one a note
///     f(x) = x^2 + 2  → a code cell, execution count 1 (the cell's number),
///                       its output as text (and a plot's SVG), or its error
///
/// A Jupyter cell may hold several lines; each is one cell, as if typed in
/// order: a line that defines a name defined above replaces that cell where
/// it stands, as at the prompt. A line that is a command (`:save tut`) is
/// not a cell, and a file's commands are never run: they are left out.
/// (`:export FILE.ipynb` is another thing: the notebook translated to Python.)
package enum JupyterNotebook {
    /// The kernel's name, as `jupyter kernelspec list` shows it.
    package static let kernelName = "descent"

    package static var kernelspec: JSONValue {
        .object([("display_name", .string("descent")), ("language", .string("descent")), ("name", .string(kernelName))])
    }

    package static var languageInfo: JSONValue {
        .object([("name", .string("descent")), ("mimetype", .string("text/x-descent")),
                 ("file_extension", .string(".descent")), ("pygments_lexer", .string("text"))])
    }

    /// The cells of a Jupyter notebook, checked as a session's are.
    static func read(_ json: JSONValue) throws(NotebookError) -> Session.Contents {
        guard case .number(let major)? = json["nbformat"], major == 4 else {
            throw NotebookError("not a notebook descent reads: it reads Jupyter notebooks of format 4")
        }
        guard case .array(let jupyterCells)? = json["cells"] else {
            throw NotebookError("the notebook has no \"cells\" list")
        }
        let (settings, extraSettings) = try Session.readSettings(json["metadata"]?["descent"]?["settings"])
        var cells: [(id: Int, source: String, output: String?, extra: [(String, JSONValue)])] = []
        var definers: [String: Int] = [:]
        for (position, jupyterCell) in jupyterCells.enumerated() {
            let lines: [String]
            switch (jupyterCell["cell_type"], jupyterCell["source"]) {
            case (.string(let kind)?, let source?) where kind == "code" || kind == "markdown":
                let text = try sourceText(source, of: position + 1)
                lines = text.split(whereSeparator: \.isNewline).map { line in
                    // A tab is spacing here, not a control character.
                    let line = line.replacingOccurrences(of: "\t", with: "    ").trimmingSpaces
                    guard kind == "markdown", !line.isEmpty else { return line }
                    return "# " + line.drop { $0 == "#" || $0 == " " }
                }
            case (.string?, _):
                continue   // raw cells
            default:
                throw NotebookError("Jupyter cell \(position + 1) has no \"cell_type\" and \"source\"")
            }
            for (number, line) in lines.enumerated() where !line.isEmpty && line != "#" {
                if Command(line) != nil || line.hasPrefix(":") { continue }
                if Command.bare(line) != nil, definers[line] == nil { continue }
                try Session.checkSource(line, of: "line \(number + 1) of Jupyter cell \(position + 1)")
                let id = cells.count + 1
                let name = Cell(id: id, source: line, previousName: nil).name
                if !name.hasPrefix("_"), let earlier = definers[name] {
                    cells[earlier].source = line
                    continue
                }
                if !name.hasPrefix("_") { definers[name] = cells.count }
                cells.append((id, line, nil, []))
            }
        }
        return Session.Contents(settings: settings, extraSettings: extraSettings, extraTopLevel: [], cells: cells)
    }

    /// A cell's source: one string, or a list of strings (nbformat allows both).
    private static func sourceText(_ source: JSONValue, of position: Int) throws(NotebookError) -> String {
        switch source {
        case .string(let text): return text
        case .array(let parts):
            var text = ""
            for part in parts {
                guard case .string(let piece) = part else { throw NotebookError("Jupyter cell \(position)'s source is not text") }
                text += piece
            }
            return text
        default:
            throw NotebookError("Jupyter cell \(position)'s source is not text")
        }
    }

    /// A text as nbformat keeps it: a list of lines, each with its line break but the last.
    static func lines(_ text: String) -> JSONValue {
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) + "\n" }
        if let last = parts.popLast() { parts.append(String(last.dropLast())) }
        return .array(parts.filter { !$0.isEmpty }.map(JSONValue.string))
    }

    /// What one code cell showed, as Jupyter keeps outputs: text and a plot's
    /// SVG, or the error with its caret lines.
    package static func outputs(text: String, svg: String?, error: Diagnostic?) -> [JSONValue] {
        if let error {
            return [.object([("output_type", .string("error")), ("ename", .string("error")),
                             ("evalue", .string(error.summary)),
                             ("traceback", .array(text.split(separator: "\n", omittingEmptySubsequences: false).map { .string(String($0)) }))])]
        }
        guard !text.isEmpty else { return [] }
        var data: [(String, JSONValue)] = [("text/plain", lines(text))]
        if let svg { data.append(("image/svg+xml", lines(svg))) }
        return [.object([("output_type", .string("display_data")), ("data", .object(data)), ("metadata", .object([]))])]
    }
}

extension Notebook {
    /// The notebook as a Jupyter notebook for the descent kernel.
    package func jupyterJSON() -> String {
        let jupyterCells: [JSONValue] = orderedCells.map { cell in
            if cell.isNote {
                return .object([("cell_type", .string("markdown")), ("id", .string("note-\(cell.id)")),
                                ("metadata", .object([])), ("source", JupyterNotebook.lines(CellSource.noteText(cell.source)))])
            }
            let svg = picture(ofCell: cell.id)
            return .object([
                ("cell_type", .string("code")), ("execution_count", .number(Double(cell.id))),
                ("id", .string("cell-\(cell.id)")), ("metadata", .object([])),
                ("outputs", .array(JupyterNotebook.outputs(text: cell.output, svg: svg, error: cell.isHealthy ? nil : cell.error))),
                ("source", JupyterNotebook.lines(cell.source)),
            ])
        }
        let metadata: JSONValue = .object([
            ("kernelspec", JupyterNotebook.kernelspec), ("language_info", JupyterNotebook.languageInfo),
            ("descent", .object([("settings", Session.settingsJSON(settings, extra: files.extraSettings))])),
        ])
        let top: JSONValue = .object([("cells", .array(jupyterCells)), ("metadata", metadata),
                                      ("nbformat", .number(4)), ("nbformat_minor", .number(5))])
        return top.serialized(pretty: true) + "\n"
    }
}
