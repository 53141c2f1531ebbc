import Calculus
import Foundation

/// One descent per step size, from the same start, run in parallel across
/// the cores. Each run is exactly what `Optimizer.descend` gives alone.
///
///     Sweep.run(RunRequest(objective, from: [-4], step: 0.1), steps: [0.01, 0.1, 0.5, 1.1])
///       → four runs: max-steps, converged, converged, diverged
package enum Sweep {
    package static func run(_ request: RunRequest, steps: [Double],
                            shouldStop: @escaping @Sendable () -> Bool = { false }) -> [Run] {
        inParallel(steps.count) { i in Optimizer.descend(request.stepping(steps[i]), shouldStop: shouldStop) }
    }

    /// One descent per start, with the request's step, in parallel.
    ///
    ///     Sweep.run(request, starts: [[-3], [-1], [1], [3]])
    package static func run(_ request: RunRequest, starts: [[Double]],
                            shouldStop: @escaping @Sendable () -> Bool = { false }) -> [Run] {
        inParallel(starts.count) { i in Optimizer.descend(request.starting(at: starts[i]), shouldStop: shouldStop) }
    }

    /// `count` runs across the cores, in order.
    private static func inParallel(_ count: Int, _ run: @Sendable (Int) -> Run) -> [Run] {
        let results = ResultSlots(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in results.store(run(i), at: i) }
        return results.collected()
    }
}

/// A minimum that runs reached: where, how low, from how many starts, and
/// whether it is the lowest of those found.
///
///     x^4 - 3x^2 + x from -3, -1, 1, 3:   x = -1.30 (f = -3.51, 2 starts, global), x = 1.13 (f = -1.07, 2 starts)
package struct Minimum: Hashable, Sendable {
    package var x: [Double]
    package var f: Double
    package var count: Int
    package var isGlobal: Bool

    /// Ends closer than this are one minimum.
    package static let sameWithin = 1e-3

    /// The distinct minima that converged runs stopped on, lowest first.
    /// Runs that stopped on a maximum, a saddle or a flat spot, or did not
    /// converge, reach no minimum. Minima whose f ties the lowest (within
    /// 1e-9 relative) are all global.
    package static func found(in runs: [Run]) -> [Minimum] {
        grouped(runs.filter { $0.status == .converged && $0.kind == .minimum }.map { ($0.x, $0.f) }).minima
    }

    /// Ends that are minima, grouped: the distinct minima, lowest first, and
    /// for each end the index of its minimum among them.
    /// Whether two points are within `sameWithin`, without making the
    /// difference as an array: a basin map groups thousands of ends, after
    /// its cores have finished, on one.
    static func closerThanSame(_ a: [Double], _ b: [Double]) -> Bool {
        var squares = 0.0
        for i in a.indices {
            let d = a[i] - b[i]
            squares += d * d
        }
        return squares < sameWithin * sameWithin
    }

    package static func grouped(_ ends: [(x: [Double], f: Double)]) -> (minima: [Minimum], which: [Int]) {
        var minima: [Minimum] = []
        var which: [Int] = []
        which.reserveCapacity(ends.count)
        for end in ends {
            if let index = minima.firstIndex(where: { Minimum.closerThanSame($0.x, end.x) }) {
                minima[index].count += 1
                // The lowest end stands for the minimum.
                if end.f < minima[index].f { (minima[index].x, minima[index].f) = (end.x, end.f) }
                which.append(index)
            } else {
                which.append(minima.count)
                minima.append(Minimum(x: end.x, f: end.f, count: 1, isGlobal: false))
            }
        }
        // Lowest first, and each end told where its minimum moved to.
        let order = minima.indices.sorted { minima[$0].f < minima[$1].f }
        var moved = [Int](repeating: 0, count: minima.count)
        for (newIndex, oldIndex) in order.enumerated() { moved[oldIndex] = newIndex }
        minima = order.map { minima[$0] }
        which = which.map { moved[$0] }
        if let lowest = minima.first?.f {
            for i in minima.indices {
                minima[i].isGlobal = Swift.abs(minima[i].f - lowest) <= 1e-9 * Swift.max(1, Swift.abs(lowest))
            }
        }
        return (minima, which)
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
