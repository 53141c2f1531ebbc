import Foundation
import Testing
import Calculus
import Language
@testable import Descent

/// Compiles a formula over the given variables into an objective.
func objective(_ source: String, _ variables: [String] = ["x"]) throws -> Objective {
    try Objective(expression: try Formula.parse(source, variables: variables), variables: variables)
}

@Suite struct OptimizerTests {
    @Test func theTutorialConvergesAfter72Steps() throws {
        let run = Optimizer.descend(try objective("x^2 + 2"), from: [-4], step: 0.1)
        #expect(run.status == .converged)
        #expect(run.steps == 72)
        // x_k = -4 * 0.8^k exactly as gradient descent computes it.
        #expect(Swift.abs(run.x[0] - (-4 * pow(0.8, 72))) < 1e-15)
        try #require(run.path.rows.count == 73)
        #expect(run.path.rows[1].x == [-3.2])
        #expect(Swift.abs(run.path.rows[2].x[0] - -2.56) < 1e-15)
        #expect(run.path.rows[0].f == 18)
        #expect(run.path.rows[0].gradientNorm == 8)
    }

    @Test(arguments: [
        // method, first two iterates from -4 on x^2 + 2 with step 0.1, worked by hand
        (Method.gd, -3.2, -2.56),
        // v1 = -8, x1 = -4 + 0.8; v2 = 0.9(-8) - 6.4 = -13.6, x2 = -3.2 + 1.36
        (Method.momentum(beta: 0.9), -3.2, -1.84),
        // v1 = -8, x1 = -4 - 0.1(-8 + 0.9(-8)) = -2.48; g1 = -4.96, v2 = -7.2 - 4.96 = -12.16,
        // x2 = -2.48 - 0.1(-4.96 + 0.9(-12.16)) = -2.48 + 1.5904 = -0.8896
        (Method.nesterov(beta: 0.9), -2.48, -0.8896),
    ])
    func eachMethodMatchesIteratesWorkedByHand(method: Method, x1: Double, x2: Double) throws {
        let run = Optimizer.descend(try objective("x^2 + 2"), from: [-4], step: 0.1, method: method,
                                    rule: StoppingRule(tolerance: 1e-6, maximumSteps: 2))
        #expect(run.status == .maxSteps)
        #expect(run.steps == 2)
        #expect(Swift.abs(run.path.rows[1].x[0] - x1) < 1e-12)
        #expect(Swift.abs(run.path.rows[2].x[0] - x2) < 1e-12)
    }

    @Test func adamTakesSteps() throws {
        // t = 1: m = -0.8, s = 0.064, m̂ = -8, ŝ = 64, x1 = -4 + 0.1 * 8/(8 + 1e-8).
        let run = Optimizer.descend(try objective("x^2 + 2"), from: [-4], step: 0.1,
                                    method: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
                                    rule: StoppingRule(tolerance: 0, maximumSteps: 2))
        #expect(Swift.abs(run.path.rows[1].x[0] - (-4 + 0.1 * 8 / (8 + 1e-8))) < 1e-15)
        // t = 2: g = 2(-3.9) = -7.8; m = 0.9(-0.8) + 0.1(-7.8) = -1.5; s = 0.999(0.064) + 0.001(60.84).
        let x1 = -4 + 0.1 * 8 / (8 + 1e-8)
        let g = 2 * x1
        let m = 0.9 * -0.8 + 0.1 * g
        let s = 0.999 * 0.064 + 0.001 * g * g
        let x2 = x1 - 0.1 * (m / (1 - 0.81)) / ((s / (1 - 0.998001)).squareRoot() + 1e-8)
        #expect(Swift.abs(run.path.rows[2].x[0] - x2) < 1e-12)
    }

    @Test(arguments: [
        ("Booth", "(x + 2y - 7)^2 + (2x + y - 5)^2", [0.0, 0.0], [1.0, 3.0], 0.05, Method.gd, 10_000),
        ("Matyas", "0.26(x^2 + y^2) - 0.48x*y", [3.0, -2.0], [0.0, 0.0], 1.0, Method.gd, 100_000),
        ("three-hump camel", "2x^2 - 1.05x^4 + x^6/6 + x*y + y^2", [0.5, -0.5], [0.0, 0.0], 0.05, Method.gd, 100_000),
        ("Himmelblau", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", [1.0, 1.0], [3.0, 2.0], 0.01, Method.gd, 100_000),
        ("Rosenbrock", "(1 - x)^2 + 100(y - x^2)^2", [-1.2, 1.0], [1.0, 1.0], 0.001, Method.momentum(beta: 0.9), 200_000),
        ("Rosenbrock with adam", "(1 - x)^2 + 100(y - x^2)^2", [-1.2, 1.0], [1.0, 1.0], 0.01, Method.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), 200_000),
    ])
    func standardTestFunctionsReachTheirKnownMinimum(name: String, source: String, start: [Double], minimum: [Double],
                                                      step: Double, method: Method, steps: Int) throws {
        let run = Optimizer.descend(try objective(source, ["x", "y"]), from: start, step: step, method: method,
                                    rule: StoppingRule(tolerance: 1e-7, maximumSteps: steps))
        let summary = run.summary
        #expect(run.status == .converged, "\(name): \(summary)")
        for (found, known) in zip(run.x, minimum) {
            #expect(Swift.abs(found - known) < 1e-4, "\(name): \(run.x)")
        }
    }

