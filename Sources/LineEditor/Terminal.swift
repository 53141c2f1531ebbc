import CLibEdit
import Foundation

/// Facts about the terminal the program runs in.
package enum Terminal {
    /// Whether the given descriptor (0 stdin, 1 stdout) is a terminal.
    package static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) != 0 }

    /// The width in columns: the terminal's, else `COLUMNS`, else 80.
    package static func width() -> Int {
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = Terminal.environment("COLUMNS"), let value = Int(columns), value > 0 { return value }
        return 80
    }

    /// One variable of the environment, read alone: `ProcessInfo`'s
    /// dictionary of them all took a quarter of a script's start.
    package static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// Whether the locale says UTF-8 (for braille plots).
    package static func localeIsUTF8() -> Bool {
        for key in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let value = Terminal.environment(key), !value.isEmpty {
                let lower = value.lowercased()
                return lower.contains("utf-8") || lower.contains("utf8")
            }
        }
        return false
    }

    /// Turns the terminal's echo of standard input off or back on; a no-op
    /// when standard input is no terminal.
    ///
    /// Keys typed while a cell runs wait in the terminal until the line
    /// editor reads them. With echo on, the terminal would also write them
    /// where the output is going (`f(x) = rate*x[2] f(x) = rate*x`), and the
    /// editor then draws them a second time after its prompt. So the REPL
    /// turns echo off from the moment a line is read until the next prompt
    /// (the editor sets its own modes while it reads), and back on when it
    /// leaves. Ctrl-C still interrupts: only the echo is off, not the signal
    /// keys.
    package static func echo(_ on: Bool) {
        var mode = termios()
        guard isatty(0) != 0, tcgetattr(0, &mode) == 0 else { return }
        if on { mode.c_lflag |= tcflag_t(ECHO) } else { mode.c_lflag &= ~tcflag_t(ECHO | ECHONL) }
        // TCSANOW, not TCSAFLUSH: keys already typed must stay for the editor.
        tcsetattr(0, TCSANOW, &mode)
    }
}

/// Which thread hears Ctrl-C.
package enum InterruptRouting {
    /// Keeps SIGINT away from the calling thread (the main thread, while the
    /// work runs on another), so that it reaches the thread reading the line.
    package static func blockHere() { _ = descent_block_sigint(1) }

    /// Lets SIGINT reach the calling thread, even if the process was started
    /// with it blocked.
    package static func allowHere() { _ = descent_block_sigint(0) }
}
