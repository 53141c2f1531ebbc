import DataFiles
import Language
import Calculus
import Descent
import Foundation

/// The cells, their dependency graph, and re-evaluation.
///
///     let notebook = Notebook()
///     notebook.submit("f(x) = x^2 + 2")      // [1] f(x) = x^2 + 2
///     notebook.submit("x0 = -4")             // [2] x0 = -4
///     notebook.submit("f(x0)")               // [3] 18
///     notebook.submit("x0 = 1")              // [2] x0 = 1, then [3] 3: only what depends on x0
///
/// Redefining a name replaces its cell in place; that cell and every cell
/// downstream of it run again in dependency order, and nothing else does.
/// The work is proportional to the cells affected, not to the notebook.
package final class Notebook {
    package internal(set) var cells: [Int: Cell] = [:]
    /// Cell ids in the order they were made.
    package internal(set) var order: [Int] = []
    /// Which cell defines each name.
    var owner: [String: Int] = [:]
    /// Which cells use each name (defined or not yet).
    var users: [String: Set<Int>] = [:]
    var nextID = 1

    package var settings = Settings()
    /// Whether the terminal shows only plain characters (a locale without
    /// UTF-8): then plots are ASCII whatever a loaded session asks for.
    package var plainCharactersOnly = false {
        didSet { if plainCharactersOnly { settings.charset = .ascii } }
    }
    /// Keys of a loaded session that this version does not know, kept for saving.
    var extraTopLevel: [(String, JSONValue)] = []
    var extraSettings: [(String, JSONValue)] = []
    /// Lets long runs be stopped (Ctrl-C) and report their progress.
    /// How a run hears Ctrl-C and shows progress; the symbolic work hears Ctrl-C through it too.
    package var control = RunControl() {
        didSet { Interruption.isRequested = control.shouldStop }
    }
    /// Whether there are changes since the last save or load.
    package internal(set) var isModified = false
    /// The file last saved to or loaded from.
    package internal(set) var sessionPath: String?
    /// The version of each file this notebook last read or wrote, by its
    /// canonical path: while a file's stamp is still this one, the notebook
    /// may replace it without asking (see `Notebook+Replacing.swift`).
    var ownFiles: [String: FileStamp] = [:]
    /// Answers a question before something a person made is replaced: a
    /// file, or unsaved cells. Nil when there is no one to ask (a script):
    /// then replacing a file is refused, and a `:load` simply replaces the
    /// script's own cells.
    package var ask: ((Question) -> Bool)?
    /// Keeps unsaved cells aside before a `:load` replaces them, and
    /// returns the file they went to (nil when it could not be written).
    package var keepUnsaved: ((SessionSnapshot) -> String?)?
    /// Whether the commands that read and write files (`:save`, `:load`,
    /// `:export`) may run; a notebook fed untrusted input (a fuzzer) turns
    /// them off.
    package var allowsFiles = true
    /// The notebook as it was before `:delete` took its last cell, while it
    /// stays empty and unsaved: what a recovery file keeps instead of nothing.
    var emptiedFrom: SessionSnapshot?

    var undoLog: [UndoStep] = []
    static let undoDepth = 100

    indirect enum UndoStep {
        case remove(id: Int)
        case restore(id: Int, source: String)
        case reinsert(id: Int, source: String, extra: [(String, JSONValue)])
        /// The whole notebook as it was before a `:load`, with its own undo log.
        case reload(Session.Contents, sessionPath: String?, wasModified: Bool, log: [UndoStep], ownFiles: [String: FileStamp])
    }

    package init() {}

    package var orderedCells: [Cell] { order.compactMap { cells[$0] } }

    /// "1 cell", "36 cells": how messages count cells.
    package static func cells(_ count: Int) -> String { "\(count) cell\(count == 1 ? "" : "s")" }

    package func cell(named name: String) -> Cell? {
        owner[name].flatMap { cells[$0] }
    }

    /// A cell by name, or by number (`3` or `[3]`).
    package func cell(matching reference: String) -> Cell? {
        let trimmed = reference.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
        if let id = Int(trimmed) { return cells[id] }
        return cell(named: trimmed)
    }

    // MARK: - Entering cells

    /// Enters one line: a notebook command (`:save x`) or a cell. Returns
    /// the reports of everything that ran, in order.
    @discardableResult
    package func submit(_ line: String) -> [CellReport] {
        if let refusal = Notebook.refusal(of: line) { return [refusal] }
        if let command = Command(line) {
            return [runCommand(command, line: line.trimmingCharacters(in: .whitespaces))]
        }
        // `help` without its colon: the help, not an error cell that would be saved and fail the replay.
        let word = line.trimmingCharacters(in: .whitespaces)
        if let command = Command.bare(line), owner[word] == nil {
            var report = runCommand(command, line: word)
            let note = "(commands start with ':', so this is \(command.name))\n"
            report.output = note + report.output
            report.coloredOutput = report.coloredOutput.map { note + $0 }
            return [report]
        }
        return enter(line)
    }

    /// The answer to a line that does not parse: its error with a caret, as
    /// a report of no cell (`"id": null` in `--json`).
    static func unparsed(_ candidate: Cell) -> CellReport? {
        guard candidate.didNotParse, let problem = candidate.parseError else { return nil }
        let code = CellSource.code(of: candidate.source)
        let answer = Habits.answer(problem, source: code)
        return .refusedLine(candidate.source, answer, output: answer.render(source: code))
    }

    /// The longest cell, in characters: more is a file pasted by mistake, and
    /// simplifying it would take minutes and gigabytes.
    package static let longestCell = 100_000

    /// A line that cannot be a cell or a command, answered without changing
    /// anything: one that holds a control character (from a pasted file, say)
    /// or is longer than `longestCell`.
    static func refusal(of line: String) -> CellReport? {
        let message: String
        if line.count > longestCell {
            message = "this line is \(line.count) characters long; a cell is at most \(longestCell)"
        } else if let (scalar, column) = PrintableText.firstControl(in: line.trimmingCharacters(in: .newlines)) {
            message = "the line holds \(PrintableText.name(scalar)) at column \(column), a control character; a cell is one line of text"
        } else {
            return nil
        }
        return .refusedLine(String(line.prefix(200)), Diagnostic(message), output: "error: " + message)
    }

    /// Adds a cell, or replaces the cell that defines the same name, and
    /// runs it and everything downstream.
    package func enter(_ source: String) -> [CellReport] {
        let source = source.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !CellSource.isBlank(source) else { return [] }
        let candidate = Cell(id: nextID, source: source, previousName: lastName(before: nextID))
        // A line that is no line of the language changes nothing: it is answered, and handed back to be fixed.
        if let unparsed = Notebook.unparsed(candidate) { return [unparsed] }
        if candidate.isDefinition || candidate.parseError != nil, let existing = owner[candidate.name],
           let old = cells[existing], old.name == candidate.name, !candidate.name.hasPrefix("_") {
            record(.restore(id: existing, source: old.source))
            var reports = replaceSource(existing, with: source)
            // A slip in a redefinition should not look like the end of a working cell.
            if old.isHealthy, let first = reports.first, first.id == existing, !first.ok {
                let note = "\nnote: :undo brings back \(old.source)"
                reports[0].output += note
                reports[0].coloredOutput? += note
            }
            return reports
        }
        nextID += 1
        record(.remove(id: candidate.id))
        insert(candidate)
        return run(from: [candidate.id])
    }

    /// Replaces the source of an existing cell (`:edit`), keeping its number.
    /// A source that would define a name another cell defines is refused,
    /// and the cell is left exactly as it was.
    package func replace(_ id: Int, with source: String) -> [CellReport] {
        guard let old = cells[id] else { return [] }
        let source = source.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !CellSource.isBlank(source) else { return delete(id) }
        let updated = Cell(id: id, source: source, previousName: old.ans)
        if let unparsed = Notebook.unparsed(updated) { return [unparsed] }
        if let other = owner(of: updated, besides: old) {
            let problem = Diagnostic("'\(updated.name)' is already defined by cell [\(other)]; cell [\(id)] is unchanged",
                                     hint: "edit that cell instead, or choose another name")
            return [CellReport(id: nil, name: ":edit", source: source, ok: false, value: .null,
                               output: problem.render(source: ""), diagnostic: problem)]
        }
        record(.restore(id: id, source: old.source))
        return replaceSource(id, with: source)
    }

    /// The other cell that already defines the name `updated` would take
    /// from `old`, if any.
    private func owner(of updated: Cell, besides old: Cell) -> Int? {
        guard updated.name != old.name, !updated.name.hasPrefix("_"), let other = owner[updated.name], other != old.id else { return nil }
        return other
    }

    private func replaceSource(_ id: Int, with source: String) -> [CellReport] {
        guard let old = cells[id] else { return [] }
        var updated = Cell(id: id, source: source, previousName: old.ans)
        updated.extra = old.extra
        // A new name may collide with another cell's: refuse rather than shadow.
        if let other = owner(of: updated, besides: old) {
            updated.refuse(Diagnostic("'\(updated.name)' is already defined by cell [\(other)]",
                                      hint: "edit that cell instead, or choose another name"))
        }
        let oldName = old.name
        unindex(old)
        cells[id] = updated
        index(updated)
        var starts = [id]
        if oldName != updated.name {
            // Cells that used the old name must now report it missing.
            starts += users[oldName, default: []]
        }
        return run(from: starts, origin: id)
    }

    /// Removes a cell; cells that used its name then report it missing.
    @discardableResult
    package func delete(_ id: Int) -> [CellReport] {
        guard let cell = cells[id] else { return [] }
        if order.count == 1, isModified { emptiedFrom = snapshot() }
        record(.reinsert(id: id, source: cell.source, extra: cell.extra))
        unindex(cell)
        cells[id] = nil
        order.removeAll { $0 == id }
        let dependents = users[cell.name, default: []]
        return run(from: Array(dependents))
    }

    /// Runs every cell again.
    package func rerunAll() -> [CellReport] {
        run(from: order)
    }

    func insert(_ cell: Cell) {
        emptiedFrom = nil
        cells[cell.id] = cell
        if order.last ?? 0 < cell.id {
            order.append(cell.id)
        } else {
            let position = order.firstIndex { $0 > cell.id } ?? order.count
            order.insert(cell.id, at: position)
        }
        index(cell)
    }

    private func index(_ cell: Cell) {
        if owner[cell.name] == nil || cell.isDefinition { owner[cell.name] = cell.id }
        for name in cell.dependencies { users[name, default: []].insert(cell.id) }
    }

    private func unindex(_ cell: Cell) {
        if owner[cell.name] == cell.id { owner[cell.name] = nil }
        for name in cell.dependencies {
            users[name]?.remove(cell.id)
            if users[name]?.isEmpty == true { users[name] = nil }
        }
    }

    /// What `ans` means in a cell entered at `id`: the latest cell before
    /// it that has a value (the latest result), else simply the latest.
    /// `order` is sorted, so a binary search finds where to look back from.
    private func lastName(before id: Int) -> String? {
        var low = 0, high = order.count
        while low < high {
            let middle = (low + high) / 2
            if order[middle] < id { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return nil }
        // Look back past a few failed cells at most, to stay cheap.
        for position in stride(from: low - 1, through: max(0, low - 16), by: -1) {
            if let cell = cells[order[position]], cell.isHealthy, !cell.isNote { return cell.name }
        }
        return cells[order[low - 1]]?.name
    }

    // MARK: - Running

    /// Runs the given cells and everything downstream of them, dependencies
    /// first, and returns one report per cell run.
    func run(from starts: [Int], origin: Int? = nil) -> [CellReport] {
        var affected = Set<Int>()
        var queue = starts.filter { cells[$0] != nil }
        while let id = queue.popLast() {
            guard affected.insert(id).inserted, let cell = cells[id] else { continue }
            for user in users[cell.name, default: []] where !affected.contains(user) {
                queue.append(user)
            }
        }
        let nodes = affected.sorted()
        let components = DependencyGraph.components(of: nodes) { id in
            guard let cell = self.cells[id] else { return [] }
            return cell.dependencies.compactMap { name in
                self.owner[name].flatMap { affected.contains($0) ? $0 : nil }
            }
        }
        var reports: [CellReport] = []
        // Cells shown as re-runs (with their number) are all but the one the user changed.
        let started = origin.map { Set([$0]) } ?? Set(starts)
        for component in components {
            let isCycle = component.count > 1 || cells[component[0]].map { $0.dependencies.contains($0.name) } ?? false
            for id in component {
                if isCycle {
                    let names = component.compactMap { cells[$0]?.name }
                    let path = names.count == 1 ? "'\(names[0])' uses itself"
                        : "these cells use each other: " + names.map { "'\($0)'" }.joined(separator: ", ")
                    cells[id]!.state = .failed(Diagnostic("cycle: \(path)", hint: Notebook.cycleHint(component.count == 1 ? cells[id] : nil)))
                } else {
                    evaluate(id)
                }
                cells[id]!.shown = shown(cells[id]!)
                cells[id]!.output = renderOutput(cells[id]!)
                var report = self.report(for: cells[id]!)
                report.isRerun = !started.contains(id)
                reports.append(report)
            }
        }
        isModified = true
        return reports
    }

    private func evaluate(_ id: Int) {
        guard let cell = cells[id] else { return }
        if let parseError = cell.parseError {
            cells[id]!.state = .failed(parseError)
            return
        }
        guard let syntax = cell.syntax else { return }
        for name in cell.dependencies.sorted() {
            guard let ownerID = owner[name], ownerID != id, let upstream = cells[ownerID] else { continue }
            if !upstream.isHealthy {
                // Named by the cell that failed first, whose error says why: `waits for f: [1] unknown name 'z'`.
                var root = upstream
                if case .blocked(let name, _) = upstream.state, let first = owner[name].flatMap({ cells[$0] }) { root = first }
                let why = root.error.map { $0.message } ?? "it failed"
                cells[id]!.state = .blocked(root.name, because: "[\(root.id)] \(why)")
                return
            }
        }
        let ansTarget = cell.ans
        let interpreter = Interpreter(
            lookup: { [unowned self] name in
                let resolved = name == "ans" ? ansTarget : name
                guard let resolved, let ownerID = self.owner[resolved], ownerID != id else { return nil }
                return self.cells[ownerID]?.value
            },
            knownNames: { [unowned self] in self.owner.keys.filter { $0 != cell.name } },
            settings: settings,
            control: control)
        do {
            cells[id]!.state = .value(try interpreter.evaluate(syntax))
        } catch {
            // Names that no cell defines, in the order the line uses them: w and b in loss = mean((w*d.x + b - d.y)^2).
            let code = CellSource.code(of: cell.source)
            let unknown = cell.dependencies.filter { owner[$0] == nil && $0 != cell.name }
                .sorted { (code.range(of: $0)?.lowerBound ?? code.endIndex) < (code.range(of: $1)?.lowerBound ?? code.endIndex) }
            let hinted = Notebook.formulaHint(error, syntax: syntax, source: cell.source, unknown: unknown)
            cells[id]!.state = .failed(Habits.answer(hinted, source: code))
        }
        checkData(id)
    }

    /// y = x^2 + 2 or x^2 + 2 with x undefined: the tutorial's way of writing
    /// a function, answered with descent's (y(x) = x^2 + 2).
    static func formulaHint(_ error: Diagnostic, syntax: CellSyntax, source: String, unknown: [String] = []) -> Diagnostic {
        guard error.hint == nil, error.message.hasPrefix("unknown name '"), error.message.hasSuffix("'") else { return error }
        let variable = String(error.message.dropFirst("unknown name '".count).dropLast())
        var diagnostic = error
        let parameters = unknown.count > 1 && unknown.contains(variable) ? unknown.joined(separator: ", ") : variable
        switch syntax {
        case .value(let name, _, let body) where Notebook.isFormula(body):
            let text = Notebook.text(of: body, in: source)
            diagnostic.hint = parameters == variable
                ? "to define a function of \(variable), write \(name)(\(variable)) = \(text)"
                : "make them parameters: \(name)(\(parameters)) = \(text)"
        case .expression(let body) where Notebook.isFormula(body):
            diagnostic.hint = "to define a function of \(variable), give it a name: f(\(variable)) = \(Notebook.text(of: body, in: source))"
        default:
            break
        }
        return diagnostic
    }

    /// The answer to a cycle. `x = x - step * f'(x)`, the update rule typed
    /// as a tutorial writes it, gets the two ways descent takes a step.
    static func cycleHint(_ cell: Cell?) -> String {
        guard let cell, case .value(let name, _, _)? = cell.syntax else { return "a value cannot be defined in terms of itself" }
        return "a value cannot be defined in terms of itself; to take a step, give the new value a new name: "
            + "\(name)1 = \(name)0 - step * f'(\(name)0), or let descend step: descend(f, from: \(name)0, step: step, max: 1)"
    }

    /// Arithmetic rather than a call or a single name: what a formula looks like.
    private static func isFormula(_ syntax: Syntax) -> Bool {
        switch syntax.kind {
        case .chain, .power, .negate, .call: return true
        default: return false
        }
    }

    private static func text(of syntax: Syntax, in source: String) -> String {
        let characters = Array(source)
        let start = max(0, min(characters.count, syntax.span.start)), end = max(start, min(characters.count, syntax.span.end))
        return String(characters[start..<end])
    }

    /// A cell that read a file of data records what it read, so that a
    /// session replayed later knows whether the file is still the one it
    /// was saved with: the first run after a load that finds other numbers
    /// is an error on the cell (and so on the cells that use it).
    private func checkData(_ id: Int) {
        defer { cells[id]!.checksData = false }
        guard case .table(let table)? = cells[id]!.value, let path = table.path else { return }
        let record = JSONValue.object([("path", .string(path)), ("rows", .number(Double(table.rowCount))),
                                       ("digest", .string(String(table.digest, radix: 16)))])
        let saved = cells[id]!.extra.first { $0.0 == "data" }?.1
        if cells[id]!.checksData, let saved, saved != record {
            var was = ""
            if case .object(let pairs) = saved, case .number(let rows)? = pairs.first(where: { $0.0 == "rows" })?.1 {
                was = " (it had \(Int(rows)) rows, now \(table.rowCount))"
            }
            cells[id]!.state = .failed(Diagnostic("\(path) is not the file this session was saved with: its numbers changed\(was)",
                                                  hint: "to use the file as it is now, run the cell again: :edit \(cells[id]!.name), then Enter"))
            return
        }
        cells[id]!.extra.removeAll { $0.0 == "data" }
        cells[id]!.extra.append(("data", record))
    }

    /// A cell's value as shown, in parts; nil when it has none.
    func shown(_ cell: Cell) -> Shown? {
        guard case .value(let value) = cell.state else { return nil }
        // A function is echoed as it was typed, only re-spaced (SPEC section 12).
        if case .function(let function) = value, case .function(_, _, _, let body)? = cell.syntax {
            let characters = Array(CellSource.code(of: cell.source))
            let start = max(0, min(characters.count, body.span.start)), end = max(start, min(characters.count, body.span.end))
            if let typed = CellSource.respaced(String(characters[start..<end])) {
                return Shown(head: function.signature, rest: " = " + typed)
            }
        }
        return Display.shown(value, name: cell.isDefinition ? cell.name : nil, settings: settings)
    }

    /// What a cell shows: its value as text, or its error with a caret.
    func renderOutput(_ cell: Cell) -> String {
        if let shown = cell.shown { return shown.plain }
        return cell.error?.render(source: CellSource.code(of: cell.source)) ?? ""
    }

    func report(for cell: Cell) -> CellReport {
        var report = CellReport(id: cell.id, name: cell.name, source: cell.source, ok: cell.isHealthy,
                                value: cell.value?.json ?? .null, output: cell.output, coloredOutput: cell.shown?.colored,
                                diagnostic: cell.error)
        report.head = cell.shown?.head
        report.isNote = cell.isNote
        report.summary = Notebook.summary(of: cell)
        if case .blocked(let upstream, _) = cell.state { report.blockedBy = upstream }
        return report
    }

    /// A cell's output in one line: `r: gd on f from -4, step 0.9 … converged after 72 steps`,
    /// a plot's title and how to see it again.
    static func summary(of cell: Cell) -> String? {
        let lines = cell.output.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count > 1, let first = lines.first, let last = lines.last else { return nil }
        switch cell.value {
        case .run?: return "\(first) … \(last)"
        case .figure?, .basins?: return "\(first) (drawn again: :show \(cell.id))"
        default: return "\(first) … (:show \(cell.id))"
        }
    }

    // MARK: - Undo

    private func record(_ step: UndoStep) {
        undoLog.append(step)
        if undoLog.count > Notebook.undoDepth { undoLog.removeFirst() }
    }

    /// Takes back the last change to the cells; returns what re-ran.
    func undo() -> (String, [CellReport])? {
        guard let step = undoLog.popLast() else { return nil }
        switch step {
        case .remove(let id):
            guard let cell = cells[id] else { return ("nothing to undo", []) }
            unindex(cell)
            cells[id] = nil
            order.removeAll { $0 == id }
            let reports = run(from: Array(users[cell.name, default: []]))
            return ("removed cell [\(id)] \(cell.source)", reports)
        case .restore(let id, let source):
            let reports = replaceSource(id, with: source)
            return ("restored cell [\(id)] to \(source)", reports)
        case .reinsert(let id, let source, let extra):
            var cell = Cell(id: id, source: source, previousName: lastName(before: id))
            cell.extra = extra
            insert(cell)
            return ("brought back cell [\(id)] \(source)", run(from: [id]))
        case .reload(let contents, let path, let wasModified, let log, let files):
            let reports = load(contents)
            sessionPath = path
            isModified = wasModified
            undoLog = log
            // The files it had read or written are its own again.
            ownFiles = files
            return ("brought back the \(Notebook.cells(order.count)) from before the load", reports)
        }
    }
}
