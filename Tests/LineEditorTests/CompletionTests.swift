import Foundation
import Testing
@testable import LineEditor

@Suite struct CompletionTests {
    @Test func aSingleMatchIsCompleted() {
        let action = Completion.action(for: .init(word: "de", matches: ["descend"]))
        #expect(action == .init(insert: "scend", list: nil))
    }

    @Test func aCommandGetsASpaceAfterIt() {
        #expect(Completion.action(for: .init(word: ":sa", matches: [":save"])).insert == "ve ")
    }

    @Test func anOptionLabelGetsASpaceAfterItsColon() {
        #expect(Completion.action(for: .init(word: "fr", matches: ["from:"])).insert == "om: ")
        #expect(Completion.action(for: .init(word: "desc", matches: ["descend"])).insert == "end")
    }

    @Test func severalMatchesInsertTheirCommonPrefix() {
        #expect(Completion.action(for: .init(word: "si", matches: ["sinh", "sin"])) == .init(insert: "n", list: nil))
    }

    @Test func severalMatchesWithNothingInCommonAreListed() {
        let action = Completion.action(for: .init(word: "s", matches: ["sqrt", "sin", "sinh", "sin"]))
        #expect(action == .init(insert: "", list: ["sin", "sinh", "sqrt"]))
    }

    @Test func noMatchInsertsNothing() {
        #expect(Completion.action(for: .init(word: "zz", matches: [])) == .init(insert: "", list: nil))
    }

    @Test func candidatesAreLaidOutInColumns() {
        let text = Completion.columns(["a", "bb", "ccc", "dddd"], width: 12)
        #expect(text == "a     bb\nccc   dddd")
    }
}

@Suite struct HistoryFileTests {
    private func path() -> String {
        _ = removesHistoryRootAtExit
        return historyRoot + "/\(UUID().uuidString)/history"
    }

    @Test func linesAreKeptOnceNewestLastAndSurviveARestart() {
        let file = path()
        var history = HistoryFile(path: file)
        history.add("f(x) = x^2")
        history.add("rate = 0.1")
        history.add("f(x) = x^2")
        history.add("   ")
        #expect(history.entries == ["rate = 0.1", "f(x) = x^2"])
        #expect(HistoryFile(path: file).entries == ["rate = 0.1", "f(x) = x^2"])
    }

    @Test func twoDescentsAtOnceKeepEachOthersLines() {
        let file = path()
        var first = HistoryFile(path: file)
        var second = HistoryFile(path: file)
        first.add("a = 1")
        second.add("second_only = 5")
        first.add("first_after = 1")
        #expect(HistoryFile(path: file).entries == ["a = 1", "second_only = 5", "first_after = 1"])
    }

    @Test func theHistoryIsBounded() {
        var history = HistoryFile(path: path(), capacity: 3)
        for i in 1...5 { history.add("x = \(i)") }
        #expect(history.entries == ["x = 3", "x = 4", "x = 5"])
    }

    @Test func theFileFollowsXDGStateHomeOrHome() {
        #expect(HistoryFile.defaultPath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/descent/history")
        #expect(HistoryFile.defaultPath(environment: ["HOME": "/h"]) == "/h/.descent_history")
        #expect(HistoryFile.defaultPath(environment: [:]) == nil)
    }
}

/// The folder of this run's history files, removed when the run ends.
private let historyRoot = FileManager.default.temporaryDirectory.appendingPathComponent("descent-history-tests-\(getpid())").path
private let removesHistoryRootAtExit: Void = {
    atexit { try? FileManager.default.removeItem(atPath: historyRoot) }
}()
