import Foundation
import Testing
@testable import Notebook
@testable import Language

@Suite struct ReevaluationTests {
    @Test func redefiningANameReplacesItsCellAndRerunsOnlyWhatDependsOnIt() throws {
        let notebook = Notebook()
        notebook.enter(lines: ["f(x) = x^2 + 2", "x0 = -4", "rate = 0.1", "r = descend(f, from: x0, step: rate)",
                               "other = 5", "f(x0)", "other * 2"])
        let reports = notebook.submit("rate = 0.9")
        try #require(reports.count > 1)
        #expect(reports.map { $0.name } == ["rate", "r"])
        #expect(reports[0].id == 3)
        #expect(reports[1].isRerun)
        try #require(notebook.order.count == 7)
        #expect(notebook.cell(named: "rate")?.source == "rate = 0.9")
    }

    @Test func dependentsRunInDependencyOrder() {
        let notebook = Notebook()
        notebook.enter(lines: ["a = 1", "b = a + 1", "c = b + a", "d = c * b"])
        let reports = notebook.submit("a = 10")
        #expect(reports.map { $0.name } == ["a", "b", "c", "d"])
        #expect(notebook.output(of: "d") == "d = 231")
    }

    @Test func functionsSeeThroughCallsAndRerunWhenWhatTheyUseChanges() {
        let notebook = Notebook()
        notebook.enter(lines: ["f(x) = x^2", "k = 3", "h(x) = f(x) + k*x", "h'", "h(2)"])
        #expect(notebook.cell(matching: "4")?.output == "h'(x) = 2x + k")
        #expect(notebook.cell(matching: "5")?.output == "10")
        let reports = notebook.submit("k = 1")
        #expect(reports.map { $0.name } == ["k", "h", "_4", "_5"])
        #expect(notebook.cell(matching: "5")?.output == "6")
        notebook.submit("f(x) = x^3")
        #expect(notebook.cell(matching: "4")?.output == "h'(x) = 3x^2 + k")
    }

    @Test func errorsFlowDownstreamAndHealWhenFixed() throws {
        let notebook = Notebook()
        notebook.enter(lines: ["a = 1", "b = a + 1", "c = b * 2"])
        let broken = notebook.submit("a = q + 1")
        try #require(broken.count > 2)
        #expect(broken.map { $0.ok } == [false, false, false])
        // Each says which cell failed first, its number and its error, in one line.
        #expect(broken[1].output.contains("waits for a: [1] unknown name 'q'"), "\(broken[1].output)")
        #expect(broken[2].output.contains("waits for a: [1] unknown name 'q'"), "\(broken[2].output)")
        #expect(notebook.hasErrors)
        let fixed = notebook.submit("a = 2")
        #expect(fixed.map { $0.ok } == [true, true, true])
        #expect(notebook.output(of: "c") == "c = 6")
        #expect(!notebook.hasErrors)
    }

    @Test func aCycleIsAnErrorOnEachCellInIt() throws {
        let notebook = Notebook()
        notebook.submit("a = b + 1")
        let reports = notebook.submit("b = a + 1")
        try #require(reports.count == 2)
        #expect(reports.allSatisfy { !$0.ok && $0.output.contains("cycle") })
        #expect(notebook.report("x = x + 1").output.contains("'x' uses itself"))
        let healed = notebook.submit("b = 1")
        #expect(healed.map { $0.ok } == [true, true])
        #expect(notebook.output(of: "a") == "a = 2")
    }

    @Test func aCellWaitingForANameRunsWhenItIsDefined() {
        let notebook = Notebook()
        #expect(notebook.report("y = k * 2").ok == false)
        let reports = notebook.submit("k = 4")
        #expect(reports.map { $0.name } == ["k", "y"])
        #expect(notebook.output(of: "y") == "y = 8")
    }

    @Test func deletingACellMakesItsUsersReportTheMissingName() throws {
        let notebook = Notebook()
        notebook.enter(lines: ["k = 4", "y = k * 2"])
        let reports = notebook.submit(":delete k")
        try #require(reports.count > 0)
        #expect(reports[0].ranCells.map { $0.name } == ["y"])
        #expect(notebook.cell(named: "y")?.output.contains("unknown name 'k'") == true)
    }

    @Test func ansIsTheCellBefore() {
        let notebook = Notebook()
        notebook.enter(lines: ["3 + 4", "ans * 2"])
        #expect(notebook.cell(matching: "2")?.output == "14")
    }

    @Test func ansSkipsACellThatFailed() {
        let notebook = Notebook()
        notebook.enter(lines: ["3 + 4", "nosuch(1)", "ans * 2"])
        #expect(notebook.cell(matching: "3")?.output == "14")
    }

    @Test func expressionCellsAreNamedAfterTheirNumber() {
        let notebook = Notebook()
        notebook.enter(lines: ["f(x) = x^2", "f(3)", "_2 + 1"])
        #expect(notebook.cell(matching: "2")?.name == "_2")
        #expect(notebook.cell(matching: "3")?.output == "10")
    }

    @Test func anEditThatWouldTakeAnotherCellsNameIsRefusedAndLosesNothing() {
        let notebook = Notebook()
        notebook.enter(lines: ["f(x) = x^2", "z = 5"])
        let reports = notebook.replace(2, with: "f(x) = x^4")
        #expect(reports.count == 1 && !reports[0].ok)
        #expect(reports[0].output.contains("cell [2] is unchanged"))
        #expect(notebook.cell(matching: "2")?.source == "z = 5")
        #expect(notebook.cell(named: "f")?.source == "f(x) = x^2")
    }

    @Test func renamingACellShowsItsFormerUsersAsReruns() throws {
        let notebook = Notebook()
        notebook.enter(lines: ["r = 3", "y = r * 2"])
        let reports = notebook.replace(1, with: "z = 5")
        try #require(reports.count > 1)
        #expect(reports.map { $0.name } == ["z", "y"])
        #expect(!reports[0].isRerun)
        #expect(reports[1].isRerun)
        #expect(reports[1].output.contains("unknown name 'r'"))
    }

    @Test func undoTakesBackChanges() {
        let notebook = Notebook()
        notebook.enter(lines: ["a = 1", "b = a + 1", "a = 5"])
        #expect(notebook.output(of: "b") == "b = 6")
        notebook.submit(":undo")
        #expect(notebook.output(of: "b") == "b = 2")
        notebook.submit(":undo")
        #expect(notebook.cell(named: "b") == nil)
    }

    @Test func builtInNamesCannotBeRedefined() {
        let notebook = Notebook()
        #expect(notebook.report("pi = 3").output.contains("constant"))
        #expect(notebook.report("sin(x) = x").output.contains("built-in"))
        #expect(notebook.report("_3 = 1").ok == false)
    }

    @Test(arguments: [2000])
    func aLongChainEditedAtTheLeafRerunsOneCellAndAtTheRootAll(length: Int) throws {
        let notebook = Notebook()
        notebook.submit("c0 = 1")
        for i in 1..<length { notebook.submit("c\(i) = c\(i - 1) + 1") }
        let leaf = notebook.submit("c\(length - 1) = 0")
        try #require(leaf.count == 1)
        let root = notebook.submit("c0 = 2")
        #expect(root.count == length - 1)
        #expect(notebook.output(of: "c\(length - 2)") == "c\(length - 2) = \(length)")
    }
}
