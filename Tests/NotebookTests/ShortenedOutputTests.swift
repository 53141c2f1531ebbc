import Testing
@testable import Notebook
@testable import Language

/// Long output shows its ends with … between; output only one row longer
/// than the two ends is shown whole, since … would hide a single row.
@Suite struct ShortenedOutputTests {
    /// The first field of each line: the step or value a table row starts with.
    private func firstFields(_ output: String) -> [String] {
        output.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    @Test func aRunOfElevenRowsShowsEveryRowAtFiveRowsAnEnd() {
        let notebook = Notebook()
        notebook.enter(lines: ["f(x) = x^2"])
        let output = notebook.report("r = descend(f, from: 1, step: 0.1, max: 10)").output
        #expect(!output.contains("…"), "\(output)")
        let fields = firstFields(output)
        for step in 0...10 { #expect(fields.contains(String(step)), "step \(step) in \(output)") }
    }

    @Test func aRunOfTwelveRowsIsShortened() {
        let notebook = Notebook()
        notebook.enter(lines: ["f(x) = x^2"])
        let output = notebook.report("r = descend(f, from: 1, step: 0.1, max: 11)").output
        #expect(output.contains("…"), "\(output)")
        #expect(!firstFields(output).contains("5"), "\(output)")
    }

    @Test func aTableOfElevenRowsShowsEveryRow() {
        let notebook = Notebook()
        let output = notebook.report("d = table(x: (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11))").output
        #expect(!output.contains("…"), "\(output)")
        let lines = output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        for row in 1...11 { #expect(lines.contains(String(row)), "row \(row) in \(output)") }
    }

    @Test func aVectorOfTwelvePartsIsShownWhole() {
        let notebook = Notebook()
        let output = notebook.report("v = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)").output
        #expect(output.contains("(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)"), "\(output)")
        #expect(!output.contains("…"), "\(output)")
        let longer = notebook.report("w = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13)").output
        #expect(longer.contains("…") && longer.contains("(13 values)"), "\(longer)")
    }

    @Test func aThinnedRunShowsNoStepTakenBetweenRowsThatAreNotConsecutive() throws {
        let notebook = Notebook()
        notebook.enter(lines: ["f(x) = x^2"])
        // 10000 steps do not fit the path: every fourth is kept, so rows 0, 4, 8, … are far apart.
        let output = notebook.report("r = descend(f, from: 1, step: 0.00001, max: 10000)").output
        #expect(output.contains("one step in 4 was kept"), "\(output)")
        let rows = output.split(separator: "\n").map { $0.split(separator: " ") }
        let first = try #require(rows.first { $0.first == "0" })
        // step, x, f(x), f'(x), and no step taken: the next row kept is step 4.
        #expect(first.count == 4, "\(first)")
        let second = try #require(rows.first { $0.first == "4" })
        #expect(second.count == 4, "\(second)")
    }
}

/// A sweep names its fastest step: the one that converged in fewest steps.
@Suite struct SweepFastestTests {
    @Test func theStepThatConvergesInFewestStepsIsTheFastest() {
        let notebook = Notebook()
        notebook.enter(lines: ["f(x) = x^2"])
        // From 1, step 0.4 multiplies x by 0.2 each step: |f'| = 2(0.2)^k is below 1e-6 from k = 10;
        // step 0.1 multiplies it by 0.8 and needs 66 steps.
        let output = notebook.report("s = sweep(f, from: 1, steps: (0.1, 0.4))").output
        #expect(output.contains("fastest to converge: step 0.4, 10 steps"), "\(output)")
    }
}
