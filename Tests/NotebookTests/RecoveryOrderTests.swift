import Foundation
import Testing
@testable import Notebook

/// Several recovery files left behind are offered newest first, by when they were written.
@Suite struct RecoveryOrderTests {
    @Test func abandonedFilesComeNewestFirst() throws {
        let folder = try temporaryFolder()
        // Process ids that cannot be running (above Linux's largest).
        let first = Recovery(directory: folder, processID: 4_194_304 + 11)
        let second = Recovery(directory: folder, processID: 4_194_304 + 12)
        for (recovery, line) in [(first, "a = 1"), (second, "b = 2")] {
            let notebook = Notebook()
            notebook.enter(lines: [line])
            recovery.autosave(notebook.snapshot())
            recovery.flush()
        }
        let current = Recovery(directory: folder)
        let now = Date()
        try FileManager.default.setAttributes([.modificationDate: now.addingTimeInterval(-3600)], ofItemAtPath: first.file)
        try FileManager.default.setAttributes([.modificationDate: now.addingTimeInterval(-60)], ofItemAtPath: second.file)
        #expect(current.abandoned() == [second.file, first.file])
        try FileManager.default.setAttributes([.modificationDate: now], ofItemAtPath: first.file)
        #expect(current.abandoned() == [first.file, second.file])
    }
}
