/// How a plot is drawn: braille dots (2×4 per character), half blocks
/// (1×2), or plain ASCII (1×1). Finer grids draw smoother curves.
package enum Charset: String, CaseIterable, Sendable {
    case unicode, block, ascii

    /// Dots per character cell, across and down.
    package var resolution: (x: Int, y: Int) {
        switch self {
        case .unicode: return (2, 4)
        case .block: return (1, 2)
        case .ascii: return (1, 1)
        }
    }
}

/// Colours for series on a terminal (ANSI), in order.
package enum Palette {
    static let codes = [36, 33, 35, 32, 34, 31]
    /// The colours of a path's steps and of its start and end, apart from the curves'.
    package static let steps = 4
    package static let endpoints = 5

    package static func code(for series: Int) -> Int { codes[series % codes.count] }

    static func paint(_ text: String, series: Int?) -> String {
        guard let series, !text.allSatisfy({ $0 == " " }) else { return text }
        return "\u{1B}[\(code(for: series))m" + text + "\u{1B}[0m"
    }
}
