import Testing
@testable import Notebook
@testable import Language

/// :undo takes back the newest changes, up to its depth, and puts things back where they were.
@Suite struct UndoTests {
    @Test func aDeletedCellComesBackToItsPlace() throws {
        let notebook = Notebook()
        notebook.enter(lines: ["a = 1", "b = 2", "c = 3"])
        notebook.submit(":delete b")
        #expect(notebook.orderedCells.map(\.name) == ["a", "c"])
        notebook.submit(":undo")
        #expect(notebook.orderedCells.map(\.name) == ["a", "b", "c"])
        #expect(notebook.order == [1, 2, 3])
    }

    @Test func pastItsDepthTheLogDropsTheOldestChangeAndKeepsTheNewest() throws {
        let notebook = Notebook()
        let count = Notebook.undoDepth + 1
        notebook.enter(lines: (1...count).map { "v\($0) = \($0)" })
        notebook.submit(":undo")
        // The newest change, the last cell entered, is the one taken back.
        #expect(notebook.cell(named: "v\(count)") == nil)
        #expect(notebook.cell(named: "v\(count - 1)") != nil)
        // Only undoDepth changes are kept: the first cell's entry was the one dropped.
        for _ in 1..<Notebook.undoDepth { notebook.submit(":undo") }
        #expect(notebook.orderedCells.map(\.name) == ["v1"])
        notebook.submit(":undo")
        #expect(notebook.orderedCells.map(\.name) == ["v1"])
    }
}