    @Test func aStepThatLeavesTheDoublesEndsTheRunAtThePointBefore() throws {
        let run = Optimizer.descend(try objective("x^2 + 2"), from: [-4], step: 1e308)
        #expect(run.status == .diverged)
        // The first update overflows x, so the run ends at the start, after no updates.
        #expect(run.x == [-4] && run.steps == 0 && run.f == 18)
        #expect(run.path.rows.last?.step == 0)
        #expect(run.summary.contains("the next step made x infinite"))
        #expect(run.hint?.contains("too large") == true)
    }

    @Test func aRunWhoseValuesOverflowReportsThePointWhereTheyDid() throws {
        // x⁴ from 10 with step 1: x = 10, -3990, 2.5e11, -6.6e34, 1.1e105, where f overflows.
        let run = Optimizer.descend(try objective("x^4"), from: [10], step: 1)
        #expect(run.status == .diverged)
        #expect(run.steps == 4)
        #expect(Swift.abs(run.x[0] / 1.12992e105 - 1) < 1e-5)
        #expect(run.f == .infinity)
        #expect(run.path.rows.last?.x == run.x)
    }

    /// f is checked only at recorded steps in a long run; a run that ends
    /// because f stopped being a number is run again to find the very step.
    @Test func aLongRunStopsAtTheStepWhereFStoppedBeingANumber() throws {
        // x + sqrt(x)^2 is 2x for x ≥ 0: from 8.197 with step 0.001 the run
        // loses 0.002 a step and reaches -0.001, outside sqrt's domain, at step 4099.
        let run = Optimizer.descend(try objective("x + sqrt(x)^2"), from: [8.197], step: 0.001,
                                    rule: StoppingRule(tolerance: 1e-6, maximumSteps: 10_000))
        #expect(run.status == .diverged)
        #expect(run.steps == 4099)
        #expect(Swift.abs(run.x[0] + 0.001) < 1e-9)
        #expect(run.path.rows.last?.step == 4099)
        #expect(run.hint?.contains("domain") == true)
    }

