import Calculus

/// Steps that work, read from the curvature and then tried: the advice a
/// failed run gives, and what `advise` shows.
///
/// Near a minimum f looks like a bowl of curvature L (f'' in 1-D, the
/// Hessian's largest eigenvalue in n-D). A gradient step multiplies the
/// distance to the minimum by 1 − step·L along that direction, so steps
/// below 2/L shrink it and 1/L lands on the minimum of a quadratic in one
/// step. Away from the minimum f may curve differently, so a suggestion is
/// always run from the run's own start before it is given.
///
///     x^2 from -4 with step 25     L = 2, so 1/L = 0.5: it converges in 1 step
///     100x^2 from 1 with step 0.1  L = 200: 0.005, not 0.01 (which bounces forever)
package enum StepAdvice {
    /// The largest eigenvalue of f's Hessian at x: its steepest curvature.
    package static func curvature(_ objective: Objective, at x: [Double]) -> Double {
        Curvature.eigenvalues(of: objective, at: x).last ?? .nan
    }

    /// The steepest positive curvature at any of the points (nil where f
    /// curves up at none): steps below 2 over it shrink the error at them all.
    package static func steepestCurvature(_ objective: Objective, at points: [[Double]]) -> Double? {
        points.filter { $0.allSatisfy(\.isFinite) }.map { curvature(objective, at: $0) }.filter { $0.isFinite && $0 > 0 }.max()
    }

    /// A step that converges from the run's start with its method and
    /// stopping rule: 1/L for the steepest curvature at the start or the end,
    /// halved until a run with it converges (or settles within its limit
    /// without climbing or bouncing), at most 40 times. Each try is capped at
    /// 1,000,000 steps, and says whether it converged or only settled. Nil when none works.
    static func workingStep(for run: Run, on objective: Objective, shouldStop: () -> Bool) -> StepSuggestion? {
        var step = Swift.min(run.stepSize / 2, steepestCurvature(objective, at: [run.start, run.x]).map { 1 / $0 } ?? .infinity)
        let rule = StoppingRule(tolerance: run.rule.tolerance, maximumSteps: Swift.min(run.rule.maximumSteps, 1_000_000))
        for _ in 0..<40 where step > 0 && step.isFinite && !shouldStop() {
            let request = RunRequest(objective, from: run.start, step: step, method: run.method, rule: rule, pathCapacity: 64)
            let trial = Optimizer.plainRun(request, shouldStop: shouldStop)
            let settled = trial.status == .maxSteps && !trial.grew && !trial.overshot
            if trial.status == .converged || settled { return StepSuggestion(step: step, converges: trial.status == .converged) }
            step /= 2
        }
        return nil
    }

    /// Whether f has no curvature at any of the points: every eigenvalue of
    /// its Hessian is zero there, as on a straight line.
    static func curvesNowhere(_ objective: Objective, at points: [[Double]]) -> Bool {
        points.allSatisfy { point in
            point.allSatisfy(\.isFinite)
                && Curvature.eigenvalues(of: objective, at: point).allSatisfy { Swift.abs($0) < 1e-9 }
        }
    }
}

/// A step that works from a run's start, and whether it converged when tried
/// or only settled (no climbing, no bouncing) within the steps allowed.
package struct StepSuggestion: Hashable, Sendable {
    package var step: Double
    package var converges: Bool
}
