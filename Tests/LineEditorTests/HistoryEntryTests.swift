import Foundation
import Testing
@testable import LineEditor

/// What one history entry is, and where the history lives.
@Suite struct HistoryEntryTests {
    private func path() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("descent-history-entry-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder + "/history"
    }

    @Test func aLineOfSeveralLinesIsOneEntryAndReadsBackAsOne() throws {
        let file = try path()
        defer { try? FileManager.default.removeItem(atPath: (file as NSString).deletingLastPathComponent) }
        var history = HistoryFile(path: file)
        history.add("f(x) = x^2\n+ 1")
        #expect(history.entries == ["f(x) = x^2 + 1"])
        #expect(HistoryFile(path: file).entries == ["f(x) = x^2 + 1"])
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "f(x) = x^2 + 1\n")
    }

    @Test func anEmptyXDGStateHomeIsAsIfUnset() {
        #expect(HistoryFile.defaultPath(environment: ["XDG_STATE_HOME": "", "HOME": "/h"]) == "/h/.descent_history")
        #expect(HistoryFile.defaultPath(environment: ["XDG_STATE_HOME": ""]) == nil)
    }

    @Test func aCapacityBelowOneStillKeepsTheNewestLine() throws {
        let file = try path()
        defer { try? FileManager.default.removeItem(atPath: (file as NSString).deletingLastPathComponent) }
        var history = HistoryFile(path: file, capacity: 0)
        history.add("a = 1")
        history.add("b = 2")
        #expect(history.entries == ["b = 2"])
    }
}