    /// For every method the run stops at the first step where f overflows:
    /// the same run told to stop one step earlier still has a finite f.
    @Test(arguments: [Method.gd, .momentum(beta: 0.9), .nesterov(beta: 0.9), .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)])
    func aDivergingRunStopsAtTheFirstStepWhereFOverflows(method: Method) throws {
        // Adam moves about one step size a step whatever the gradient (and
        // stalls once the gradient's square overflows), so it gets a huge step on a slope.
        let isAdam = method.name == "adam"
        let f = try objective(isAdam ? "-2x" : "-x^2")
        let step = isAdam ? 1e306 : 0.01
        let run = Optimizer.descend(f, from: [1], step: step, method: method,
                                    rule: StoppingRule(tolerance: 1e-6, maximumSteps: 10_000_000))
        #expect(run.status == .diverged)
        #expect(run.f == -.infinity)
        #expect(run.hint?.contains("no minimum") == true)
        let before = Optimizer.descend(f, from: [1], step: step, method: method,
                                       rule: StoppingRule(tolerance: 1e-6, maximumSteps: run.steps - 1))
        #expect(before.status == .maxSteps)
        #expect(before.f.isFinite)
    }

    /// Diverged means a value became infinite or NaN. A run that climbs for
    /// its 1000 steps stays finite: it reaches the limit, and the hint says why.
    @Test func aClimbingRunThatStaysFiniteReachesTheLimitAndIsToldTheStepIsTooLarge() throws {
        let run = Optimizer.descend(try objective("x^2 + 2"), from: [-4], step: 1.1)
        #expect(run.status == .maxSteps)
        #expect(run.steps == 1000)
        #expect(run.grew)
        // x = -4 · (-1.2)^1000
        #expect(Swift.abs(run.x[0] / (-4 * pow(1.2, 1000)) - 1) < 1e-9)
        #expect(run.hint?.contains("too large") == true)
    }

    /// Leaving a maximum, the gradient grows a millionfold before it shrinks:
    /// that is no divergence.
    @Test func aRunLeavingAMaximumConverges() throws {
        let run = Optimizer.descend(try objective("1000 cos(x)"), from: [1e-8], step: 0.0001)
        #expect(run.status == .converged)
        #expect(Swift.abs(run.x[0] - Double.pi) < 1e-6)
    }

    @Test func aGradientBeyondTheSquareOfDoublesStillHasALength() throws {
        let run = Optimizer.descend(try objective("1e160 x"), from: [1], step: 1e-170, rule: StoppingRule(tolerance: 1e-6, maximumSteps: 3))
        #expect(run.status == .maxSteps)
        #expect(run.gradientNorm == 1e160)
        #expect(Swift.abs(Length.of([3e200, 4e200]) / 5e200 - 1) < 1e-15)
        #expect(Length.of([3, 4]) == 5)
        #expect(Length.of([.infinity, 1]) == .infinity)
        #expect(Length.of([.nan, 1]).isNaN)
        // and none below the square root of the smallest double
        #expect(Swift.abs(Length.of([3e-200, 4e-200]) / 5e-200 - 1) < 1e-15)
        #expect(Length.of([1e-160, 0]) == 1e-160)
        #expect(Length.of([0, 0]) == 0)
        let tiny = Optimizer.descend(try objective("1e-300 x^2"), from: [1], step: 0.1,
                                     rule: StoppingRule(tolerance: 1e-305, maximumSteps: 2))
        #expect(tiny.status == .maxSteps)
    }

    @Test(arguments: [
        // bouncing: the last step passes the minimum
        ("x^2", 0.999, "bounce"),
        // creeping: too small a step for the limit
        ("x^2", 0.0001, "allow more steps"),
        // no minimum: f falls ever faster, without overflowing in 1000 steps
        ("-x^2", 0.1, "no minimum"),
    ])
    func theLimitHintFitsHowTheRunWent(source: String, step: Double, expected: String) throws {
        let run = Optimizer.descend(try objective(source), from: [3], step: step)
        #expect(run.status == .maxSteps)
        #expect(run.hint?.contains(expected) == true, "\(run.hint ?? "")")
    }

    @Test(arguments: [
        ("x^2", 3.0, 1.0, 1000, "bounce from one side of the minimum"),
        ("-x^2", 1.0, 0.1, 1000, "it may have no minimum"),
        ("sqrt(x)", 0.0, 0.1, 1000, "the gradient is not finite at the start"),
        ("ln(x)", -1.0, 0.1, 1000, "the function is not defined at the start"),
        ("x^2", 1.0, 1.5, 1000, "too large for this function"),
        ("x^4", 1.0, 0.1, 1000, "allow more steps"),
        ("ln(1 + x^2)", 10.0, 1.0, 5000, "bounce from one side of the minimum"),
        ("x^2", -4.0, 1.1, 1000, "f grew from 16"),
    ])
    func hintsFitHowTheRunWent(source: String, start: Double, step: Double, max: Int, expected: String) throws {
        let run = Optimizer.descend(try objective(source), from: [start], step: step,
                                    rule: StoppingRule(tolerance: 1e-6, maximumSteps: max))
        #expect(run.hint?.contains(expected) == true, "\(run.summary) \(run.hint ?? "")")
    }

    @Test func aStartOutsideTheDomainDivergesAtOnce() throws {
        let run = Optimizer.descend(try objective("ln(x)"), from: [-1], step: 0.1)
        #expect(run.status == .diverged)
        #expect(run.steps == 0)
        #expect(run.hint?.contains("start") == true)
    }

    @Test(arguments: [0, 1, 7, 1000])
    func maxIsRespected(limit: Int) throws {
        let run = Optimizer.descend(try objective("x^2 + 2"), from: [-4], step: 0.0001,
                                    rule: StoppingRule(tolerance: 1e-6, maximumSteps: limit))
        #expect(run.status == .maxSteps)
        #expect(run.steps == limit)
        #expect(run.path.rows.last?.step == limit)
    }

    @Test func aStopRequestInterruptsAndKeepsThePartialRun() throws {
        let counter = Counter()
        let run = Optimizer.descend(try objective("x^2"), from: [1], step: 1e-9,
                                    rule: StoppingRule(tolerance: 0, maximumSteps: 10_000_000),
                                    shouldStop: { counter.increment() >= 3 })
        #expect(run.status == .interrupted)
        #expect(run.steps == 3 * Optimizer.checkInterval)
        #expect(run.x[0] < 1)
    }

    @Test func aVeryLongRunKeepsBoundedMemory() throws {
        let before = try residentMegabytes()
        let run = Optimizer.descend(try objective("x"), from: [0], step: 1e-6,
                                    rule: StoppingRule(tolerance: 0, maximumSteps: 20_000_000))
        #expect(run.steps == 20_000_000)
        #expect(run.path.rows.count <= run.path.capacity + 1)
        #expect(run.path.rows.first?.step == 0)
        #expect(run.path.rows.last?.step == 20_000_000)
        #expect(run.path.isThinned)
        // Every step kept would take over a gigabyte; the margin is for the other tests running in this
        // process at the same time (under AddressSanitizer their freed memory is held back a while).
        #expect(try residentMegabytes() - before < 300)
    }

    @Test func thinningKeepsEvenlySpacedSteps() {
        var path = RecordedPath(capacity: 4)
        for step in 0...9 {
            if path.wants(step) { path.record(.init(step: step, x: [Double(step)], f: 0, gradientNorm: 0)) }
        }
        path.finish(with: .init(step: 9, x: [9], f: 0, gradientNorm: 0))
        let steps = path.rows.map { $0.step }
        #expect(steps == [0, 4, 8, 9])
    }

    @Test func sweepResultsEqualSeparateRuns() throws {
        let f = try objective("x^2 + 2")
        let steps = [0.001, 0.1, 0.5, 1.1]
        let runs = Sweep.run(RunRequest(f, from: [-4], step: steps[0]), steps: steps)
        let stepSizes = runs.map { $0.stepSize }
        #expect(stepSizes == steps)
        for (run, step) in zip(runs, steps) {
            let alone = Optimizer.descend(f, from: [-4], step: step)
            #expect(run == alone)
        }
        let statuses = runs.map { $0.status }
        #expect(statuses == [.maxSteps, .converged, .converged, .maxSteps])
    }

    @Test func everyRunOfASweepFollowsTheStoppingRule() throws {
        let f = try objective("x^2 + 2")
        let rule = StoppingRule(tolerance: 1e-2, maximumSteps: 30)
        let runs = Sweep.run(RunRequest(f, from: [-4], step: 0.1, rule: rule), steps: [0.01, 0.1, 0.4])
        for run in runs {
            #expect(run == Optimizer.descend(f, from: [-4], step: run.stepSize, rule: rule))
            #expect(run.steps <= 30)
        }
        #expect(runs.map(\.status) == [.maxSteps, .converged, .converged])
    }
}

