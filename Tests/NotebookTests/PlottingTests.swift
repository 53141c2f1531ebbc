import Testing
@testable import Notebook
@testable import Language

@Suite struct PlottingTests {
    private func notebook(_ lines: [String]) -> Notebook { Notebook.ascii(lines) }

    @Test func everyKindOfPlotDraws() {
        let notebook = notebook(["f(x) = x^2 + 2", "r = descend(f, from: -4, step: 0.1)",
                                 "g(w, b) = (w - 3)^2 + (b + 1)^2", "q = descend(g, from: (0, 0), step: 0.1)",
                                 "s = sweep(f, from: -4, steps: (0.01, 0.1))"])
        for source in ["plot(f, -5..5)", "plot(f, f', -5..5)", "plot(f, -5..5, path: r)", "plot(r)", "plot(s)",
                       "plot(g, -5..5, -5..5, path: q)", "plot(g, path: q)", "plot(f, path: r)", "plot(sin, -3..3)"] {
            let report = notebook.report(source)
            #expect(report.ok, "\(source): \(report.output)")
            #expect(report.value == .null)
            #expect(report.output.contains("+--"), "\(source)")
            #expect(report.coloredOutput?.contains("\u{1B}[") == true)
            #expect(!report.output.contains("\u{1B}["))
        }
    }

    @Test func aPathMarksStartStepsAndEnd() {
        let notebook = notebook(["f(x) = x^2 + 2", "r = descend(f, from: -4, step: 0.1)"])
        let output = notebook.report("plot(f, -5..5, path: r)").output
        #expect(output.contains("path: S start  o steps  E end (72 steps, converged)"))
        // The marks are in the plot itself, not only in its legend: S where
        // the run starts (x = -4, high on the left), E at the bottom of the
        // bowl to its right, steps between.
        let lines = output.split(separator: "\n").map(String.init)
        let area = Array(lines.prefix { !$0.drop { $0 == " " }.hasPrefix("+") }.dropFirst())
        func places(of mark: Character) -> [(row: Int, column: Int)] {
            area.enumerated().flatMap { row, line in
                line.enumerated().filter { $0.element == mark }.map { (row, $0.offset) }
            }
        }
        let start = places(of: "S"), end = places(of: "E")
        #expect(start.count == 1 && end.count == 1, "\(output)")
        if let s = start.first, let e = end.first {
            #expect(s.row < e.row && s.column < e.column)
            #expect(e.row == area.lastIndex { $0.contains("*") })
        }
        #expect(places(of: "o").count >= 5)
        #expect(output.split(separator: "\n").allSatisfy { $0.count <= 60 })
    }

    @Test func severalCurvesHaveALegend() {
        let output = notebook(["f(x) = x^2 + 2"]).report("plot(f, f', -5..5)").output
        #expect(output.contains("** a: f(x) = x^2 + 2"))
        #expect(output.contains("++ b: f'(x) = 2x"))
    }

    @Test func editingTheStepRedrawsThePlot() throws {
        let notebook = notebook(["f(x) = x^2 + 2", "rate = 0.1", "r = descend(f, from: -4, step: rate)", "plot(f, -5..5, path: r)"])
        let reports = notebook.submit("rate = 0.9")
        try #require(reports.count > 2)
        #expect(reports.map { $0.name } == ["rate", "r", "_4"])
        #expect(reports[2].output.contains("converged"))
    }

    @Test(arguments: [
        ("plot(f, 1..1)", "the range is empty"),
        ("plot(f, -1e308..1e308)", "too wide"),
        ("plot(3)", "not a number"),
        ("plot(f, -5..5, width: 5)", "width: must be a whole number"),
        ("plot(f, -5..5, path: 3)", "path: must be a descent run"),
        ("plot(g, -5..5)", "plot draws functions of one variable"),
        ("plot()", "plot takes"),
    ])
    func badPlotsExplainThemselves(source: String, message: String) {
        let notebook = notebook(["f(x) = x^2", "g(x, y, z) = x + y + z"])
        let report = notebook.report(source)
        #expect(!report.ok)
        #expect(report.output.contains(message), "\(report.output)")
    }

