import Foundation
import Testing
@testable import Notebook
@testable import Language
import Descent

/// Data as values: tables, columns, element-wise arithmetic, reductions,
/// functions that average over data, fitting, stochastic descent, replay.
@Suite struct DataValueTests {
    private let setup = ["d = table(x: (1, 2, 3, 4), y: (3, 5, 7, 10))"]

    @Test(arguments: [
        ("d.x", "(1, 2, 3, 4)"),
        ("2 d.x + 1", "(3, 5, 7, 9)"),
        ("d.x * d.y", "(3, 10, 21, 40)"),
        ("d.y - d.x", "(2, 3, 4, 6)"),
        ("d.x^2", "(1, 4, 9, 16)"),
        ("1 / d.x", "(1, 0.5, 0.333333, 0.25)"),
        ("sqrt(d.x)", "(1, 1.41421, 1.73205, 2)"),
        ("sum(d.x)", "10"),
        ("mean(d.y)", "6.25"),
        ("count(d.y)", "4"),
        ("min(d.y)", "3"),
        ("max(d.y - d.x)", "6"),
        ("mean((2 d.x + 1 - d.y)^2)", "0.25"),
    ])
    func columnsCombineRowByRowAndReduce(source: String, shown: String) {
        let report = Notebook.ascii(setup).report(source)
        #expect(report.ok, "\(report.output)")
        #expect(report.output == shown, "\(source)")
    }

    @Test(arguments: [
        ("table(x: (1, 2, 3), y: (1, 2))", "the columns must be as long as each other: x has 3 numbers and y has 2"),
        ("table(x: (1, 2), x: (3, 4))", "the column 'x' is given twice"),
        ("d.z", "the table has no column 'z'"),
        ("(1, 2) + (1, 2, 3)", "cannot add vectors of 2 and 3 parts"),
        ("mean(d)", "mean takes a column of the table, as in mean(d.x)"),
        ("f(w) = w*d.x", "d.x is a column of 4 numbers; in a function, average or add it over the rows"),
        ("f(w) = sum(w)", "sum(…) needs a column of data inside it"),
        ("f(w) = mean(w*d.z)", "the table 'd' has no column 'z'"),
        ("f(w) = w*d", "'d' is a table; a formula uses its columns, as in mean(d.x)"),
        ("csv(points)", "csv needs the file's path in quotes"),
        ("csv(\"no/such/file.csv\")", "error: no such file: no/such/file.csv (looked for in"),
        ("descend(f, from: 1, step: 0.1, batch: 2)", "batch: draws rows of data, and 'f' averages over none"),
        ("descend(f, from: 1, step: 0.1, seed: 2)", "seed: picks the rows of each batch, so it goes with batch:"),
    ])
    func mistakesWithDataSayWhy(source: String, message: String) {
        let report = Notebook.ascii(setup + ["f(x) = x^2"]).report(source)
        #expect(!report.ok)
        #expect(report.output.contains(message), "\(report.output)")
    }

    @Test func aLossOverDataDifferentiatesThroughTheMean() {
        let notebook = Notebook.ascii(setup + ["loss(w, b) = mean((w*d.x + b - d.y)^2)"])
        #expect(notebook.report("grad(loss)").output == "grad(loss)(w, b) = (2 mean(d.x*(w*d.x + b - d.y)), 2 mean(w*d.x + b - d.y))")
        let explained = notebook.report("explain(diff(loss, w))").output
        #expect(explained.contains("mean over the rows: the data are constants"), "\(explained)")
        // Its value at a point, walked and compiled, is the mean of the squared errors.
        #expect(notebook.report("loss(2, 1)").output == "0.25")
    }

    /// The fit agrees with the least-squares line computed in closed form.
    @Test func descentFitsTheLeastSquaresLine() throws {
        let xs = [1.0, 2, 3, 4, 5, 6], ys = [2.1, 3.9, 6.2, 7.8, 10.1, 12.2]
        let n = Double(xs.count)
        let mx: Double = xs.reduce(0, +) / n
        let my: Double = ys.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0
        for (x, y) in zip(xs, ys) {
            sxy += (x - mx) * (y - my)
            sxx += (x - mx) * (x - mx)
        }
        let w = sxy / sxx
        let b = my - w * mx
        let notebook = Notebook.ascii([
            "d = table(x: (\(xs.map { "\($0)" }.joined(separator: ", "))), y: (\(ys.map { "\($0)" }.joined(separator: ", "))))",
            "loss(w, b) = mean((w*d.x + b - d.y)^2)",
            "fit = descend(loss, from: (0, 0), step: 0.02, tol: 1e-10, max: 100000)",
        ])
        guard case .run(let fit)? = notebook.cell(named: "fit")?.value else { Issue.record("no run"); return }
        #expect(fit.run.status == .converged)
        #expect(Swift.abs(fit.run.x[0] - w) < 1e-6 && Swift.abs(fit.run.x[1] - b) < 1e-6, "\(fit.run.x) against \(w), \(b)")
        // The fitted line through the points: a function of its numbers.
        notebook.submit("line(x) = fit.x[1]*x + fit.x[2]")
        let plot = notebook.report("plot(d, line)")
        #expect(plot.ok, "\(plot.output)")
        #expect(plot.output.contains("o data: 6 points, x across, y up"), "\(plot.output)")
    }

