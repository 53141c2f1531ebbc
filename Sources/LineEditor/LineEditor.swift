import CLibEdit
import Foundation

/// An interactive line editor on libedit: a prompt, emacs-style editing,
/// history kept in a file, Tab completion, pre-filled lines and Ctrl-C.
///
///     let editor = LineEditor(program: "descent", historyPath: HistoryFile.defaultPath())
///     editor.completer = { line, cursor in … }
///     switch editor.readLine(prompt: "[1] ") {
///     case .line(let text): …
///     case .interrupted: …   // Ctrl-C: the line was cleared
///     case .endOfInput: …    // Ctrl-D on an empty line
///     }
package final class LineEditor {
    package enum Input: Equatable {
        case line(String)
        case interrupted
        case endOfInput
    }

    /// Given the line and the cursor (in characters), the completion candidates.
    package var completer: ((String, Int) -> Completion.Candidates)?

    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private var historyFile: HistoryFile
    private var promptStorage: UnsafeMutablePointer<CChar>?
    /// Replayed as keystrokes when the next line starts (for `:edit`).
    private var pendingText: String?

    package static let historySize: Int32 = 1000

    package init(program: String, historyPath: String?) {
        _ = descent_setup_locale()
        editLine = descent_el_init(program)
        history = history_init()
        historyFile = HistoryFile(path: historyPath, capacity: Int(LineEditor.historySize))

        descent_history_setsize(history, LineEditor.historySize)
        descent_history_setunique(history, 1)
        for entry in historyFile.entries { descent_history_enter(history, entry) }
        descent_el_set_history(editLine, history)
        descent_el_set_editor(editLine, "emacs")
        descent_el_set_signal(editLine, 1)
        descent_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        descent_el_set_prompt(editLine, { el in
            guard let el, let data = descent_el_get_clientdata(el) else { return nil }
            let editor = Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
            return editor.promptStorage
        }, 1)
        descent_el_add_function(editLine, "descent-complete", "Complete the word") { el, _ in
            guard let el, let data = descent_el_get_clientdata(el) else { return UInt8(CC_ERROR) }
            let editor = Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
            return editor.complete()
        }
        descent_el_bind(editLine, "^I", "descent-complete")
        // Home and End as terminals send them (xterm, rxvt, the linux console, tmux), and
        // Ctrl-R to search the history, as in bash.
        for key in ["\\e[1~", "\\e[7~", "\\e[H", "\\eOH"] { descent_el_bind(editLine, key, "ed-move-to-beg") }
        for key in ["\\e[4~", "\\e[8~", "\\e[F", "\\eOF"] { descent_el_bind(editLine, key, "ed-move-to-end") }
        descent_el_bind(editLine, "^R", "em-inc-search-prev")
        // Ctrl-D: libedit's own binding writes a visible ^D before it ends the input;
        // this one ends it silently on an empty line, and deletes the next character elsewhere.
        descent_el_add_function(editLine, "descent-eof-or-delete", "End the input, or delete the next character") { el, _ in
            guard let el, let line = el_line(el)?.pointee else { return UInt8(CC_EOF) }
            if line.buffer == line.lastchar { return UInt8(CC_EOF) }
            guard line.cursor != line.lastchar else { return UInt8(CC_ERROR) }
            _ = el_cursor(el, 1)
            el_deletestr(el, 1)
            return UInt8(CC_REFRESH)
        }
        descent_el_bind(editLine, "^D", "descent-eof-or-delete")
        descent_install_sigint()
    }

    deinit {
        el_end(editLine)
        history_end(history)
        promptStorage?.deallocate()
    }

    /// Wraps text (colour escapes) that the terminal shows but that takes no room in the prompt.
    package static func invisible(_ text: String) -> String { "\u{1}" + text + "\u{1}" }

    /// Reads one line. Ctrl-C gives `.interrupted` (the line is dropped),
    /// Ctrl-D on an empty line `.endOfInput`.
    package func readLine(prompt: String, prefill: String? = nil, remember: Bool = true) -> Input {
        setPrompt(prompt)
        if let prefill {
            // el_insertstr before el_gets is wiped; pushed text is replayed as typing.
            let clean = String(prefill.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
            el_push(editLine, clean)
        }
        _ = descent_take_interrupt()
        var count: Int32 = 0
        guard let raw = el_gets(editLine, &count) else {
            if descent_take_interrupt() != 0 || (count == -1 && descent_errno() == EINTR) {
                print("")
                return .interrupted
            }
            return .endOfInput
        }
        var line = String(cString: raw)
        if line.hasSuffix("\n") { line.removeLast() }
        if remember && !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let wasKnown = historyFile.entries.contains(line)
            historyFile.add(line)
            if wasKnown {
                // Keep each line once: rebuild libedit's list with the earlier copy gone.
                descent_history_clear(history)
                for entry in historyFile.entries { descent_history_enter(history, entry) }
            } else {
                descent_history_enter(history, line)
            }
        }
        return .line(line)
    }

    /// Catches SIGINT without a line editor (a server behind a pipe): it sets
    /// the flag `interruptPending` reads, and a read it breaks into returns
    /// EINTR rather than ending the program.
    package static func catchInterrupts() { _ = descent_install_sigint() }

    /// Whether Ctrl-C was pressed since the last call (and clears it).
    package static func takeInterrupt() -> Bool { descent_take_interrupt() != 0 }

    /// Whether Ctrl-C was pressed, without clearing it (safe from any thread).
    package static func interruptPending() -> Bool { descent_peek_interrupt() != 0 }

    private func setPrompt(_ prompt: String) {
        promptStorage?.deallocate()
        let utf8 = Array(prompt.utf8CString)
        promptStorage = .allocate(capacity: utf8.count)
        promptStorage!.initialize(from: utf8, count: utf8.count)
    }

    private func complete() -> UInt8 {
        guard let completer, let info = el_line(editLine)?.pointee else { return UInt8(CC_ERROR) }
        let before = String(decoding: UnsafeRawBufferPointer(start: info.buffer, count: info.cursor - info.buffer).bindMemory(to: UInt8.self), as: UTF8.self)
        let after = String(decoding: UnsafeRawBufferPointer(start: info.cursor, count: info.lastchar - info.cursor).bindMemory(to: UInt8.self), as: UTF8.self)
        let candidates = completer(before + after, before.count)
        let action = Completion.action(for: candidates)
        if !action.insert.isEmpty {
            el_insertstr(editLine, action.insert)
        }
        if let list = action.list {
            print("")
            print(Completion.columns(list, width: Terminal.width()))
            return UInt8(CC_REDISPLAY)
        }
        return UInt8(action.insert.isEmpty ? CC_REFRESH_BEEP : CC_REFRESH)
    }
}
