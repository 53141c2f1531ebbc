import Language
import Plot

/// `:export FILE.html`: the notebook as one page that needs nothing but a browser.
extension NotebookExport {
    /// One self-contained page: each cell's number, source and output, its
    /// plots drawn as SVG; light or dark as the reader's browser prefers.
    package func html(for path: String) -> String {
        let (title, titleNote) = title(for: path)
        var body = ""
        for cell in cells where cell.id != titleNote {
            if cell.isNote {
                let text = CellSource.noteText(cell.source)
                body += "<p class=\"note\" id=\"cell-\(cell.id)\">\(HTMLText.escaped(text))</p>\n"
                continue
            }
            let failed = !cell.isHealthy
            body += "<section class=\"cell\(failed ? " failed" : "")\" id=\"cell-\(cell.id)\">\n"
            body += "<div class=\"source\"><span class=\"number\">[\(cell.id)]</span> <code>\(HTMLText.escaped(cell.source))</code></div>\n"
            if let svg = cell.drawing?.svg() {
                body += "<figure>\n" + svg + "\n</figure>\n"
            } else if !cell.output.isEmpty {
                body += "<pre class=\"output\">\(HTMLText.escaped(cell.output))</pre>\n"
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
        <title>\(HTMLText.escaped(title))</title>
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
        pre.output { background: var(--code); padding: 0.5rem 0.75rem; white-space: pre-wrap; overflow-wrap: anywhere; margin: 0.5rem 0 0;
                     font: 13px/1.35 ui-monospace, monospace; }
        .failed pre.output { color: var(--error); }
        figure { margin: 0.5rem 0 0; }
        figure svg { max-width: 100%; height: auto; }
        </style>
        </head>
        <body>
        <h1>\(HTMLText.escaped(title))</h1>
        <p>A descent notebook: each cell as it was typed, then what it showed.</p>
        \(body)</body>
        </html>

        """
    }
}
