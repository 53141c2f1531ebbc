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

    /// Advice for a run that did not converge, fitted to how it went.
    public var hint: String? {
        let rows = path.rows
        switch status {
        case .diverged where steps == 0:
            if let first = rows.first, !first.f.isFinite {
                return "the function is not defined at the start; choose another starting point"
            }
            return "the gradient is not finite at the start (as for sqrt at 0); choose another starting point"
        case .diverged:
            if let first = rows.first, let last = rows.last, last.f.isFinite, last.f < first.f {
                return "f keeps falling: it may have no minimum at all, and then no step size converges"
            }
            return "the step \(format(stepSize)) is too large for this function; try a smaller one, such as \(format(stepSize / 10))"
        case .maxSteps:
            if bounces {
                return "the steps bounce from one side of the minimum to the other; a smaller step would settle"
            }
            return "allow more steps with max:, or take larger steps with step:"
        default:
            return nil
        }
    }

    /// Whether the last recorded steps went back and forth rather than on.
    private var bounces: Bool {
        let rows = path.rows.suffix(3)
        guard rows.count == 3, !path.isThinned else { return false }
        let (a, b, c) = (rows[rows.startIndex].x, rows[rows.startIndex + 1].x, rows[rows.startIndex + 2].x)
        let turn = zip(zip(a, b), c).reduce(0.0) { total, pair in
            let ((p, q), r) = pair
            return total + (q - p) * (r - q)
        }
        return turn < 0
    }

    private func format(_ value: Double) -> String {
        NumberFormat.significant(value, 6)
    }
}
