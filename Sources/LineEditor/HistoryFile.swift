import Foundation

/// Where the REPL keeps its history: `$XDG_STATE_HOME/descent/history`
/// when that variable is set, otherwise `~/.descent_history`.
public enum HistoryFile {
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
            return state + "/descent/history"
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.descent_history"
    }

    /// Makes sure the folder exists, so that saving can succeed.
    static func prepare(_ path: String) {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }
}
