import Foundation
import LineEditor

/// Shows how far a long descent has got, on one line of the terminal that
/// is rewritten in place and cleared when the run ends. Quiet for the
/// first half second, so quick runs show nothing.
final class ProgressReporter: @unchecked Sendable {
    private let lock = NSLock()
    private var started = Date()
    private var lastShown: Date?
    private var showing = false

    /// Call before each cell runs.
    func reset() {
        lock.withLock {
            started = Date()
            lastShown = nil
        }
    }

    func report(steps: Int, f: Double) {
        lock.withLock {
            let elapsed = Date().timeIntervalSince(started)
            let rate = Double(steps) / max(elapsed, 1e-9)
            show("  running: step \(steps), f = \(String(format: "%.6g", f)), \(ProgressReporter.short(rate)) steps/s — Ctrl-C stops")
        }
    }

    /// Work counted in runs: "running: 1200 of 3600 starts (33%)".
    func report(done: Int, of total: Int, _ what: String) {
        lock.withLock {
            let percent = Int(Double(done) / Double(max(1, total)) * 100)
            show("  running: \(done) of \(total) \(what) (\(percent)%) — Ctrl-C stops")
        }
    }

    /// Shows the line, at most five times a second and not in the first half second. Called under the lock.
    private func show(_ line: String) {
        let now = Date()
        guard now.timeIntervalSince(started) > 0.5, now.timeIntervalSince(lastShown ?? .distantPast) > 0.2 else { return }
        lastShown = now
        showing = true
        var text = line
        // A line that wrapped could not be rewritten in place: it is cut to the terminal's width.
        let width = Terminal.width()
        if text.count > width - 1 { text = String(text.prefix(max(1, width - 2))) + "…" }
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + text).utf8))
    }

    /// Clears the progress line, if one is shown.
    func clear() {
        lock.withLock {
            if showing {
                FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
                showing = false
            }
        }
    }

    private static func short(_ value: Double) -> String {
        if value >= 1e6 { return String(format: "%.1fM", value / 1e6) }
        if value >= 1e3 { return String(format: "%.0fk", value / 1e3) }
        return String(format: "%.0f", value)
    }
}
