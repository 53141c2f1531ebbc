import Foundation

/// Keeps the open notebook safe from a crash or a kill: after each change
/// the notebook is written to a recovery file of this process, in the
/// background; a clean exit removes it. A recovery file whose process is
/// gone is a notebook that was lost, and the next start offers it back.
///
///     ~/.local/state/descent/recovery-4242.json    (or $XDG_STATE_HOME/descent/…)
public final class Recovery: @unchecked Sendable {
    public let directory: String
    public let file: String
    private let queue = DispatchQueue(label: "descent.autosave")
    private let lock = NSLock()
    private var pending: SessionSnapshot?
    private var writing = false
    private var finished = false

    /// The key a recovery file carries, beside the session, saying where it came from.
    static let key = "recovery"

    public init(directory: String, processID: Int32 = getpid()) {
        self.directory = directory
        self.file = directory + "/recovery-\(processID).json"
    }

    /// `$XDG_STATE_HOME/descent`, else `~/.local/state/descent`.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return state + "/descent" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.local/state/descent"
    }

    /// Writes the snapshot soon, on a background queue. Snapshots that come
    /// faster than they can be written are coalesced: only the latest is written.
    public func autosave(_ snapshot: SessionSnapshot) {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        pending = snapshot
        guard !writing else { return }
        writing = true
        queue.async { [self] in drain() }
    }

    private func drain() {
        while true {
            lock.lock()
            guard let snapshot = pending, !finished else {
                writing = false
                lock.unlock()
                return
            }
            pending = nil
            lock.unlock()
            let stamp = ISO8601DateFormatter().string(from: Date())
            let info: JSONValue = .object([("saved-at", .string(stamp)),
                                           ("session", snapshot.sessionPath.map(JSONValue.string) ?? .null)])
            try? Session.writeAtomically(snapshot.json(extra: [(Recovery.key, info)]), to: file, creatingFolder: true)
        }
    }

    /// Waits for pending writes (for tests and a clean exit).
    public func flush() {
        queue.sync {}
    }

    /// A clean exit: nothing needs recovering, so the file goes.
    public func discard() {
        lock.lock()
        finished = true
        pending = nil
        lock.unlock()
        flush()
        unlink(file)
    }

    /// Recovery files left by processes that are gone, newest first.
    public func abandoned() -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var found: [(String, Date)] = []
        for name in names where name.hasPrefix("recovery-") && name.hasSuffix(".json") {
            let digits = name.dropFirst("recovery-".count).dropLast(".json".count)
            guard let pid = Int32(digits), pid != getpid(), !Recovery.isRunning(pid) else { continue }
            let path = directory + "/" + name
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            found.append((path, attributes?[.modificationDate] as? Date ?? .distantPast))
        }
        return found.sorted { $0.1 > $1.1 }.map(\.0)
    }

    /// Whether `pid` is a live process. A process that was killed but not yet
    /// reaped by its parent (a zombie) still answers `kill(pid, 0)`; on Linux
    /// its state in /proc tells it apart.
    static func isRunning(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        // The state follows the command name, which is in parentheses and may hold anything.
        let state = stat[stat.index(after: close)...].drop { $0 == " " }.first
        return state != "Z" && state != "X"
    }

    /// Reads a recovery file into session contents and the file it came from.
    public static func read(_ path: String) throws(NotebookError) -> (contents: Session.Contents, session: String?, savedAt: String?) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw NotebookError("cannot read \(path)")
        }
        var contents = try Session.read(text)
        var session: String?
        var savedAt: String?
        if let info = contents.extraTopLevel.first(where: { $0.0 == key })?.1 {
            if case .string(let path)? = info["session"] { session = path }
            if case .string(let stamp)? = info["saved-at"] { savedAt = stamp }
        }
        contents.extraTopLevel.removeAll { $0.0 == key }
        return (contents, session, savedAt)
    }

    /// Puts a recovery file aside once it has been restored or declined.
    public static func retire(_ path: String) {
        let aside = path.replacingOccurrences(of: ".json", with: ".old")
        unlink(aside)
        rename(path, aside)
    }
}

extension Notebook {
    /// Replaces the notebook with a recovered one; it counts as unsaved.
    public func restore(_ contents: Session.Contents, sessionPath: String?) -> [CellReport] {
        let reports = load(contents)
        self.sessionPath = sessionPath
        isModified = true
        return reports
    }
}
