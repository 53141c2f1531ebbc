/// What a mark on a plot stands for. Text shows a mark as its character;
/// an SVG draws a descent's marks as shapes, joined in order by a thin line.
///
///     .start   ◆ (S in ASCII): a diamond
///     .step    • (o): a small dot
///     .end     ★ (E): a star
package enum MarkRole: Sendable, Hashable {
    /// A character for itself: a minimum's letter.
    case label
    /// Where a descent started, one of its steps, where it ended, where it is now (`:play`).
    case start, step, end, now
    /// A point of one of several paths, drawn as its path's letter.
    case lettered
}
