import DataFiles
import Foundation
import LineEditor
import Language
import Notebook
import Plot

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
            // A command's own line comes first, then each cell it ran (:load, :delete, …); notes have none.
            if !report.isNote { write(report.json.serialized()) }
            for cell in report.ranCells where !cell.isNote { write(cell.json.serialized()) }
            return
        }
        if report.isNote {
            // Typed, a note is kept quietly; listed among others (a load, a re-run), it is shown.
            if numbered || report.isRerun, let id = report.id {
                write(paint("[\(id)] ", .dim) + paint(PrintableText.escaped(report.source), .dim))
            }
            return
        }
        guard !report.output.isEmpty else { return }
        // Plain text may quote a file (a name, a source, a value): nothing in it reaches the terminal raw.
        var text = options.color ? report.coloredOutput ?? report.output : report.output
        if report.coloredOutput == nil || !options.color { text = PrintableText.escaped(text, keepingNewlines: true) }
        if options.interactive, report.coloredOutput == nil {
            // Messages wrap between words on a narrow terminal; tables and plots are made to fit.
            let width = Terminal.width()
            text = text.split(separator: "\n", omittingEmptySubsequences: false)
                .flatMap { $0.count > width ? Frame.wrap(String($0), width) : [String($0)] }.joined(separator: "\n")
        }
        if report.ok, options.color, let head = report.head, text.hasPrefix(head) {
            // The name a definition gives, in its colour: `rate = 0.1`, `f(x) = …`, `r: …`.
            text = paint(head, .name) + text.dropFirst(head.count)
        }
        if !report.ok {
            text = paint(text, .error)
        }
        if report.isRerun || numbered, let id = report.id {
            text = paint("[\(id)] ", .dim) + text
        }
        if let line, !report.ok {
            // A script's errors go to standard error, each naming the line that caused it
            // (a cell re-run by that line says its own number after it).
            FileHandle.standardError.write(Data(("line \(line): " + text + "\n").utf8))
            return
        }
        write(text)
    }

    /// Several reports, as one line or one command gave them. Re-runs that
    /// could not run because one cell failed are summed up in one line, not
    /// an error each: `[3] [5] [7] wait for a: [1] unknown name 'z'`.
    func show(_ reports: [CellReport], line: Int?, compact: Bool = false, numbered: (CellReport) -> Bool = { _ in false }) {
        // Compact: the cells an edit re-ran show a line each, and the last of them in full.
        let lastRerun = reports.lastIndex { $0.isRerun && !$0.isNote }
        var blocked: [String: [Int]] = [:]
        if !options.json {
            for report in reports where report.isRerun {
                if let upstream = report.blockedBy, let id = report.id { blocked[upstream, default: []].append(id) }
            }
            blocked = blocked.filter { $0.value.count > 1 }
        }
        var summed = Set<String>()
        for (index, var report) in reports.enumerated() {
            guard report.isRerun, let upstream = report.blockedBy, let ids = blocked[upstream] else {
                if compact, !options.json, report.isRerun, report.ok, index != lastRerun, let summary = report.summary {
                    report.output = summary
                    report.coloredOutput = nil
                }
                show(report, line: line, numbered: numbered(report))
                continue
            }
            guard summed.insert(upstream).inserted else { continue }
            // "waits for a: [1] unknown name 'z'", said once for them all.
            let why = report.diagnostic?.message.dropFirst("waits".count) ?? " for \(upstream)"
            let text = paint(ids.map { "[\($0)]" }.joined(separator: " ") + " wait" + why + " (fix '\(upstream)' and they run again)", .error)
            if let line {
                FileHandle.standardError.write(Data(("line \(line): " + text + "\n").utf8))
            } else {
                write(text)
            }
        }
    }

    /// A cell of a replayed session: its number and source, as the prompt shows
    /// them, then its output (JSON lines are the same as ever).
    func showReplayed(_ report: CellReport) {
        if !options.json, let id = report.id {
            let source = PrintableText.escaped(report.source)
            write(paint("[\(id)] ", .dim) + (report.isNote ? paint(source, .dim) : source))
            if report.isNote { return }
        }
        show(report, line: nil)
    }

    func write(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// A problem with the invocation or a file, on standard error.
    func fail(_ message: String) {
        FileHandle.standardError.write(Data(("descent: " + PrintableText.escaped(message, keepingNewlines: true) + "\n").utf8))
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
