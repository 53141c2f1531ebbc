import Foundation
import Testing
import Calculus
@testable import Descent

@Suite struct BasinsTests {
    static let himmelblau = "(x^2 + y - 11)^2 + (x + y^2 - 7)^2"

    @Test func himmelblausFourMinimaAreFoundWithTheirValues() throws {
        let g = try objective(BasinsTests.himmelblau, ["x", "y"])
        let map = try Basins.map(RunRequest(g, from: [], step: 0.01), grid: [Basins.Axis(-5, 5, count: 24), Basins.Axis(-5, 5, count: 24)])
        // The four known minima, each with f = 0.
        let known: [[Double]] = [[3, 2], [-2.805118, 3.131312], [-3.779310, -3.283186], [3.584428, -1.848126]]
        try #require(map.minima.count == 4)
        for point in known {
            let minimum = try #require(map.minima.first { Length.of(zip($0.x, point).map { $0 - $1 }) < 1e-4 })
            #expect(Swift.abs(minimum.f) < 1e-9)
            #expect(minimum.isGlobal)
            #expect(minimum.count > 24 * 24 / 8, "each minimum draws a fair share of the box")
        }
        #expect(map.minima.map(\.count).reduce(0, +) == 24 * 24)
    }

    /// The map, cell by cell, says what a single run from that cell's start does.
    // x^4 - 3x^2 - x: the first minimum found, on the left, is not the lowest, so the minima are reordered.
    @Test(arguments: [("x^4 - 3x^2 + x", 1, 0.01), ("x^4 - 3x^2 - x", 1, 0.01), ("(x^2 - 1)^2 + y^2", 2, 0.05), ("x^4 - 3x^2 + x", 1, 0.7)])
    func everyCellIsWhereASingleRunFromItEnds(source: String, dimension: Int, step: Double) throws {
        let variables = Array(["x", "y"].prefix(dimension))
        let f = try objective(source, variables)
        let axes = Array([Basins.Axis(-3, 3, count: 9), Basins.Axis(-2, 2, count: 5)].prefix(dimension))
        try #require(axes.count == dimension)
        let map = try Basins.map(RunRequest(f, from: [], step: step), grid: axes)
        for row in 0..<map.rows {
            for column in 0..<map.columns {
                var start = [axes[0].point(column)]
                if dimension == 2 { start.append(axes[1].point(row)) }
                let run = Optimizer.descend(f, from: start, step: step)
                switch map.end(column: column, row: row) {
                case .minimum(let index):
                    #expect(run.status == .converged && run.kind == .minimum)
                    #expect(Length.of(zip(map.minima[index].x, run.x).map { $0 - $1 }) < Minimum.sameWithin)
                case .diverged: #expect(run.status == .diverged)
                case .unfinished: #expect(run.status == .maxSteps)
                case .elsewhere: #expect(run.status == .converged && run.kind != .minimum)
                }
            }
        }
    }

    @Test func theGridsPointsAreTheCentresOfEqualCells() {
        let axis = Basins.Axis(-3, 3, count: 3)
        #expect((0..<3).map(axis.point) == [-2, 0, 2])
    }

    @Test func aStepTooLargeShowsDivergedStartsAndThoseThatHitTheLimit() throws {
        let f = try objective("x^4 - 3x^2 + x")
        let map = try Basins.map(RunRequest(f, from: [], step: 0.2), grid: [Basins.Axis(-3, 3, count: 30)])
        #expect(map.share { $0 == .diverged } > 0.3, "far starts overshoot out of the doubles")
        let slow = try Basins.map(RunRequest(f, from: [], step: 0.0001, rule: StoppingRule(maximumSteps: 10)), grid: [Basins.Axis(-3, 3, count: 30)])
        #expect(slow.share { $0 == .unfinished } == 1)
    }

    @Test func aStartOnAMaximumIsNotCountedAsAMinimum() throws {
        // The grid's middle point is x = 0, where -x^2 + x^4 has a maximum.
        let f = try objective("x^4 - x^2")
        let map = try Basins.map(RunRequest(f, from: [], step: 0.01), grid: [Basins.Axis(-2, 2, count: 5)])
        #expect(map.end(column: 2, row: 0) == .elsewhere)
        #expect(map.minima.count == 2 && map.minima.allSatisfy(\.isGlobal))
    }

    @Test func oneWorkerAndTwoDrawTheSameMap() throws {
        let g = try objective(BasinsTests.himmelblau, ["x", "y"])
        let axes = [Basins.Axis(-5, 5, count: 20), Basins.Axis(-5, 5, count: 10)]
        let one = try Basins.map(RunRequest(g, from: [], step: 0.01), grid: axes, workers: 1)
        let two = try Basins.map(RunRequest(g, from: [], step: 0.01), grid: axes, workers: 2)
        #expect(one.ends == two.ends)
        #expect(one.minima == two.minima)
    }

    @Test func progressCountsEveryStartAndAStopRequestEndsTheMap() throws {
        let f = try objective("x^4 - 3x^2 + x")
        let counter = ProgressLog()
        _ = try Basins.map(RunRequest(f, from: [], step: 0.01), grid: [Basins.Axis(-3, 3, count: 10), ],
                           progress: { done, total in counter.add(done, total) })
        #expect(counter.last == (10, 10))
        // Each start is counted as it ends, not each row of the grid: a row can be a thousand starts.
        let grid = ProgressLog()
        let g2 = try objective(BasinsTests.himmelblau, ["x", "y"])
        _ = try Basins.map(RunRequest(g2, from: [], step: 0.01), grid: [Basins.Axis(-5, 5, count: 4), Basins.Axis(-5, 5, count: 3)],
                           progress: { done, total in grid.add(done, total) })
        #expect(grid.every == Set(1...12) && grid.last == (12, 12), "\(grid.every.sorted())")
        let g = try objective(BasinsTests.himmelblau, ["x", "y"])
        #expect(throws: Basins.Interrupted.self) {
            try Basins.map(RunRequest(g, from: [], step: 0.01), grid: [Basins.Axis(-5, 5, count: 10), Basins.Axis(-5, 5, count: 10)],
                           shouldStop: { true })
        }
    }
}

private final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: (Int, Int) = (0, 0)
    private var counts: Set<Int> = []
    func add(_ done: Int, _ total: Int) {
        lock.withLock {
            seen = (Swift.max(seen.0, done), total)
            counts.insert(done)
        }
    }
    var last: (Int, Int) { lock.withLock { seen } }
    var every: Set<Int> { lock.withLock { counts } }
}

@Suite struct StochasticTests {
    @Test func aBatchIsDistinctRowsEachEquallyLikely() {
        var order = Array(0..<12)
        var rows = [Int](repeating: 0, count: 10)
        var random = SplitMix64(seed: 3)
        var seen = [Int](repeating: 0, count: 12)
        for _ in 0..<6000 {
            Stochastic.draw(&rows, from: &order, &random)
            #expect(Set(rows).count == 10)
            for row in rows { seen[row] += 1 }
        }
        // Each row is in 10 of 12 batches: 5000 of 6000, give or take the draw.
        #expect(seen.allSatisfy { abs($0 - 5000) < 150 }, "\(seen)")
    }
}
