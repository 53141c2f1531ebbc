import Foundation
import Testing
@testable import Notebook
@testable import Language

/// A line that is only a comment is a note: prose kept in its place between cells.
struct NoteTests {
    @Test func aNoteIsACellInItsPlaceThatNeverRuns() {
        let notebook = Notebook()
        let reports = notebook.submit("# Step 1: the bowl")
        #expect(reports.count == 1 && reports[0].isNote && reports[0].ok)
        notebook.enter(lines: ["f(x) = x^2 + 2", "  # Step 2: its slope", "f'(3)"])
        #expect(notebook.orderedCells.map(\.source) == ["# Step 1: the bowl", "f(x) = x^2 + 2", "# Step 2: its slope", "f'(3)"])
        #expect(notebook.orderedCells.map(\.isNote) == [true, false, true, false])
        #expect(!notebook.hasErrors)
        // A comment after code stays part of its cell.
        notebook.submit("k = 2  # a constant")
        #expect(notebook.cell(named: "k")?.isNote == false)
        #expect(notebook.cell(named: "k")?.value != nil)
    }

    @Test func ansSkipsNotes() {
        let notebook = Notebook()
        notebook.enter(lines: ["3 + 4", "# and then", "ans * 2"])
        #expect(notebook.orderedCells.last?.output == "14")
    }

    @Test func aNoteIsListedSavedAndReplayed() throws {
        let notebook = Notebook()
        notebook.enter(lines: ["# The bowl", "f(x) = x^2 + 2"])
        let listing = notebook.report(":cells").output
        #expect(listing.contains("[1]") && listing.contains("# The bowl"))
        let path = try temporaryFolder() + "/notes.json"
        #expect(notebook.report(":save \(path)").ok)
        let again = Notebook()
        let loaded = again.report(":load \(path)")
        #expect(loaded.ok)
        #expect(loaded.ranCells.map(\.isNote) == [true, false])
        #expect(again.orderedCells.first?.source == "# The bowl")
    }

    @Test func aNoteCanBeEditedAndAnEditCanMakeACellANote() {
        let notebook = Notebook()
        notebook.enter(lines: ["# first words", "a = 1"])
        notebook.replace(1, with: "# better words")
        #expect(notebook.orderedCells.first?.source == "# better words")
        notebook.replace(2, with: "# a was here")
        #expect(notebook.orderedCells.map(\.isNote) == [true, true])
        #expect(notebook.cell(named: "a") == nil)
    }

    @Test func notesAreExportedAsProse() {
        let notebook = Notebook()
        notebook.enter(lines: ["# Step 1: the bowl", "f(x) = x^2 + 2"])
        let script = notebook.export.pythonScript(for: "/tmp/notes.py")
        // The first note is the script's title; the cells follow, each under its source.
        #expect(script.hasPrefix("# Step 1: the bowl: a descent notebook in Python\n"), "\(script.prefix(300))")
        #expect(script.contains("\n    # [2]\n    # f(x) = x^2 + 2\n    def f(x):"), "\(script.prefix(600))")
        notebook.enter(lines: ["# Step 2: its slope"])
        let page = notebook.export.html(for: "/tmp/notes.html")
        // The first note is the page's title; the others are paragraphs in their place.
        #expect(page.contains("<title>Step 1: the bowl</title>"))
        // Wide output (advise, explain) wraps in the page instead of scrolling sideways.
        #expect(page.contains("white-space: pre-wrap") && !page.contains("overflow-x: auto"))
        #expect(page.contains("<h1>Step 1: the bowl</h1>"))
        #expect(page.contains("<p class=\"note\" id=\"cell-3\">Step 2: its slope</p>"))
        let json = notebook.export.ipynbJSON(for: "/tmp/notes.ipynb")
        #expect(json.contains("\"# Step 1: the bowl\\n\","))
        #expect(json.contains("\"id\": \"note-3\""))
        // A note after the first stays in its place among the cells.
        #expect(notebook.export.pythonScript(for: "/tmp/notes.py").contains("\n    # Step 2: its slope\n"))
    }
}

/// The script computes what the notebook computed: a number before
/// parentheses, read as a product by the notebook, is a product in Python.
@Suite struct ExportReadingTests {
    @Test func aProductWrittenWithoutAStarIsOneInTheScript() {
        let notebook = Notebook()
        notebook.enter(lines: ["k = 3", "y = k(2 + 1)"])
        let script = notebook.export.pythonScript(for: "/tmp/reading.py")
        #expect(script.contains("y = k*(2 + 1)"), "\(script)")
        #expect(!script.contains("not translated"), "\(script)")
    }
}