    @Test func aReversedRangeDrawsTheSameStretch() {
        let notebook = notebook(["f(x) = x^2"])
        #expect(notebook.report("plot(f, 5..-5)").output == notebook.report("plot(f, -5..5)").output)
    }
}

/// Whole plots through the cell language, in ASCII at a fixed width.
@Suite struct GoldenCellPlotTests {
    @Test func theConvergenceCurveOfTheTutorial() {
        let notebook = Notebook.ascii(["f(x) = x^2 + 2", "r = descend(f, from: -4, step: 0.1)"])
        notebook.settings.width = 50
        let output = notebook.report("plot(r, height: 6)").output
        #expect(output == GoldenCellPlotTests.convergence, "\n\(output)")
    }

    /// f falls from 94 to -5 in a few steps and stays: the start is on the axis all the same.
    @Test func aConvergenceCurveKeepsItsStart() throws {
        let notebook = Notebook.ascii(["g(w, b) = w^2 + 10b^2 - 5", "r = descend(g, from: (3, 3), step: 0.05)"])
        notebook.settings.width = 50
        let lines = notebook.report("plot(r, height: 8)").output.split(separator: "\n")
        try #require(lines.count > 1)
        #expect(lines.first?.hasPrefix("g against the step number") == true)
        // The top row holds the start, f = 94, in the first column of the curve.
        let top = lines[1]
        #expect(top.split(separator: "|").last?.hasPrefix("*") == true, "\(lines.joined(separator: "\n"))")
        let labels = lines.compactMap { Double($0.split(separator: "|").first?.trimmingCharacters(in: .whitespaces) ?? "") }
        #expect((labels.max() ?? 0) >= 50)
    }

