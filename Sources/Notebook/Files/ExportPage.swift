import Foundation
import Language
import Plot

/// `:export FILE.html` and `:export FILE.svg NAME`: the notebook as one page
/// that needs nothing but a browser, and one plot as a picture.
extension Notebook {
    /// One self-contained page: each cell's number, source and output, its
    /// plots drawn as SVG; light or dark as the reader's browser prefers.
    public func html(for path: String) -> String {
        let (title, titleNote) = exportTitle(for: path)
        var body = ""
        for cell in orderedCells where cell.id != titleNote {
            if cell.isNote {
                let text = CellSource.noteText(cell.source)
                body += "<p class=\"note\" id=\"cell-\(cell.id)\">\(Notebook.escaped(text))</p>\n"
                continue
            }
            let failed = !cell.isHealthy
            body += "<section class=\"cell\(failed ? " failed" : "")\" id=\"cell-\(cell.id)\">\n"
            body += "<div class=\"source\"><span class=\"number\">[\(cell.id)]</span> <code>\(Notebook.escaped(cell.source))</code></div>\n"
            if let svg = cell.drawing?.svg() {
                body += "<figure>\n" + svg + "\n</figure>\n"
            } else if !cell.output.isEmpty {
                body += "<pre class=\"output\">\(Notebook.escaped(cell.output))</pre>\n"
            }
            body += "</section>\n"
        }
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>\(Notebook.escaped(title))</title>
        <style>
        :root { --ink: #1d1d1f; --paper: #ffffff; --muted: #6e6e73; --rule: #d2d2d7; --code: #f5f5f7; --error: #b3261e; }
        @media (prefers-color-scheme: dark) {
          :root { --ink: #e8e8ed; --paper: #161618; --muted: #a1a1a6; --rule: #3a3a3c; --code: #232326; --error: #ff8a80; }
        }
        body { margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: var(--ink); background: var(--paper);
               font: 16px/1.5 system-ui, sans-serif; }
        h1 { font-size: 1.5rem; }
        .cell { border-top: 1px solid var(--rule); padding: 0.75rem 0; }
        .source { font-family: ui-monospace, monospace; }
        .number { color: var(--muted); }
        p.note { margin: 1.25rem 0 0.25rem; }
        pre.output { background: var(--code); padding: 0.5rem 0.75rem; overflow-x: auto; margin: 0.5rem 0 0;
                     font: 13px/1.35 ui-monospace, monospace; }
        .failed pre.output { color: var(--error); }
        figure { margin: 0.5rem 0 0; }
        figure svg { max-width: 100%; height: auto; }
        </style>
        </head>
        <body>
        <h1>\(Notebook.escaped(title))</h1>
        <p>A descent notebook: each cell as it was typed, then what it showed.</p>
        \(body)</body>
        </html>

        """
    }

    /// `:export FILE.svg NAME`: the plot of the named cell.
    func svg(of reference: String) throws(NotebookError) -> String {
        guard let cell = cell(matching: reference) else {
            throw NotebookError("there is no cell '\(reference)'; :cells lists them")
        }
        guard cell.isHealthy else {
            throw NotebookError("[\(cell.id)] failed, so it has no plot to export")
        }
        guard let drawing = cell.drawing else {
            throw NotebookError("[\(cell.id)] is not a plot: :export FILE.svg takes a cell that draws one, such as plot(f, -5..5)")
        }
        return drawing.svg() + "\n"
    }

    /// Text for the page, only ever as text: markup characters as entities,
    /// control characters shown escaped (line breaks kept for `<pre>`).
    static func escaped(_ text: String) -> String {
        PrintableText.escaped(text, keepingNewlines: true)
            .replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}

extension Cell {
    /// The figure this cell drew, as a description both text and SVG draw from.
    var drawing: Drawing? {
        switch value {
        case .figure(let figure)?: return figure.drawing
        case .basins(let basins)?: return basins.figure.drawing
        default: return nil
        }
    }
}
