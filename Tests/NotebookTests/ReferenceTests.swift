import Foundation
import Testing
@testable import Notebook

/// docs/reference.md is what :help says, table for table.
@Suite struct ReferenceTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/reference.md").path

    @Test func theReferencePageIsWhatHelpSays() throws {
        let made = Help.reference()
        if ProcessInfo.processInfo.environment["DESCENT_WRITE_REFERENCE"] == "1" {
            try made.write(toFile: ReferenceTests.path, atomically: true, encoding: .utf8)
        }
        let kept = try String(contentsOfFile: ReferenceTests.path, encoding: .utf8)
        #expect(kept == made, "docs/reference.md differs from :help's tables: run make reference")
        for entry in Command.Entry.table { #expect(kept.contains(entry.help)) }
        #expect(kept.contains("### `descend`"))
    }
}
