import Foundation
import Testing
@testable import Language

/// The trimming that replaced Foundation's on every typed line trims exactly
/// what Foundation's character sets name.
@Suite struct WhitespaceTests {
    static let lines = [
        "", " ", "\t x = 1 \t", "  f(x) = x^2  \n", "\r\nx\r\n", "\n\n", "x", " a b ",
        "\u{00A0}x\u{2003}", "\u{2028}x = 1\u{2029}", "\u{0085}y\u{000B}\u{000C}", "é ", " \u{1F600} ",
        "x\u{0301} ", "\u{200B}x",  // a combining accent stays with its letter; a zero-width space is no white space
    ]

    @Test(arguments: lines)
    func trimmingAgreesWithFoundation(line: String) {
        #expect(line.trimmingWhitespace == line.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(line.trimmingSpaces == line.trimmingCharacters(in: .whitespaces))
        #expect(line.trimmingLineBreaks == line.trimmingCharacters(in: .newlines))
        // A slice of a line trims as the line does.
        let slice = ("[" + line + "]").dropFirst().dropLast()
        #expect(slice.trimmingSpaces == line.trimmingCharacters(in: .whitespaces))
    }
}
