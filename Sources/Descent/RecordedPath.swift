/// The points a run visited, kept within a fixed memory budget however
/// long the run: every step while it fits, then every second, fourth, …
/// step, so that the path always holds the start, evenly spaced steps, and
/// (added at the end) the last step.
///
///     capacity 4, steps 0…9 → strides double as it fills: steps 0, 4, 8, then 9 at the end
package struct RecordedPath: Hashable, Sendable {
    /// One recorded step: its number, point, value, gradient and its length.
    package struct Row: Hashable, Sendable {
        package var step: Int
        package var x: [Double]
        package var f: Double
        package var gradientNorm: Double
        /// The signed gradient there (empty where it was not kept).
        package var gradient: [Double]
        /// For a line search or Newton: the step the update from here used,
        /// how often a line search halved it, and whether Newton fell back to
        /// a gradient step because the curvature was not positive.
        package var stepUsed: Double?
        package var halvings = 0
        package var gradientStepInstead = false

        package init(step: Int, x: [Double], f: Double, gradientNorm: Double, gradient: [Double] = []) {
            self.step = step
            self.x = x
            self.f = f
            self.gradientNorm = gradientNorm
            self.gradient = gradient
        }
    }

    package private(set) var rows: [Row] = []
    package let capacity: Int
    /// Only steps that are a multiple of this are being kept now.
    package private(set) var stride = 1
    /// Whether some steps were dropped to stay within capacity.
    package var isThinned: Bool { stride > 1 }

    /// How many steps a run keeps before it thins them.
    package static let defaultCapacity = 4096

    package init(capacity: Int = RecordedPath.defaultCapacity) {
        self.capacity = max(4, capacity)
        rows.reserveCapacity(self.capacity + 1)
    }

    /// Whether `step` would be kept (callers may skip building its row otherwise).
    @inline(__always)
    package func wants(_ step: Int) -> Bool { step % stride == 0 }

    /// The first step after `step` that would be kept, so that a loop can
    /// compare against it instead of dividing at every step.
    package func nextWanted(after step: Int) -> Int { (step / stride + 1) * stride }

    package mutating func record(_ row: Row) {
        guard wants(row.step) else { return }
        if rows.count >= capacity {
            stride *= 2
            rows = rows.filter { $0.step % stride == 0 }
            guard wants(row.step) else { return }
        }
        rows.append(row)
    }

    /// Adds the final step if thinning skipped it.
    package mutating func finish(with row: Row) {
        // A run that ends a step back (its last step left the doubles) drops what came after.
        while let last = rows.last, last.step > row.step { rows.removeLast() }
        if rows.last?.step != row.step { rows.append(row) }
    }
}
