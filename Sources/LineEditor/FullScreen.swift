import Foundation

/// The whole terminal for a while (`:play`): the alternate screen, no
/// cursor, keys read one at a time; everything put back on `close()`.
///
///     let screen = try FullScreen()
///     defer { screen.close() }
///     screen.draw(lines)                 // redrawn in place, no flicker
///     switch screen.key(waiting: 0.1) { case .right: … }
///
/// Frames are drawn by moving the cursor home and overwriting each line,
/// clearing only what is left of it, so nothing is blanked between frames.
package final class FullScreen {
    package enum Key: Equatable, Sendable {
        case left, right, up, down, space, escape, enter
        case character(Character)
        /// Ctrl-C, which raw mode delivers as a key rather than a signal.
        case interrupt
    }

    private var saved = termios()
    private var open = true

    /// Takes the terminal, or throws when standard input or output is not one.
    package init() throws {
        guard Terminal.isTerminal(0), Terminal.isTerminal(1), tcgetattr(0, &saved) == 0 else {
            throw NotATerminal()
        }
        var raw = saved
        // Keys as they are pressed, not echoed; Ctrl-C as a key.
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        // At once, keeping keys already typed: they are the first keys of the play.
        tcsetattr(0, TCSANOW, &raw)
        write("\u{1B}[?1049h\u{1B}[?25l\u{1B}[H\u{1B}[2J")
    }

    package struct NotATerminal: Error {}

    deinit { close() }

    /// Gives the terminal back as it was, with the screen from before.
    package func close() {
        guard open else { return }
        open = false
        write("\u{1B}[?25h\u{1B}[?1049l")
        // Keys typed after the last one read go to the prompt, not away.
        tcsetattr(0, TCSANOW, &saved)
    }

    /// The terminal's size in columns and lines.
    package var size: (columns: Int, lines: Int) {
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return (80, 24) }
        return (Int(size.ws_col), Int(size.ws_row))
    }

    /// Draws the lines from the top-left corner over what was there, in one write.
    package func draw(_ lines: [String]) {
        var text = "\u{1B}[H"
        for (i, line) in lines.enumerated() {
            text += line + "\u{1B}[K" + (i + 1 < lines.count ? "\r\n" : "")
        }
        write(text + "\u{1B}[J")
    }

    /// The next key, or nil if none came within `seconds`.
    package func key(waiting seconds: Double) -> Key? {
        guard let byte = readByte(waiting: seconds) else { return nil }
        switch byte {
        case 3: return .interrupt
        case 13, 10: return .enter
        case 32: return .space
        case 27:
            // An arrow is ESC [ C; ESC alone (or not followed at once) is Esc.
            guard let next = readByte(waiting: 0.03) else { return .escape }
            guard next == UInt8(ascii: "[") || next == UInt8(ascii: "O"), let final = readByte(waiting: 0.03) else { return .escape }
            switch final {
            case UInt8(ascii: "A"): return .up
            case UInt8(ascii: "B"): return .down
            case UInt8(ascii: "C"): return .right
            case UInt8(ascii: "D"): return .left
            default:
                // Other sequences (Home, F-keys) end in a letter or ~: read them off and ignore them.
                var last = final
                while !(last >= 0x40 && last <= 0x7E), let more = readByte(waiting: 0.03) { last = more }
                return .character("\u{0}")
            }
        default:
            return .character(Character(Unicode.Scalar(byte)))
        }
    }

    private func readByte(waiting seconds: Double) -> UInt8? {
        var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, Int32(max(0, seconds) * 1000)) > 0 else { return nil }
        var byte: UInt8 = 0
        return Foundation.read(0, &byte, 1) == 1 ? byte : nil
    }

    private func write(_ text: String) {
        let data = Array(text.utf8)
        var offset = 0
        while offset < data.count {
            let written = data[offset...].withUnsafeBytes { Foundation.write(1, $0.baseAddress, $0.count) }
            if written <= 0 { break }
            offset += written
        }
    }
}
