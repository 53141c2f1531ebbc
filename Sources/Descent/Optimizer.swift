import Calculus

/// Runs gradient descent: `new = old − step × gradient` (or a variant, see
/// `Method`) until the gradient is short, the step limit is reached, a value
/// stops being finite, or the caller asks to stop.
///
///     let run = Optimizer.descend(objective, from: [-4], step: 0.1)
///     run.status  // .converged
///     run.steps   // 72
///
/// Each step first evaluates the gradient at the current point; if its
/// length is below the tolerance the run has converged after the updates
/// made so far. f itself is evaluated only where it is recorded or checked
/// (the path's rows, every `checkInterval` steps, the end), so a step costs
/// what the gradient costs. Memory is bounded by the path's capacity,
/// whatever `maximumSteps` is.
package enum Optimizer {
    /// How often (in steps) `shouldStop` and `progress` are consulted.
    package static let checkInterval = 1024

    package static func descend(
        _ objective: Objective,
        from start: [Double],
        step: Double,
        method: Method = .gd,
        rule: StoppingRule = StoppingRule(),
        pathCapacity: Int = RecordedPath.defaultCapacity,
        batch: Batch? = nil,
        shouldStop: () -> Bool = { false },
        progress: ((_ steps: Int, _ f: Double) -> Void)? = nil
    ) -> Run {
        descend(RunRequest(objective, from: start, step: step, method: method, rule: rule, batch: batch, pathCapacity: pathCapacity),
                shouldStop: shouldStop, progress: progress)
    }

    /// The run the request asks for, with advice when its step failed.
    package static func descend(_ request: RunRequest, shouldStop: () -> Bool = { false },
                                progress: ((_ steps: Int, _ f: Double) -> Void)? = nil) -> Run {
        // Batches smaller than the table: stochastic. As large or larger: every row, the plain run.
        if let batch = request.batch, batch.size < batch.rows, request.method != .linesearch, request.method != .newton {
            return Stochastic.run(request, batch: batch, shouldStop: shouldStop, progress: progress)
        }
        var run = plainRun(request, shouldStop: shouldStop, progress: progress)
        // A run whose step failed is given one that works, read from the curvature and tried.
        if run.stepFailed {
            run.suggestedStep = StepAdvice.workingStep(for: run, on: request.objective, shouldStop: shouldStop)
        }
        if run.status == .maxSteps && !run.grew && !run.overshot {
            run.curvesNowhere = StepAdvice.curvesNowhere(request.objective, at: [request.start, run.x])
        }
        return run
    }

    /// Evaluators of one objective that runs may share instead of each
    /// making its own: a caller that runs many descents of it on one thread
    /// (a basin map, thousands of short runs) makes them once. Not for
    /// sharing between threads.
    final class Workspace {
        let gradient: Program.Evaluator
        let value: Program.Evaluator

        init(_ objective: Objective) {
            gradient = Program.Evaluator(objective.gradient)
            value = Program.Evaluator(objective.value)
        }
    }

    /// One run and nothing more: no advice, so that advice can try steps with it.
    static func plainRun(_ request: RunRequest, shouldStop: () -> Bool,
                         progress: ((_ steps: Int, _ f: Double) -> Void)? = nil, workspace: Workspace? = nil) -> Run {
        let (objective, start, step, method, rule) = (request.objective, request.start, request.step, request.method, request.rule)
        precondition(start.count == objective.dimension, "start has the objective's dimension")
        if method == .linesearch || method == .newton {
            return CarefulMethods.run(request, shouldStop: shouldStop, progress: progress)
        }
        var loop = Loop(objective: objective, start: start, rule: rule, pathCapacity: request.pathCapacity,
                        workspace: workspace ?? Workspace(objective))
        defer { loop.release() }
        let n = start.count
        drive(&loop, method: method, step: step, shouldStop: shouldStop, progress: progress)

        var steps = loop.k
        var finalPoint = Array(UnsafeBufferPointer(start: loop.x, count: n))
        var f = loop.f, norm = loop.norm
        var overshot = false
        if loop.status == .diverged && steps > 0 && !finalPoint.allSatisfy(\.isFinite) {
            // The last update left the doubles: the run ends at the point before it.
            steps -= 1
            finalPoint = Array(UnsafeBufferPointer(start: loop.previous, count: n))
            loop.valueEvaluator.run(loop.previous, loop.out)
            f = loop.out[0]
            norm = Length.of(UnsafeBufferPointer(start: loop.out + 1, count: n))
        } else if steps > 0 {
            // Whether the last step went past a minimum: the gradient where it
            // landed points back along the way it came.
            var along = 0.0
            for i in 0..<n { along += (loop.x[i] - loop.previous[i]) * loop.out[i + 1] }
            overshot = along > 0
        }
        // The signed gradient where the run ended, once (the loop keeps only what the next step needs).
        // The loop's own evaluator serves: x is no longer needed.
        var gradient = [Double](repeating: .nan, count: n)
        if finalPoint.allSatisfy(\.isFinite) { loop.evaluator.run(finalPoint, into: &gradient) }
        loop.path.finish(with: .init(step: steps, x: finalPoint, f: f, gradientNorm: norm, gradient: gradient))
        // A run that stopped on a flat spot says what kind: two gradients per
        // variable, once, whatever the run's length.
        let kind = loop.status == .converged
            ? FlatSpot(of: objective, at: finalPoint, gradient: loop.evaluator, value: loop.valueEvaluator) : nil
        return Run(method: method, stepSize: step, rule: rule, start: start, x: finalPoint, f: f,
                   gradient: gradient, gradientNorm: norm, steps: steps, status: loop.status, kind: kind,
                   overshot: overshot, path: loop.path)
    }

    /// Runs the loop with the method's update, one specialised loop per
    /// method so that the update is inlined into it.
    private static func drive(_ loop: inout Loop, method: Method, step: Double, shouldStop: () -> Bool,
                              progress: ((_ steps: Int, _ f: Double) -> Void)?) {
        switch method {
        case .gd:
            var update = GradientStep(step: step)
            loop.run(&update, shouldStop: shouldStop, progress: progress)
        case .momentum(let beta):
            var update = MomentumStep(step: step, beta: beta, velocity: loop.velocity, nesterov: false)
            loop.run(&update, shouldStop: shouldStop, progress: progress)
        case .nesterov(let beta):
            var update = MomentumStep(step: step, beta: beta, velocity: loop.velocity, nesterov: true)
            loop.run(&update, shouldStop: shouldStop, progress: progress)
        case .adam(let beta1, let beta2, let epsilon):
            var update = AdamStep(step: step, beta1: beta1, beta2: beta2, epsilon: epsilon,
                                  first: loop.velocity, second: loop.second)
            loop.run(&update, shouldStop: shouldStop, progress: progress)
        case .linesearch, .newton:
            preconditionFailure("\(method.name) runs in CarefulMethods")
        }
    }

    /// The state of one run and its step, shared by every method.
    ///
    /// Steps between two bookkeeping points (recording the path, asking
    /// whether to stop) run in a tight inner loop that only evaluates,
    /// tests and updates; the bookkeeping happens at those points alone.
    struct Loop {
        let evaluator: Program.Evaluator
        let valueEvaluator: Program.Evaluator
        let n: Int
        let allocation: UnsafeMutablePointer<Double>
        let memory: UnsafeMutablePointer<Double>
        let x: UnsafeMutablePointer<Double>
        let previous: UnsafeMutablePointer<Double>
        let out: UnsafeMutablePointer<Double>
        let velocity: UnsafeMutablePointer<Double>
        let second: UnsafeMutablePointer<Double>
        /// f and the gradient at a plain step, when a replay checks f there.
        let scratch: UnsafeMutablePointer<Double>
        /// x, previous, velocity and second as they were after the last
        /// bookkeeping step's update, to replay the plain steps from there.
        let checkpoint: UnsafeMutablePointer<Double>
        let tolerance: Double
        let maximumSteps: Int

        var path: RecordedPath
        /// Whether steps on the way are recorded (see `RunRequest.pathCapacity`).
        let recordsPath: Bool
        var status = Status.maxSteps
        var k = 0
        var f = Double.nan
        var norm = Double.nan

        init(objective: Objective, start: [Double], rule: StoppingRule, pathCapacity: Int, workspace: Workspace) {
            evaluator = workspace.gradient
            valueEvaluator = workspace.value
            n = start.count
            // The loop's memory starts half a page (in its page) from x, which lives in the
            // evaluator's registers: a load whose address matches an earlier store's in its
            // last 12 bits waits for that store, and the two blocks would otherwise meet so
            // by chance in some processes.
            let page = 512, count = 10 * n + 2
            allocation = .allocate(capacity: count + page)
            let here = Int(bitPattern: allocation) / 8 % page, there = Int(bitPattern: evaluator.inputs) / 8 % page
            memory = allocation + ((there + page / 2 - here) % page + page) % page
            memory.initialize(repeating: 0, count: count)
            scratch = memory + 5 * n + 1
            checkpoint = memory + 6 * n + 2
            // x is the gradient program's inputs, so a step copies nothing in.
            x = evaluator.inputs
            previous = memory + n
            out = memory + 2 * n
            velocity = memory + 3 * n + 1
            second = memory + 4 * n + 1
            x.update(from: start, count: n)
            previous.update(from: start, count: n)
            tolerance = rule.tolerance
            maximumSteps = max(0, rule.maximumSteps)
            path = RecordedPath(capacity: pathCapacity)
            recordsPath = pathCapacity > 0
        }

        func release() { allocation.deallocate() }

        func row(_ step: Int) -> RecordedPath.Row {
            .init(step: step, x: Array(UnsafeBufferPointer(start: x, count: n)), f: f, gradientNorm: norm,
                  gradient: Array(UnsafeBufferPointer(start: out + 1, count: n)))
        }

        /// Evaluates f and the gradient at x (into `out`), for the steps that
        /// record or check; plain steps evaluate the gradient alone, in `run`.
        @inline(__always)
        mutating func evaluateWithValue() {
            valueEvaluator.run(x, out)
            f = out[0]
            norm = Length.of(UnsafeBufferPointer(start: out + 1, count: n))
        }

        /// Whether the n values are all finite: v * 0 is 0 for a finite v and NaN otherwise.
        @inline(__always)
        static func allFinite(_ values: UnsafePointer<Double>, _ n: Int) -> Bool {
            var probe = 0.0
            for i in 0..<n { probe += values[i] * 0 }
            return probe == 0
        }

        /// Why to stop at a bookkeeping step, where f was evaluated too.
        @inline(__always)
        func verdict() -> Status? {
            if !(f.isFinite && norm.isFinite && Loop.allFinite(x, n)) { return .diverged }
            // A gradient of exactly zero is a fixed point: no step moves, whatever tol: is.
            if norm < tolerance || norm == 0 { return .converged }
            if k >= maximumSteps { return .maxSteps }
            return nil
        }

        mutating func run<U: UpdateRule>(_ update: inout U, shouldStop: () -> Bool,
                                         progress: ((_ steps: Int, _ f: Double) -> Void)?) {
            var nextRecord = recordsPath ? 0 : Int.max
            var nextCheck = Optimizer.checkInterval
            var saved = update
            var savedStep = -1
            while true {
                // A bookkeeping step: f too, for the record and the checks.
                evaluateWithValue()
                if k == nextRecord {
                    path.record(row(k))
                    nextRecord = path.nextWanted(after: k)
                }
                if let stop = verdict() {
                    status = stop
                    if stop == .diverged { findWhereItDiverged(&update, from: saved, at: savedStep) }
                    return
                }
                if k == nextCheck {
                    nextCheck += Optimizer.checkInterval
                    if shouldStop() {
                        status = .interrupted
                        return
                    }
                    progress?(k, f)
                }
                update.apply(x: x, previous: previous, gradient: out + 1, n: n)
                k += 1
                saveCheckpoint()
                saved = update
                savedStep = k
                // Plain steps up to the next bookkeeping one.
                if let stop = plainSteps(&update, until: min(nextRecord, nextCheck, maximumSteps)) {
                    // Stopping: evaluate f here too, so the record and the result have it.
                    evaluateWithValue()
                    status = f.isFinite ? stop : .diverged
                    if status == .diverged { findWhereItDiverged(&update, from: saved, at: savedStep) }
                    return
                }
            }
        }

        /// Steps up to `limit` that evaluate the gradient, test it, update x
        /// and test x, and nothing else; why the run stops, if it stops here.
        ///
        /// A function of its own, so that what a step uses (the program's
        /// pointers, n, the tolerance, k) stays in the processor's registers:
        /// inside `run`, among all the bookkeeping, the compiler kept them in
        /// memory and loaded them again at every step.
        @inline(never)
        mutating func plainSteps<U: UpdateRule>(_ update: inout U, until limit: Int) -> Status? {
            // A copy of the loop for each of the commonest dimensions, in
            // which every loop over the coordinates is unrolled.
            switch n {
            case 1: return plainSteps(&update, until: limit, n: 1)
            case 2: return plainSteps(&update, until: limit, n: 2)
            default: return plainSteps(&update, until: limit, n: n)
            }
        }

        @inline(always)
        private mutating func plainSteps<U: UpdateRule>(_ update: inout U, until limit: Int, n: Int) -> Status? {
            let kernel = evaluator.kernel
            let (x, previous, gradient, tolerance) = (x, previous, out + 1, tolerance)
            var k = self.k
            defer { self.k = k }
            while k < limit {
                kernel.run()
                var squares = 0.0
                for i in 0..<n {
                    let g = kernel.output(i)
                    gradient[i] = g
                    squares += g * g
                }
                let norm: Double
                if Length.isSafe(squares) {
                    norm = squares.squareRoot()
                } else {
                    norm = unusualLength(squares, of: gradient)
                    if !norm.isFinite { return .diverged }
                    if norm == 0 { return .converged }
                }
                if norm < tolerance { return .converged }
                update.apply(x: x, previous: previous, gradient: gradient, n: n)
                k &+= 1
                // A point that left the doubles is caught here, where it happens.
                if !Loop.allFinite(x, n) { return .diverged }
            }
            return nil
        }

        /// The gradient's length when its sum of squares is not safe to use:
        /// not finite (perhaps only on the way, see `WideNumber`: then the
        /// gradient is computed again), or so small that squares were lost.
        @inline(never)
        private func unusualLength(_ squares: Double, of gradient: UnsafeMutablePointer<Double>) -> Double {
            var squares = squares
            if !squares.isFinite, evaluator.recoverOverflow() {
                squares = 0
                for i in 0..<n {
                    gradient[i] = evaluator.output(i)
                    squares += gradient[i] * gradient[i]
                }
            }
            return Length.isSafe(squares) ? squares.squareRoot() : Length.scaled(UnsafeBufferPointer(start: gradient, count: n))
        }

        private func saveCheckpoint() {
            checkpoint.update(from: x, count: n)
            (checkpoint + n).update(from: previous, count: n)
            (checkpoint + 2 * n).update(from: velocity, count: n)
            (checkpoint + 3 * n).update(from: second, count: n)
        }

        /// A plain step computes the gradient but not f, so f may have become
        /// infinite or NaN some steps before the divergence was seen. The
        /// plain steps since the last bookkeeping one are replayed, the same
        /// updates from the same state, now checking f at each, to stop at the
        /// first step where a value is not finite.
        private mutating func findWhereItDiverged<U: UpdateRule>(_ update: inout U, from saved: U, at savedStep: Int) {
            guard savedStep >= 0, savedStep < k else { return }
            let seen = k
            x.update(from: checkpoint, count: n)
            previous.update(from: checkpoint + n, count: n)
            velocity.update(from: checkpoint + 2 * n, count: n)
            second.update(from: checkpoint + 3 * n, count: n)
            update = saved
            k = savedStep
            let gradient = out + 1
            while k < seen {
                evaluator.execute()
                evaluator.recoverOverflow()
                for i in 0..<n { gradient[i] = evaluator.output(i) }
                valueEvaluator.run(x, scratch)
                if !(scratch[0].isFinite && Loop.allFinite(gradient, n)) { break }   // f or the gradient is not finite here
                update.apply(x: x, previous: previous, gradient: gradient, n: n)
                k += 1
                if !Loop.allFinite(x, n) { break }
            }
            evaluateWithValue()
        }
    }
}

