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
    var parseError: Diagnostic?
    /// Whether the source is not a line of the language at all (as opposed
    /// to one refused for what it means, such as redefining `pi`).
    var didNotParse = false
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
                                                                   hint: "fix '\(upstream)' and this cell runs again")
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
        didNotParse = false
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
            name = CellSource.definedName(in: source) ?? "_\(id)"
            dependencies = []
            didNotParse = true
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

