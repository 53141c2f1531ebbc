import Calculus

/// Runs gradient descent: `new = old − step × gradient` (or a variant, see
/// `Method`) until the gradient is short, the step limit is reached, a value
/// stops being finite, or the caller asks to stop.
///
///     let run = Optimizer.descend(objective, from: [-4], step: 0.1)
///     run.status  // .converged
///     run.steps   // 72
///
/// Each step first evaluates f and its gradient at the current point; if
/// the gradient's length is below the tolerance the run has converged after
/// the updates made so far. Memory is bounded by the path's capacity,
/// whatever `maximumSteps` is.
public enum Optimizer {
    /// How often (in steps) `shouldStop` and `progress` are consulted.
    public static let checkInterval = 1024
    /// A run whose f rose on this many steps in a row while its gradient
    /// grew this many times longer than at the start is diverging, even
    /// before its values overflow (x² with step 1.1 takes thousands of steps
    /// to reach infinity, but is plainly running away).
    public static let risingLimit = 50
    public static let growthLimit = 1e6

    public static func descend(
        _ objective: Objective,
        from start: [Double],
        step: Double,
        method: Method = .gd,
        rule: StoppingRule = StoppingRule(),
        pathCapacity: Int = 4096,
        shouldStop: () -> Bool = { false },
        progress: ((_ steps: Int, _ f: Double) -> Void)? = nil
    ) -> Run {
        precondition(start.count == objective.dimension, "start has the objective's dimension")
        let n = start.count
        let evaluator = Program.Evaluator(objective.program)
        let maximumSteps = max(0, rule.maximumSteps)

        let x = UnsafeMutablePointer<Double>.allocate(capacity: n)
        let previous = UnsafeMutablePointer<Double>.allocate(capacity: n)
        let out = UnsafeMutablePointer<Double>.allocate(capacity: n + 1)
        let velocity = UnsafeMutablePointer<Double>.allocate(capacity: n)
        let second = UnsafeMutablePointer<Double>.allocate(capacity: n)
        defer {
            x.deallocate(); previous.deallocate(); out.deallocate(); velocity.deallocate(); second.deallocate()
        }
        x.initialize(from: start, count: n)
        previous.initialize(from: start, count: n)
        velocity.initialize(repeating: 0, count: n)
        second.initialize(repeating: 0, count: n)

        var path = RecordedPath(capacity: pathCapacity)
        var status = Status.maxSteps
        var steps = 0
        var f = Double.nan
        var norm = Double.nan
        let tolerance = rule.tolerance
        var beta1Power = 1.0
        var beta2Power = 1.0
        var initialNorm = Double.nan
        var risingSteps = 0
        var lastF = Double.nan

        func row(_ k: Int) -> RecordedPath.Row {
            .init(step: k, x: Array(UnsafeBufferPointer(start: x, count: n)), f: f, gradientNorm: norm)
        }

        var k = 0
        while true {
            evaluator.run(x, out)
            f = out[0]
            var squares = 0.0
            var finite = f.isFinite
            for i in 0..<n {
                let g = out[i + 1]
                squares += g * g
                finite = finite && g.isFinite && x[i].isFinite
            }
            norm = squares.squareRoot()
            if path.wants(k) { path.record(row(k)) }
            steps = k
            if !finite || !norm.isFinite {
                status = .diverged
                break
            }
            if k == 0 { initialNorm = norm }
            risingSteps = f > lastF ? risingSteps + 1 : 0
            lastF = f
            if risingSteps >= Optimizer.risingLimit && norm > Optimizer.growthLimit * initialNorm {
                status = .diverged
                break
            }
            if norm < tolerance {
                status = .converged
                break
            }
            if k >= maximumSteps {
                status = .maxSteps
                break
            }
            if k % checkInterval == 0 && k > 0 {
                if shouldStop() {
                    status = .interrupted
                    break
                }
                progress?(k, f)
            }
            for i in 0..<n { previous[i] = x[i] }
            switch method {
            case .gd:
                for i in 0..<n { x[i] -= step * out[i + 1] }
            case .momentum(let beta):
                for i in 0..<n {
                    velocity[i] = beta * velocity[i] + out[i + 1]
                    x[i] -= step * velocity[i]
                }
            case .nesterov(let beta):
                for i in 0..<n {
                    let g = out[i + 1]
                    velocity[i] = beta * velocity[i] + g
                    x[i] -= step * (g + beta * velocity[i])
                }
            case .adam(let beta1, let beta2, let epsilon):
                beta1Power *= beta1
                beta2Power *= beta2
                for i in 0..<n {
                    let g = out[i + 1]
                    velocity[i] = beta1 * velocity[i] + (1 - beta1) * g
                    second[i] = beta2 * second[i] + (1 - beta2) * g * g
                    let mHat = velocity[i] / (1 - beta1Power)
                    let sHat = second[i] / (1 - beta2Power)
                    x[i] -= step * mHat / (sHat.squareRoot() + epsilon)
                }
            }
            k += 1
        }

        path.finish(with: row(steps))
        var finalPoint = Array(UnsafeBufferPointer(start: x, count: n))
        if status == .diverged && !(f.isFinite && norm.isFinite && finalPoint.allSatisfy(\.isFinite)) && steps > 0 {
            // Report the last point that was still finite; the path shows the blow-up.
            finalPoint = Array(UnsafeBufferPointer(start: previous, count: n))
            evaluator.run(previous, out)
            f = out[0]
            norm = (1...n).reduce(0.0) { $0 + out[$1] * out[$1] }.squareRoot()
        }
        return Run(method: method, stepSize: step, rule: rule, start: start, x: finalPoint, f: f,
                   gradientNorm: norm, steps: steps, status: status, path: path)
    }
}
