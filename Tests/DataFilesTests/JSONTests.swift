import Testing
@testable import DataFiles

/// A session's strings may carry any character as a \u escape, as JSON allows.
@Suite struct JSONEscapeTests {
    @Test func aSurrogatePairIsTheOneCharacterItEncodes() throws {
        // U+1F600 is D83D DE00 in UTF-16.
        #expect(try JSONParser.parse(#""\ud83d\ude00""#) == .string("\u{1F600}"))
        #expect(try JSONParser.parse(#""x \uD835\uDC65 y""#) == .string("x \u{1D465} y"))
    }

    @Test func aLoneHighSurrogateIsAReplacementCharacter() throws {
        #expect(try JSONParser.parse(#""\ud83d""#) == .string("\u{FFFD}"))
    }
}

/// The session file's JSON reader, apart from sessions.
@Suite struct JSONParserTests {
    @Test func valuesOfEveryKind() throws {
        let value = try JSONParser.parse(#"{"a": [1, -2.5e3, true, false, null], "b": "\u00e9\n\"x\"", "c": {}}"#)
        #expect(value["a"] == .array([.number(1), .number(-2500), .bool(true), .bool(false), .null]))
        #expect(value["b"] == .string("é\n\"x\""))
        #expect(value["c"] == .object([]))
    }

    @Test func keysKeepTheirOrder() throws {
        guard case .object(let pairs) = try JSONParser.parse(#"{"z": 1, "a": 2, "m": 3}"#) else {
            Issue.record("not an object")
            return
        }
        #expect(pairs.map(\.0) == ["z", "a", "m"])
    }

    @Test(arguments: [
        ("{\n  \"a\": tru\n}", 2, 8),
        ("[1, 2", 1, 6),
        ("{\"a\" 1}", 1, 6),
        ("[1] x", 1, 5),
    ])
    func anErrorSaysItsLineAndColumn(text: String, line: Int, column: Int) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.line == line && error.column == column, "\(error.description)")
        }
    }
}
