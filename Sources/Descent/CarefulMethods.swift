import Calculus

/// The methods that look before they step: a backtracking line search,
/// which tries f along the gradient, and Newton's method, which reads the
/// curvature. Each update costs more than a gradient step (f several times,
/// or the Hessian), so they run in a plain loop of their own that evaluates
/// f and the gradient at every step, rather than in the gradient-only fast
/// loop of `Optimizer`.
///
///     linesearch on x^2 from -4, step 1:   a = 1 fails (f(4) = 16 is not below 16 − 1e-4·64),
///                                          a = 0.5 lands on 0: one halving, then converged
///     newton on (x − 3)^2 + 1 from 10:     x − f'/f'' = 10 − 14/2 = 3, converged after 1 step
enum CarefulMethods {
    static func run(_ request: RunRequest, shouldStop: () -> Bool, progress: ((_ steps: Int, _ f: Double) -> Void)?) -> Run {
        let (objective, start, step, method, rule) = (request.objective, request.start, request.step, request.method, request.rule)
        let n = start.count
        var path = RecordedPath(capacity: request.pathCapacity)
        var x = start, previous = start
        var (f, gradient) = evaluate(objective, at: x)
        var k = 0
        var status = Status.maxSteps
        var fallbacks = 0
        var nextCheck = Optimizer.checkInterval
        loop: while true {
            let norm = Length.of(gradient)
            var row = RecordedPath.Row(step: k, x: x, f: f, gradientNorm: norm, gradient: gradient)
            if !(f.isFinite && norm.isFinite && x.allSatisfy(\.isFinite)) {
                status = .diverged
                path.finish(with: row)
                break
            }
            if norm < rule.tolerance || norm == 0 {
                status = .converged
                path.finish(with: row)
                break
            }
            if k >= rule.maximumSteps {
                path.finish(with: row)
                break
            }
            if k == nextCheck {
                nextCheck += Optimizer.checkInterval
                if shouldStop() {
                    status = .interrupted
                    path.finish(with: row)
                    break
                }
                progress?(k, f)
            }
            let next: [Double]
            switch method {
            case .newton:
                if let direction = newtonDirection(objective, at: x, gradient: gradient) {
                    next = zip(x, direction).map { $0 - step * $1 }
                } else {
                    next = zip(x, gradient).map { $0 - step * $1 }
                    row.gradientStepInstead = true
                    fallbacks += 1
                }
                row.stepUsed = step
            default:
                // Armijo backtracking, the condition as SPEC writes it: halve until
                // f(x - a g) <= f(x) - 1e-4 a |g|^2. Once the step is so small that
                // x - a g is x itself in doubles, no lower point can be told apart
                // from x: the run stops there, stalled, rather than halve a
                // thousand times a step.
                var a = step
                var candidate = zip(x, gradient).map { $0 - a * $1 }
                let squared = gradient.reduce(0) { $0 + $1 * $1 }
                while !(evaluate(objective, at: candidate).f <= f - Method.armijo * a * squared) {
                    a /= 2
                    row.halvings += 1
                    candidate = zip(x, gradient).map { $0 - a * $1 }
                    if candidate == x { break }
                }
                guard candidate != x else {
                    status = .stalled
                    path.finish(with: row)
                    break loop
                }
                next = candidate
                row.stepUsed = a
            }
            if path.wants(k) { path.record(row) }
            previous = x
            x = next
            k += 1
            (f, gradient) = evaluate(objective, at: x)
        }
        // A last step that left the doubles ends the run at the point before it.
        if status == .diverged && k > 0 && !x.allSatisfy(\.isFinite) {
            k -= 1
            x = previous
            (f, gradient) = evaluate(objective, at: x)
            path.finish(with: .init(step: k, x: x, f: f, gradientNorm: Length.of(gradient), gradient: gradient))
        }
        var along = 0.0
        for i in 0..<n { along += (x[i] - previous[i]) * gradient[i] }
        let kind = status == .converged ? FlatSpot(of: objective, at: x) : nil
        var run = Run(method: method, stepSize: step, rule: rule, start: start, x: x, f: f, gradient: gradient,
                      gradientNorm: Length.of(gradient), steps: k, status: status, kind: kind, overshot: k > 0 && along > 0, path: path)
        run.gradientSteps = fallbacks
        return run
    }

    /// f and its gradient at x.
    static func evaluate(_ objective: Objective, at x: [Double]) -> (f: Double, gradient: [Double]) {
        let outputs = objective.value.evaluate(x)
        return (outputs[0], Array(outputs.dropFirst()))
    }

    /// H⁻¹ g, by a Cholesky factorisation of the Hessian (the exact one when
    /// the objective carries it, else central differences of the gradient);
    /// nil where the Hessian is not positive definite, so that the step
    /// would not go downhill.
    static func newtonDirection(_ objective: Objective, at x: [Double], gradient: [Double]) -> [Double]? {
        let n = x.count
        let hessian: [[Double]]
        if let program = objective.hessian {
            let flat = program.evaluate(x)
            hessian = (0..<n).map { Array(flat[($0 * n)..<($0 * n + n)]) }
        } else {
            hessian = Curvature.hessian(of: objective, at: x)
        }
        // Cholesky: H = L Lᵀ, then solve L y = g and Lᵀ d = y.
        var lower = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in 0...i {
                var sum = hessian[i][j]
                for k in 0..<j { sum -= lower[i][k] * lower[j][k] }
                if i == j {
                    guard sum > 0, sum.isFinite else { return nil }
                    lower[i][i] = sum.squareRoot()
                } else {
                    lower[i][j] = sum / lower[j][j]
                }
            }
        }
        var y = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var sum = gradient[i]
            for k in 0..<i { sum -= lower[i][k] * y[k] }
            y[i] = sum / lower[i][i]
        }
        var d = [Double](repeating: 0, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) {
            var sum = y[i]
            for k in (i + 1)..<n { sum -= lower[k][i] * d[k] }
            d[i] = sum / lower[i][i]
        }
        return d
    }
}
