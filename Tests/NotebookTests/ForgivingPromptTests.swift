import Foundation
import Testing
@testable import Notebook
@testable import Language

/// SPEC section 12: a typo never breaks a notebook that worked, and the
/// habits people bring from Python get answers in descent's terms.
@Suite struct ForgivingPromptTests {
    @Test func aLineThatDoesNotParseChangesNothing() throws {
        let notebook = Notebook.ascii(["f(x) = x^2 + 2", "y = f(1)"])
        let report = notebook.report("f = lambda x: x**2")
        #expect(!report.ok && report.isRefusedLine && report.id == nil)
        #expect(report.json["id"] == .null && report.json["column"] != nil, "\(report.json.serialized())")
        #expect(notebook.orderedCells.map(\.source) == ["f(x) = x^2 + 2", "y = f(1)"])
        #expect(notebook.report("f(3)").output == "11")
        // Nothing to undo for it: :undo takes back f(3), the last cell made.
        #expect(notebook.report(":undo").output.contains("removed cell [3] f(3)"))
        // And a misspelt built-in is still a misspelt built-in, not "f failed".
        #expect(notebook.report("desend(f, from: 1, step: 0.1)").output.contains("did you mean 'descend'?"))
    }

    @Test func aFailureDownstreamNamesTheCellThatFailedAndItsError() throws {
        let notebook = Notebook.ascii(["f(x) = x^2 + 2", "r = descend(f, from: 1, step: 0.1)", "k = r.steps"])
        let reports = notebook.submit("f(x) = x^2 + z")
        try #require(reports.count == 3)
        #expect(reports[1].output.contains("waits for f: [1] unknown name 'z'"), "\(reports[1].output)")
        #expect(reports[2].output.contains("waits for f: [1] unknown name 'z'"), "\(reports[2].output)")
        // One :undo brings back the cell it replaced, and everything runs again.
        #expect(notebook.report(":undo").ok)
        #expect(notebook.cell(named: "k")?.isHealthy == true)
    }

    @Test(arguments: [
        ("import numpy as np", "nothing to import", "write exp(x)"),
        ("f = lambda x: x**2 + 2", "without lambda", "f(x) = x^2 + 2"),
        ("def g(w, b): return (w - 3)**2 + b**2", "without lambda or def", "g(w, b) = (w - 3)^2 + b^2"),
        ("y = 3*x**2", "powers are written with ^", "y = 3*x^2"),
        ("from math import exp", "nothing to import", ":help lists them"),
        ("for i in range(10): x = x - 0.1", "no loops", "descend(f, from: x0, step: 0.1, max: 10)"),
        ("while x > 0: x = x - 1", "no loops", "x1 = x0 - step * f'(x0)"),
        ("print(f(3))", "print is not needed", "type f(3)"),
        ("np.linspace(-5, 5, 20)", "no linspace", "-5..5"),
        ("np.exp(2)", "drop 'np.'", "exp("),
        ("math.sqrt(2)", "drop 'math.'", "sqrt("),
        ("pd.read_csv(\"d.csv\")", "csv()", "csv(\"d.csv\")"),
        ("len(d)", "count", "count(d.x)"),
        ("save(\"tutorial\")", "command", ":save tutorial"),
        ("load(\"tutorial\")", "command", ":load tutorial"),
        ("minimize(f)", "descend", "descend(f, from: x0, step: 0.1)"),
        ("help(descend)", "command", ":help descend"),
        ("?descend", "command", ":help descend"),
        ("loss.backward()", "slopes", "grad(loss)(w, b)"),
        ("x.grad", "slopes", "f'(-4)"),
        ("optimizer.step()", "slopes", "descend(…) takes the steps"),
        ("d[\"x\"]", "dot", "d.x"),
        ("w, b = fit.x", "one name per cell", "w = fit.x[1], then b = fit.x[2]"),
        ("fit.b", "no part 'b'", "b is r.x[2]"),
        ("r = descend(f, from: -4, step: 0.1, method: \"momentum\")", "bare name", "method: momentum"),
        ("plot(f, -5, 5)", "", "plot(f, -5..5)"),
        ("d = csv(data.csv)", "in quotes", "csv(\"examples/points.csv\")"),
        ("d = csv('d.csv')", "double quotes", "csv(\"d.csv\")"),
        ("r = descend(f, from=-4, step=0.1)", "colon", "from: -4"),
        ("r = descend(f, from: -4, lr=0.1)", "colon", "step: 0.1"),
        ("plot(f, x=-5..5)", "colon", "x: -5..5"),
        ("x = x - step * f'(x)", "cycle", "descend(f, from: x0, step: step, max: 1)"),
        ("loss = mean((w*d.x + b - d.y)^2)", "unknown name 'w'", "loss(w, b) = mean((w*d.x + b - d.y)^2)"),
        ("s = descend(f, from: (-2, 0, 2), step: 0.01)", "", "sweep(f, from: (-2, 0, 2), step: 0.01)"),
    ])
    func aPythonHabitIsAnsweredInDescentsTerms(line: String, message: String, hint: String) {
        let notebook = Notebook.ascii(["f(x) = x^2 + 2", "d = table(x: (1, 2, 3), y: (2, 4, 6))", "step = 0.1",
                                       "g(w, b) = (w - 3)^2 + b^2", "fit = descend(g, from: (0, 0), step: 0.1)"])
        let report = notebook.report(line)
        #expect(!report.ok)
        #expect(message.isEmpty || report.output.contains(message), "\(line): \(report.output)")
        #expect(report.output.contains(hint), "\(line): \(report.output)")
    }