    @Test func editingTheDataRerunsTheLossTheFitAndThePlot() {
        let notebook = Notebook.ascii(setup + ["loss(w, b) = mean((w*d.x + b - d.y)^2)",
                                              "fit = descend(loss, from: (0, 0), step: 0.02, max: 20000)", "p = plot(d)"])
        let before = notebook.output(of: "fit")
        let reports = notebook.submit("d = table(x: (1, 2, 3, 4), y: (1, 2, 3, 4))")
        #expect(Set(reports.compactMap { $0.id == nil ? nil : $0.name }).isSuperset(of: ["d", "loss", "fit", "p"]))
        #expect(notebook.output(of: "fit") != before)
        guard case .run(let fit)? = notebook.cell(named: "fit")?.value else { Issue.record("no run"); return }
        #expect(Swift.abs(fit.run.x[0] - 1) < 1e-4 && Swift.abs(fit.run.x[1]) < 1e-3)
    }

    /// 100 points near y = 3x + 2, with a little noise, and the mean squared error of a line through them.
    static let noisyLine: [String] = {
        let xs = (0..<100).map { "\(Double($0) / 10)" }
        let ys = (0..<100).map { i in "\(3 * Double(i) / 10 + 2 + Double((i * 37) % 11 - 5) / 10)" }
        return ["d = table(x: (\(xs.joined(separator: ", "))), y: (\(ys.joined(separator: ", "))))",
                "loss(w, b) = mean((w*d.x + b - d.y)^2)"]
    }()

    @Test func stochasticRunsRepeatWithTheirSeed() throws {
        let notebook = Notebook.ascii(Self.noisyLine + [
            "a = descend(loss, from: (0, 0), step: 0.01, batch: 10, seed: 7, max: 300)",
            "b = descend(loss, from: (0, 0), step: 0.01, batch: 10, seed: 7, max: 300)",
            "c = descend(loss, from: (0, 0), step: 0.01, batch: 10, seed: 8, max: 300)",
            "full = descend(loss, from: (0, 0), step: 0.01, max: 300)",
            "whole = descend(loss, from: (0, 0), step: 0.01, batch: 100, seed: 3, max: 300)",
        ])
        func run(_ name: String) -> Run? {
            if case .run(let value)? = notebook.cell(named: name)?.value { return value.run }
            return nil
        }
        let a = try #require(run("a")), b = try #require(run("b")), c = try #require(run("c"))
        #expect(a.path.rows.map(\.x) == b.path.rows.map(\.x), "the same seed, the same batches")
        #expect(a.path.rows.map(\.x) != c.path.rows.map(\.x), "another seed, other batches")
        #expect(a.batch?.size == 10 && a.batch?.rows == 100)
        // A batch as large as the table is the plain run, exactly.
        #expect(run("whole")?.path.rows.map(\.x) == run("full")?.path.rows.map(\.x))
        let table = notebook.output(of: "a") ?? ""
        #expect(table.contains("stochastic: each step's gradient is over 10 of the 100 rows, drawn with seed 7"), "\(table)")
        let plot = notebook.report("plot(a)").output
        #expect(plot.contains("stochastic: each step's loss is the loss on its batch of"), "\(plot)")
    }

