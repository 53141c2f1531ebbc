import Calculus
@testable import Language
import Testing
@testable import Notebook

/// Errors carry a kind that code decides by; the message is for people.
@Suite struct DiagnosticKindTests {
    @Test func aNameNothingDefinesIsAnUnknownName() {
        let notebook = Notebook()
        #expect(notebook.report("y = rat + 1").diagnostic?.kind == .unknownName("rat"))
        #expect(notebook.report("g(x) = x + w").diagnostic?.kind == .unknownName("w"))
    }

    @Test func cellsThatUseEachOtherAreACycle() {
        let notebook = Notebook()
        notebook.submit("a = b + 1")
        let reports = notebook.submit("b = a + 1")
        #expect(!reports.isEmpty && reports.allSatisfy { $0.diagnostic?.kind == .cycle }, "\(reports.map(\.output))")
    }

    @Test func aCellAfterAFailedOneIsBlockedByIt() {
        let notebook = Notebook()
        notebook.submit("f(x) = x^2 + z")
        #expect(notebook.report("y = f(2)").diagnostic?.kind == .blocked(upstream: "f"))
    }

    @Test func aLineThatDoesNotParseIsASyntaxError() {
        let notebook = Notebook()
        #expect(notebook.report("y = (1 + ").diagnostic?.kind == .syntax)
        #expect(notebook.report("pi = 3").diagnostic?.kind != .syntax, "refused for what it means, not for its form")
    }

    /// The hints that depend on a name being unknown read the kind, so a
    /// message reworded one day cannot silently drop them.
    @Test func theFormulaHintReadsTheKindNotTheWords() throws {
        var renamed = Diagnostic.unknownName("x")
        renamed.message = "nothing is called x"
        let syntax = try Parser.parseCell("y = x^2 + 2")
        let hinted = CellHints.formula(renamed, syntax: syntax, source: "y = x^2 + 2")
        #expect(hinted.hint == "to define a function of x, write y(x) = x^2 + 2")
        let other = CellHints.formula(Diagnostic("unknown name 'x'"), syntax: syntax, source: "y = x^2 + 2")
        #expect(other.hint == nil, "a message that only reads like one is not an unknown name")
    }
}
