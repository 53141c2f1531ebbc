import DataFiles
import Testing
@testable import Notebook
@testable import Language

/// Inputs that once went wrong, kept so they stay right.
@Suite struct HostileInputTests {
    @Test func aBrokenLineThatLooksLikeItDefinesABuiltInDoesNotBlockItsUsers() {
        let notebook = Notebook()
        notebook.enter(lines: ["f(x) = x^2", "descend = (", "r = descend(f, from: 1, step: 0.1)"])
        #expect(notebook.cell(named: "r")?.isHealthy == true)
        #expect(notebook.cell(named: "descend") == nil)
    }

    @Test func aLongProductIsDifferentiatedWithoutBlowingUp() {
        let notebook = Notebook()
        notebook.submit("m(x) = " + Array(repeating: "x", count: 10_000).joined(separator: "*"))
        #expect(notebook.report("m'").output == "m'(x) = 10000x^9999")
    }

    @Test func repeatedDerivativesAreBounded() {
        let notebook = Notebook()
        notebook.submit("p(x) = x^x")
        #expect(notebook.report("p" + String(repeating: "'", count: 30)).output.contains("order above 20"))
        #expect(notebook.report("explain(p'''')").output.contains("up to the third"))
    }

    @Test func absurdOptionsAreRefusedWithAReason() {
        let notebook = Notebook()
        notebook.enter(lines: ["f(x) = x^2", "k = 3"])
        #expect(notebook.report("descend(f, from: 1, step: 0.1, max: -5)").output.contains("max: must be a whole number"))
        #expect(notebook.report("descend(f, from: 1, step: -1)").output.contains("step: must be a positive number"))
        #expect(notebook.report("descend(k, from: 1, step: 0.1)").output.contains("descend needs a function"))
        #expect(notebook.report("sweep(f, from: 1, steps: (0.1, 0))").output.contains("every step size must be a positive number"))
        #expect(notebook.report("descend(f, from: 1, step: 1e308)").output.contains("diverged"))
        #expect(notebook.report("descend(f, from: 1, step: 0.1, method: sgd)").output.contains("method: must be one of"))
    }

    /// Found by the session fuzzer: the file's names differed from the
    /// names the sources define, two of which were the same, so a session
    /// that loaded could not be read back after a save.
    @Test func duplicateNamesAreJudgedByWhatTheSourcesDefine() {
        let text = """
        {"format": "descent-session", "version": 1, "cells": [
          {"id": 8, "name": "rate", "source": "r=ate  0.1"},
          {"id": 9, "name": "r", "source": "r = descend(f"}]}
        """
        do {
            _ = try Session.read(text)
            Issue.record("accepted")
        } catch {
            #expect(error.message == "two cells define 'r': [8] and [9]")
        }
    }

    /// Found by the cell fuzzer: `exp = …` twice is refused twice in the
    /// notebook, but the session reader counted both as defining `exp`, so
    /// the saved notebook could not be loaded again.
    @Test func refusedDefinitionsOfBuiltInsRoundTripThroughASession() throws {
        let notebook = Notebook()
        notebook.enter(lines: ["exp = 1", "exp = 2", "pi = 3", "ans = 4"])
        try #require(notebook.order.count == 4)
        let contents = try Session.read(notebook.sessionJSON())
        #expect(contents.cellCount == 4)
    }

    @Test func aSessionWithAnAbsurdVersionIsRefusedNotTrapped() {
        let error = #expect(throws: NotebookError.self) {
            try Session.read(#"{"format": "descent-session", "version": 1e300, "cells": []}"#)
        }
        #expect(error?.message.contains("version") == true, "\(error?.message ?? "")")
    }
}

/// Files from someone else: nothing in them reaches the terminal, a script
/// or a page as anything but text (SPEC sections 10 and 11).
@Suite struct FilesFromOthersTests {
    @Test(arguments: ["\n", "\r", "\u{1B}[2J", "\u{0}", "\u{85}", "\u{2028}", "\u{7F}"])
    func aSessionWhoseSourceHoldsALineBreakOrControlCharacterIsRefused(character: String) throws {
        let path = try temporaryFolder() + "/sent.json"
        let source = "# a note" + character + "import os"
        let file = """
        {"format": "descent-session", "version": 1, "cells": [
          {"id": 1, "name": "a", "source": "a = 1"},
          {"id": 2, "name": "_2", "source": \(JSONValue.string(source).serialized())}]}
        """
        try file.write(toFile: path, atomically: true, encoding: .utf8)
        let notebook = Notebook()
        notebook.enter(lines: ["k = 5"])
        do {
            try notebook.load(from: path)
            Issue.record("a source holding \(character.debugDescription) was loaded")
        } catch {
            #expect(error.message.contains("cell [2]") && error.message.contains("one line of text"), "\(error.message)")
        }
        // The open notebook is exactly as it was.
        #expect(notebook.orderedCells.map(\.source) == ["k = 5"])
    }

    @Test func aTypedLineWithAControlCharacterMakesNoCell() {
        let notebook = Notebook()
        notebook.enter(lines: ["f(x) = x^2"])
        let report = notebook.report("f(x) = x^3\u{1B}[2J")
        #expect(!report.ok && report.output.contains("U+001B at column 11"), "\(report.output)")
        #expect(report.isRefusedLine && report.json["id"] == .null)
        #expect(notebook.orderedCells.map(\.source) == ["f(x) = x^2"])
        // A tab is no control character here: it is white space.
        #expect(notebook.report("g(x) =\tx + 1").ok)
    }

    @Test func aCellLongerThanTheLimitIsRefusedAtOnce() throws {
        let notebook = Notebook()
        let long = "k = " + String(repeating: "1 + ", count: 30_000) + "1"
        let report = notebook.report(long)
        #expect(!report.ok && report.output.contains("a cell is at most 100000"), "\(report.output.prefix(200))")
        #expect(notebook.orderedCells.isEmpty)
        // Nor does a session bring one in.
        let path = try temporaryFolder() + "/long.json"
        let file = #"{"format": "descent-session", "version": 1, "cells": [{"id": 1, "name": "k", "source": "\#(long)"}]}"#
        try file.write(toFile: path, atomically: true, encoding: .utf8)
        #expect((#expect(throws: NotebookError.self) { try Notebook().load(from: path) })?.message.contains("a cell is at most 100000") == true)
    }

    /// Printable text that means something in Python, Markdown or HTML stays text in every export.
    @Test func hostileNotesAndSourcesStayTextInEveryExport() throws {
        let notebook = Notebook.ascii([
            #"# """ ; import os; os.system("touch pwned") # <script>alert(1)</script> ``` `x`"#,
            #"a = 1  # ''' \ </pre><img src=x onerror=alert(1)>"#,
        ])
        let folder = try temporaryFolder()
        let page = notebook.export.html(for: folder + "/page.html")
        #expect(!page.contains("<script>") && !page.contains("<img") && page.contains("&lt;script&gt;"))
        let ipynb = notebook.export.ipynbJSON(for: folder + "/book.ipynb")
        #expect(!ipynb.contains("<script>") && ipynb.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(ipynb.contains("`a = 1  # ''' \\\\ </pre><img src=x onerror=alert(1)>`"), "inline code keeps the source as typed")
        let script = notebook.export.pythonScript(for: folder + "/script.py")
        for line in script.split(separator: "\n") where line.contains("touch pwned") || line.contains("onerror") {
            #expect(line.drop { $0 == " " }.hasPrefix("# "), "\(line)")
        }
    }
}
