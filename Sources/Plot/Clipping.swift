/// The part of a segment inside a box (Liang–Barsky), for the text canvas
/// and the SVG alike.
///
///     Clipping.segment(from: (-1, 0), to: (1, 0), box: (0, 0, 10, 10))   → ((0, 0), (1, 0))
enum Clipping {
    /// The box is (left, top, right, bottom) with left ≤ right and top ≤ bottom; nil when the segment misses it.
    static func segment(from a: (Double, Double), to b: (Double, Double),
                        box: (left: Double, top: Double, right: Double, bottom: Double)) -> ((Double, Double), (Double, Double))? {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1)
        var t0 = 0.0, t1 = 1.0
        for (p, q) in [(-dx, a.0 - box.left), (dx, box.right - a.0), (-dy, a.1 - box.top), (dy, box.bottom - a.1)] {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let t = q / p
                if p < 0 { t0 = max(t0, t) } else { t1 = min(t1, t) }
                if t0 > t1 { return nil }
            }
        }
        let start = t0 == 0 ? a : (a.0 + t0 * dx, a.1 + t0 * dy)
        let end = t1 == 1 ? b : (a.0 + t1 * dx, a.1 + t1 * dy)
        return (start, end)
    }
}
