import Language
import Calculus
import Descent
import Foundation

/// What Tab can complete at a place in a line: commands, cell names,
/// built-ins, named options of the call being typed, and file names after
/// `:save`, `:load` and `:export`.
///
///     ":sa"                      → word ":sa",  matches [":save"]
///     "r = desc"                 → word "desc", matches ["descend"]
///     "descend(f, fr"            → word "fr",   matches ["from:"]
///     ":load tu"                 → word "tu",   matches ["tutorial"]  (from sessions/)
extension Notebook {
    package func completions(for line: String, cursor: Int) -> (word: String, matches: [String]) {
        let before = String(line.prefix(cursor))
        if before.hasPrefix(":") {
            guard let space = before.firstIndex(of: " ") else {
                return (before, Command.Entry.names.filter { $0.hasPrefix(before) })
            }
            // :save! completes as :save does, and :open as :load.
            let command = Command(String(before[..<space]))?.entry
            // Leading spaces go; a trailing one stays, as it ends a word (":set charset ").
            let word = String(before[before.index(after: space)...].drop { $0 == " " })
            switch command?.argument ?? .none {
            case .session, .exportFile:
                return (word, Notebook.fileCompletions(word, sessions: command?.argument == .session))
            case .cell:
                return (word, (Array(graph.definedNames) + order.map(String.init)).filter { $0.hasPrefix(word) })
            case .topic:
                return (word, Help.topicNames.filter { $0.hasPrefix(word) })
            case .setting:
                // After the setting's name, its values.
                let parts = word.split(separator: " ", omittingEmptySubsequences: false)
                if parts.count == 2, let choices = Settings.choices(of: String(parts[0])) {
                    let value = String(parts[1])
                    return (value, choices.filter { $0.hasPrefix(value) })
                }
                return (word, Settings.names.filter { $0.hasPrefix(word) })
            case .none:
                return (word, [])
            }
        }
        let word = String(before.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }.reversed())
        let beforeWord = before.dropLast(word.count)
        if beforeWord.hasSuffix("method: ") || beforeWord.hasSuffix("method:") {
            return (word, Method.names.filter { $0.hasPrefix(word) })
        }
        if beforeWord.hasSuffix(".") {
            // r.  — a run's parts (after a name, not a number such as 0.)
            let name = beforeWord.dropLast().reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }.reversed()
            if let first = name.first, first.isLetter {
                return (word, RunField.allCases.map(\.rawValue).filter { $0.hasPrefix(word) })
            }
        }
        var matches = Array(graph.definedNames) + Builtin.reservedNames
        if let function = Notebook.enclosingCall(before: String(beforeWord)), let builtin = Builtin(rawValue: function) {
            matches += builtin.options.map { $0 + ":" }
        }
        return (word, matches.filter { $0.hasPrefix(word) && !$0.hasPrefix("_") || (word.hasPrefix("_") && $0.hasPrefix(word)) })
    }

    /// The name of the innermost call whose parentheses are still open.
    static func enclosingCall(before text: String) -> String? {
        var depth = 0
        var index = text.endIndex
        while index > text.startIndex {
            index = text.index(before: index)
            switch text[index] {
            case ")": depth += 1
            case "(":
                if depth == 0 {
                    let name = text[..<index].reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                    return name.isEmpty ? nil : String(name.reversed())
                }
                depth -= 1
            default: break
            }
        }
        return nil
    }

    /// Session names in `sessions/`, and paths, that start with `word`.
    static func fileCompletions(_ word: String, sessions: Bool) -> [String] {
        let fileManager = FileManager.default
        var matches: [String] = []
        if sessions, !word.contains("/"), let names = try? fileManager.contentsOfDirectory(atPath: "sessions") {
            matches += names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.filter { $0.hasPrefix(word) }
        }
        let directory = word.contains("/") ? String(word[...word.lastIndex(of: "/")!]) : ""
        let prefix = word.contains("/") ? String(word[word.index(after: word.lastIndex(of: "/")!)...]) : word
        if let names = try? fileManager.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory) {
            for name in names where name.hasPrefix(prefix) && !name.hasPrefix(".") {
                var isDirectory: ObjCBool = false
                let exists = fileManager.fileExists(atPath: directory + name, isDirectory: &isDirectory)
                matches.append(directory + name + (exists && isDirectory.boolValue ? "/" : ""))
            }
        }
        return matches
    }
}

extension Notebook {
    /// Whether any cell ended in an error.
    package var hasErrors: Bool { cells.values.contains { !$0.isHealthy } }

    /// The number the next new cell will get.
    package var nextCellNumber: Int { nextID }
}

/// What an editor or a kernel asks about a line before it is run.
extension Notebook {
    /// Whether the line would run as it is: a command, a note, nothing, or a
    /// line of the language (which may still fail when it runs). Nil when it
    /// would; otherwise the problem, with its caret.
    package func problem(in line: String) -> String? {
        let line = line.trimmingSpaces
        if line.isEmpty || command(in: line) != nil { return nil }
        if let refusal = CellReport.refusal(of: line) { return refusal.output }
        return CellReport.unparsed(Cell(id: nextID, source: line, previousName: nil))?.output
    }

    /// What is known of a name: the cell that defines it (its source and what
    /// it shows), and the help of a built-in or command of that name.
    ///
    ///     rate     → "[2] rate = 0.1\nrate = 0.1"
    ///     descend  → descend's help
    package func inspection(of name: String) -> String? {
        var parts: [String] = []
        if let cell = cell(named: name) { parts.append("[\(cell.id)] \(cell.source)\n\(cell.output)") }
        if let help = Help.topic(name) { parts.append(help) }
        return parts.isEmpty ? nil : parts.joined(separator: "\n\n")
    }

    /// The SVG of the picture a cell draws, when it draws one and ran.
    package func picture(ofCell id: Int) -> String? {
        guard let cell = cells[id], cell.isHealthy else { return nil }
        return cell.exported.drawing?.svg()
    }
}
