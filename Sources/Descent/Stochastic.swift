import Calculus

/// Mini-batch stochastic descent on a function that averages over the rows
/// of one table: each step's gradient is taken over `size` distinct rows
/// drawn at random, the same rows for the same seed.
///
///     descend(loss, from: (0, 0), step: 0.05, batch: 32, seed: 7)
///
/// The f recorded at each step is the loss on that step's batch, so a plot
/// of the run shows the noise the batches bring. Whether the run has
/// converged is read from the gradient over the whole table, once per pass
/// over the data (every rows/size steps), since one batch's gradient is
/// never zero at the minimum.
package struct Batch: Hashable, Sendable {
    package var size: Int
    package var seed: UInt64
    /// The rows of the table the function averages over.
    package var rows: Int

    package init(size: Int, seed: UInt64, rows: Int) {
        self.size = size
        self.seed = seed
        self.rows = rows
    }

    /// Steps in one pass over the data.
    package var stepsPerPass: Int { (rows + size - 1) / size }
}

enum Stochastic {
    /// Fills `rows` with distinct rows drawn at random: the first entries of
    /// `order` (a permutation of every row) reshuffled by a partial
    /// Fisher–Yates shuffle, so each row is equally likely.
    static func draw(_ rows: inout [Int], from order: inout [Int], _ random: inout SplitMix64) {
        for i in rows.indices {
            let j = i + Int(random.next() % UInt64(order.count - i))
            order.swapAt(i, j)
            rows[i] = order[i]
        }
    }

    static func run(_ request: RunRequest, batch: Batch, shouldStop: () -> Bool,
                    progress: ((_ steps: Int, _ f: Double) -> Void)?) -> Run {
        let (objective, start, step, method, rule) = (request.objective, request.start, request.step, request.method, request.rule)
        let n = start.count
        let evaluator = Program.Evaluator(objective.value)
        var path = RecordedPath(capacity: request.pathCapacity)
        let memory = UnsafeMutablePointer<Double>.allocate(capacity: 5 * n + 1)
        memory.initialize(repeating: 0, count: 5 * n + 1)
        defer { memory.deallocate() }
        let x = memory, previous = memory + n, velocity = memory + 2 * n, second = memory + 3 * n, gradient = memory + 4 * n
        x.update(from: start, count: n)
        previous.update(from: start, count: n)
        var outputs = [Double](repeating: 0, count: n + 1)
        var random = SplitMix64(seed: batch.seed)
        // A permutation of the rows, partly reshuffled for each batch: its first
        // `size` entries are then distinct rows, uniformly drawn.
        var order = Array(0..<batch.rows)
        var rows = [Int](repeating: 0, count: batch.size)
        var update = AnyUpdate(method: method, step: step, velocity: velocity, second: second)
        var k = 0
        var status = Status.maxSteps
        var f = Double.nan, norm = Double.nan
        let point = { Array(UnsafeBufferPointer(start: x, count: n)) }

        /// f and the gradient over every row, into `outputs`.
        func whole() {
            evaluator.useRows(nil)
            evaluator.run(point(), into: &outputs)
            evaluator.useRows(rows)
        }
        while true {
            draw(&rows, from: &order, &random)
            evaluator.useRows(rows)
            evaluator.run(point(), into: &outputs)
            f = outputs[0]
            for i in 0..<n { gradient[i] = outputs[i + 1] }
            norm = Length.of(UnsafeBufferPointer(start: gradient, count: n))
            if path.wants(k) {
                path.record(.init(step: k, x: point(), f: f, gradientNorm: norm, gradient: Array(outputs.dropFirst())))
            }
            if !(f.isFinite && norm.isFinite && Optimizer.Loop.allFinite(x, n)) {
                status = .diverged
                break
            }
            // Once per pass over the data, the whole table says whether this is the bottom.
            if k % batch.stepsPerPass == 0 {
                whole()
                let full = Length.of(Array(outputs.dropFirst()))
                if full < rule.tolerance || full == 0 {
                    status = .converged
                    break
                }
            }
            if k >= rule.maximumSteps { break }
            if k > 0, k % Optimizer.checkInterval == 0 {
                if shouldStop() {
                    status = .interrupted
                    break
                }
                progress?(k, f)
            }
            update.apply(x: x, previous: previous, gradient: gradient, n: n)
            k += 1
        }
        // The end is told on the whole table: its f and gradient, not one batch's.
        if status == .diverged, k > 0, !Optimizer.Loop.allFinite(x, n) {
            k -= 1
            x.update(from: previous, count: n)
        }
        whole()
        let end = point()
        let fullGradient = Array(outputs.dropFirst())
        path.finish(with: .init(step: k, x: end, f: outputs[0], gradientNorm: Length.of(fullGradient), gradient: fullGradient))
        let kind = status == .converged ? FlatSpot(of: objective, at: end) : nil
        var run = Run(method: method, stepSize: step, rule: rule, start: start, x: end, f: outputs[0], gradient: fullGradient,
                      gradientNorm: Length.of(fullGradient), steps: k, status: status, kind: kind, overshot: false, path: path)
        run.batch = batch
        return run
    }
}

/// The update of any of the fast methods, chosen at run time (a stochastic
/// step costs a batch's evaluation, so the choice is not worth specialising).
private struct AnyUpdate {
    var gd: GradientStep?
    var momentum: MomentumStep?
    var adam: AdamStep?

    init(method: Method, step: Double, velocity: UnsafeMutablePointer<Double>, second: UnsafeMutablePointer<Double>) {
        switch method {
        case .momentum(let beta): momentum = MomentumStep(step: step, beta: beta, velocity: velocity, nesterov: false)
        case .nesterov(let beta): momentum = MomentumStep(step: step, beta: beta, velocity: velocity, nesterov: true)
        case .adam(let beta1, let beta2, let epsilon):
            adam = AdamStep(step: step, beta1: beta1, beta2: beta2, epsilon: epsilon, first: velocity, second: second)
        default: gd = GradientStep(step: step)
        }
    }

    mutating func apply(x: UnsafeMutablePointer<Double>, previous: UnsafeMutablePointer<Double>,
                        gradient: UnsafeMutablePointer<Double>, n: Int) {
        if let gd { gd.apply(x: x, previous: previous, gradient: gradient, n: n) }
        else if let momentum { momentum.apply(x: x, previous: previous, gradient: gradient, n: n) }
        else { adam!.apply(x: x, previous: previous, gradient: gradient, n: n) }
    }
}

/// A small random generator with a seed, so that a seed gives the same
/// batches on every machine and in every version (the standard library's
/// generator has no seed). The property tests draw from it too.
package struct SplitMix64: RandomNumberGenerator {
    package var state: UInt64
    package init(seed: UInt64) { state = seed }
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
