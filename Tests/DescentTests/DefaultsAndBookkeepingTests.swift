import Testing
@testable import Descent

/// A method named without its parameters gets the textbook defaults.
@Suite struct MethodDefaultTests {
    @Test func adamDefaultsToBeta1PointNineBeta2PointNineNineNineAndEpsOneInAHundredMillion() throws {
        #expect(Method(name: "adam") == .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8))
        // A parameter given replaces its default alone.
        #expect(Method(name: "adam", parameters: ["beta1": 0.8]) == .adam(beta1: 0.8, beta2: 0.999, epsilon: 1e-8))
    }

    @Test func momentumAndNesterovDefaultToBetaPointNine() {
        #expect(Method(name: "momentum") == .momentum(beta: 0.9))
        #expect(Method(name: "nesterov") == .nesterov(beta: 0.9))
        #expect(Method(name: "momentum", parameters: ["beta": 0.5]) == .momentum(beta: 0.5))
    }
}

/// Whether a run climbed: f ended above where it started, or stopped being a number.
@Suite struct GrewTests {
    private func run(from first: Double, to last: Double) -> Run {
        var path = RecordedPath(capacity: 8)
        path.record(.init(step: 0, x: [1], f: first, gradientNorm: 1))
        return Run(method: .gd, stepSize: 0.1, rule: StoppingRule(), start: [1], x: [2], f: last, gradient: [1],
                   gradientNorm: 1, steps: 3, status: .maxSteps, kind: nil, overshot: false, path: path)
    }

    @Test func fAboveItsStartIsGrowth() {
        #expect(run(from: 1, to: 2).grew)
        #expect(!run(from: 1, to: 0.5).grew)
        #expect(!run(from: 1, to: 1).grew)
    }

    @Test func fThatIsNoLongerANumberCountsAsGrowth() {
        #expect(run(from: 1, to: .nan).grew)
    }
}

/// Ends of runs close together are one minimum, which the lowest of them stands for.
@Suite struct MinimumGroupingTests {
    @Test func theLowestEndStandsForItsMinimum() throws {
        let (minima, which) = Minimum.grouped([(x: [1.0], f: 2.0), (x: [1.0005], f: 1.5), (x: [0.9999], f: 1.8)])
        try #require(minima.count == 1)
        #expect(minima[0].x == [1.0005])
        #expect(minima[0].f == 1.5)
        #expect(minima[0].count == 3)
        #expect(which == [0, 0, 0])
    }

    /// Within `sameWithin` (1e-3) apart in length, in any number of variables, or not.
    @Test func endsAreOneMinimumWithinOneThousandthAndTwoBeyond() {
        #expect(Minimum.grouped([(x: [1.0, 2.0], f: 0), (x: [1.0006, 2.0006], f: 0)]).minima.count == 1)
        #expect(Minimum.grouped([(x: [1.0, 2.0], f: 0), (x: [1.0008, 2.0008], f: 0)]).minima.count == 2)
        #expect(Minimum.grouped([(x: [1.0], f: 0), (x: [1.01], f: 0)]).minima.count == 2)
    }
}

/// A run asked to keep no steps on the way (a basin map's thousands of runs)
/// keeps its last alone, and ends exactly where a recorded run ends.
@Suite struct UnrecordedRunTests {
    @Test(arguments: [Method.gd, .momentum(beta: 0.9), .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)])
    func aRunWithNoPathEndsWhereARecordedRunEnds(method: Method) throws {
        let f = try objective("(x^2 + y - 11)^2 + (x + y^2 - 7)^2", ["x", "y"])
        let recorded = Optimizer.descend(f, from: [0.3, -1.7], step: 0.01, method: method)
        let bare = Optimizer.descend(f, from: [0.3, -1.7], step: 0.01, method: method, pathCapacity: 0)
        #expect(bare.path.rows.map(\.step) == [bare.steps])
        #expect(recorded.path.rows.count > 1)
        #expect(bare.x == recorded.x && bare.steps == recorded.steps && bare.status == recorded.status && bare.kind == recorded.kind)
    }
}
