import Foundation
import Testing
@testable import Notebook
@testable import Language

extension Notebook {
    /// Enters each line and returns the reports of the last.
    @discardableResult
    func enter(lines: [String]) -> [CellReport] {
        var last: [CellReport] = []
        for line in lines { last = submit(line) }
        return last
    }

    func output(of name: String) -> String? { cell(named: name)?.output }

    /// The first report of a line: the cell it made, or the command's answer.
    /// A line that gives no report fails the test that typed it (rather than
    /// taking the whole run down with an index out of range); the empty,
    /// failed report returned then fails whatever the test expects of it.
    func report(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) -> CellReport {
        if let first = submit(line).first { return first }
        Issue.record("\(line.debugDescription) gave no report", sourceLocation: sourceLocation)
        return CellReport(id: nil, name: "", source: line, ok: false, value: .null, output: "")
    }

    /// A notebook that draws plain ASCII at 60 columns, so that plots compare as text.
    static func ascii(_ lines: [String] = []) -> Notebook {
        let notebook = Notebook()
        notebook.settings.charset = .ascii
        notebook.settings.width = 60
        notebook.enter(lines: lines)
        return notebook
    }
}

/// The folder of this test run's files, removed when the run ends.
private let testRoot = FileManager.default.temporaryDirectory.appendingPathComponent("descent-notebook-tests-\(getpid())").path
private let removesTestRootAtExit: Void = {
    atexit { try? FileManager.default.removeItem(atPath: testRoot) }
}()

/// A new, empty folder for files a test writes.
func temporaryFolder() throws -> String {
    _ = removesTestRootAtExit
    let path = testRoot + "/" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
