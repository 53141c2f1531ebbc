import Foundation
import Testing
@testable import Plot
import TestSupport

/// Ticks are where matplotlib's AutoLocator puts them, so that a picture
/// and the one an exported script draws read alike.
@Suite(.enabled(if: ExternalTools.python3 != nil || ExternalTools.isCI, "python3 is not installed"))
struct TickPlacementTests {
    @Test(arguments: [((-4.0, 6.0), [-4.0, -2, 0, 2, 4, 6]), ((-2.0, 2.0), [-2.0, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2]),
                      ((0.0, 1.0), [0, 0.2, 0.4, 0.6, 0.8, 1]), ((-5.0, 5.0), [-4.0, -2, 0, 2, 4])])
    func theUsualRangesHaveMatplotlibsTicks(range: (Double, Double), expected: [Double]) {
        let ticks = Ticks.auto(range.0, range.1, bins: 9)
        #expect(ticks.count == expected.count && zip(ticks, expected).allSatisfy { abs($0 - $1) < 1e-12 }, "\(ticks)")
    }

    @Test func everyRangeHasTheTicksMatplotlibGives() throws {
        let python = try #require(ExternalTools.python3, "python3 with matplotlib is needed for the reference")
        var random = SystemRandomNumberGenerator()
        var ranges: [(Double, Double, Int)] = []
        for _ in 0..<300 {
            let scale = pow(10, Double.random(in: -6...6, using: &random))
            let low = Double.random(in: -10...10, using: &random) * scale
            let width = Double.random(in: 0.05...20, using: &random) * scale
            ranges.append((low, low + width, Int.random(in: 3...9, using: &random)))
        }
        ranges += [(1000, 1001, 9), (-1e-7, 3e-7, 9), (0.1, 0.2, 5), (99.5, 100.5, 9), (-3, 3, 4)]
        let input = ranges.map { "\($0.0.description) \($0.1.description) \($0.2)" }.joined(separator: "\n")
        let folder = try Binary.temporaryDirectory()
        let file = folder.appendingPathComponent("ranges.txt")
        try input.write(to: file, atomically: true, encoding: .utf8)
        let check = """
            import sys
            from matplotlib.ticker import MaxNLocator
            for line in open(sys.argv[1]):
                low, high, bins = line.split()
                low, high = float(low), float(high)
                ticks = MaxNLocator(nbins=int(bins), steps=[1, 2, 2.5, 5, 10]).tick_values(low, high)
                slack = (high - low) * 1e-9
                print(" ".join(repr(float(t)) for t in ticks if low - slack <= t <= high + slack))
            """
        let (status, output) = try ExternalTools.runMerged(python, ["-c", check, file.path])
        try #require(status == 0, "\(output)")
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        var wrong = 0
        for (i, range) in ranges.enumerated() {
            let reference = lines[i].split(separator: " ").compactMap { Double($0) }
            let ticks = Ticks.auto(range.0, range.1, bins: range.2)
            let scale = max(abs(range.0), abs(range.1))
            let same = ticks.count == reference.count && zip(ticks, reference).allSatisfy { abs($0 - $1) <= scale * 1e-9 }
            if !same {
                wrong += 1
                if wrong <= 5 { Issue.record("\(range): \(ticks) against matplotlib's \(reference)") }
            }
        }
        #expect(wrong == 0, "\(wrong) of \(ranges.count) ranges differ from matplotlib")
    }
}

/// Tick labels say each tick apart, and no more.
@Suite struct TickLabelTests {
    @Test(arguments: [((1e-5, 1.2e-5), "1.025e-05"), ((1000.0, 1000.0001), "1000.00002"), ((1e6, 1e6 + 20), "1000002.5")])
    func labelsHaveTheDigitsTheStepNeeds(range: (Double, Double), expected: String) {
        let labels = Scale(low: range.0, high: range.1, dots: 100).ticks(count: 9).map(\.label)
        #expect(labels.contains(expected) || labels.contains(expected.replacingOccurrences(of: "1000002.5", with: "1.0000025e+06")), "\(labels)")
        #expect(labels.allSatisfy { $0.count <= 13 }, "\(labels)")
    }
}
