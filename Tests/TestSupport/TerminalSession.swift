import Foundation
import Testing

/// A descent process in a tmux session of 100 × 40.
///
/// Each session has a tmux server of its own, which ends with it, so no two
/// tests share one; the pane stays after descent exits so that its last
/// screen can still be read.
package final class TerminalSession {
    /// tmux as the shell would find it, on `PATH`.
    package static let tmuxPath = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        .map { "\($0)/tmux" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    /// Whether the terminal tests run. Without tmux they are skipped, and
    /// `make test` ends by saying so; but under CI a missing tmux fails
    /// each of them, so that a green run always means they ran.
    package static let canRun = tmuxPath != nil || isCI
    package static var isCI: Bool { ExternalTools.isCI }
    package static let skipReason: Comment = "tmux is not installed, so the terminal tests cannot run (make test installs it)"

    package let name = "descent-test-\(UUID().uuidString.prefix(8))"
    /// The server's socket, removed with the session (tmux leaves it behind).
    package var socket: String { FileManager.default.temporaryDirectory.appendingPathComponent(name).path }

    /// - Parameters:
    ///   - input: when given, fed to descent through a pipe, so that only its
    ///     output is on the terminal.
    ///   - showingExitStatus: a shell prints "descent exited with status N" after it.
    ///   - environment: more variables for descent.
    package init(home: URL? = nil, arguments: [String] = [], input: String? = nil, showingExitStatus: Bool = false,
         term: String = "xterm-256color", environment: [String: String] = [:]) throws {
        guard TerminalSession.tmuxPath != nil else {
            Issue.record("tmux is not on PATH, so this terminal test cannot run (apt-get install tmux)")
            throw CancellationError()
        }
        let home = try home ?? Binary.temporaryDirectory()
        // Everything descent keeps (history, recovery files) goes under this home.
        var command = ["/usr/bin/env", "-u", "NO_COLOR", "-u", "XDG_STATE_HOME", "HOME=\(home.path)", "LANG=C.UTF-8",
                       "TERM=\(term)"] + environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            + [Binary.url.path] + arguments
        if input != nil || showingExitStatus {
            var script = command.map { "'\($0)'" }.joined(separator: " ")
            if input != nil { script = "printf '%s\\n' \"$0\" | " + script }
            if showingExitStatus { script += "; echo \"descent exited with status $?\"" }
            command = ["/bin/sh", "-c", script, input ?? ""]
        }
        // Dead panes stay from the start, so that even a descent that ends at once leaves its screen.
        try tmux(["start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";",
                                  "new-session", "-d", "-s", name, "-x", "100", "-y", "40"] + command, capture: false)
    }

    package func type(_ text: String, enter: Bool = false) {
        _ = try? tmux(["send-keys", "-t", name, "-l", text])
        if enter { keys("Enter") }
    }

    package func keys(_ key: String) {
        _ = try? tmux(["send-keys", "-t", name, key])
    }

    /// The screen and the lines scrolled off it (tmux may scroll a pane's
    /// first line away as it sizes a new window), with wrapped lines joined.
    package func screen(escapes: Bool = false) -> String {
        (try? tmux(["capture-pane", "-p", "-J", "-S", "-", "-t", name] + (escapes ? ["-e"] : []))) ?? ""
    }

    /// What the terminal shows now, and nothing scrolled off it.
    package func visible() -> String {
        (try? tmux(["capture-pane", "-p", "-t", name])) ?? ""
    }

    /// How long any wait may take before the test fails. Waits end as soon as
    /// the screen shows what they wait for, so the limit only matters when
    /// something is wrong: it is generous, for a machine busy with other work.
    package static let patience: TimeInterval = 90

    /// Waits until `condition` holds, looking again every 50 ms.
    package func waitUntil(_ what: String, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(TerminalSession.patience)
        while Date() < deadline {
            if condition() { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("timed out waiting until \(what); the screen shows:\n\(screen())")
        throw CancellationError()
    }

    package func waitFor(_ text: String) throws {
        try waitUntil("the screen shows \(text.debugDescription)") { screen().contains(text) }
    }

    /// Cell prompts seen when the last line was entered.
    private var promptsWhenEntered = 0

    /// Waits for a cell prompt that descent has drawn since the last line
    /// was entered: the last line with anything on it is `[N]` alone. The
    /// editor has the terminal by then, so what is typed next is its input.
    package func waitForPrompt() throws {
        try waitUntil("a new prompt") {
            let lines = screen().split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }
            let prompts = lines.filter { $0.prefixMatch(of: /\[\d+\]/) != nil }.count
            guard let last = lines.last, last.wholeMatch(of: /\[\d+\]\s*/) != nil, prompts > promptsWhenEntered else { return false }
            promptsWhenEntered = prompts
            return true
        }
    }

    /// Types a line at the next cell prompt, once descent shows it, and presses Enter.
    package func enter(_ line: String) throws {
        try waitForPrompt()
        type(line, enter: true)
    }

    /// The step count on the progress line, if one is showing.
    package func progressCount() -> Int? {
        guard let match = screen().matches(of: /running: step (\d+)/).last else { return nil }
        return Int(match.1)
    }

    /// Waits for descent to exit, which leaves its pane dead but readable.
    package func waitUntilExited() throws {
        try waitUntil("descent exits") {
            (try? tmux(["display-message", "-p", "-t", name, "#{pane_dead}"]))?.hasPrefix("1") == true
        }
    }

    /// A run in `home` before the one under test: it types the lines, waits
    /// for `until`, then leaves with the keys (a word starting with ':' is
    /// typed), or, with none, is killed as a crash would end it, once its
    /// recovery file holds what it typed. Returns its last screen.
    @discardableResult
    package static func earlierRun(home: URL, typing lines: [String], until text: String,
                           leaving keys: [String] = []) throws -> String {
        let session = try TerminalSession(home: home)
        defer { session.close() }
        for line in lines { try session.enter(line) }
        try session.waitFor(text)
        if keys.isEmpty {
            try session.waitForPrompt()
            try session.waitUntilRecoveryHolds(lines.first ?? "", home: home)
            session.killDescent()
        }
        for key in keys { key.hasPrefix(":") ? session.type(key) : session.keys(key) }
        try session.waitUntilExited()
        return session.screen()
    }

    /// Waits until this process's recovery file holds `text` (a cell's source).
    package func waitUntilRecoveryHolds(_ text: String, home: URL) throws {
        let state = home.appendingPathComponent(".local/state/descent").path
        let encoded = "\"source\": \"" + text + "\""
        try waitUntil("the recovery file holds \(text)") {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: state)) ?? []
            return names.contains { name in
                name.hasPrefix("recovery-") && name.hasSuffix(".json")
                    && ((try? String(contentsOfFile: state + "/" + name, encoding: .utf8))?.contains(encoded) ?? false)
            }
        }
    }

    /// Starts descent in `home`, accepts its offer of an unsaved notebook of
    /// one cell, and checks that the cell `name`, which held 21, is back.
    package static func restoreOneCell(home: URL, named name: String) throws {
        let session = try TerminalSession(home: home)
        defer { session.close() }
        try session.waitFor("Restore it? [Y/n]")
        session.type("y", enter: true)
        try session.waitFor("restored 1 cell")
        try session.enter("\(name) * 2")
        try session.waitFor("42")
    }

    /// Kills descent with SIGKILL, as a crash would end it.
    package func killDescent() {
        if let pid = descentPID() { kill(pid, SIGKILL) }
    }

    /// The process id of descent, which the pane runs itself.
    package func descentPID() -> pid_t? {
        let pane = (try? tmux(["display-message", "-p", "-t", name, "#{pane_pid}"]))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return pane.flatMap { pid_t($0) }.flatMap { $0 > 1 ? $0 : nil }
    }

    package func close() {
        _ = try? tmux(["kill-server"])
        unlink(socket)
    }

    /// Runs one tmux command on this session's server, bounded in time.
    /// Starting the session starts the server, which keeps the descriptors
    /// its client was given: that call captures nothing.
    @discardableResult
    package func tmux(_ arguments: [String], capture: Bool = true) throws -> String {
        guard let tmuxPath = TerminalSession.tmuxPath else { return "" }
        let output = try Subprocess.run(tmuxPath, ["-S", socket] + arguments, capture: capture, timeout: TerminalSession.patience)
        if output.timedOut { Issue.record("tmux \(arguments.first ?? "") did not answer within \(Int(TerminalSession.patience)) s") }
        return String(decoding: output.stdout, as: UTF8.self)
    }
}
