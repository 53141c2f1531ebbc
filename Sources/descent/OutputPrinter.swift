import Foundation
import LineEditor
import Language
import Notebook

/// Prints what cells showed: as text (coloured on a terminal) or as JSON lines.
struct OutputPrinter {
    let options: Options

    private enum Style: String {
        case error = "\u{1B}[31m"
        case dim = "\u{1B}[2m"
        case prompt = "\u{1B}[32m"
        case name = "\u{1B}[36m"
        case reset = "\u{1B}[0m"
    }

    private func paint(_ text: String, _ style: Style) -> String {
        options.color ? style.rawValue + text + Style.reset.rawValue : text
    }

    /// One report; `line` is the script line it came from, if any.
    func show(_ report: CellReport, line: Int?, numbered: Bool = false) {
        if options.json {
            // A command's own line comes first, then each cell it ran (:load, :delete, …).
            write(report.json.serialized())
            for cell in report.ranCells { write(cell.json.serialized()) }
            return
        }
        guard !report.output.isEmpty else { return }
        var text = options.color ? report.coloredOutput ?? report.output : report.output
        if report.ok, options.color, let head = report.head, text.hasPrefix(head) {
            // The name a definition gives, in its colour: `rate = 0.1`, `f(x) = …`, `r: …`.
            text = paint(head, .name) + text.dropFirst(head.count)
        }
        if !report.ok {
            text = paint(text, .error)
            if let line, !report.isRerun { text = "line \(line): " + text }
        }
        if report.isRerun || numbered, let id = report.id {
            text = paint("[\(id)] ", .dim) + text
        }
        write(text)
    }

    /// A cell of a replayed session: its number and source, as the prompt shows
    /// them, then its output (JSON lines are the same as ever).
    func showReplayed(_ report: CellReport) {
        if !options.json, let id = report.id {
            write(paint("[\(id)] ", .dim) + report.source)
        }
        show(report, line: nil)
    }

    func write(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// A problem with the invocation or a file, on standard error.
    func fail(_ message: String) {
        FileHandle.standardError.write(Data(("descent: " + message + "\n").utf8))
    }

    /// The prompt, coloured on a terminal. libedit mishandles a prompt that
    /// ends inside an invisible stretch, so trailing spaces stay outside it.
    func prompt(_ text: String) -> String {
        guard options.color else { return text }
        let core = text.trimmingTrailingSpaces()
        let spaces = String(repeating: " ", count: text.count - core.count)
        return LineEditor.invisible(Style.prompt.rawValue) + core + LineEditor.invisible(Style.reset.rawValue) + spaces
    }
}
