/// A range of characters in one cell's source, counted in `Character`s
/// from zero. Column numbers shown to people are `start + 1`.
///
///     f(x) = x^^2
///              ^      SourceSpan(start: 9, end: 10)
public struct SourceSpan: Hashable, Sendable, Codable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = max(end, start)
    }

    public init(at position: Int) {
        self.init(start: position, end: position + 1)
    }

    /// The smallest span covering both.
    public func union(_ other: SourceSpan) -> SourceSpan {
        SourceSpan(start: min(start, other.start), end: max(end, other.end))
    }

    public var column: Int { start + 1 }
    public var length: Int { end - start }
}