    @Test(arguments: [
        ("start: -4", "'from:'"), ("x0: -4", "'from:'"), ("init: -4", "'from:'"),
        ("lr: 0.1", "'step:'"), ("learning_rate: 0.1", "'step:'"), ("alpha: 0.1", "'step:'"), ("eta: 0.1", "'step:'"),
        ("rate: 0.1", "'step:'"),
        ("iterations: 10", "'max:'"), ("epochs: 10", "'max:'"), ("steps: 10", "'max:'"), ("max_iter: 10", "'max:'"),
        ("maxiter: 10", "'max:'"), ("n_iter: 10", "'max:'"),
        ("tolerance: 1e-3", "'tol:'"), ("batch_size: 2", "'batch:'"), ("random_state: 7", "'seed:'"),
        ("momentum: 0.9", "method: momentum, beta: 0.9"), ("betas: 0.9", "beta1: and beta2:"),
    ])
    func anotherLibrarysOptionNameSuggestsDescentsOwn(option: String, suggestion: String) {
        let notebook = Notebook.ascii(["f(x) = x^2 + 2"])
        let line = option.hasPrefix("start") || option.hasPrefix("x0") || option.hasPrefix("init")
            ? "descend(f, \(option), step: 0.1)" : "descend(f, from: -4, step: 0.1, \(option))"
        let report = notebook.report(line)
        #expect(report.output.contains(suggestion), "\(line): \(report.output)")
        // steps: is max:, never step:, which means something else.
        if option.hasPrefix("steps") { #expect(!report.output.contains("'step:'")) }
    }

    @Test func aMissingDataFileSaysWhichFolderItWasLookedForIn() {
        let report = Notebook.ascii().report("d = csv(\"nowhere-to-be-found.csv\")")
        #expect(report.output.contains("no such file: nowhere-to-be-found.csv (looked for in \(FileManager.default.currentDirectoryPath))"),
                "\(report.output)")
    }

    /// The tutorial replayed with a typo planted in each of its cells in turn:
    /// every other cell keeps its value.
    @Test func aTypoInAnyCellOfTheTutorialLeavesEveryOtherCellAsItWas() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sessions/tutorial.json").path
        let notebook = Notebook.ascii()
        try notebook.load(from: path)
        let before = notebook.orderedCells.map { "[\($0.id)] \($0.output)" }
        try #require(before.count > 5)
        for cell in notebook.orderedCells where !cell.isNote {
            for typo in [cell.source + " )", cell.source.replacingOccurrences(of: "(", with: "((") + " +", "@" + cell.source] {
                let report = notebook.report(typo)
                #expect(!report.ok && report.isRefusedLine, "\(typo)")
                #expect(notebook.orderedCells.map { "[\($0.id)] \($0.output)" } == before, "after \(typo)")
            }
        }
    }
}

