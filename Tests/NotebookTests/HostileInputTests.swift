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
        #expect(throws: NotebookError.self) {
            try Session.read(#"{"format": "descent-session", "version": 1e300, "cells": []}"#)
        }
    }
}
