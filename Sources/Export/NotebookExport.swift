import DataFiles
import Foundation
import Language

/// `:export`: a notebook in the forms that run or show elsewhere (SPEC
/// section 10), made from its cells in order.
///
///     :export tutorial.py         a Python script (numpy, matplotlib)
///     :export tutorial.ipynb      a Jupyter notebook with a Python kernel
///     :export tutorial.html       one page: sources, outputs, plots as SVG
///     :export path.svg r          the plot of one cell
package struct NotebookExport {
    /// The forms `:export` writes, by the file's ending.
    package enum Form: String, CaseIterable, Sendable {
        case python = "py", jupyter = "ipynb", html, svg
    }

    package var cells: [ExportCell]

    package init(cells: [ExportCell]) {
        self.cells = cells
    }

    /// The notebook in Python, for a file at `path` (data paths are written relative to its folder).
    func pythonProgram(for path: String) -> PythonProgram {
        let folder = (NotebookExport.absolute(path) as NSString).deletingLastPathComponent
        var translator = PythonTranslator(folder: folder, currentFolder: FileManager.default.currentDirectoryPath)
        return translator.translate(cells, helpers: PythonRuntime.code(for:))
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// The title of an export: the notebook's first cell when that is a note
    /// (which is then not repeated under it), else the file's name.
    func title(for path: String) -> (title: String, fromNote: Int?) {
        if let first = cells.first, first.isNote {
            return (CellSource.noteText(first.source), first.id)
        }
        return (NotebookExport.stem(path), nil)
    }

    /// The file's name without its folder and ending.
    static func stem(_ path: String) -> String {
        ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    /// `:export FILE.py`: one script that prints what the notebook printed and saves each plot as a PNG.
    package func pythonScript(for path: String) -> String {
        var program = pythonProgram(for: path)
        let (title, titleNote) = title(for: path)
        // A first note is the title, said once.
        program.cells.removeAll { $0.id == titleNote }
        let sources = Dictionary(uniqueKeysWithValues: cells.map { ($0.id, $0.source) })
        return program.script(title: "\(title): a descent notebook in Python", sources: sources)
    }

    /// `:export FILE.ipynb`: nbformat 4.5 with a Python 3 kernel. The helpers
    /// come first (their source folded away); then, for each cell, a markdown
    /// cell with the descent source and what it showed, and the Python that does the same.
    package func ipynbJSON(for path: String) -> String {
        let program = pythonProgram(for: path)
        var cellsJSON: [JSONValue] = []
        func markdown(_ id: String, _ text: String) {
            cellsJSON.append(.object([
                ("cell_type", .string("markdown")), ("id", .string(id)), ("metadata", .object([])),
                ("source", .array(NotebookExport.jupyterLines(text))),
            ]))
        }
        func code(_ id: String, _ text: String, hidden: Bool = false) {
            let metadata: JSONValue = hidden ? .object([("jupyter", .object([("source_hidden", .bool(true))]))]) : .object([])
            cellsJSON.append(.object([
                ("cell_type", .string("code")), ("execution_count", .null), ("id", .string(id)), ("metadata", metadata),
                ("outputs", .array([])), ("source", .array(NotebookExport.jupyterLines(text))),
            ]))
        }
        let (title, titleNote) = title(for: path)
        markdown("title", "# \(Markdown.text(title))\n\nA descent notebook in Python. Each cell of the notebook is shown as it was typed, "
            + "with what descent showed, then as Python (numpy and matplotlib) that does the same. "
            + "The first code cell holds the helpers the cells call: each descent method as a loop, and each kind of plot.")
        code("helpers", program.helpers.trimmingLineBreaks, hidden: true)
        let byID = Dictionary(uniqueKeysWithValues: cells.map { ($0.id, $0) })
        for (id, python) in program.cells {
            guard let cell = byID[id], id != titleNote else { continue }
            if cell.isNote {
                // A note is prose: a markdown cell of its own, as it would be in Jupyter.
                markdown("note-\(id)", Markdown.text(CellSource.noteText(cell.source)))
                continue
            }
            var text = "**[\(id)]** " + Markdown.code(cell.source)
            if !cell.output.isEmpty {
                text += "\n\n" + Markdown.block(cell.output)
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

    /// Jupyter keeps multi-line text as a list of lines, each but the last ending in a newline.
    package static func jupyterLines(_ text: String) -> [JSONValue] {
        let parts = text.split(separator: "\n", omittingEmptySubsequences: false)
        return parts.enumerated().map { i, part in .string(String(part) + (i < parts.count - 1 ? "\n" : "")) }
    }
}