/// One method's update of x from the gradient.
protocol UpdateRule {
    mutating func apply(x: UnsafeMutablePointer<Double>, previous: UnsafeMutablePointer<Double>,
                        gradient: UnsafeMutablePointer<Double>, n: Int)
}

struct GradientStep: UpdateRule {
    let step: Double

    @inline(__always)
    func apply(x: UnsafeMutablePointer<Double>, previous: UnsafeMutablePointer<Double>,
               gradient: UnsafeMutablePointer<Double>, n: Int) {
        for i in 0..<n {
            previous[i] = x[i]
            x[i] -= step * gradient[i]
        }
    }
}

struct MomentumStep: UpdateRule {
    let step: Double
    let beta: Double
    let velocity: UnsafeMutablePointer<Double>
    let nesterov: Bool

    @inline(__always)
    func apply(x: UnsafeMutablePointer<Double>, previous: UnsafeMutablePointer<Double>,
               gradient: UnsafeMutablePointer<Double>, n: Int) {
        for i in 0..<n {
            previous[i] = x[i]
            let g = gradient[i]
            velocity[i] = beta * velocity[i] + g
            x[i] -= nesterov ? step * (g + beta * velocity[i]) : step * velocity[i]
        }
    }
}

struct AdamStep: UpdateRule {
    let step: Double
    let beta1: Double
    let beta2: Double
    let epsilon: Double
    let first: UnsafeMutablePointer<Double>
    let second: UnsafeMutablePointer<Double>
    var beta1Power = 1.0
    var beta2Power = 1.0

    init(step: Double, beta1: Double, beta2: Double, epsilon: Double,
         first: UnsafeMutablePointer<Double>, second: UnsafeMutablePointer<Double>) {
        self.step = step
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.first = first
        self.second = second
    }

    @inline(__always)
    mutating func apply(x: UnsafeMutablePointer<Double>, previous: UnsafeMutablePointer<Double>,
                        gradient: UnsafeMutablePointer<Double>, n: Int) {
        beta1Power *= beta1
        beta2Power *= beta2
        for i in 0..<n {
            previous[i] = x[i]
            let g = gradient[i]
            first[i] = beta1 * first[i] + (1 - beta1) * g
            second[i] = beta2 * second[i] + (1 - beta2) * g * g
            let mHat = first[i] / (1 - beta1Power)
            let sHat = second[i] / (1 - beta2Power)
            x[i] -= step * mHat / (sHat.squareRoot() + epsilon)
        }
    }
}
