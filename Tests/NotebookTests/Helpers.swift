import Foundation
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
