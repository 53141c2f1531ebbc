import Calculus
import Foundation

/// Which minimum a descent reaches from each point of a grid: the basins of
/// attraction of f's minima, for the step and method given.
///
///     Basins.map(RunRequest(objective, from: [], step: 0.01), grid: [Basins.Axis(-3, 3, count: 60)])
///       x^4 - 3x^2 + x:  starts left of about 0.17 reach x = -1.30 (global), the rest x = 1.13
///
/// The starts are shared out between `workers` threads a row at a time, so
/// that a slow corner of the grid does not leave the other cores idle.
package enum Basins {
    /// One axis of the grid: `count` points at the centres of equal cells
    /// spanning `low...high`, so that no start sits on the box's edge.
    package struct Axis: Sendable, Hashable {
        package var low: Double
        package var high: Double
        package var count: Int

        package init(_ low: Double, _ high: Double, count: Int) {
            self.low = low
            self.high = high
            self.count = count
        }

        package func point(_ index: Int) -> Double {
            low + (high - low) * (Double(index) + 0.5) / Double(count)
        }
    }

    /// Where the run from one start ended.
    package enum End: Hashable, Sendable {
        /// On the minimum with this index in `Map.minima`.
        case minimum(Int)
        /// A value left the doubles.
        case diverged
        /// The step limit came first.
        case unfinished
        /// On a flat spot that is not a minimum: a maximum, a saddle or a flat stretch.
        case elsewhere
    }

    package struct Map: Sendable {
        /// The first axis runs across; a second, if any, runs up.
        package var axes: [Axis]
        /// One end per start, the first axis varying fastest: `ends[row * columns + column]`,
        /// row 0 at the second axis's low end.
        package var ends: [End]
        /// The minima reached, lowest first; `count` is how many starts reached each.
        package var minima: [Minimum]

        package var columns: Int { axes[0].count }
        package var rows: Int { axes.count > 1 ? axes[1].count : 1 }

        package func end(column: Int, row: Int) -> End { ends[row * columns + column] }

        /// The share of the starts (0…1) that ended so.
        package func share(_ predicate: (End) -> Bool) -> Double {
            ends.isEmpty ? 0 : Double(ends.lazy.filter(predicate).count) / Double(ends.count)
        }

        package func share(ofMinimum index: Int) -> Double {
            ends.isEmpty ? 0 : Double(minima[index].count) / Double(ends.count)
        }
    }

    /// Stopped by the caller before every start had run; `done` of `total` had.
    package struct Interrupted: Error, Sendable {
        package var done: Int
        package var total: Int
    }

    /// A descent from every point of the grid (one axis per variable), each
    /// the request from that point (the request's own start is not used).
    /// `progress` is told how many starts have finished, from any thread.
    package static func map(
        _ request: RunRequest,
        grid axes: [Axis],
        workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        shouldStop: @escaping @Sendable () -> Bool = { false },
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) throws(Interrupted) -> Map {
        let objective = request.objective
        precondition(axes.count == objective.dimension && (1...2).contains(axes.count), "one axis per variable, one or two")
        let columns = axes[0].count, rows = axes.count > 1 ? axes[1].count : 1
        let total = columns * rows
        let outcomes = Outcomes(count: total)
        let queue = RowQueue(rows: rows)
        DispatchQueue.concurrentPerform(iterations: Swift.max(1, Swift.min(workers, rows))) { _ in
            // Each worker its own copy of the objective's scratch memory; only the end
            // of each run matters, so no steps are recorded on the way.
            var each = request
            each.objective = objective.unshared()
            each.pathCapacity = 0
            // And its own evaluators, made once: a start's run is short, and making them was much of it.
            let workspace = Optimizer.Workspace(each.objective)
            let across = axes[0], up = axes.count > 1 ? axes[1] : nil
            while !shouldStop(), let row = queue.next() {
                var finished: [Outcome] = []
                finished.reserveCapacity(columns)
                for column in 0..<columns {
                    let start = up.map { [across.point(column), $0.point(row)] } ?? [across.point(column)]
                    let run = Optimizer.plainRun(each.starting(at: start), shouldStop: shouldStop, workspace: workspace)
                    if run.status == .interrupted { return }
                    finished.append(Outcome(x: run.x, f: run.f, status: run.status, kind: run.kind))
                    // Each start is counted as it ends, not each row: a row of a large grid is a thousand starts.
                    // With no one to tell, nothing is counted: the count is a lock both workers would share.
                    if let progress { progress(outcomes.count(), total) }
                }
                _ = outcomes.store(finished, at: row * columns)
            }
        }
        let results = outcomes.collected()
        guard results.count == total else { throw Interrupted(done: results.count, total: total) }

        var ends: [End] = []
        ends.reserveCapacity(total)
        var reached: [(x: [Double], f: Double)] = []
        var reachedIndex: [Int] = []
        for (i, outcome) in results.enumerated() {
            switch (outcome.status, outcome.kind) {
            case (.converged, .minimum?):
                reachedIndex.append(i)
                reached.append((outcome.x, outcome.f))
                ends.append(.minimum(-1))
            case (.converged, _): ends.append(.elsewhere)
            case (.diverged, _): ends.append(.diverged)
            default: ends.append(.unfinished)
            }
        }
        let (minima, which) = Minimum.grouped(reached)
        for (k, i) in reachedIndex.enumerated() { ends[i] = .minimum(which[k]) }
        return Map(axes: axes, ends: ends, minima: minima)
    }

    private struct Outcome: Sendable {
        var x: [Double]
        var f: Double
        var status: Status
        var kind: FlatSpot?
    }

    /// Hands out rows to workers, each once.
    private final class RowQueue: @unchecked Sendable {
        private var nextRow = 0
        private let rows: Int
        private let lock = NSLock()

        init(rows: Int) { self.rows = rows }

        func next() -> Int? {
            lock.withLock {
                guard nextRow < rows else { return nil }
                defer { nextRow += 1 }
                return nextRow
            }
        }
    }

    /// Where workers leave the ends of their rows; counts what has finished.
    private final class Outcomes: @unchecked Sendable {
        private var slots: [Outcome?]
        private var done = 0
        private var ended = 0
        private let lock = NSLock()

        /// Counts one more start that has ended, and returns how many have.
        func count() -> Int {
            lock.withLock {
                ended += 1
                return ended
            }
        }

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        /// Stores a row's outcomes from `offset` and returns how many starts are done.
        func store(_ row: [Outcome], at offset: Int) -> Int {
            lock.withLock {
                for (i, outcome) in row.enumerated() { slots[offset + i] = outcome }
                done += row.count
                return done
            }
        }

        /// Every outcome, or fewer if some row was never finished.
        func collected() -> [Outcome] {
            lock.withLock { slots.compactMap { $0 } }
        }
    }
}
