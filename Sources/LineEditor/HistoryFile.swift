import Foundation

/// The REPL's history: the lines entered, newest last, each at most once,
/// at most `capacity` of them, kept in a plain text file (one line each).
///
///     var history = HistoryFile(path: "/home/ada/.descent_history")
///     history.add("f(x) = x^2")     // moves an earlier copy to the end
///
/// The file lives at `$XDG_STATE_HOME/descent/history` when that variable
/// is set, otherwise at `~/.descent_history`.
package struct HistoryFile {
    package let path: String?
    package let capacity: Int
    package private(set) var entries: [String] = []

    package init(path: String?, capacity: Int = 1000) {
        self.path = path
        self.capacity = max(1, capacity)
        reload()
    }

    /// Reads the file again: another descent may have added lines to it.
    private mutating func reload() {
        guard let path, let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        entries = []
        for line in text.split(separator: "\n") { append(String(line)) }
    }

    package static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
            return state + "/descent/history"
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.descent_history"
    }

    /// Adds a line (blank lines are not kept) and saves the file, keeping
    /// what other descents running at the same time have added to it.
    package mutating func add(_ line: String) {
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        reload()
        append(line)
        save()
    }

    private mutating func append(_ line: String) {
        let clean = line.replacingOccurrences(of: "\n", with: " ")
        entries.removeAll { $0 == clean }
        entries.append(clean)
        if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
    }

    /// Writes the file (through a temporary file, so a crash never truncates it).
    package func save() {
        guard let path else { return }
        let url = URL(fileURLWithPath: path)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let text = entries.joined(separator: "\n") + (entries.isEmpty ? "" : "\n")
        try? Data(text.utf8).write(to: url, options: .atomic)
    }
}
