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
    /// Who defines and uses each name: what a change reaches, and in what order.
    var graph = CellGraph()
    var nextID = 1

    package var settings = Settings()
    /// Whether the terminal shows only plain characters (a locale without
    /// UTF-8): then plots are ASCII whatever a loaded session asks for.
    package var plainCharactersOnly = false {
        didSet { if plainCharactersOnly { settings.charset = .ascii } }
    }
    /// Lets long runs be stopped (Ctrl-C) and report their progress.
    /// How a run hears Ctrl-C and shows progress; the symbolic work hears Ctrl-C through it too.
    package var control = RunControl() {
        didSet { Interruption.isRequested = control.shouldStop }
    }
    /// The files this notebook knows: its session, the versions it read or
    /// wrote, and whom to ask before replacing what a person made.
    package var files = NotebookFiles()
    /// Whether there are changes since the last save or load.
    package internal(set) var isModified = false
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

    /// The longest cell, in characters: more is a file pasted by mistake, and
    /// simplifying it would take minutes and gigabytes.
    package static let longestCell = 100_000

    package func cell(named name: String) -> Cell? {
        graph.definer(of: name).flatMap { cells[$0] }
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
        if let refusal = CellReport.refusal(of: line) { return [refusal] }
        guard let command = command(in: line) else { return enter(line) }
        let typed = line.trimmingSpaces
        var report = runCommand(command, line: typed)
        if !typed.hasPrefix(":") {
            // `help` without its colon: the help, not an error cell that would be saved and fail the replay.
            let note = "(commands start with ':', so this is \(command.name))\n"
            report.output = note + report.output
            report.coloredOutput = report.coloredOutput.map { note + $0 }
        }
        return [report]
    }

    /// Adds a cell, or replaces the cell that defines the same name, and
    /// runs it and everything downstream.
    package func enter(_ source: String) -> [CellReport] {
        let source = source.trimmingWhitespace
        guard !CellSource.isBlank(source) else { return [] }
        let candidate = Cell(id: nextID, source: source, previousName: lastName(before: nextID))
        // A line that is no line of the language changes nothing: it is answered, and handed back to be fixed.
        if let unparsed = CellReport.unparsed(candidate) { return [unparsed] }
        if candidate.isDefinition || candidate.parseError != nil, let existing = graph.definer(of: candidate.name),
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
        let source = source.trimmingWhitespace
        guard !CellSource.isBlank(source) else { return delete(id) }
        let updated = Cell(id: id, source: source, previousName: old.ans)
        if let unparsed = CellReport.unparsed(updated) { return [unparsed] }
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
        guard updated.name != old.name, !updated.name.hasPrefix("_"), let other = graph.definer(of: updated.name), other != old.id else { return nil }
        return other
    }

    func replaceSource(_ id: Int, with source: String) -> [CellReport] {
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
            starts += graph.users(of: oldName)
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
        return run(from: Array(graph.users(of: cell.name)))
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

    private func index(_ cell: Cell) { graph.add(cell.node) }

    func unindex(_ cell: Cell) { graph.remove(cell.node) }

    /// What `ans` means in a cell entered at `id`: the latest cell before
    /// it that has a value (the latest result), else simply the latest.
    /// `order` is sorted, so a binary search finds where to look back from.
    func lastName(before id: Int) -> String? {
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
        let affected = graph.downstream(of: starts.filter { cells[$0] != nil }) { self.cells[$0]?.name }
        let components = graph.runOrder(of: affected) { self.cells[$0]?.dependencies ?? [] }
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
                    cells[id]!.state = .failed(Diagnostic("cycle: \(path)", hint: CellHints.cycle(component.count == 1 ? cells[id] : nil), kind: .cycle))
                } else {
                    evaluate(id)
                }
                cells[id]!.show(settings: settings)
                var report = CellReport(cells[id]!)
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
            guard let ownerID = graph.definer(of: name), ownerID != id, let upstream = cells[ownerID] else { continue }
            if !upstream.isHealthy {
                // Named by the cell that failed first, whose error says why: `waits for f: [1] unknown name 'z'`.
                var root = upstream
                if case .blocked(let name, _) = upstream.state, let first = self.cell(named: name) { root = first }
                let why = root.error.map { $0.message } ?? "it failed"
                cells[id]!.state = .blocked(root.name, because: "[\(root.id)] \(why)")
                return
            }
        }
        let ansTarget = cell.ans
        let interpreter = Interpreter(
            lookup: { [unowned self] name in
                let resolved = name == "ans" ? ansTarget : name
                guard let resolved, let ownerID = self.graph.definer(of: resolved), ownerID != id else { return nil }
                return self.cells[ownerID]?.value
            },
            knownNames: { [unowned self] in self.graph.definedNames.filter { $0 != cell.name } },
            settings: settings,
            control: control)
        do {
            let read = interpreter.reading(syntax)
            cells[id]!.read = read
            cells[id]!.state = .value(try interpreter.evaluate(read))
        } catch {
            // Names that no cell defines, in the order the line uses them: w and b in loss = mean((w*d.x + b - d.y)^2).
            let code = CellSource.code(of: cell.source)
            let unknown = cell.dependencies.filter { !graph.isDefined($0) && $0 != cell.name }
                .sorted { (code.range(of: $0)?.lowerBound ?? code.endIndex) < (code.range(of: $1)?.lowerBound ?? code.endIndex) }
            let hinted = CellHints.formula(error, syntax: syntax, source: cell.source, unknown: unknown)
            cells[id]!.state = .failed(Habits.answer(hinted, source: code))
        }
        cells[id]!.checkData()
    }
}
