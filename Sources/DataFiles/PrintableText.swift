/// Text from outside (a session file, a CSV file, a file name) made safe to
/// show: every control character, and the line and paragraph separators,
/// written as an escape a person can read, so that nothing from a file can
/// move the cursor, clear the screen, set the window's title or start a new
/// line of code where it is shown.
///
///     "title\u{1B}]0;pwned\u{7}"   →   title\u{1b}]0;pwned\u{7}
package enum PrintableText {
    /// Whether a character cannot be shown as itself: C0 controls (the tab
    /// aside), DEL, C1 controls, and U+2028 and U+2029.
    package static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09: return false
        case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// The first character that cannot be shown as itself, with its column (from 1), if any.
    package static func firstControl(in text: String) -> (scalar: Unicode.Scalar, column: Int)? {
        for (offset, scalar) in text.unicodeScalars.enumerated() where isControl(scalar) {
            return (scalar, offset + 1)
        }
        return nil
    }

    /// `U+001B`, as a message names a character.
    package static func name(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The text with each control character written as `\u{1b}` (and `\r`
    /// as itself, escaped), `keepingNewlines` where the text is many lines.
    package static func escaped(_ text: String, keepingNewlines: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar == "\n" && keepingNewlines {
                out.unicodeScalars.append(scalar)
            } else if scalar == "\r" {
                out += "\\r"
            } else if isControl(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text in double quotes as C, JSON and Python write a string: quote,
    /// backslash, line feed, carriage return and tab escaped with a
    /// backslash, and each other character `escape` names written its way.
    ///
    ///     quoted("say \"hi\"\n") { _ in nil }   →   "say \"hi\"\n"
    package static func quoted(_ text: String, escape: (Unicode.Scalar) -> String?) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if let escaped = escape(scalar) { out += escaped } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
