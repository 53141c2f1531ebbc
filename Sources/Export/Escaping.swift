import DataFiles

// One escaper per target format. Text from a notebook may come from someone
// else's file, so each writer passes it through the escaper of the format it
// lands in, and nothing else: in a page it stays text, in Markdown it cannot
// open a tag or close its fence, in a shell line it is one word. (Python's
// strings and comments are `PythonTranslator.string` and `.comment`.)

/// Text for an HTML page, only ever as text: markup characters as entities,
/// control characters shown escaped (line breaks kept, for `<pre>`).
package enum HTMLText {
    package static func escaped(_ text: String) -> String {
        PrintableText.escaped(text, keepingNewlines: true)
            .replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}

/// Text for a Markdown cell of a Jupyter notebook.
package enum Markdown {
    /// Prose, kept as text: `<`, `>` and `&` are written as entities so that
    /// no tag in a note becomes markup, and control characters are shown escaped.
    package static func text(_ text: String) -> String {
        PrintableText.escaped(text).replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// One line as inline code: the fence is longer than any run of
    /// backticks in it (CommonMark's rule), so the code cannot end early.
    package static func code(_ text: String) -> String {
        let fence = String(repeating: "`", count: longestRun(of: "`", in: text) + 1)
        // A space inside the fence only where a backtick would touch it (CommonMark strips one each side).
        let pad = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        return fence + pad + PrintableText.escaped(text) + pad + fence
    }

    /// Many lines as a fenced code block whose fence no line of it can close.
    package static func block(_ text: String) -> String {
        let fence = String(repeating: "`", count: max(3, longestRun(of: "`", in: text) + 1))
        return fence + "\n" + PrintableText.escaped(text, keepingNewlines: true) + "\n" + fence
    }

    private static func longestRun(of character: Character, in text: String) -> Int {
        var longest = 0, current = 0
        for c in text {
            current = c == character ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }
}

/// A path as a shell reads it back: as it is when it holds only
/// letters, digits and `_ . / - +`, else in single quotes.
///
///     notes/fit.py      →  notes/fit.py
///     my fit (2).py     →  'my fit (2).py'
package enum ShellWord {
    package static func quoted(_ path: String) -> String {
        let plain = path.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_./-+".unicodeScalars.contains($0)) }
        if plain && !path.isEmpty { return path }
        return "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