final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func increment() -> Int { lock.withLock { value += 1; return value } }
}

/// The process's resident memory now, from /proc (Linux). A test that
/// cannot read it fails rather than comparing zeros.
func residentMegabytes() throws -> Double {
    let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
    let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") })
    let kilobytes = try #require(line.split { $0 == " " || $0 == "\t" }.dropFirst().first.flatMap { Double($0) })
    #expect(kilobytes > 0)
    return kilobytes / 1024
}

/// Runs far past the recorded rows and the 1,024-step checks, where the
/// inner loop tests the stopping rule on its own: each must stop at the very
/// step a plain loop over the same arithmetic stops.
@Suite struct LongRunTests {
    /// Gradient descent or heavy-ball momentum as a person would write it:
    /// stop when the gradient's length is below `tol`, else update.
    static func reference(gradient: ([Double]) -> [Double], from start: [Double], step: Double,
                          beta: Double?, tol: Double, max: Int) -> (steps: Int, x: [Double]) {
        var x = start
        var velocity = [Double](repeating: 0, count: start.count)
        var k = 0
        while k < max {
            let g = gradient(x)
            var squares = 0.0
            for value in g { squares += value * value }
            if squares.squareRoot() < tol { break }
            for i in x.indices {
                if let beta {
                    velocity[i] = beta * velocity[i] + g[i]
                    x[i] -= step * velocity[i]
                } else {
                    x[i] -= step * g[i]
                }
            }
            k += 1
        }
        return (k, x)
    }

    @Test func gradientDescentOnXSquaredStopsAtTheExactStep() throws {
        let run = Optimizer.descend(try objective("x^2"), from: [1], step: 1e-4,
                                    rule: StoppingRule(tolerance: 1e-6, maximumSteps: 1_000_000))
        let expected = Self.reference(gradient: { [2 * $0[0]] }, from: [1], step: 1e-4, beta: nil, tol: 1e-6, max: 1_000_000)
        #expect(expected.steps == 72_537)
        #expect(run.status == .converged)
        #expect(run.steps == expected.steps)
        #expect(run.x == expected.x)
    }

    @Test func gradientDescentInTwoDimensionsStopsAtTheExactStep() throws {
        let run = Optimizer.descend(try objective("x^2 + 10y^2", ["x", "y"]), from: [1, -1], step: 1e-4,
                                    rule: StoppingRule(tolerance: 1e-5, maximumSteps: 1_000_000))
        let expected = Self.reference(gradient: { [2 * $0[0], 20 * $0[1]] }, from: [1, -1], step: 1e-4,
                                      beta: nil, tol: 1e-5, max: 1_000_000)
        #expect(expected.steps > 4096)
        #expect(run.status == .converged)
        #expect(run.steps == expected.steps)
        #expect(run.x == expected.x)
    }

    /// Three variables take the general loop, not the unrolled ones for one and two.
    @Test func gradientDescentInThreeDimensionsStopsAtTheExactStep() throws {
        let run = Optimizer.descend(try objective("x^2 + 10y^2 + 3z^2", ["x", "y", "z"]), from: [1, -1, 0.5], step: 1e-4,
                                    rule: StoppingRule(tolerance: 1e-5, maximumSteps: 1_000_000))
        let expected = Self.reference(gradient: { [2 * $0[0], 20 * $0[1], 6 * $0[2]] }, from: [1, -1, 0.5], step: 1e-4,
                                      beta: nil, tol: 1e-5, max: 1_000_000)
        #expect(expected.steps > 4096)
        #expect(run.status == .converged)
        #expect(run.steps == expected.steps)
        #expect(run.x == expected.x)
    }

    @Test func momentumStopsAtTheExactStep() throws {
        let run = Optimizer.descend(try objective("x^2"), from: [1], step: 1e-6, method: .momentum(beta: 0.9),
                                    rule: StoppingRule(tolerance: 1e-6, maximumSteps: 1_000_000))
        let expected = Self.reference(gradient: { [2 * $0[0]] }, from: [1], step: 1e-6, beta: 0.9, tol: 1e-6, max: 1_000_000)
        #expect(expected.steps > 4096)
        #expect(run.status == .converged)
        #expect(run.steps == expected.steps)
        #expect(run.x == expected.x)
    }

    @Test func aRunThatReachesMaxStepsStopsThereExactly() throws {
        let run = Optimizer.descend(try objective("x^2"), from: [1], step: 1e-4,
                                    rule: StoppingRule(tolerance: 1e-6, maximumSteps: 50_001))
        let expected = Self.reference(gradient: { [2 * $0[0]] }, from: [1], step: 1e-4, beta: nil, tol: 1e-6, max: 50_001)
        #expect(run.status == .maxSteps)
        #expect(run.steps == 50_001)
        #expect(run.x == expected.x)
    }
}

