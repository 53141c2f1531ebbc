import Foundation

/// Maps data values to dot positions along one axis, linearly or by
/// log10 (for convergence curves spanning many orders of magnitude).
package struct Scale: Sendable {
    package var low: Double
    package var high: Double
    package var dots: Int
    package var logarithmic: Bool
    /// Whether dot 0 is the high end (the y axis, drawn top-down).
    package var inverted: Bool

    package init(low: Double, high: Double, dots: Int, logarithmic: Bool = false, inverted: Bool = false) {
        var (a, b) = (low, high)
        if logarithmic { (a, b) = (log10(a), log10(b)) }
        if !(a < b) {
            // A flat range (a constant function): open it up around the value.
            let pad = a == 0 || !a.isFinite ? 1 : abs(a) * 0.1
            (a, b) = a.isFinite ? (a - pad, a + pad) : (-1, 1)
        }
        self.low = a
        self.high = b
        self.dots = max(1, dots)
        self.logarithmic = logarithmic
        self.inverted = inverted
    }

    /// Where a value lies along the axis: 0 at its low end, 1 at its high end
    /// (by log10 on a log scale), beyond them outside; nil when the value is
    /// not finite (or not positive on a log scale). Not inverted.
    ///
    ///     Scale(low: 0, high: 10, dots: 11).fraction(2.5)   → 0.25
    package func fraction(_ value: Double) -> Double? {
        var v = value
        if logarithmic {
            guard v > 0 else { return nil }
            v = log10(v)
        }
        guard v.isFinite else { return nil }
        return (v - low) / (high - low)
    }

    /// The dot for a value, or nil when it is not finite (or not positive on a log scale).
    package func dot(_ value: Double) -> Int? {
        guard let fraction = fraction(value) else { return nil }
        let position = fraction * Double(dots - 1)
        guard position.isFinite, abs(position) < 1e9 else { return position > 0 ? 1_000_000_000 : -1_000_000_000 }
        let dot = Int(position.rounded())
        return inverted ? dots - 1 - dot : dot
    }

    /// The value at the middle of a dot.
    package func value(atDot dot: Int) -> Double {
        let d = inverted ? dots - 1 - dot : dot
        let v = low + (high - low) * Double(d) / Double(max(1, dots - 1))
        return logarithmic ? pow(10, v) : v
    }

    /// A value labelled beside the round ticks when it is in view and clear of
    /// them: the lowest point of a curve, where its minimum sits.
    package var marked: Double?

    /// The values and labels of the ticks on this axis: at most `count`
    /// intervals between round values, placed as matplotlib places them.
    package func ticks(count: Int) -> [(value: Double, label: String)] {
        let round = roundTicks(count: count)
        guard !logarithmic, let marked, marked.isFinite, marked > low, marked < high else { return round }
        let step = round.count > 1 ? round[1].value - round[0].value : Ticks.niceStep((high - low) / Double(max(1, count)))
        // Clear of the round ticks by a third of a step, so that the labels do not crowd.
        guard round.allSatisfy({ abs($0.value - marked) >= step / 3 }) else { return round }
        // In the axis's own format, with a digit more if that is what tells it apart: 2, 2.5, -3.51.
        var label = Ticks.label(marked, step: step)
        var finer = step
        while Double(label).map({ abs($0 - marked) > abs(marked) * 0.005 }) == true, finer > step * 1e-4 {
            finer /= 10
            label = Ticks.label(marked, step: finer)
        }
        return (round + [(marked, label)]).sorted { $0.value > $1.value }
    }

    private func roundTicks(count: Int) -> [(value: Double, label: String)] {
        if logarithmic {
            let first = Int(ceil(low)), last = Int(floor(high))
            // As matplotlib's LogLocator: every decade, or every second, third, … so that at most `count` are labelled.
            let stride = max(1, Int((Double(last - first) / Double(max(1, count - 1))).rounded(.up)))
            let exponents = Array(Swift.stride(from: last, through: first, by: -stride))
            // Decades in one format an axis: 0.01 … 100 written out, else 1e-8 … 1e2 throughout.
            let written = exponents.allSatisfy { (-3...3).contains($0) }
            return exponents.map { exponent in
                let label = written ? Ticks.trimmed(String(format: "%.\(max(0, -exponent))f", pow(10, Double(exponent)))) : "1e\(exponent)"
                return (pow(10, Double(exponent)), label)
            }
        }
        let (values, placedStep) = Ticks.placed(low, high, bins: count)
        let step = placedStep > 0 ? placedStep : Ticks.niceStep(high - low)
        return Ticks.alike(values.map { ($0, Ticks.label($0, step: step)) })
    }
}
