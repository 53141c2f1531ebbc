/// Trimming white space from the ends of a line, without Foundation.
///
/// Foundation's `trimmingCharacters(in:)` goes through NSString, and at a
/// script's start its first call (making a character set, bridging the
/// string) took a sixth of the instructions before the first answer. These
/// trim what `.whitespaces`, `.whitespacesAndNewlines` and `.newlines`
/// trim: Unicode's white space, with or without the line breaks, or the line
/// breaks alone.
extension Substring {
    /// Without spaces, tabs and line breaks at either end.
    package var trimmingWhitespace: String { trimming { $0.isSpace } }

    /// Without spaces and tabs at either end; line breaks stay.
    package var trimmingSpaces: String { trimming { $0.isSpace && !$0.isLineBreak } }

    /// Without line breaks at either end.
    package var trimmingLineBreaks: String { trimming { $0.isLineBreak } }

    /// On concrete types only: a generic version made the runtime look up
    /// generic metadata, which cost more than the trimming.
    private func trimming(_ isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        var scalars = unicodeScalars
        while let first = scalars.first, isTrimmed(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, isTrimmed(last) { scalars = scalars.dropLast() }
        return String(Substring(scalars))
    }
}

extension String {
    /// Without spaces, tabs and line breaks at either end.
    package var trimmingWhitespace: String { Substring(self).trimmingWhitespace }

    /// Without spaces and tabs at either end; line breaks stay.
    package var trimmingSpaces: String { Substring(self).trimmingSpaces }

    /// Without line breaks at either end.
    package var trimmingLineBreaks: String { Substring(self).trimmingLineBreaks }
}

extension Unicode.Scalar {
    /// White space as Foundation counts it: Unicode's, and the zero-width
    /// space (compared scalar by scalar over all of Unicode, that is the one
    /// difference).
    fileprivate var isSpace: Bool { properties.isWhitespace || value == 0x200B }

    /// A line feed, carriage return, vertical tab, form feed, next line, or line or paragraph separator.
    fileprivate var isLineBreak: Bool {
        switch value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }
}
