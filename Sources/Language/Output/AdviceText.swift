import Calculus

/// `advise`'s reading, worked out in the open so that a learner sees where
/// each number comes from.
///
///     advise f from -4
///     curvature L = f''(-4) = 2
///     steps below 2/L = 2/2 = 1 shrink the distance to the minimum; larger ones overshoot and grow
///     a good first step is 1/L = 1/2 = 0.5: on a quadratic it reaches the minimum in one step
///     f is quadratic, so this holds wherever descent starts
enum AdviceText {
    /// The hint of a basin map or a sweep whose starts mostly failed: the
    /// steepest curvature L `on` the points it read, and the steps 2/L and 1/L.
    static func stableStepHint(_ steepest: Double, on place: String, _ format: (Double) -> String) -> String {
        "hint: most starts did not reach a minimum; f curves up to \(format(steepest)) on \(place), so steps below "
            + "\(format(2 / steepest)) are stable there (step: \(format(1 / steepest)) is a good one)"
    }

    /// The first line: `advise f from -4`.
    static func title(_ advice: AdviceValue, settings: Settings) -> String {
        let format = { (x: Double) in NumberFormat.significant(x, settings.precision) }
        let point = advice.point.count == 1 ? format(advice.point[0]) : "(" + advice.point.map(format).joined(separator: ", ") + ")"
        return "advise \(advice.function.name) from \(point)"
    }

    static func render(_ advice: AdviceValue, settings: Settings) -> String {
        let format = { (x: Double) in NumberFormat.significant(x, settings.precision) }
        let function = advice.function
        let point = advice.point.count == 1 ? format(advice.point[0]) : "(" + advice.point.map(format).joined(separator: ", ") + ")"
        let L = advice.curvature
        var lines = [title(advice, settings: settings)]
        if advice.point.count == 1 {
            lines.append("curvature L = \(function.name)''(\(point)) = \(format(L))")
        } else {
            let matrix = "[" + advice.hessian.map { "[" + $0.map(format).joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
            lines.append("Hessian at \(point): \(matrix)")
            lines.append("curvatures (its eigenvalues) " + advice.eigenvalues.map(format).joined(separator: ", ") + "; L = \(format(L)), the steepest")
        }
        guard let stable = advice.stableBelow, let suggested = advice.suggested else {
            switch (L < 0, advice.isQuadratic) {
            case (true, true):
                lines.append("\(function.name) curves down everywhere: it has no minimum, and descent runs away from any start whatever the step")
            case (true, false):
                lines.append("\(function.name) curves down here, so the curvature sets no step; descent still follows the slope downhill, so advise again from where a run gets to")
            case (false, _):
                lines.append("\(function.name) does not curve here, so the curvature sets no step; descent moves at the pace of the slope alone")
            }
            return lines.joined(separator: "\n")
        }
        let bowlHere = (advice.eigenvalues.first ?? 0) > 0
        lines.append("steps below 2/L = 2/\(format(L)) = \(format(stable)) "
            + (bowlHere ? "shrink the distance to the minimum; larger ones overshoot and grow"
               : "settle along the ways \(function.name) curves up; larger ones overshoot and grow"))
        let bowl = advice.isQuadratic && (advice.eigenvalues.first ?? 0) > 0
        lines.append("a good first step is 1/L = 1/\(format(L)) = \(format(suggested))"
            + (bowl ? (advice.point.count == 1 ? ": on a quadratic it reaches the minimum in one step" : ": along the steepest way it reaches the bottom in one step") : ""))
        if advice.point.count > 1, let smallest = advice.eigenvalues.first {
            if smallest > 0 {
                let condition = L / smallest
                lines.append("condition number L/\(format(smallest)) = \(format(condition)): "
                    + (condition < 1.5 ? "the bowl is round, so descent heads straight for the minimum"
                       : "the valley is \(format(condition)) times steeper one way than the other, so with a step the steep way allows, the shallow way crawls and the path zig-zags"))
            } else {
                lines.append("a curvature of \(format(smallest)) is not positive: along that way \(function.name) curves down or not at all, so this is no bowl and descent may slide away")
            }
        }
        lines.append(advice.isQuadratic ? (bowlHere ? "\(function.name) is quadratic, so this holds wherever descent starts"
                                                     : "\(function.name) is quadratic, so its curvature is the same everywhere, and it has no minimum")
            : "\(function.name) is not quadratic: its curvature changes from place to place, so this reading holds near \(point); advise again from where a run gets to")
        return lines.joined(separator: "\n")
    }
}