/// SPEC section 8, its later bullets: runs that say why they failed and what they kept.
@Suite struct EdgeTests {
    /// x^2 - 10cos(2πx) + 10 curves up to about 400: the default step of
    /// basins, 0.01, bounces in every well, and the map says which step is stable.
    @Test func aBasinMapWhereMostStartsFailSaysWhichStepIsStable() throws {
        let notebook = Notebook.ascii(["f(x) = x^2 - 10cos(2pi*x) + 10"])
        let failing = notebook.report("basins(f, -3..3, n: 60)").output
        // The legend wraps its lines: read it as one.
        let text = failing.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        let hint = try #require(text.range(of: "hint: most starts did not reach a minimum").map { String(text[$0.lowerBound...]) },
                                "\(failing)")
        let stable = try #require(hint.firstMatch(of: /steps below ([\d.e-]+)/).flatMap { Double($0.1) })
        #expect(stable > 0.004 && stable < 0.0055, "2/L for L near 396: \(hint)")
        let suggested = try #require(hint.firstMatch(of: /step: ([\d.e-]+) is a good one/).map { String($0.1) })
        // Taken, the suggestion works: every start reaches a minimum, and no hint is given.
        let working = notebook.report("basins(f, -3..3, n: 60, step: \(suggested))").output
        #expect(!working.contains("hit the step limit") && !working.contains("hint:"), "\(working)")
    }

    /// SPEC's own examples: the slope is finite wherever it is finite
    /// mathematically, and a descent from there runs.
    @Test func noFalseNaNWhereAnIntermediateOverflows() throws {
        let notebook = Notebook.ascii(["sw(x) = x/(1 + exp(-x))", "q(x) = x^2/(1 + exp(-x))"])
        #expect(notebook.report("sw'(800)").output == "1")
        #expect(notebook.report("q'(800)").output == "1600")
        #expect(notebook.report("q'(700)").output == "1400")
        // The softplus at -40 is 4.2e-18, not the 0 of ln(1.0).
        notebook.submit("sp(x) = ln(1 + exp(x))")
        #expect(notebook.report("sp(-40)").output == "4.24835e-18")
        notebook.submit("r = descend(sw, from: 800, step: 1, max: 3)")
        guard case .run(let value)? = notebook.cell(named: "r")?.value else { Issue.record("no run"); return }
        #expect(value.run.status == .maxSteps && value.run.x == [797], "\(value.run.status) at \(value.run.x)")
        // Far to the left q's slope is e^-800 small, and computed through exp(800): the compiled
        // gradient overflows on its way, and is computed again rather than called nan.
        notebook.submit("left = descend(q, from: -800, step: 1, max: 3)")
        guard case .run(let left)? = notebook.cell(named: "left")?.value else { Issue.record("no run"); return }
        #expect(left.run.status != .diverged, "\(notebook.output(of: "left") ?? "")")
        // The softplus's slope is exp(x)/(1 + exp(x)), inf/inf in doubles above 709.8. Over
        // 10,000 steps most run in the loop between recorded steps, which recovers them too.
        notebook.submit("long = descend(sp, from: 800, step: 0.01, max: 10000)")
        guard case .run(let long)? = notebook.cell(named: "long")?.value else { Issue.record("no run"); return }
        #expect(long.run.status == .maxSteps && long.run.path.isThinned, "\(notebook.output(of: "long") ?? "")")
        #expect(Swift.abs(long.run.x[0] - 700) < 1e-6, "\(long.run.x)")
    }

    @Test func aSweepOverStartsWhereMostFailSaysWhichStepIsStable() throws {
        let notebook = Notebook.ascii(["f(x) = x^2 - 10cos(2pi*x) + 10"])
        let failing = notebook.report("sweep(f, from: (-2.2, -1.1, 0.3, 1.4), step: 0.01)").output
        #expect(failing.contains("hint: most starts did not reach a minimum") && failing.contains("are stable there"), "\(failing)")
        let working = notebook.report("sweep(f, from: (-2.2, -1.1, 0.3, 1.4), step: 0.002)").output
        #expect(!working.contains("hint:"), "\(working)")
    }

    @Test func aLongRunSaysHowThinlyItsPathIsKept() throws {
        let notebook = Notebook.ascii(["f(x) = x^2", "r = descend(f, from: 1, step: 0.0001, max: 10000)", "q = descend(f, from: 1, step: 0.1)"])
        #expect(notebook.cell(named: "r")?.value?.json["path_every"] == .number(4))
        #expect(notebook.cell(named: "q")?.value?.json["path_every"] == .number(1))
        #expect(notebook.report(":help r.path").output.contains("a longer run keeps evenly spaced steps"))
    }
}