/// The curvature at a point, and what kind of flat spot a run stopped on.
@Suite struct CurvatureTests {
    @Test(arguments: [
        ([[2.0, 0], [0, 20]], [2.0, 20]),
        ([[2.0, 1], [1, 2]], [1.0, 3]),
        ([[4.0, 1, 0], [1, 3, 1], [0, 1, 2]], [3 - 3.0.squareRoot(), 3, 3 + 3.0.squareRoot()]),
        ([[-1.0]], [-1.0]),
    ])
    func eigenvaluesOfSymmetricMatrices(matrix: [[Double]], expected: [Double]) {
        let found = Curvature.eigenvalues(ofSymmetric: matrix)
        #expect(found.count == expected.count)
        for (a, b) in zip(found, expected) { #expect(Swift.abs(a - b) < 1e-12, "\(found)") }
    }

    /// Each difference moves one coordinate and leaves the others where they were.
    @Test func theHessianOfACubicIsItsSecondDerivativesAtThePoint() throws {
        let hessian = Curvature.hessian(of: try objective("x^3 + x*y^2 + y^3", ["x", "y"]), at: [2, 1])
        let expected = [[12.0, 2], [2, 10]]
        for i in 0..<2 {
            for j in 0..<2 { #expect(Swift.abs(hessian[i][j] - expected[i][j]) < 1e-7, "\(hessian)") }
        }
    }

    @Test func theHessianOfAQuadraticIsItsConstantMatrix() throws {
        let hessian = Curvature.hessian(of: try objective("x^2 + 3x*y + 10y^2", ["x", "y"]), at: [7, -3])
        let expected = [[2.0, 3], [3, 20]]
        for i in 0..<2 {
            for j in 0..<2 { #expect(Swift.abs(hessian[i][j] - expected[i][j]) < 1e-8, "\(hessian)") }
        }
    }

    @Test(arguments: [
        ("x^2", [0.0], FlatSpot.minimum), ("-x^2", [0.0], .maximum), ("x^3", [0.0], .flat),
        ("x^2 - y^2", [0.0, 0.0], .saddle), ("x^2 + y^2", [0.0, 0.0], .minimum), ("-(x^2) - y^2", [0.0, 0.0], .maximum),
        ("x^2 + y^3", [0.0, 0.0], .flat),
    ])
    func theKindOfAFlatSpot(source: String, at point: [Double], kind: FlatSpot) throws {
        let variables = point.count == 1 ? ["x"] : ["x", "y"]
        #expect(FlatSpot(of: try objective(source, variables), at: point) == kind)
    }

    @Test func aRunStartedOnAMaximumSaysSoAndIsNoSuccess() throws {
        let run = Optimizer.descend(try objective("-x^2"), from: [0], step: 0.1)
        #expect(run.status == .converged && run.steps == 0)
        #expect(run.kind == .maximum)
        #expect(run.summary.contains("at a maximum, not a minimum"))
        #expect(run.hint?.contains("start a little away from this point, as from: 0.1") == true)
        // Following the hint reaches no minimum on -x^2 either: the run says so, not that it converged.
        let moved = Optimizer.descend(try objective("-x^2"), from: [0.1], step: 0.1)
        #expect(moved.status != .converged)
    }

    @Test func aFixedPointStopsAtOnceWhateverTheTolerance() throws {
        let run = Optimizer.descend(try objective("x^2 + 2"), from: [0], step: 0.1,
                                    rule: StoppingRule(tolerance: 0, maximumSteps: 1000))
        #expect(run.status == .converged)
        #expect(run.steps == 0)
        #expect(run.kind == .minimum)
        #expect(run.summary == "converged after 0 steps (the gradient is zero there) at a minimum")
    }

    @Test func aStopThatOnlyLooksLikeAMinimumIsFlat() throws {
        // x^3 curves up just right of 0, where a run stops, but falls beyond: no minimum.
        let run = Optimizer.descend(try objective("x^3"), from: [1], step: 0.1,
                                    rule: StoppingRule(tolerance: 1e-6, maximumSteps: 1_000_000))
        #expect(run.status == .converged)
        #expect(run.kind == .flat)
    }

    @Test(arguments: [("10000000x^2 + y^2", [1.0, 1.0], 1e-7), ("0.0000001x^2 + y^2", [1.0, 1.0], 1.0)])
    func bowlsOfVeryDifferentCurvaturesAreMinima(source: String, start: [Double], step: Double) throws {
        #expect(FlatSpot(eigenvalues: [2, 2e7]) == .minimum)
        #expect(FlatSpot(eigenvalues: [2e-7, 2]) == .minimum)
        let objective = try Objective(expression: try Formula.parse(source, variables: ["x", "y"]), variables: ["x", "y"], withHessian: true)
        let run = Optimizer.descend(objective, from: start, step: 1, method: .newton)
        #expect(run.status == .converged)
        #expect(run.kind == .minimum)
    }

    @Test func aRunThatIsNotConvergedHasNoKind() throws {
        let run = Optimizer.descend(try objective("x^2"), from: [3], step: 0.0001)
        #expect(run.status == .maxSteps)
        #expect(run.kind == nil)
    }
}

/// A run whose step failed suggests one that works from the same start,
/// read from the curvature; following the hint must converge.
@Suite struct StepAdviceTests {
    @Test(arguments: [
        ("x^2 + 2", [-4.0], 25.0, 0.5),
        ("100x^2", [1.0], 0.1, 0.005),
        ("x^2 + 2", [-4.0], 1e308, 0.5),
        ("x^2 + 2", [-4.0], 1.1, 0.5),
        ("(w - 3)^2 + 10(b + 1)^2", [0.0, 0.0], 0.2, 0.05),
    ])
    func aFailedStepSuggestsOneFromTheCurvature(source: String, start: [Double], step: Double, suggested: Double) throws {
        let variables = start.count == 1 ? ["x"] : ["w", "b"]
        let f = try objective(source, variables)
        let run = Optimizer.descend(f, from: start, step: step)
        #expect(run.status != .converged)
        let found = try #require(run.suggestedStep)
        #expect(Swift.abs(found.step - suggested) <= 1e-9 * suggested, "\(found)")
        #expect(found.converges)
        #expect(run.hint?.contains("converges from this start") == true, "\(run.hint ?? "")")
        #expect(Optimizer.descend(f, from: start, step: found.step).status == .converged)
    }

    @Test(arguments: [
        ("ln(1 + x^2)", 10.0, 1.0, 5000),
        ("x^4", 2.0, 0.5, 1000),
        ("exp(x) + exp(-x)", 3.0, 2.0, 1000),
        ("sqrt(1 + x^2)", 5.0, 3.0, 1000),
    ])
    func everySuggestionConvergesWhenFollowed(source: String, start: Double, step: Double, max: Int) throws {
        let f = try objective(source)
        let rule = StoppingRule(tolerance: 1e-6, maximumSteps: max)
        let run = Optimizer.descend(f, from: [start], step: step, rule: rule)
        #expect(run.status != .converged)
        let found = try #require(run.suggestedStep, "\(run.summary) \(run.hint ?? "")")
        let followed = Optimizer.descend(f, from: [start], step: found.step, rule: rule)
        // What the hint promised: it converges, or it settles without climbing or bouncing.
        if found.converges {
            #expect(followed.status == .converged, "\(followed.summary)")
        } else {
            #expect(followed.status == .maxSteps && !followed.grew && !followed.overshot, "\(followed.summary)")
        }
    }

    @Test func aSuggestionThatOnlySettlesSaysSo() throws {
        let run = Optimizer.descend(try objective("x^4"), from: [3], step: 1)
        let found = try #require(run.suggestedStep)
        #expect(!found.converges)
        #expect(run.hint?.contains("step: \(NumberFormat.significant(found.step, 6)) settles from this start without bouncing") == true, "\(run.hint ?? "")")
    }

    @Test func aStraightLineIsToldItHasNoMinimum() throws {
        let run = Optimizer.descend(try objective("2x"), from: [0], step: 0.1)
        #expect(run.status == .maxSteps)
        #expect(run.hint?.contains("no minimum") == true, "\(run.hint ?? "")")
        #expect(run.hint?.contains("larger steps") == false)
    }

    @Test func aCurvatureReadingAgreesWithTheExactOne() throws {
        #expect(Swift.abs(StepAdvice.curvature(try objective("100x^2"), at: [0.3]) - 200) < 1e-6)
        #expect(Swift.abs(StepAdvice.curvature(try objective("x^2 + 10y^2", ["x", "y"]), at: [1, 2]) - 20) < 1e-7)
    }
}

/// The line search and Newton's method, iterate by iterate against plain references.
@Suite struct CarefulMethodTests {
    /// Armijo backtracking as a person would write it.
    static func lineSearchReference(f: ([Double]) -> Double, gradient: ([Double]) -> [Double], from start: [Double],
                                    step: Double, steps: Int) -> [[Double]] {
        var x = start, path = [start]
        for _ in 0..<steps {
            let g = gradient(x)
            let squared = g.reduce(0) { $0 + $1 * $1 }
            if squared.squareRoot() < 1e-6 { break }
            var a = step, halvings = 0
            while halvings < 60, !(f(zip(x, g).map { $0 - a * $1 }) <= f(x) - 1e-4 * a * squared) {
                a /= 2
                halvings += 1
            }
            x = zip(x, g).map { $0 - a * $1 }
            path.append(x)
        }
        return path
    }

    private func agree(_ run: Run, _ reference: [[Double]]) {
        #expect(run.path.rows.count == reference.count, "\(run.path.rows.count) rows, \(reference.count) expected")
        for (row, point) in zip(run.path.rows, reference) {
            for (a, b) in zip(row.x, point) {
                #expect(Swift.abs(a - b) <= 1e-9 * Swift.max(1, Swift.abs(b)), "step \(row.step): \(row.x) against \(point)")
            }
        }
    }

    @Test func theLineSearchMatchesAPlainOneStepByStep() throws {
        let f: ([Double]) -> Double = { $0[0] * $0[0] * $0[0] * $0[0] - 3 * $0[0] * $0[0] + $0[0] }
        let g: ([Double]) -> [Double] = { [4 * $0[0] * $0[0] * $0[0] - 6 * $0[0] + 1] }
        let run = Optimizer.descend(try objective("x^4 - 3x^2 + x"), from: [2], step: 1, method: .linesearch)
        #expect(run.status == .converged)
        agree(run, Self.lineSearchReference(f: f, gradient: g, from: [2], step: 1, steps: 1000))
        #expect(run.path.rows.first?.halvings ?? 0 > 0)
    }

    /// The worked step of :help methods: from -4 on x^2, a = 1 lands on 4, where f is 16,
    /// no lower than at -4, so it is not enough; a = 0.5 lands on the minimum.
    @Test func theLineSearchAsksForEnoughDecreaseNotJustNoIncrease() throws {
        let run = Optimizer.descend(try objective("x^2"), from: [-4], step: 1, method: .linesearch)
        #expect(run.status == .converged && run.steps == 1)
        #expect(run.path.rows.first?.stepUsed == 0.5)
        #expect(run.path.rows.first?.halvings == 1)
        #expect(run.x == [0])
    }

    /// The condition is tested as SPEC writes it, f(x - a g) <= f(x) - 1e-4 a |g|^2,
    /// in doubles: on x^2 + 1e10 the fall rounds away between ±0.01, and
    /// f(x) less 4e-8 is f(x) itself, so the whole step is taken.
    @Test func theConditionIsTestedAsWritten() throws {
        let run = Optimizer.descend(try objective("x^2 + 10000000000"), from: [0.01], step: 1, method: .linesearch,
                                    rule: StoppingRule(tolerance: 1e-6, maximumSteps: 2))
        let first = try #require(run.path.rows.first)
        #expect(first.stepUsed == 1 && first.halvings == 0)
    }

    @Test func aHugeStepIsHalvedUntilItWorksAndNeverClimbs() throws {
        let run = Optimizer.descend(try objective("x^2"), from: [1], step: 1e30, method: .linesearch)
        #expect(run.status == .converged)
        let values = run.path.rows.map(\.f)
        #expect(zip(values, values.dropFirst()).allSatisfy { $1 <= $0 })
    }

    @Test func theLineSearchInTwoVariables() throws {
        let f: ([Double]) -> Double = { ($0[0] - 3) * ($0[0] - 3) + 10 * ($0[1] + 1) * ($0[1] + 1) }
        let g: ([Double]) -> [Double] = { [2 * ($0[0] - 3), 20 * ($0[1] + 1)] }
        let run = Optimizer.descend(try objective("(w - 3)^2 + 10(b + 1)^2", ["w", "b"]), from: [0, 0], step: 1,
                                    method: .linesearch)
        #expect(run.status == .converged)
        agree(run, Self.lineSearchReference(f: f, gradient: g, from: [0, 0], step: 1, steps: 1000))
    }

    @Test func newtonMatchesAPlainOneStepByStep() throws {
        // exp(x) - 2x: f' = exp(x) - 2, f'' = exp(x) > 0; the minimum is at ln 2.
        var x = 3.0, reference = [[x]]
        while Swift.abs(exp(x) - 2) >= 1e-6 {
            x -= (exp(x) - 2) / exp(x)
            reference.append([x])
        }
        let objective = try Objective(expression: try Formula.parse("exp(x) - 2x"), variables: ["x"], withHessian: true)
        let run = Optimizer.descend(objective, from: [3], step: 1, method: .newton)
        #expect(run.status == .converged)
        agree(run, reference)
        #expect(Swift.abs(run.x[0] - log(2)) < 1e-6)
    }

    @Test func newtonInTwoVariablesSolvesWithTheHessian() throws {
        // x^4 + x*y + y^2: gradient (4x^3 + y, x + 2y), Hessian [[12x^2, 1], [1, 2]].
        var p = [1.0, 1.0], reference = [p]
        for _ in 0..<50 {
            let g = [4 * p[0] * p[0] * p[0] + p[1], p[0] + 2 * p[1]]
            if (g[0] * g[0] + g[1] * g[1]).squareRoot() < 1e-6 { break }
            let (a, b, d) = (12 * p[0] * p[0], 1.0, 2.0)
            let determinant = a * d - b * b
            p = [p[0] - (d * g[0] - b * g[1]) / determinant, p[1] - (a * g[1] - b * g[0]) / determinant]
            reference.append(p)
        }
        let objective = try Objective(expression: try Formula.parse("x^4 + x*y + y^2", variables: ["x", "y"]),
                                      variables: ["x", "y"], withHessian: true)
        let run = Optimizer.descend(objective, from: [1, 1], step: 1, method: .newton)
        #expect(run.status == .converged)
        agree(run, reference)
    }

    /// step: scales Newton's update (x - step f'/f''), in one variable and in two.
    @Test(arguments: [0.5, 0.25, 1.5])
    func newtonTakesAFractionOfItsStepWhenAsked(step: Double) throws {
        var x = 3.0, reference = [[x]]
        while Swift.abs(exp(x) - 2) >= 1e-6 && reference.count <= 1000 {
            x -= step * (exp(x) - 2) / exp(x)
            reference.append([x])
        }
        let one = try Objective(expression: try Formula.parse("exp(x) - 2x"), variables: ["x"], withHessian: true)
        let run = Optimizer.descend(one, from: [3], step: step, method: .newton)
        #expect(run.status == .converged)
        agree(run, reference)

        // (w - 3)^2 + 10(b + 1)^2: the Newton direction is (w - 3, b + 1) exactly,
        // so each step closes the fraction `step` of the distance to (3, -1).
        let two = try Objective(expression: try Formula.parse("(w - 3)^2 + 10(b + 1)^2", variables: ["w", "b"]),
                                variables: ["w", "b"], withHessian: true)
        let plane = Optimizer.descend(two, from: [0, 0], step: step, method: .newton,
                                      rule: StoppingRule(tolerance: 0, maximumSteps: 2))
        try #require(plane.path.rows.count == 3)
        for k in 1...2 {
            let left = pow(1 - step, Double(k))
            #expect(Swift.abs(plane.path.rows[k].x[0] - (3 - 3 * left)) < 1e-12, "step \(k): \(plane.path.rows[k].x)")
            #expect(Swift.abs(plane.path.rows[k].x[1] - (-1 + left)) < 1e-12, "step \(k): \(plane.path.rows[k].x)")
        }
    }

    @Test(arguments: [("(x - 3)^2 + 1", ["x"], [10.0]), ("(w - 3)^2 + 10(b + 1)^2", ["w", "b"], [0.0, 0.0])])
    func newtonReachesAQuadraticsMinimumInOneStep(source: String, variables: [String], start: [Double]) throws {
        let objective = try Objective(expression: try Formula.parse(source, variables: variables), variables: variables, withHessian: true)
        let run = Optimizer.descend(objective, from: start, step: 1, method: .newton)
        #expect(run.status == .converged && run.steps == 1)
    }

    @Test func whereTheCurvatureIsNotPositiveNewtonTakesAGradientStepAndSaysSo() throws {
        let objective = try Objective(expression: try Formula.parse("x^4 - 3x^2 + x"), variables: ["x"], withHessian: true)
        let run = Optimizer.descend(objective, from: [0.1], step: 1, method: .newton)
        #expect(run.status == .converged)
        #expect(run.path.rows.first?.gradientStepInstead == true)
        #expect(run.path.rows.first.map { Swift.abs($0.x[0] - 0.1) < 1e-15 } == true)
        // The gradient step from 0.1 moves by f'(0.1) = 0.404 exactly.
        #expect(Swift.abs((run.path.rows.dropFirst().first?.x[0] ?? 0) - (0.1 - 0.404)) < 1e-12)
        #expect(run.gradientSteps == 2)
        #expect(run.hint?.contains("gradient step") == true)
    }
}

/// Many starts, and the minima they reach.
@Suite struct SweepOverStartsTests {
    @Test func eachStartRunsAsItWouldAlone() throws {
        let f = try objective("x^4 - 3x^2 + x")
        let starts: [[Double]] = [[-3], [-1], [0], [1], [3]]
        let runs = Sweep.run(RunRequest(f, from: [], step: 0.05), starts: starts)
        for (run, start) in zip(runs, starts) { #expect(run == Optimizer.descend(f, from: start, step: 0.05)) }
    }

    @Test func endsCloseTogetherAreOneMinimumAndTheLowestIsGlobal() throws {
        let f = try objective("x^4 - 3x^2 + x")
        let runs = Sweep.run(RunRequest(f, from: [], step: 0.05), starts: [[-3], [-1], [0], [1], [3]])
        let minima = Minimum.found(in: runs)
        try #require(minima.count == 2)
        #expect(Swift.abs(minima[0].x[0] - -1.30084) < 1e-4 && minima[0].isGlobal && minima[0].count == 3)
        #expect(Swift.abs(minima[1].x[0] - 1.1309) < 1e-4 && !minima[1].isGlobal && minima[1].count == 2)
    }

    @Test func himmelblausFourMinimaAreEachReachedFromTheirQuarter() throws {
        let h = try objective("(x^2 + y - 11)^2 + (x + y^2 - 7)^2", ["x", "y"])
        let starts: [[Double]] = [[4, 4], [2, 2], [-4, 4], [-2, 2], [-4, -4], [-3, -3], [4, -4], [3, -1]]
        let minima = Minimum.found(in: Sweep.run(RunRequest(h, from: [], step: 0.01), starts: starts))
        try #require(minima.count == 4)
        let known: [[Double]] = [[3, 2], [-2.805118, 3.131312], [-3.779310, -3.283186], [3.584428, -1.848126]]
        for point in known {
            let minimum = try #require(minima.first { Length.of(zip($0.x, point).map { $0 - $1 }) < 1e-4 }, "\(point)")
            #expect(minimum.count == 2 && minimum.isGlobal && Swift.abs(minimum.f) < 1e-9)
        }
    }

    @Test func minimaOfEqualDepthAreAllGlobalAndMaximaAreNone() throws {
        let g = try objective("(x^2 - 1)^2 + y^2", ["x", "y"])
        let runs = Sweep.run(RunRequest(g, from: [], step: 0.05), starts: [[-2, 1], [2, 1], [0, 0]])
        try #require(runs.count > 2)
        let minima = Minimum.found(in: runs)
        #expect(minima.count == 2)
        #expect(minima.allSatisfy { $0.isGlobal })
        #expect(runs[2].kind == .saddle)
    }
}
