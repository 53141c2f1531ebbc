import Calculus

/// The record of one descent: where it started, where it ended, how, and
/// the path between.
public struct Run: Hashable, Sendable {
    public var method: Method
    public var stepSize: Double
    public var rule: StoppingRule
    public var start: [Double]
    /// The final point (the last finite one when the run diverged).
    public var x: [Double]
    /// f at the final point.
    public var f: Double
    public var gradientNorm: Double
    /// Updates made.
    public var steps: Int
    public var status: Status
    public var path: RecordedPath

    public var dimension: Int { start.count }

    /// One sentence on how the run ended, with a hint when it went wrong.
    public var summary: String {
        let s = steps == 1 ? "" : "s"
        switch status {
        case .converged:
            return "converged after \(steps) step\(s) (gradient length below \(format(rule.tolerance)))"
        case .maxSteps:
            return "stopped at the limit of \(steps) step\(s) before converging (gradient length \(format(gradientNorm)))"
        case .diverged:
            if path.rows.last.map({ $0.f.isFinite && $0.gradientNorm.isFinite }) ?? false {
                return "diverged: the gradient grew at every step for the last \(Optimizer.risingLimit) steps (stopped at step \(steps))"
            }
            return "diverged at step \(steps): the values became infinite or not a number"
        case .interrupted:
            return "interrupted after \(steps) step\(s)"
        }
    }

    /// Advice for a run that did not converge.
    public var hint: String? {
        switch status {
        case .diverged where steps == 0 && !path.rows.isEmpty && !path.rows[0].f.isFinite:
            return "f is not defined at the start; choose another starting point"
        case .diverged:
            return "the step \(format(stepSize)) is too large for this function; try a smaller one, such as \(format(stepSize / 10))"
        case .maxSteps:
            return "allow more steps with max:, or take larger steps with step:"
        default:
            return nil
        }
    }

    private func format(_ value: Double) -> String {
        NumberFormat.significant(value, 6)
    }
}