    /// A line search on a fit with outliers reaches the point where f's
    /// rounding hides every fall: it stops there, stalled, after a few dozen
    /// halvings at most, instead of halving a thousand times a step to max:.
    @Test func aLineSearchThatCanNoLongerMoveStopsStalledSayingWhy() throws {
        let xs = (0..<60).map { Double($0) / 6 }
        // A line, a little noise, and every 13th point far off.
        let ys = xs.enumerated().map { i, x in 2 * x + 1 + Double((i * 37) % 11 - 5) / 20 + (i % 13 == 0 ? 25 : 0) }
        let notebook = Notebook.ascii([
            "d = table(x: (\(xs.map { "\($0)" }.joined(separator: ", "))), y: (\(ys.map { "\($0)" }.joined(separator: ", "))))",
            "loss(w, b) = mean((w*d.x + b - d.y)^2)",
            "r = descend(loss, from: (0, 0), step: 1, method: linesearch, tol: 0, max: 5000)",
        ])
        guard case .run(let value)? = notebook.cell(named: "r")?.value else { Issue.record("no run"); return }
        let run = value.run
        #expect(run.status == .stalled && run.steps < 5000, "\(run.status) after \(run.steps)")
        #expect(run.path.rows.allSatisfy { $0.halvings <= 64 }, "\(run.path.rows.map(\.halvings).max() ?? 0) halvings in one step")
        let output = notebook.output(of: "r") ?? ""
        #expect(output.contains("stalled after") && output.contains("no lower point can be told apart from x"), "\(output)")
        #expect(!output.contains("allow more steps"))
        #expect(notebook.report("r.status").output == "stalled")
    }

    /// A stochastic run that stops at max: between two passes over the table
    /// reports the f and gradient of the whole table at its end, not those of
    /// its last batch.
    @Test func aStochasticRunStoppedBetweenPassesReportsTheWholeTable() throws {
        // 10 steps a pass; 305 stops halfway through the 31st.
        let notebook = Notebook.ascii(Self.noisyLine + [
            "a = descend(loss, from: (0, 0), step: 0.01, batch: 10, seed: 7, max: 305)",
            "fa = loss(a.x[1], a.x[2])",
            "ga = grad(loss)(a.x[1], a.x[2])",
        ])
        guard case .run(let value)? = notebook.cell(named: "a")?.value else { Issue.record("no run"); return }
        let run = value.run
        #expect(run.status == .maxSteps && run.steps == 305)
        guard case .number(let f)? = notebook.cell(named: "fa")?.value,
              case .vector(let g)? = notebook.cell(named: "ga")?.value else { Issue.record("no whole-table values"); return }
        #expect(Swift.abs(run.f - f) <= 1e-12 * Swift.abs(f), "f \(run.f) against the whole table's \(f)")
        try #require(run.gradient.count == 2 && g.count == 2)
        for i in 0..<2 { #expect(Swift.abs(run.gradient[i] - g[i]) <= 1e-12 * Swift.abs(g[i]) + 1e-15) }
        #expect(Swift.abs(run.gradientNorm - (g[0] * g[0] + g[1] * g[1]).squareRoot()) < 1e-12)
    }
}

@Suite struct DataFileTests {
    @Test func aSessionKnowsWhenItsDataFileChanged() throws {
        let folder = try temporaryFolder()
        let data = folder + "/points.csv", session = folder + "/fit.json"
        try "x,y\n1,3\n2,5\n3,7\n".write(toFile: data, atomically: true, encoding: .utf8)
        let notebook = Notebook.ascii(["d = csv(\"\(data)\")", "loss(w, b) = mean((w*d.x + b - d.y)^2)", "m = mean(d.y)"])
        try notebook.save(to: session)
        // Replayed as it was: every cell runs.
        let same = Notebook.ascii()
        let replayed = try same.load(from: session)
        #expect(replayed.allSatisfy { $0.ok })
        // The file changed: the cell that reads it says so, and the cells that use it say why they did not run.
        try "x,y\n1,3\n2,5\n3,7\n4,9\n".write(toFile: data, atomically: true, encoding: .utf8)
        let changed = Notebook.ascii()
        let reports = try changed.load(from: session)
        let d = try #require(reports.first { $0.name == "d" })
        #expect(!d.ok && d.output.contains("is not the file this session was saved with: its numbers changed (it had 3 rows, now 4)"), "\(d.output)")
        #expect(reports.first { $0.name == "m" }?.output.contains("waits for d: [1] ") == true)
        // Run again on purpose, it takes the file as it is now.
        let again = changed.replace(changed.cell(named: "d")!.id, with: "d = csv(\"\(data)\")")
        #expect(again.allSatisfy { $0.ok })
        #expect(changed.output(of: "m") == "m = 6")
        // A missing file is an error on its cell too.
        try FileManager.default.removeItem(atPath: data)
        let missing = try Notebook.ascii().load(from: session)
        #expect(missing.first { $0.name == "d" }?.output.contains("no such file") == true)
    }
}
