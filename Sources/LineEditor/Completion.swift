import Foundation

/// Tab completion, independent of the terminal: what to insert and what to list.
///
///     candidates "de" → ["descend"]             insert "scend"
///     candidates "s"  → ["sin", "sinh", "sqrt"] insert nothing, list all three
///     candidates "si" → ["sin", "sinh"]         insert "n" (the common prefix)
package enum Completion {
    /// The word being completed and the words it could become.
    package struct Candidates: Equatable {
        package var word: String
        package var matches: [String]

        package init(word: String, matches: [String]) {
            self.word = word
            self.matches = matches
        }
    }

    package struct Action: Equatable {
        /// Text to insert at the cursor.
        package var insert: String
        /// Candidates to show, when more than one remains and nothing more can be inserted.
        package var list: [String]?
    }

    package static func action(for candidates: Candidates) -> Action {
        let matches = Array(Set(candidates.matches)).sorted()
        guard !matches.isEmpty else { return Action(insert: "", list: nil) }
        if matches.count == 1 {
            let completion = String(matches[0].dropFirst(candidates.word.count))
            // A command or an option label is followed by a space; a name is not
            // (a call or an operator may follow); a folder ends in / already.
            let spaced = candidates.word.hasPrefix(":") || matches[0].hasSuffix(":")
            return Action(insert: completion + (spaced && !matches[0].hasSuffix("/") ? " " : ""), list: nil)
        }
        let prefix = commonPrefix(matches)
        if prefix.count > candidates.word.count {
            return Action(insert: String(prefix.dropFirst(candidates.word.count)), list: nil)
        }
        return Action(insert: "", list: matches)
    }

    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for word in words.dropFirst() {
            while !word.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    /// The candidates laid out in columns to fit the width.
    package static func columns(_ words: [String], width: Int) -> String {
        let cell = (words.map(\.count).max() ?? 0) + 2
        let perLine = max(1, width / max(1, cell))
        var lines: [String] = []
        var line = ""
        for (i, word) in words.enumerated() {
            line += word.padding(toLength: cell, withPad: " ", startingAt: 0)
            if (i + 1) % perLine == 0 {
                lines.append(line.trimmingTrailingSpaces())
                line = ""
            }
        }
        if !line.isEmpty { lines.append(line.trimmingTrailingSpaces()) }
        return lines.joined(separator: "\n")
    }
}

extension String {
    package func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}

