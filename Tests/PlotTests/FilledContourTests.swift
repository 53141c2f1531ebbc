import Foundation
import Testing
@testable import Plot
import TestSupport

/// Filled contours: bands of equal share, boundaries where the values cross
/// the levels, and the whole plot covered.
@Suite struct FilledContourTests {
    @Test func levelsAreTheQuantilesNumpyGives() {
        // numpy.quantile([0, 1, …, 10], linspace(0, 1, 5)) = [0, 2.5, 5, 7.5, 10]
        #expect(FilledContours.rankLevels((0...10).map(Double.init), bands: 4) == [0, 2.5, 5, 7.5, 10])
        #expect(FilledContours.rankLevels([3, 3, 3]) == [2, 4], "a flat function: one band around it")
        #expect(FilledContours.rankLevels([.nan, 1, 2], bands: 2) == [1, 1.5, 2], "values that are not numbers are left out")
    }

    /// The absolute vertices of a path written by `FilledContours`.
    private func vertices(_ d: String) -> [[(Double, Double)]] {
        var polygons: [[(Double, Double)]] = []
        var (x, y) = (0.0, 0.0)
        let scanner = Array(d)
        var i = 0
        func number() -> Double {
            var text = ""
            while i < scanner.count, scanner[i] == " " { i += 1 }
            while i < scanner.count, "-.0123456789".contains(scanner[i]) { text.append(scanner[i]); i += 1 }
            return Double(text) ?? .nan
        }
        while i < scanner.count {
            let command = scanner[i]
            i += 1
            switch command {
            case "M": (x, y) = (number(), number()); polygons.append([(x, y)])
            case "h": x += number(); polygons[polygons.count - 1].append((x, y))
            case "v": y += number(); polygons[polygons.count - 1].append((x, y))
            case "l": let dx = number(); let dy = number(); (x, y) = (x + dx, y + dy); polygons[polygons.count - 1].append((x, y))
            default: break
            }
        }
        return polygons
    }

    /// On the plane f(x, y) = x, every boundary is the vertical line where x is the level.
    @Test func theBoundariesOfAPlaneAreStraightAtTheLevels() {
        let grid = ShadedGrid(sampling: { x, _ in x }, xRange: (0, 10), yRange: (0, 1), columns: 11, rows: 3)
        let levels = [0, 2.5, 5, 7.5, 10.0]
        // Picture coordinates: a node's column is its x, ten pixels to a unit.
        let (bands, undefined) = FilledContours.paths(grid, levels: levels) { column, row in (column * 10, row * 10) }
        #expect(undefined.isEmpty && bands.count == 4)
        for band in 1..<4 {
            let xs = vertices(bands[band]).flatMap { $0.map(\.0) }
            let level = levels[band] * 10
            // Every vertex is at or right of the level (the band covers x ≥ level), and some are on it.
            #expect(xs.allSatisfy { $0 >= level - 0.05 }, "band \(band): \(xs)")
            #expect(xs.contains { abs($0 - level) < 0.05 }, "band \(band)")
        }
    }

    /// Both wells of a double well show, the shallow one in a band of its own.
    @Test func bothWellsOfADoubleWellAreInBandsOfTheirOwn() {
        let f = { (x: Double, y: Double) in (x * x - 1) * (x * x - 1) + 0.3 * x + y * y }
        let grid = ShadedGrid(sampling: f, xRange: (-2, 2), yRange: (-2, 2), columns: 96, rows: 64)
        let levels = FilledContours.rankLevels(grid.values)
        func band(_ value: Double) -> Int { levels.lastIndex { $0 <= value } ?? 0 }
        let (deep, shallow, saddle) = (f(-1.04, 0), f(0.96, 0), f(0, 0))
        #expect(band(deep) < band(shallow) && band(shallow) < band(saddle), "\(band(deep)) \(band(shallow)) \(band(saddle))")
    }

    @Test func valuesThatAreNotNumbersAreLeftToBeDrawnAsSuch() {
        let grid = ShadedGrid(sampling: { x, _ in x < 0 ? .nan : x }, xRange: (-1, 1), yRange: (0, 1), columns: 5, rows: 2)
        let (_, undefined) = FilledContours.paths(grid, levels: [0, 0.5, 1]) { ($0, $1) }
        #expect(undefined.map(\.column) == [0, 1])
    }
}

/// The levels are numpy's own numbers, as the exported figure's are.
@Suite(.enabled(if: ExternalTools.python3 != nil || ExternalTools.isCI, "python3 is not installed"))
struct RankLevelReferenceTests {
    @Test func levelsAreExactlyNumpysQuantiles() throws {
        let python = try #require(ExternalTools.python3, "python3 with numpy is needed for the reference")
        var random = SystemRandomNumberGenerator()
        var samples: [[Double]] = [[0, 0, 1, 1, 2, 2], [3, 3, 3, 4]]
        for _ in 0..<40 {
            let count = Int.random(in: 2...300, using: &random)
            // Some with repeats, as a function with flat parts gives.
            samples.append((0..<count).map { _ in Bool.random(using: &random) ? Double(Int.random(in: 0...5, using: &random))
                                                                             : Double.random(in: -1e3...1e3, using: &random) })
        }
        let folder = try Binary.temporaryDirectory()
        let file = folder.appendingPathComponent("values.txt")
        try samples.map { $0.map(\.description).joined(separator: " ") }.joined(separator: "\n")
            .write(to: file, atomically: true, encoding: .utf8)
        let check = """
            import sys, numpy as np
            for line in open(sys.argv[1]):
                v = np.array([float(x) for x in line.split()])
                print(" ".join(repr(float(x)) for x in np.unique(np.quantile(v, np.linspace(0, 1, 21)))))
            """
        let (status, output) = try ExternalTools.runMerged(python, ["-c", check, file.path])
        try #require(status == 0, "\(output)")
        let lines = output.split(separator: "\n")
        try #require(lines.count == samples.count)
        for (values, line) in zip(samples, lines) {
            let reference = line.split(separator: " ").compactMap { Double($0) }
            #expect(FilledContours.rankLevels(values) == reference, "\(values.prefix(8))…")
        }
    }
}
