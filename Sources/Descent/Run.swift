import Calculus

/// The record of one descent: where it started, where it ended, how, and
/// the path between.
package struct Run: Hashable, Sendable {
    package var method: Method
    package var stepSize: Double
    package var rule: StoppingRule
    package var start: [Double]
    /// The final point. When the last step left the doubles, the run ends at
    /// the point before it, and `steps` counts the updates up to there.
    package var x: [Double]
    /// f at the final point.
    package var f: Double
    /// The signed gradient at the final point, and its length.
    package var gradient: [Double]
    package var gradientNorm: Double
    /// Updates made.
    package var steps: Int
    package var status: Status
    /// What kind of flat spot a converged run stopped on; nil for any other run.
    package var kind: FlatSpot?
    /// For a run whose step failed (it diverged, climbed or bounced): a step
    /// that works from the same start, found from the curvature and tried;
    /// nil when none was found or the step did not fail.
    package var suggestedStep: StepSuggestion?
    /// Whether f has no curvature at the start or the end of a run that hit
    /// its limit: a straight line, which no step size descends to a minimum.
    package var curvesNowhere = false
    /// How many of Newton's updates were gradient steps, where the curvature was not positive.
    package var gradientSteps = 0
    /// For a stochastic run: the batches it drew; its path's f are the batches' losses.
    package var batch: Batch?
    /// Whether the last step went past a minimum: the gradient where it
    /// landed points back the way it came. Steps that keep doing so bounce.
    package var overshot: Bool
    package var path: RecordedPath

    init(method: Method, stepSize: Double, rule: StoppingRule, start: [Double], x: [Double], f: Double, gradient: [Double],
         gradientNorm: Double, steps: Int, status: Status, kind: FlatSpot?, overshot: Bool, path: RecordedPath) {
        self.method = method
        self.stepSize = stepSize
        self.rule = rule
        self.start = start
        self.x = x
        self.f = f
        self.gradient = gradient
        self.gradientNorm = gradientNorm
        self.steps = steps
        self.status = status
        self.kind = kind
        self.overshot = overshot
        self.path = path
    }

    /// Whether the step itself failed: the run left the doubles, climbed, or
    /// bounced about a minimum until its limit (not a start outside the
    /// domain, nor a slope that falls forever).
    var stepFailed: Bool {
        switch status {
        case .diverged: return (steps > 0 || (f.isFinite && gradientNorm.isFinite)) && !fellForever && !f.isNaN
        case .maxSteps: return (grew || overshot) && !fallsAway
        default: return false
        }
    }

    package var dimension: Int { start.count }

    /// One sentence on how the run ended, with a hint when it went wrong.
    package var summary: String {
        let s = steps == 1 ? "" : "s"
        switch status {
        case .stalled:
            return "stalled after \(steps) step\(s): the step has shrunk until x - step × gradient is x itself, so no lower point can be told apart from x (gradient length \(format(gradientNorm)))"
        case .converged:
            let reason = gradientNorm == 0 ? "the gradient is zero there" : "gradient length below \(format(rule.tolerance))"
            switch kind {
            case .maximum?:
                return "stopped after \(steps) step\(s) at a maximum, not a minimum (\(reason)): f falls away on every side"
            case .saddle?:
                return "stopped after \(steps) step\(s) at a saddle point, not a minimum (\(reason)): f rises one way and falls another"
            case .flat?:
                return "converged after \(steps) step\(s) (\(reason)) on a flat spot the curvature does not decide (as x^3 at 0)"
            case .minimum?, nil:
                return "converged after \(steps) step\(s) (\(reason))" + (kind == .minimum ? " at a minimum" : "")
            }
        case .maxSteps:
            return "stopped at the limit of \(steps) step\(s) before converging (gradient length \(format(gradientNorm)))"
        case .diverged where f.isFinite && gradientNorm.isFinite:
            return "diverged after step \(steps): the next step made x infinite or not a number"
        case .diverged where steps == 0:
            return "diverged at the start: f or its gradient is infinite or not a number there"
        case .diverged:
            return "diverged at step \(steps): f or its gradient became infinite or not a number"
        case .interrupted:
            return "interrupted after \(steps) step\(s)"
        }
    }

    /// Advice for a run that did not converge, fitted to how it went.
    package var hint: String? {
        let rows = path.rows
        if gradientSteps > 0, status == .converged, kind == .minimum || kind == nil {
            return "\(gradientSteps) of the updates \(gradientSteps == 1 ? "was a gradient step" : "were gradient steps"): where f does not curve up, Newton's step would not go downhill"
        }
        if let batch, status == .maxSteps, !grew {
            // Not a step too small: each batch's gradient points a little off, so the steps jitter about the bottom.
            return "stochastic steps jitter about the minimum with each batch's noise, so the whole table's gradient seldom falls below tol:; a larger batch: (\(batch.size) of \(batch.rows) now), a smaller step:, or a looser tol: ends it sooner"
        }
        switch status {
        case .converged where kind == .maximum || kind == .saddle:
            return "descent only moves downhill, and here the gradient is zero; start a little away from this point, as from: \(nudged)"
        case .converged where kind == .flat:
            return "the gradient is (nearly) zero here, but f does not curve up on every side, or falls again a little further on: this may be no minimum; try a start on either side"
        case .diverged where steps == 0 && !(f.isFinite && gradientNorm.isFinite):
            if f.isNaN {
                return "the function is not defined at the start; choose another starting point"
            }
            if f.isInfinite {
                return "f is infinite at the start; choose another starting point"
            }
            return "the gradient is not finite at the start (as for sqrt at 0); choose another starting point"
        case .diverged where f.isNaN && gradientNorm.isFinite && (rows.dropLast().last.map { Swift.abs($0.f) < 1e100 } ?? false):
            // NaN from values of ordinary size: outside the domain, not inf - inf after an overflow.
            return "f is not defined where the run got to: it left the function's domain; a smaller step or another start may stay inside"
        case .diverged:
            if fellForever { return "f keeps falling: " + Run.noMinimum }
            return tooLarge
        case .maxSteps where grew:
            return "f grew from \(format(rows.first?.f ?? .nan)) to \(format(f)): " + tooLarge
        case .maxSteps where fallsAway:
            return "f keeps falling and its slope keeps growing: " + Run.noMinimum
        case .maxSteps where overshot:
            return "the steps bounce from one side of the minimum to the other; " + (suggestedStep.map { "step: \(format($0.step)) \($0.converges ? "converges" : "settles without bouncing (allow more steps with max:)") from this start" } ?? "a smaller step would settle")
        case .maxSteps where curvesNowhere:
            return "f does not curve: its slope is the same everywhere, like a straight line's, so it has no minimum and no step size converges"
        case .maxSteps:
            return "allow more steps with max:, or take larger steps with step:"
        default:
            return nil
        }
    }

    /// The final point nudged a little, for a start off a maximum or saddle.
    private var nudged: String {
        let moved = x.map { $0 + 0.1 * Swift.max(1, Swift.abs($0)) }
        return moved.count == 1 ? format(moved[0]) : "(" + moved.map(format).joined(separator: ", ") + ")"
    }

    private var tooLarge: String {
        guard let suggestedStep else { return "the step \(format(stepSize)) is too large for this function; try a smaller one" }
        return "the step \(format(stepSize)) is too large for this function; step: \(format(suggestedStep.step)) "
            + (suggestedStep.converges ? "converges from this start" : "settles from this start without bouncing (allow more steps with max:)")
    }

    private static let noMinimum = "it may have no minimum at all, and then no step size converges"

    /// Whether a run that diverged did so falling: f went to minus infinity,
    /// or ended below where it began.
    private var fellForever: Bool {
        guard let first = path.rows.first, let last = path.rows.last else { return false }
        return f == -.infinity || (last.f.isFinite && last.f < first.f)
    }

    /// Whether f fell while the gradient grew a thousandfold: a run heading
    /// down a slope that only steepens, as on -x², where no minimum waits.
    private var fallsAway: Bool {
        guard let first = path.rows.first, first.f.isFinite, f.isFinite else { return false }
        return f < first.f && gradientNorm > 1000 * first.gradientNorm
    }

    /// Whether f ended above where it started, or stopped being a number: a
    /// descent that climbs has too large a step (and may stay finite for
    /// thousands of steps while it climbs).
    package var grew: Bool {
        guard let first = path.rows.first?.f, first.isFinite else { return false }
        return !(f <= first)
    }

    private func format(_ value: Double) -> String {
        NumberFormat.significant(value, 6)
    }
}
