import Testing
import Calculus
@testable import Language

@Suite struct LexerTests {
    @Test(arguments: [
        ("3", 3.0), (".5", 0.5), ("1e-6", 1e-6), ("2.5E3", 2500.0), ("0.1", 0.1), ("1e+3", 1000.0), ("12.", 12.0),
    ])
    func numbersInEveryNotation(source: String, value: Double) throws {
        let tokens = try Lexer.tokenize(source)
        #expect(tokens.map { $0.kind } == [.number(value), .end])
    }

    @Test func anELettersAfterDigitsIsTheConstantUnlessDigitsFollow() throws {
        #expect(try Lexer.tokenize("2e").map { $0.kind } == [.number(2), .identifier("e"), .end])
        #expect(try Lexer.tokenize("2exp(x)").map { $0.kind }.prefix(2) == [.number(2), .identifier("exp")])
        #expect(try Lexer.tokenize("2e-x").map { $0.kind }.prefix(3) == [.number(2), .identifier("e"), .minus])
    }

    @Test func aRangeIsNotADecimalPoint() throws {
        #expect(try Lexer.tokenize("-5..5").map { $0.kind } == [.minus, .number(5), .dotDot, .number(5), .end])
        #expect(try Lexer.tokenize("1.5..2").map { $0.kind } == [.number(1.5), .dotDot, .number(2), .end])
    }

    @Test func primesAndFieldsAreTheirOwnTokens() throws {
        #expect(try Lexer.tokenize("f''(3)").map { $0.kind } ==
            [.identifier("f"), .prime, .prime, .leftParen, .number(3), .rightParen, .end])
        #expect(try Lexer.tokenize("r.x").map { $0.kind } == [.identifier("r"), .dot, .identifier("x"), .end])
    }

    @Test func spansCountCharacters() throws {
        let tokens = try Lexer.tokenize("ab + 12")
        try #require(tokens.count > 2)
        #expect(tokens[0].span == SourceSpan(start: 0, end: 2))
        #expect(tokens[2].span == SourceSpan(start: 5, end: 7))
    }

    @Test(arguments: ["x $ 2", "a ; b", "{x}", "x\u{7}"])
    func strangeCharactersAreErrorsWithAColumn(source: String) {
        #expect((#expect(throws: Diagnostic.self) { try Lexer.tokenize(source) })?.message.contains("unexpected character") == true)
        do {
            _ = try Lexer.tokenize(source)
        } catch {
            #expect(error.span != nil)
        }
    }
}
