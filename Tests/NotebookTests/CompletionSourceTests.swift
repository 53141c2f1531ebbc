import Testing
@testable import Notebook
@testable import Language

@Suite struct NotebookCompletionTests {
    private let notebook: Notebook = {
        let notebook = Notebook()
        notebook.enter(lines: ["rate = 0.1", "f(x) = x^2", "r = descend(f, from: 1, step: rate)"])
        return notebook
    }()

    @Test(arguments: [
        (":sa", ":sa", [":save"]),
        ("x = ra", "ra", ["rate"]),
        ("desc", "desc", ["descend"]),
        ("descend(f, fr", "fr", ["from:"]),
        ("descend(f, from: 1, step: 0.1, method: ad", "ad", ["adam"]),
        ("plot(f, -5..5, pa", "pa", ["path:"]),
        (":show ra", "ra", ["rate"]),
        (":set pre", "pre", ["precision"]),
        (":set charset as", "as", ["ascii"]),
        (":help des", "des", ["descend"]),
        (":set charset ", "", ["unicode", "block", "ascii"]),
        ("r.", "", ["x", "f", "steps", "status", "path"]),
        ("r.st", "st", ["steps", "status"]),
        (":load tut", "tut", ["tutorial"]),
        (":save! tut", "tut", ["tutorial"]),
    ])
    func candidatesFitWhereTheCursorIs(line: String, word: String, expected: [String]) {
        let (found, matches) = notebook.completions(for: line, cursor: line.count)
        #expect(found == word)
        for name in expected { #expect(matches.contains(name), "\(matches)") }
        // Only what fits the word: a completer offering every name would not do.
        #expect(matches.allSatisfy { $0.hasPrefix(word) }, "\(matches)")
        #expect(!matches.contains("rate") || expected.contains("rate"))
    }

    @Test func theEnclosingCallIsFound() {
        #expect(Notebook.enclosingCall(before: "descend(f, from: g(1), ") == "descend")
        #expect(Notebook.enclosingCall(before: "f(x)") == nil)
    }
}
