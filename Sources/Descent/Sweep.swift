import Calculus
import Foundation

/// One descent per step size, from the same start, run in parallel across
/// the cores. Each run is exactly what `Optimizer.descend` gives alone.
///
///     Sweep.run(objective, from: [-4], steps: [0.01, 0.1, 0.5, 1.1])
///       → four runs: max-steps, converged, converged, diverged
public enum Sweep {
    public static func run(
        _ objective: Objective,
        from start: [Double],
        steps: [Double],
        method: Method = .gd,
        rule: StoppingRule = StoppingRule(),
        shouldStop: @escaping @Sendable () -> Bool = { false }
    ) -> [Run] {
        let results = ResultSlots(count: steps.count)
        DispatchQueue.concurrentPerform(iterations: steps.count) { i in
            let run = Optimizer.descend(objective, from: start, step: steps[i], method: method, rule: rule,
                                        shouldStop: shouldStop)
            results.store(run, at: i)
        }
        return results.collected()
    }
}

/// Where parallel runs leave their results; each slot is written by one
/// iteration only, and read after all have finished.
private final class ResultSlots: @unchecked Sendable {
    private var slots: [Run?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ run: Run, at index: Int) {
        lock.withLock { slots[index] = run }
    }

    func collected() -> [Run] {
        lock.withLock { slots.map { $0! } }
    }
}
