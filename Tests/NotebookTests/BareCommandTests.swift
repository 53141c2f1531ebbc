import Testing
@testable import Notebook
@testable import Language

/// help, quit and exit typed without their colon are the commands, as in Python's shell.
@Suite struct BareCommandTests {
    @Test(arguments: ["quit", "exit", "  exit "])
    func quitAndExitWithoutTheColonQuit(line: String) throws {
        let command = try #require(Command.bare(line))
        #expect(command.name == ":quit")
        #expect(command.isQuit)
    }

    @Test func exitTypedInANotebookSaysItIsQuit() {
        let notebook = Notebook()
        let report = notebook.report("exit")
        #expect(report.output.contains("this is :quit"), "\(report.output)")
        #expect(notebook.orderedCells.isEmpty)
    }

    @Test func otherWordsAreNoCommand() {
        #expect(Command.bare("exits") == nil)
        #expect(Command.bare("x") == nil)
    }
}