    @Test func aSweepsPathsOverlaidOnTheCurve() {
        let notebook = Notebook.ascii(["f(x) = x^4 - 3x^2 + x", "s = sweep(f, from: (-2, 0, 2), step: 0.05)"])
        let output = notebook.report("plot(f, -2.5..2.5, path: s, width: 50, height: 10)").output
        #expect(output == """
            f(x) = x^4 - 3x^2 + x
            f(x) |                     .                    *
              20 |                                          *
                 |*                    .                   *
                 |**                                      *
              10 | **                  .                 **
                 |  **                                  **
                 |   *                 .               *C
                 |    A*                            ****
               0 |. . .**** . .BB*BBBBBB*******CC**** . . . .
            -3.5 |        **BBA*
                 +----+--------+-------+-------+--------+----
               x     -2       -1       0       1        2
            ** f(x) = x^4 - 3x^2 + x
            A: from -2 (14 steps, converged) ending at
              -1.30084
            B: from 0 (22 steps, converged) ending at
              -1.30084
            C: from 2 (25 steps, converged) ending at 1.1309
            """, "\n\(output)")
    }

    @Test func basinsUnderTheCurveAndOnAMap() throws {
        let notebook = Notebook.ascii(["f(x) = x^4 - 3x^2 + x", "g(x, y) = (x^2 - 1)^2 + 2y^2"])
        let strip = notebook.report("basins(f, -2.5..2.5, n: 20, width: 50, height: 8)").output
        #expect(strip == """
            basins of f(x) = x^4 - 3x^2 + x
            f(x) |                     .                    *
              20 |*                                        **
                 |*                    .                  **
              10 | **                                    **
                 |  **                 .                **
                 |   **                               **
               0 |. . .***. . . ****************B*****. . . .
            -3.5 |        **A***
                 +----+--------+-------+-------+--------+----
               x     -2       -1       0       1        2
                  aaaaaaaaaaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbbbb
            ** f(x) = x^4 - 3x^2 + x
            under the axis: the minimum a descent from each x
              reaches, marked on the curve in capitals
            A  x = -1.3008  f = -3.5139  55% of starts
              global
            B  x = 1.1309  f = -1.0702  45% of starts
            20 starts, each a descent with gd, step 0.01
            """, "\n\(strip)")
        let map = notebook.report("basins(g, -2..2, -1..1, n: 7, step: 0.05, width: 50, height: 7)").output
        let rows = map.split(separator: "\n").dropFirst().prefix(7).map { String($0.split(separator: "|", maxSplits: 1)[1]) }
        try #require(rows.count > 3)
        #expect(rows.allSatisfy { $0.hasPrefix("aaaaaaaaaaa") && $0.contains("^^^^^^^") && $0.hasSuffix("bbbbbbbbbbb") }, "\n\(map)")
        #expect(rows[3] == "aaaaaaaaaaaAaaaaaa^^^^^^^bbbbbbBbbbbbbbbbbb", "\n\(map)")
        #expect(map.contains("49 starts (7 × 7), each a descent with gd, step\n  0.05"))
    }

    static let convergence = """
    f against the step number (gd, step 0.1: converg…
     f |*
    15 | *
       | *
    10 | *
     5 |  ***
     2 |    *****************************************
       ++-----------+-----------+------------+-------
        0          20          40           60
    """
}

@Suite struct SeveralPathsTests {
    private let setup = ["f(x) = x^4 - 3x^2 + x", "s = sweep(f, from: (-2.5, 0.5, 2), step: 0.02)",
                         "r1 = descend(f, from: 2, step: 0.01)", "r2 = descend(f, from: 2, step: 0.05)",
                         "g(x, y) = x^2 + y^2", "q1 = descend(g, from: (1, 1), step: 0.1)", "q2 = descend(g, from: (2, 1), step: 0.1)"]

    /// The lines of the plot itself, above its x-axis.
    private func area(_ output: String) -> String {
        output.split(separator: "\n").prefix { !$0.drop { $0 == " " }.hasPrefix("+") }.joined(separator: "\n")
    }

    @Test func aSweepsPathsAreEachMarkedAndNamedByTheirStart() {
        let output = Notebook.ascii(setup).report("plot(f, -2.5..2.5, path: s, height: 12)").output
        #expect(output.contains("A: from -2.5 (45 steps, converged) ending at -1.30084"), "\(output)")
        #expect(output.contains("B: from 0.5"))
        #expect(output.contains("C: from 2"))
        for letter in ["A", "B", "C"] { #expect(area(output).contains(letter), "\(letter)") }
    }

    @Test func aSweepOfStartsConvergenceCurvesAreNamedByTheirStart() {
        let output = Notebook.ascii(setup).report("plot(s)").output
        #expect(output.contains("a: from -2.5 (converged)"), "\(output)")
        #expect(output.contains("c: from 2 (converged)"))
    }

    @Test func runsThatDifferByMethodAreNamedByIt() {
        let output = Notebook.ascii(setup + ["m = descend(f, from: 2, step: 0.01, method: momentum, beta: 0.9)"])
            .report("plot(f, -2.5..2.5, path: (r1, m))").output
        #expect(output.contains("A: gd (153 steps, converged) ending at 1.1309"), "\(output)")
        #expect(output.contains("B: momentum, beta 0.9 (283 steps, converged) ending at\n  -1.30084"), "\(output)")
    }

    @Test func severalRunsAreNamedByTheirStepWhenTheyShareAStart() {
        let output = Notebook.ascii(setup).report("plot(f, -2.5..2.5, path: (r1, r2))").output
        #expect(output.contains("A: step 0.01 (153 steps, converged)"), "\(output)")
        #expect(output.contains("B: step 0.05 (25 steps, converged)"))
    }

    @Test func severalPathsOnAMapAreEachMarkedAndNamed() {
        let output = Notebook.ascii(setup).report("plot(g, -2..2, -2..2, path: (q1, q2))").output
        #expect(output.contains("A: from (1, 1) ("), "\(output)")
        #expect(output.contains("B: from (2, 1) ("))
        // Each path's letter is on the map: B starts at (2, 1), on the right edge, A inside it.
        let rows = area(output).split(separator: "\n").dropFirst()
        for letter: Character in ["A", "B"] { #expect(rows.contains { $0.contains(letter) }, "\(letter)") }
        let start = rows.first { $0.contains("B") }.map { $0.lastIndex(of: "B")! }
        let other = rows.first { $0.contains("A") }.map { $0.lastIndex(of: "A")! }
        if let start, let other, let bRow = rows.first(where: { $0.contains("B") }), let aRow = rows.first(where: { $0.contains("A") }) {
            #expect(bRow.distance(from: bRow.startIndex, to: start) > aRow.distance(from: aRow.startIndex, to: other))
        }
    }

    @Test(arguments: [("plot(g, -2..2, -2..2, path: (q1, r1))", "the path is of a function of 1 variable, not two"),
                      ("plot(f, -2..2, path: (r1, 3))", "path: must be a descent run, a sweep, or several runs")])
    func pathsThatCannotBeDrawnSayWhy(source: String, message: String) {
        let report = Notebook.ascii(setup).report(source)
        #expect(!report.ok)
        #expect(report.output.contains(message), "\(report.output)")
    }
}


@Suite struct BasinsPlotTests {
    private let setup = ["f(x) = x^4 - 3x^2 + x", "g(x, y) = (x^2 - 1)^2 + y^2"]

    /// The line under the x labels: a letter per start.
    private func strip(_ output: String) -> String? {
        let lines = output.split(separator: "\n").map(String.init)
        guard let axis = lines.firstIndex(where: { $0.drop { $0 == " " }.hasPrefix("+") && $0.contains("--") }), axis + 2 < lines.count else { return nil }
        return lines[axis + 2].trimmingCharacters(in: .whitespaces)
    }

    @Test func aStripUnderTheCurveSaysWhichMinimumEachStartReaches() throws {
        let output = Notebook.ascii(setup).report("basins(f, -3..3, n: 30, width: 60)").output
        let line = try #require(strip(output), "\(output)")
        // Left of the maximum near x = 0.17 every start rolls to the global minimum, right of it to the other.
        let axis = try #require(output.split(separator: "\n").first { $0.drop { $0 == " " }.hasPrefix("+") && $0.contains("--") })
        #expect(line.count == axis.trimmingCharacters(in: .whitespaces).count - 1, "one letter per column: \(line)")
        #expect(line.allSatisfy { $0 == "a" || $0 == "b" })
        #expect(line.prefix { $0 == "a" }.count + line.drop { $0 == "a" }.count == line.count, "one boundary: \(line)")
        let boundary = Double(line.prefix { $0 == "a" }.count) / Double(line.count) * 6 - 3
        #expect(Swift.abs(boundary - 0.17) < 0.25, "\(line)")
        #expect(output.contains("A  x = -1.3008  f = -3.5139  53% of starts  global\n"), "\(output)")
        #expect(output.contains("B  x = 1.1309  f = -1.0702  47% of starts\n"))
        #expect(output.contains("30 starts, each a descent with gd, step 0.01"))
        // The minima are marked on the curve itself.
        let area = output.split(separator: "\n").prefix { !($0.drop { $0 == " " }.hasPrefix("+") && $0.contains("--")) }
        #expect(area.contains { $0.contains("A") } && area.contains { $0.contains("B") })
    }

    @Test func aMapHasALetterPerMinimumTheMinimaInCapitalsAndWhatElseHappened() throws {
        let notebook = Notebook.ascii(setup)
        let output = notebook.report("basins(g, -2..2, -1..1, n: 5, step: 0.05, width: 60, height: 5)").output
        let rows = output.split(separator: "\n").dropFirst().prefix(5).map { String($0.split(separator: "|", maxSplits: 1)[1]) }
        // Five starts across: x = -1.6, -0.8 reach (-1, 0); x = 0 is the saddle; 0.8, 1.6 reach (1, 0).
        for row in rows {
            let cells = row.map { $0.lowercased() }.joined()
            #expect(cells.hasPrefix(String(repeating: "a", count: 20)) && cells.hasSuffix(String(repeating: "b", count: 20)) && cells.contains("^"), "\(row)")
            #expect(cells.allSatisfy { "ab^".contains($0) })
        }
        #expect(rows.joined().filter { $0 == "A" }.count == 1 && rows.joined().filter { $0 == "B" }.count == 1)
        #expect(output.contains("A  x = -1, y = 0  f = "), "\(output)")
        #expect(output.contains("B  x = 1, y = 0  f = "))
        #expect(output.contains("^  stopped on a maximum, saddle or flat spot: 20% of starts"))
        #expect(output.contains("25 starts (5 × 5)"))
    }

    @Test func theMapIsDrawnTheRightWayUp() throws {
        // Minima at y = 1 and y = -1: the top rows are the upper one's basin.
        let output = Notebook.ascii(["k(x, y) = (y^2 - 1)^2 + x^2"]).report("basins(k, -1..1, -2..2, n: 8, step: 0.05, width: 60, height: 8)").output
        let upper = try #require(output.split(separator: "\n").first { $0.contains("y = 1  f =") }?.first, "\(output)")
        let rows = output.split(separator: "\n").dropFirst().prefix(8).map { String($0.split(separator: "|", maxSplits: 1)[1]) }
        #expect(rows.first?.lowercased().allSatisfy { $0 == Character(upper.lowercased()) } == true, "\(output)")
        #expect(rows.last?.lowercased().allSatisfy { $0 != Character(upper.lowercased()) } == true, "\(output)")
    }

    @Test func startsThatDivergeOrRunOutOfStepsAreShownAsSuch() {
        let notebook = Notebook.ascii(setup)
        let diverged = notebook.report("basins(f, -3..3, n: 10, step: 0.3)").output
        #expect(diverged.contains("!  diverged:"), "\(diverged)")
        let slow = notebook.report("basins(f, -3..3, n: 10, step: 0.0001, max: 5)").output
        #expect(slow.contains("~  hit the step limit (max: 5): 100% of starts"), "\(slow)")
        #expect(slow.contains("no start reached a minimum"))
    }

    @Test func editingTheFunctionRedrawsTheMap() {
        let notebook = Notebook.ascii(setup + ["m = basins(f, -3..3, n: 12)"])
        notebook.submit("f(x) = (x - 1)^2")
        let output = notebook.output(of: "m") ?? ""
        #expect(output.contains("A  x = 1  f = ") && output.contains("100% of starts  global"), "\(output)")
    }

    @Test(arguments: [
        ("basins(f)", "basins takes 2 to 3 unnamed arguments"),
        ("basins(g, -1..1)", "'g' has 2 variables, so basins needs 2 ranges"),
        ("basins(f, -1..1, -1..1)", "'f' has 1 variable, so basins needs 1 range"),
        ("basins(f, 1..1)", "the range is empty"),
        ("basins(f, 3)", "after the function come the ranges of its starts"),
        ("basins(f, -1..1, n: 1)", "n: must be a whole number from 2 to 10000"),
        ("basins(g, -1..1, -1..1, n: 1001)", "n: must be a whole number from 2 to 1000"),
        ("basins(f, -1..1, step: 0)", "step: must be a positive number"),
    ])
    func badCallsSayWhy(source: String, message: String) {
        let report = Notebook.ascii(setup).report(source)
        #expect(!report.ok)
        #expect(report.output.contains(message), "\(report.output)")
    }
}

@Suite struct PlaybackTests {
    private func frames(_ lines: [String], _ name: String) throws -> Playback {
        try Notebook.ascii(lines).playback(of: name)
    }

    @Test func eachFrameShowsTheUpdateWithItsNumbers() throws {
        let playback = try frames(["f(x) = x^2 + 2", "r = descend(f, from: -4, step: 0.1)"], "r")
        #expect(playback.count == 73)
        #expect(playback.text(0) == ["step 0 of 72 (gd, step 0.1)", "x = -4 - 0.1 × (-8) = -3.2", "f(-4) = 18"])
        #expect(playback.text(1)[1] == "x = -3.2 - 0.1 × (-6.4) = -2.56")
        // The last frame says how the run ended.
        #expect(playback.text(72)[1].hasPrefix("converged after 72 steps"))
        // The point now is marked on the curve, the start too.
        let frame = playback.frame(1, width: 60, height: 20).plain
        #expect(frame.contains("@") && frame.contains("S"), "\(frame)")
        #expect(frame.split(separator: "\n").count <= 20)
        #expect(frame.split(separator: "\n").allSatisfy { $0.count <= 60 })
    }

    @Test func otherMethodsShowTheMoveAndWhy() throws {
        let momentum = try frames(["f(x) = x^2", "r = descend(f, from: 1, step: 0.1, method: momentum)"], "r")
        #expect(momentum.text(1)[1].contains("(momentum: the step carries on part of the last one)"), "\(momentum.text(1))")
        let search = try frames(["f(x) = x^2", "r = descend(f, from: 1, step: 4, method: linesearch)"], "r")
        // The line search halved 4 until f fell: the update shows the step it used.
        #expect(search.text(0)[1].hasPrefix("x = 1 - 0.5 × 2 = "), "\(search.text(0))")
    }

    @Test func aRunOfTwoVariablesIsPlayedOnItsMap() throws {
        let playback = try frames(["g(w, b) = (w - 3)^2 + (b + 1)^2", "q = descend(g, from: (0, 0), step: 0.1)"], "q")
        #expect(playback.text(0)[1] == "(w, b) = (0, 0) - 0.1 × (-6, 2) = (0.6, -0.2)")
        #expect(playback.text(0)[2] == "g(0, 0) = 10")
        let frame = playback.frame(3, width: 50, height: 24).plain
        #expect(frame.contains("path: S start  o steps  @ now"), "\(frame)")
        #expect(frame.split(separator: "\n").count <= 24)
    }

    @Test func aThinnedRunSaysWhichStepsItHas() throws {
        let playback = try frames(["f(x) = x^2", "r = descend(f, from: 1, step: 0.0001, max: 10000)"], "r")
        #expect(playback.thinningNote?.contains("one step in 4 was kept") == true, "\(playback.thinningNote ?? "")")
        #expect(playback.text(1)[1].hasSuffix("over steps 4…8"), "\(playback.text(1))")
    }

    @Test func onlyRunsCanBePlayed() {
        let notebook = Notebook.ascii(["f(x) = x^2", "h(a, b, c) = a^2 + b^2 + c^2", "r = descend(h, from: (1, 1, 1), step: 0.1)"])
        #expect((#expect(throws: NotebookError.self) { try notebook.playback(of: "f") })?.message.contains(":play shows a descent run, and f holds") == true)
        #expect((#expect(throws: NotebookError.self) { try notebook.playback(of: "nothing") })?.message.contains("no cell named 'nothing'") == true)
        #expect((#expect(throws: NotebookError.self) { try notebook.playback(of: "r") })?.message.contains("shows") == true)
        // In a script, :play says it needs a terminal, and is no error.
        let report = notebook.report(":play f")
        #expect(!report.ok)
        let ok = Notebook.ascii(["f(x) = x^2", "r = descend(f, from: 1, step: 0.1)"]).report(":play r")
        #expect(ok.ok && ok.output == ":play needs a terminal: it shows the run a step at a time and reads keys")
    }
}

@Suite struct StartMarkTests {
    /// x^2 from 1 with step 1 bounces between 1 and -1: later steps land on the start.
    @Test func theStartIsNeverHiddenByLaterSteps() {
        let notebook = Notebook.ascii(["f(x) = x^2", "r = descend(f, from: 1, step: 1, max: 6)",
                                       "g(w, b) = w^2 + b^2", "q = descend(g, from: (1, 1), step: 1, max: 6)"])
        for source in ["plot(f, -2..2, path: r, width: 40, height: 8)", "plot(g, -2..2, -2..2, path: q, width: 40, height: 8)"] {
            let output = notebook.report(source).output
            let area = output.split(separator: "\n").prefix { !($0.drop { $0 == " " }.hasPrefix("+") && $0.contains("--")) }.dropFirst()
            #expect(area.contains { $0.contains("S") }, "\(source)\n\(output)")
        }
    }
}
