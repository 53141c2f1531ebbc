import DataFiles
import Calculus
import Language

/// One cell of the notebook: its stable number, the name it defines (or
/// `_N`), its source, and what it last showed.
///
///     [3] rate = 0.1      id 3, name "rate", dependencies [], output "rate = 0.1"
///     [5] f'(rate)        id 5, name "_5",   dependencies ["f", "rate"]
package struct Cell: Sendable {
    package let id: Int
    package internal(set) var name: String
    package internal(set) var source: String
    package internal(set) var output: String = ""
    /// The output in parts, while the cell holds a value (see `Shown`).
    package internal(set) var shown: Shown?
    package internal(set) var state: State = .pending

    var syntax: CellSyntax?
    /// The syntax as last evaluated, its numbers before parentheses read as
    /// products (`Interpreter.reading`); what the exports translate.
    var read: CellSyntax?
    var parseError: Diagnostic?
    /// Whether the source is not a line of the language at all (as opposed
    /// to one refused for what it means, such as redefining `pi`).
    var didNotParse: Bool { parseError?.kind == .syntax }
    /// Every name the source uses (other cells' names, resolved `ans`).
    var dependencies: Set<String> = []
    /// Keys of a loaded session's cell that this version does not know, kept for saving.
    var extra: [(String, JSONValue)] = []
    /// Whether the next run compares the data the cell reads with what the session recorded.
    var checksData = false

    package enum State: Sendable {
        case pending
        case value(Value)
        case failed(Diagnostic)
        /// Could not run because the named cell failed.
        /// Waits for the cell named, which failed: its number and its error, in one line.
        case blocked(String, because: String)
        /// Prose between cells (`# Step 2: the derivative`): kept, never evaluated.
        case note
    }

    /// Whether the cell is a note: a line that is only a comment.
    package var isNote: Bool { CellSource.isNote(source) }

    package var isDefinition: Bool { syntax?.definedName != nil }

    /// What the dependency graph knows of this cell.
    var node: CellGraph.Node { CellGraph.Node(id: id, name: name, isDefinition: isDefinition, dependencies: dependencies) }

    package var value: Value? {
        if case .value(let value) = state { return value }
        return nil
    }

    /// Whether the cell holds a value (or is a note, which has none to lose).
    package var isHealthy: Bool {
        switch state {
        case .value, .note: return true
        default: return false
        }
    }

    package var error: Diagnostic? {
        switch state {
        case .failed(let diagnostic): return diagnostic
        case .blocked(let upstream, let reason): return Diagnostic("waits for \(upstream): \(reason)",
                                                                   hint: "fix '\(upstream)' and this cell runs again",
                                                                   kind: .blocked(upstream: upstream))
        default: return nil
        }
    }

    /// The cell `ans` stands for here: the latest result before this cell when it was entered.
    var ans: String?

    init(id: Int, source: String, previousName: String?) {
        self.id = id
        self.source = source
        self.name = "_\(id)"
        parse(previousName: previousName)
    }

    /// Parses the source, and finds the name it defines and the names it uses.
    mutating func parse(previousName: String?) {
        ans = previousName
        if isNote {
            syntax = nil
            parseError = nil
            name = "_\(id)"
            dependencies = []
            state = .note
            return
        }
        do {
            let parsed = try Parser.parseCell(CellSource.code(of: source))
            syntax = parsed
            parseError = nil
            name = parsed.definedName ?? "_\(id)"
            dependencies = CellSource.references(of: parsed, ans: previousName)
            if let problem = CellSource.reservedNameProblem(parsed) { refuse(problem) }
        } catch {
            syntax = nil
            parseError = error
            parseError?.kind = .syntax
            name = CellSource.definedName(in: source) ?? "_\(id)"
            dependencies = []
        }
    }

    /// Marks the cell as failing with `problem` before it runs; it then
    /// defines nothing and is named after its number.
    mutating func refuse(_ problem: Diagnostic) {
        syntax = nil
        parseError = problem
        name = "_\(id)"
        dependencies = []
    }
}

extension Cell {
    /// Shows the cell's value (in parts, with the settings of the moment) or its error with a caret.
    mutating func show(settings: Settings) {
        shown = shownValue(settings: settings)
        if let shown { output = shown.plain } else { output = error?.render(source: CellSource.code(of: source)) ?? "" }
    }

    /// The cell's value as shown, in parts; nil when it has none.
    private func shownValue(settings: Settings) -> Shown? {
        guard case .value(let value) = state else { return nil }
        // A function is echoed as it was typed, only re-spaced (SPEC section 12).
        if case .function(let function) = value, case .function(_, _, _, let body)? = syntax {
            let characters = Array(CellSource.code(of: source))
            let start = max(0, min(characters.count, body.span.start)), end = max(start, min(characters.count, body.span.end))
            if let typed = CellSource.respaced(String(characters[start..<end])) {
                return Shown(head: function.signature, rest: " = " + typed)
            }
        }
        return Display.shown(value, name: isDefinition ? name : nil, settings: settings)
    }

    /// A cell that read a file of data records what it read, so that a
    /// session replayed later knows whether the file is still the one it
    /// was saved with: the first run after a load that finds other numbers
    /// is an error on the cell (and so on the cells that use it).
    mutating func checkData() {
        defer { checksData = false }
        guard case .table(let table)? = value, let path = table.path else { return }
        let record = JSONValue.object([("path", .string(path)), ("rows", .number(Double(table.rowCount))),
                                       ("digest", .string(String(table.digest, radix: 16)))])
        let saved = extra.first { $0.0 == "data" }?.1
        if checksData, let saved, saved != record {
            var was = ""
            if case .object(let pairs) = saved, case .number(let rows)? = pairs.first(where: { $0.0 == "rows" })?.1 {
                was = " (it had \(Int(rows)) rows, now \(table.rowCount))"
            }
            state = .failed(Diagnostic("\(path) is not the file this session was saved with: its numbers changed\(was)",
                                                  hint: "to use the file as it is now, run the cell again: :edit \(name), then Enter"))
            return
        }
        extra.removeAll { $0.0 == "data" }
        extra.append(("data", record))
    }
}
