import Calculus
import Descent

/// The parts of a descent run, `r.x` and the rest: the one list that the
/// interpreter, the parser's hint, Tab completion and `:help runs` read.
///
///     r = descend(f, from: -4, step: 0.1)
///     r.steps     72
///     r.status    converged
package enum RunField: String, CaseIterable, Sendable {
    case x, f, steps, status, path, start, step, gradient, gradnorm

    /// What the part is, for `:help runs`.
    package var meaning: String {
        switch self {
        case .x: return "the final point (a number for a function of one variable)"
        case .f: return "f there"
        case .steps: return "the updates made"
        case .status: return "converged, max-steps, diverged (a value became infinite or NaN), interrupted, or stalled (a line search that can no longer move x)"
        case .path: return "the recorded steps: every one up to \(RecordedPath.defaultCapacity); a longer run keeps evenly spaced steps (every 2nd, 4th, …) with its start and last; table(r) shows them, plot(r) draws f against the step"
        case .start: return "where the run started"
        case .step: return "the step size it used"
        case .gradient: return "the gradient where it stopped, with its sign (a vector for several variables)"
        case .gradnorm: return "the gradient's length there"
        }
    }

    /// The part of `run` it names.
    func value(of run: Run) -> Value {
        func point(_ x: [Double]) -> Value { x.count == 1 ? .number(x[0]) : .vector(x) }
        switch self {
        case .x: return point(run.x)
        case .f: return .number(run.f)
        case .steps: return .number(Double(run.steps))
        case .status: return .text(run.status.rawValue, kind: .word)
        case .start: return point(run.start)
        case .step: return .number(run.stepSize)
        case .gradient: return point(run.gradient)
        case .gradnorm: return .number(run.gradientNorm)
        case .path:
            // One-variable runs give the visited x values; others, the visited points.
            if run.dimension == 1 { return .vector(run.path.rows.map { $0.x[0] }) }
            return .points(run.path.rows.map(\.x))
        }
    }

    /// "x, f, steps, …", for messages.
    package static var list: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
