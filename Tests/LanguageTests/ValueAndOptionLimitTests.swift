import Testing
import Calculus
@testable import Language

/// Arithmetic on vectors, part by part, and the parts of a vector.
@Suite struct ValueArithmeticTests {
    private func evaluate(_ source: String) throws -> Value {
        let interpreter = Interpreter(lookup: { _ in nil }, knownNames: { [] }, settings: Settings(), control: RunControl())
        return try interpreter.evaluate(try Parser.parseCell(source))
    }

    private func vector(_ source: String) throws -> [Double] {
        guard case .vector(let parts) = try evaluate(source) else {
            Issue.record("\(source) is not a vector")
            return []
        }
        return parts
    }

    @Test func aVectorAndANumberCombineInTheirOrder() throws {
        #expect(try vector("(2, 4) / 2") == [1, 2])
        #expect(try vector("(2, 4) - 1") == [1, 3])
        #expect(try vector("(1, 2) ^ 2") == [1, 4])
    }

    @Test func aNumberToAVectorsPowerRaisesTheNumberToEachPart() throws {
        #expect(try vector("2 ^ (1, 2, 3)") == [2, 4, 8])
    }

    @Test func theNamedPartsAreTheFirstSecondAndThird() throws {
        for (part, value) in [("x", 7.0), ("y", 8), ("z", 9)] {
            guard case .number(let got) = try evaluate("(7, 8, 9).\(part)") else {
                Issue.record("(7, 8, 9).\(part) is not a number")
                continue
            }
            #expect(got == value, "\(part)")
        }
    }
}

/// What :set accepts: each setting's whole range, its ends included, and nothing beyond.
@Suite struct SettingsRangeTests {
    @Test func precisionRunsFromOneToSeventeenDigits() throws {
        var settings = Settings()
        try settings.set("precision", to: "17")
        #expect(settings.precision == 17)
        try settings.set("precision", to: "1")
        #expect(settings.precision == 1)
        #expect((#expect(throws: Diagnostic.self) { try settings.set("precision", to: "18") })?.message.contains("from 1 to 17") == true)
        #expect((#expect(throws: Diagnostic.self) { try settings.set("precision", to: "0") })?.message.contains("from 1 to 17") == true)
    }

    @Test func rowsMustBeAtLeastOne() throws {
        var settings = Settings()
        #expect((#expect(throws: Diagnostic.self) { try settings.set("rows", to: "0") })?.message.contains("from 1 to 100000") == true)
        #expect(settings.rows == 5)
        try settings.set("rows", to: "1")
        #expect(settings.rows == 1)
    }
}

/// The limits descend's options keep, at their edges.
@Suite struct DescendOptionEdgeTests {
    private func evaluate(_ source: String) throws -> Value {
        var values: [String: Value] = [:]
        let interpreter = Interpreter(lookup: { values[$0] }, knownNames: { Array(values.keys) },
                                      settings: Settings(), control: RunControl())
        values["f"] = try interpreter.evaluate(try Parser.parseCell("f(x) = x^2"))
        return try interpreter.evaluate(try Parser.parseCell(source))
    }

    @Test(arguments: ["method: momentum, beta: 1", "method: nesterov, beta: 1", "method: adam, beta1: 1", "method: adam, beta2: 1"])
    func aBetaOfOneIsRefused(options: String) {
        #expect((#expect(throws: Diagnostic.self) { try evaluate("descend(f, from: 1, step: 0.1, \(options))") })?.message.contains("beta") == true)
    }

    @Test func aBetaJustBelowOneIsAccepted() throws {
        guard case .run = try evaluate("descend(f, from: 1, step: 0.1, method: momentum, beta: 0.99, max: 3)") else {
            Issue.record("not a run")
            return
        }
    }

    @Test func aToleranceOfZeroRunsToTheLimit() throws {
        guard case .run(let value) = try evaluate("descend(f, from: 1, step: 0.1, tol: 0, max: 20)") else {
            Issue.record("not a run")
            return
        }
        // x = 0.8^k never reaches exactly 0 in 20 steps, so only max: ends it.
        #expect(value.run.steps == 20)
        #expect(value.run.status.rawValue == "max-steps")
        #expect((#expect(throws: Diagnostic.self) { try evaluate("descend(f, from: 1, step: 0.1, tol: -1)") })?.message.contains("tol: must be zero or a positive number") == true)
    }
}

/// Names may be as long as the limit, and no longer.
@Suite struct NameLengthTests {
    @Test func aNameOfTheLongestLengthIsReadAndOneLongerIsNot() throws {
        let longest = String(repeating: "a", count: Lexer.maximumNameLength)
        #expect(try Lexer.tokenize(longest).map { $0.kind } == [.identifier(longest), .end])
        #expect((#expect(throws: Diagnostic.self) { try Lexer.tokenize(longest + "a") })?.message.contains("name is too long") == true)
    }
}
