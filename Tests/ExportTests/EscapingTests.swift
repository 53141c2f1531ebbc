import Foundation
import Testing
@testable import Descent
@testable import Export
@testable import Language
import TestSupport

/// Whatever a text holds, the Python an export writes keeps it as text: a
/// comment stays a comment, a string literal stays one literal, and no line
/// of it becomes a statement (SPEC section 10, the last bullet).
@Suite(.enabled(if: ExternalTools.python3 != nil || ExternalTools.isCI, "python3 is not installed"))
struct ExportEscapingTests {
    /// Random texts made of what breaks escapers: every line break Python
    /// knows, other control characters, quotes, backslashes, triple quotes,
    /// comment marks and code.
    static func hostileTexts(count: Int, seed: UInt64) -> [String] {
        let pieces = ["\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{1B}[2J", "\u{1B}]0;x\u{07}", "\u{0}", "\u{85}", "\u{2028}",
                      "\u{2029}", "\"", "'", "\"\"\"", "\\", "\\n", "#", " ", "import os", "os.system('touch pwned')",
                      "x = 1", "θ", "<b>", "`", "é", "1e400", ";", ")", "(", "\t"]
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            (0..<Int(random.next() % 9 + 1)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
        }
    }

    @Test func commentsAndStringsOfAnyTextParseAsExactlyWhatWasWritten() throws {
        let python = try #require(ExternalTools.python3, "python3 is needed to read the Python export")
        let texts = Self.hostileTexts(count: 400, seed: 11)
        var script = "values = []\n"
        for text in texts {
            script += PythonTranslator.comment(text) + "\n"
            script += "values.append(" + PythonTranslator.string(text) + ")\n"
        }
        // The module must hold one assignment and one append per text, nothing more, and each
        // literal must be the text itself: then no text became code.
        let check = """
        import ast, json, sys
        source = open(sys.argv[1], encoding="utf-8").read()
        tree = ast.parse(source)
        body = tree.body[1:]
        assert all(isinstance(n, ast.Expr) and isinstance(n.value, ast.Call) for n in body), "a statement that is not an append"
        print(json.dumps([n.value.args[0].value for n in body]))
        """
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("descent-escape-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("escaped.py")
        try script.write(to: file, atomically: true, encoding: .utf8)
        let (status, output) = try ExternalTools.runMerged(python, ["-c", check, file.path])
        try #require(status == 0, "\(output)")
        let read = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String]
        #expect(read == texts)
        // Run, the script makes no file: nothing in a text ran.
        let (ran, ranOutput) = try ExternalTools.runMerged(python, [file.path], in: folder)
        #expect(ran == 0, "\(ranOutput)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("pwned").path))
    }
}
