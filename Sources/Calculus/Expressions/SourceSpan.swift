/// A range of characters in one cell's source, counted in `Character`s
/// from zero. Column numbers shown to people are `start + 1`.
///
///     f(x) = x^^2
///              ^      SourceSpan(start: 9, end: 10)
package struct SourceSpan: Hashable, Sendable, Codable {
    package var start: Int
    package var end: Int

    package init(start: Int, end: Int) {
        self.start = start
        self.end = max(end, start)
    }

    package init(at position: Int) {
        self.init(start: position, end: position + 1)
    }

    /// The smallest span covering both.
    package func union(_ other: SourceSpan) -> SourceSpan {
        SourceSpan(start: min(start, other.start), end: max(end, other.end))
    }

    package var column: Int { start + 1 }
    package var length: Int { end - start }
}
