import DataFiles
import Language
import Foundation

/// Keeps the open notebook safe from a crash or a kill: after each change
/// the notebook is written to a recovery file of this process, in the
/// background; a clean exit removes it. A recovery file whose process is
/// gone is a notebook that was lost, and the next start offers it back.
/// Leaving with unsaved changes keeps the notebook in a file of its own,
/// named by time rather than by process (process ids repeat: in a
/// container descent may be process 1 every time), offered back the same way.
///
///     ~/.local/state/descent/recovery-4242.json    (or $XDG_STATE_HOME/descent/…)
///     ~/.local/state/descent/kept-4242-1764430000.json
package final class Recovery: @unchecked Sendable {
    package let directory: String
    package let file: String
    private let queue = DispatchQueue(label: "descent.autosave")
    private let lock = NSLock()
    private var pending: SessionSnapshot?
    private var writing = false
    private var finished = false
    /// Whether this process has written its file; a file of its process id
    /// that was there before is an earlier process's, which had the same id.
    private var hasWritten = false

    /// The key a recovery file carries, beside the session, saying where it came from.
    static let key = "recovery"

    private let processID: Int32

    package init(directory: String, processID: Int32 = getpid()) {
        self.directory = directory
        self.processID = processID
        self.file = directory + "/recovery-\(processID).json"
    }

    /// `$XDG_STATE_HOME/descent`, else `~/.local/state/descent`.
    package static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return state + "/descent" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.local/state/descent"
    }

    /// Writes the snapshot soon, on a background queue. Snapshots that come
    /// faster than they can be written are coalesced: only the latest is written.
    package func autosave(_ snapshot: SessionSnapshot) {
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
            hasWritten = true
            lock.unlock()
            try? Recovery.write(snapshot, to: file)
        }
    }

    private static func write(_ snapshot: SessionSnapshot, to path: String) throws(NotebookError) {
        let stamp = ISO8601DateFormatter().string(from: Date())
        let info: JSONValue = .object([("saved-at", .string(stamp)),
                                       ("session", snapshot.sessionPath.map(JSONValue.string) ?? .null)])
        try AtomicFile.write(snapshot.json(extra: [(Recovery.key, info)]), to: path, creatingFolder: true)
    }

    /// Leaving with unsaved changes: writes the notebook, now, to a file of
    /// its own for the next start to offer back, and stops autosaving.
    /// Returns the file, or nil when it could not be written.
    package func keep(_ snapshot: SessionSnapshot) -> String? {
        // When it cannot be written, autosave goes on, for the session that goes on.
        guard let kept = keepCopy(snapshot) else { return nil }
        discard()
        return kept
    }

    /// Writes the notebook, now, to a file of its own that the next start
    /// offers back, while autosave goes on (cells a `:load` is about to
    /// replace). Returns the file, or nil when it could not be written.
    package func keepCopy(_ snapshot: SessionSnapshot) -> String? {
        // Two in one second (two loads) must not share a file.
        var kept = directory + "/kept-\(processID)-\(Int(Date().timeIntervalSince1970)).json"
        var suffix = 2
        while FileManager.default.fileExists(atPath: kept) {
            kept = directory + "/kept-\(processID)-\(Int(Date().timeIntervalSince1970))-\(suffix).json"
            suffix += 1
        }
        do {
            try Recovery.write(snapshot, to: kept)
        } catch {
            return nil
        }
        return kept
    }

    /// Waits for pending writes (for tests and a clean exit).
    package func flush() {
        queue.sync {}
    }

    /// A clean exit (or one whose notebook was kept): autosave stops and
    /// this process's file goes.
    package func discard() {
        lock.lock()
        finished = true
        pending = nil
        lock.unlock()
        flush()
        unlink(file)
    }

    /// Recovery files left by processes that are gone, newest first.
    package func abandoned() -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var found: [(String, Date)] = []
        lock.lock()
        let ownFileIsAnEarlierOne = !hasWritten
        lock.unlock()
        for name in names where name.hasSuffix(".json") {
            if name.hasPrefix("recovery-") {
                let digits = name.dropFirst("recovery-".count).dropLast(".json".count)
                guard let pid = Int32(digits) else { continue }
                if pid == processID {
                    guard ownFileIsAnEarlierOne else { continue }
                } else if Recovery.isRunning(pid) {
                    continue
                }
            } else if !name.hasPrefix("kept-") {
                continue
            }
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
    package static func read(_ path: String) throws(NotebookError) -> (contents: Session.Contents, session: String?, savedAt: String?) {
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
    /// Where `retire` puts a file: beside it, ending in .old.
    package static func aside(_ path: String) -> String {
        (path.hasSuffix(".json") ? String(path.dropLast(5)) : path) + ".old"
    }

    /// Sets a file aside once it was offered, keeping only the newest
    /// `keptAside` of those set aside before, so they do not pile up.
    package static func retire(_ path: String) {
        let aside = aside(path)
        unlink(aside)
        rename(path, aside)
        utimes(aside, nil)   // set aside now: the newest, whatever its age
        let folder = (path as NSString).deletingLastPathComponent
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        let old = names.filter { $0.hasSuffix(".old") && ($0.hasPrefix("recovery-") || $0.hasPrefix("kept-")) }
            .map { folder + "/" + $0 }
            .filter { $0 != aside }
            .map { ($0, (try? FileManager.default.attributesOfItem(atPath: $0))?[.modificationDate] as? Date ?? .distantPast) }
            .sorted { $0.1 > $1.1 }
        for (file, _) in old.dropFirst(keptAside - 1) { unlink(file) }
    }

    static let keptAside = 5
}

extension Notebook {
    /// Replaces the notebook with a recovered one; it counts as unsaved.
    package func restore(_ contents: Session.Contents, sessionPath: String?) -> [CellReport] {
        let reports = load(contents)
        files.sessionPath = sessionPath
        // Whether that file changed since is not known: saving over it asks.
        files.owned = [:]
        isModified = true
        return reports
    }
}

extension Recovery {
    /// A saved-at stamp (ISO 8601, UTC) as a person reads it, in local time:
    /// "today 14:03", "yesterday 09:30", "2 Dec 14:03", or the stamp itself
    /// if it cannot be read.
    package static func humanTime(_ stamp: String, now: Date = Date(), timeZone: TimeZone = .current) -> String {
        guard let date = ISO8601DateFormatter().date(from: stamp) else { return stamp }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let clock = DateFormatter()
        clock.timeZone = timeZone
        clock.locale = Locale(identifier: "en_GB")
        clock.dateFormat = "HH:mm"
        let time = clock.string(from: date)
        if calendar.isDate(date, inSameDayAs: now) { return "today " + time }
        if let yesterday = calendar.date(byAdding: .day, value: -1, to: now), calendar.isDate(date, inSameDayAs: yesterday) {
            return "yesterday " + time
        }
        clock.dateFormat = calendar.component(.year, from: date) == calendar.component(.year, from: now) ? "d MMM HH:mm" : "d MMM yyyy HH:mm"
        return clock.string(from: date)
    }
}
