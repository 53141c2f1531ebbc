import Foundation
import Language
import Plot

/// `:export`: the notebook in the forms that run or show elsewhere (SPEC
/// section 10).
///
///     :export tutorial.py         a Python script (numpy, matplotlib)
///     :export tutorial.ipynb      a Jupyter notebook with a Python kernel
///     :export tutorial.html       one page: sources, outputs, plots as SVG
///     :export path.svg r          the plot of one cell
extension Notebook {
    /// The forms `:export` writes, by the file's ending.
    enum ExportForm: String, CaseIterable {
        case python = "py", jupyter = "ipynb", html, svg

        var fileKind: FileKind {
            switch self {
            case .python: return .python
            case .jupyter: return .jupyter
            case .html: return .html
            case .svg: return .svg
            }
        }
    }

    /// The cells as the translator to Python reads them.
    var exportCells: [ExportCell] {
        orderedCells.map { cell in
            ExportCell(id: cell.id, name: cell.name, source: cell.source, syntax: cell.syntax,
                       value: cell.value, error: cell.error?.summary)
        }
    }

    /// The notebook in Python, for a file at `path` (data paths are written relative to its folder).
    func pythonProgram(for path: String) -> PythonProgram {
        let folder = (Notebook.absolute(path) as NSString).deletingLastPathComponent
        var translator = PythonTranslator(folder: folder, currentFolder: FileManager.default.currentDirectoryPath)
        return translator.translate(exportCells, helpers: PythonRuntime.code(for:))
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// The title of an export: the notebook's first cell when that is a note
    /// (which is then not repeated under it), else the file's name.
    func exportTitle(for path: String) -> (title: String, fromNote: Int?) {
        if let first = orderedCells.first, first.isNote {
            return (CellSource.noteText(first.source), first.id)
        }
        return (Notebook.stem(path), nil)
    }

    /// The file's name without its folder and ending.
    static func stem(_ path: String) -> String {
        ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    /// `:export FILE.py`: one script that prints what the notebook printed and saves each plot as a PNG.
    public func pythonScript(for path: String) -> String {
        let program = pythonProgram(for: path)
        let sources = Dictionary(uniqueKeysWithValues: orderedCells.map { ($0.id, $0.source) })
        return program.script(title: "\(Notebook.stem(path)): a descent notebook in Python", sources: sources)
    }

    /// `:export FILE.ipynb`: nbformat 4.5 with a Python 3 kernel. The helpers
    /// come first (their source folded away); then, for each cell, a markdown
    /// cell with the descent source and what it showed, and the Python that does the same.
    public func ipynbJSON(for path: String) -> String {
        let program = pythonProgram(for: path)
        var cellsJSON: [JSONValue] = []
        func markdown(_ id: String, _ text: String) {
            cellsJSON.append(.object([
                ("cell_type", .string("markdown")), ("id", .string(id)), ("metadata", .object([])),
                ("source", .array(Notebook.jupyterLines(text))),
            ]))
        }
        func code(_ id: String, _ text: String, hidden: Bool = false) {
            let metadata: JSONValue = hidden ? .object([("jupyter", .object([("source_hidden", .bool(true))]))]) : .object([])
            cellsJSON.append(.object([
                ("cell_type", .string("code")), ("execution_count", .null), ("id", .string(id)), ("metadata", metadata),
                ("outputs", .array([])), ("source", .array(Notebook.jupyterLines(text))),
            ]))
        }
        let (title, titleNote) = exportTitle(for: path)
        markdown("title", "# \(Notebook.markdownText(title))\n\nA descent notebook in Python. Each cell of the notebook is shown as it was typed, "
            + "with what descent showed, then as Python (numpy and matplotlib) that does the same. "
            + "The first code cell holds the helpers the cells call: each descent method as a loop, and each kind of plot.")
        code("helpers", program.helpers.trimmingCharacters(in: .newlines), hidden: true)
        let byID = Dictionary(uniqueKeysWithValues: orderedCells.map { ($0.id, $0) })
        for (id, python) in program.cells {
            guard let cell = byID[id], id != titleNote else { continue }
            if cell.isNote {
                // A note is prose: a markdown cell of its own, as it would be in Jupyter.
                markdown("note-\(id)", Notebook.markdownText(CellSource.noteText(cell.source)))
                continue
            }
            var text = "**[\(id)]** " + Notebook.markdownCode(cell.source)
            if !cell.output.isEmpty {
                text += "\n\n" + Notebook.markdownBlock(cell.output)
            }
            markdown("cell-\(id)-descent", text)
            code("cell-\(id)", python)
        }
        let metadata: JSONValue = .object([
            ("kernelspec", .object([("display_name", .string("Python 3")), ("language", .string("python")), ("name", .string("python3"))])),
            ("language_info", .object([("name", .string("python")), ("file_extension", .string(".py")),
                                       ("mimetype", .string("text/x-python"))])),
        ])
        return JSONValue.object([
            ("cells", .array(cellsJSON)), ("metadata", metadata),
            ("nbformat", .number(4)), ("nbformat_minor", .number(5)),
        ]).serialized(pretty: true) + "\n"
    }

    /// A path as a shell reads it back: as it is when it holds only
    /// letters, digits and `_ . / - +`, else in single quotes.
    ///
    ///     notes/fit.py      →  notes/fit.py
    ///     my fit (2).py     →  'my fit (2).py'
    static func shellQuoted(_ path: String) -> String {
        let plain = path.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_./-+".unicodeScalars.contains($0)) }
        if plain && !path.isEmpty { return path }
        return "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Prose for a markdown cell, kept as text: `<`, `>` and `&` are written
    /// as entities so that no tag in a note becomes markup, and control
    /// characters are shown escaped.
    static func markdownText(_ text: String) -> String {
        PrintableText.escaped(text).replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// One line as inline code: the fence is longer than any run of
    /// backticks in it (CommonMark's rule), so the code cannot end early.
    static func markdownCode(_ text: String) -> String {
        let fence = String(repeating: "`", count: longestRun(of: "`", in: text) + 1)
        // A space inside the fence only where a backtick would touch it (CommonMark strips one each side).
        let pad = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        return fence + pad + PrintableText.escaped(text) + pad + fence
    }

    /// Many lines as a fenced code block whose fence no line of it can close.
    static func markdownBlock(_ text: String) -> String {
        let fence = String(repeating: "`", count: max(3, longestRun(of: "`", in: text) + 1))
        return fence + "\n" + PrintableText.escaped(text, keepingNewlines: true) + "\n" + fence
    }

    private static func longestRun(of character: Character, in text: String) -> Int {
        var longest = 0, current = 0
        for c in text {
            current = c == character ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }

    /// Jupyter keeps multi-line text as a list of lines, each but the last ending in a newline.
    static func jupyterLines(_ text: String) -> [JSONValue] {
        let parts = text.split(separator: "\n", omittingEmptySubsequences: false)
        return parts.enumerated().map { i, part in .string(String(part) + (i < parts.count - 1 ? "\n" : "")) }
    }
}

extension Notebook {
    /// `:export`'s argument read: the file, its form (from its ending; none
    /// means a Jupyter notebook) and, for a picture, the cell it shows.
    static func exportTarget(_ argument: String) throws(NotebookError) -> (path: String, form: ExportForm, cell: String?) {
        var path = argument
        var cellName: String?
        // FILE.svg NAME: the last word names the cell.
        if let space = argument.lastIndex(of: " "), argument[..<space].trimmingCharacters(in: .whitespaces).hasSuffix(".svg") {
            path = argument[..<space].trimmingCharacters(in: .whitespaces)
            cellName = String(argument[argument.index(after: space)...])
        }
        if path.hasSuffix("/") {
            throw NotebookError("'\(path)' is a folder's name: add a file name, as in \(path)tutorial.py")
        }
        let ending = (path as NSString).pathExtension
        if ending.isEmpty { path += ".ipynb" }
        guard let form = ExportForm(rawValue: ending.isEmpty ? "ipynb" : ending.lowercased()) else {
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
