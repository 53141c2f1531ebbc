import DataFiles
import Language
import Calculus

/// What one evaluated cell (or command) showed, for printing as text or
/// as a `--json` line.
package struct CellReport: Sendable {
    /// The cell's number; nil for a notebook command.
    package var id: Int?
    package var name: String
    package var source: String
    package var ok: Bool
    package var value: JSONValue
    /// The text a person sees, without colour.
    package var output: String
    /// The same with colour, where it differs (plots).
    package var coloredOutput: String?
    /// The name a definition shows first (`rate` in `rate = 0.1`, `f(x)` in
    /// `f(x) = x^2`), which a terminal colours as a name.
    package var head: String?
    package var diagnostic: Diagnostic?
    /// Whether this cell ran again because a cell it uses changed.
    package var isRerun: Bool = false
    /// Whether the cell is a note: prose, with no value and no `--json` line.
    package var isNote: Bool = false
    /// The output in one line, for a cell re-run by an edit: a run's first and
    /// last lines, a plot's title.
    package var summary: String?
    /// The cell that failed and so kept this one from running, if that is why it has no value.
    package var blockedBy: String?
    /// A line that made no cell and ran no command (it could not be one):
    /// its `--json` object has `"id": null`.
    package var isRefusedLine = false
    /// For a command: the cells it ran (after :load, :delete, :undo, :rerun).
    package var ranCells: [CellReport] = []
    /// For a command: its own words, without the cells it ran (which `output` lists after them).
    package var answer: String?

    /// The answer to a line that made no cell and ran no command.
    static func refusedLine(_ source: String, _ diagnostic: Diagnostic, output: String) -> CellReport {
        var report = CellReport(id: nil, name: "", source: source, ok: false, value: .null, output: output, diagnostic: diagnostic)
        report.isRefusedLine = true
        return report
    }

    /// `{"id": 3, "name": "rate", "ok": true, "value": 0.1, "output": "rate = 0.1"}`
    package var json: JSONValue {
        var pairs: [(String, JSONValue)] = []
        if let id { pairs.append(("id", .number(Double(id)))) }
        else if isRefusedLine { pairs.append(("id", .null)) }
        else { pairs.append(("command", .string(source))) }
        if id != nil { pairs.append(("name", .string(name))) }
        pairs.append(("ok", .bool(ok)))
        if ok {
            if id != nil { pairs.append(("value", value)) }
        } else {
            pairs.append(("error", .string(diagnostic?.summary ?? output)))
            if let span = diagnostic?.span { pairs.append(("column", .number(Double(span.column)))) }
        }
        pairs.append(("output", .string(output)))
        return .object(pairs)
    }
}

extension CellReport {
    /// The report of a cell that has just run.
    init(_ cell: Cell) {
        self.init(id: cell.id, name: cell.name, source: cell.source, ok: cell.isHealthy,
                  value: cell.value?.json ?? .null, output: cell.output, coloredOutput: cell.shown?.colored,
                  diagnostic: cell.error)
        head = cell.shown?.head
        isNote = cell.isNote
        summary = CellReport.summary(of: cell)
        if case .blocked(let upstream, _) = cell.state { blockedBy = upstream }
    }

    /// A cell's output in one line: `r: gd on f from -4, step 0.9 … converged after 72 steps`,
    /// a plot's title and how to see it again.
    static func summary(of cell: Cell) -> String? {
        switch cell.shown?.summary {
        case .whole(let line)?: return line
        case .picture(let title)?: return "\(title) (drawn again: :show \(cell.id))"
        case .opening(let line)?: return "\(line) … (:show \(cell.id))"
        case nil: return nil
        }
    }
}

/// The answers to lines that make no cell.
extension CellReport {
    /// The answer to a line that does not parse: its error with a caret, as
    /// a report of no cell (`"id": null` in `--json`).
    static func unparsed(_ candidate: Cell) -> CellReport? {
        guard candidate.didNotParse, let problem = candidate.parseError else { return nil }
        let code = CellSource.code(of: candidate.source)
        let answer = Habits.answer(problem, source: code)
        return .refusedLine(candidate.source, answer, output: answer.render(source: code))
    }

    /// A line that cannot be a cell or a command, answered without changing
    /// anything: one that holds a control character (from a pasted file, say)
    /// or is longer than `Notebook.longestCell`.
    static func refusal(of line: String) -> CellReport? {
        let message: String
        if line.count > Notebook.longestCell {
            message = "this line is \(line.count) characters long; a cell is at most \(Notebook.longestCell)"
        } else if let (scalar, column) = PrintableText.firstControl(in: line.trimmingLineBreaks) {
            message = "the line holds \(PrintableText.name(scalar)) at column \(column), a control character; a cell is one line of text"
        } else {
            return nil
        }
        return .refusedLine(String(line.prefix(200)), Diagnostic(message), output: "error: " + message)
    }
}
