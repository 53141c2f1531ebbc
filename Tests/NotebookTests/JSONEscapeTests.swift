import Testing
@testable import Notebook

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

    @Test func aSessionCellWithAnEscapedCharacterLoadsIt() throws {
        let text = ##"{"format": "descent-session", "version": 1, "cells": [{"id": 1, "name": "_1", "source": "# smile \ud83d\ude00"}]}"##
        let contents = try Session.read(text)
        let notebook = Notebook()
        _ = notebook.load(contents)
        #expect(notebook.orderedCells.first?.source == "# smile \u{1F600}")
    }
}
