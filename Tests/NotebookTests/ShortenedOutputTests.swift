import Testing
@testable import Notebook
@testable import Language
import Descent

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

/// A cell re-run by an edit says in one line what it shows, made from its
/// value: a run's title and how it ended, a plot's title, a table's first line.
@Suite struct RerunSummaryTests {
    private func reruns(after edit: String, _ lines: [String]) -> [String: String] {
        let notebook = Notebook.ascii(lines)
        var summaries: [String: String] = [:]
        for report in notebook.submit(edit) where report.isRerun { summaries[report.name] = report.summary }
        return summaries
    }

    @Test func eachKindOfValueSaysItsOwnLine() {
        let summaries = reruns(after: "rate = 0.9", [
            "f(x) = x^2 + 2", "rate = 0.1", "r = descend(f, from: -4, step: rate)",
            "p = plot(f, -5..5, path: r, height: 5)", "s = sweep(f, from: -4, steps: (rate, 0.5))",
            "a = advise(f, from: rate)", "z = r.x",
        ])
        #expect(summaries["r"] == "r: gd on f from -4, step 0.9 … converged after 72 steps (gradient length below 1e-06) at a minimum")
        #expect(summaries["p"] == "p: f(x) = x^2 + 2 (drawn again: :show 4)", "a named plot gives its title, not its name alone")
        #expect(summaries["s"] == "s: sweep of f from -4 (gd) … (:show 5)")
        #expect(summaries["a"] == "a: advise f from 0.9 … (:show 6)")
        #expect(summaries["z"] == nil, "one line is shown whole")
    }

    @Test func aRunWithAHintStillEndsWithHowItEnded() throws {
        // The last line of this run's text is its hint; the summary says how the run ended.
        let summaries = reruns(after: "rate = 1.5", ["f(x) = x^2", "rate = 0.1", "r = descend(f, from: 1, step: rate, max: 50)"])
        let line = try #require(summaries["r"])
        #expect(line.hasPrefix("r: gd on f from 1, step 1.5 … "), "\(line)")
        #expect(!line.contains("hint"), "\(line)")
    }
}

/// Every run of a sweep is asked for what the sweep was: its method, tol: and max:.
@Suite struct SweepSettingsTests {
    @Test(arguments: ["s = sweep(f, from: -4, steps: (0.01, 0.1), max: 5, tol: 0.5, method: momentum)",
                      "s = sweep(f, from: (-4, 4), step: 0.1, max: 5, tol: 0.5, method: momentum)"])
    func eachRunHasTheSweepsSettings(source: String) throws {
        let notebook = Notebook.ascii(["f(x) = x^2 + 2", source])
        guard case .sweep(let sweep)? = notebook.cell(named: "s")?.value else { Issue.record("no sweep"); return }
        try #require(sweep.runs.count == 2)
        for run in sweep.runs {
            #expect(run.rule == StoppingRule(tolerance: 0.5, maximumSteps: 5))
            #expect(run.method.name == "momentum")
            #expect(run.steps <= 5)
        }
    }
}
