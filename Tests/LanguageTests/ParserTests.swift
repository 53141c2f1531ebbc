import Testing
import Calculus
@testable import Language
import TestSupport

@Suite struct ParserTests {
    /// Evaluates a formula in x at x = 3.
    private func value(_ source: String, x: Double = 3) throws -> Double {
        try expr(source).evaluate(["x": x])
    }

    @Test(arguments: [
        ("-2^2", -4.0), ("2^3^2", 512.0), ("2^-2", 0.25), ("-2^-2", -0.25), ("(-2)^2", 4.0),
        ("1 + 2 * 3", 7.0), ("(1 + 2) * 3", 9.0), ("8 / 4 / 2", 1.0), ("2 - 3 - 4", -5.0),
        ("2x", 6.0), ("3(x + 1)", 12.0), ("2 sin(0)", 0.0), ("4x^2", 36.0), ("-x^2", -9.0),
        ("2^x", 8.0), ("x^2^0", 3.0), ("1e-6", 1e-6), ("2.5E3", 2500.0), ("--2", 2.0), ("+x", 3.0),
        ("2*-3", -6.0), ("x/2x", 4.5), ("10 - 2x", 4.0), ("pi", Double.pi), ("2e", 2 * 2.718281828459045),
        ("min(x, 1)", 1.0), ("max(x, 1)", 3.0), ("log(e)", 1.0), ("log10(100)", 2.0), ("log2(8)", 3.0),
        ("sqrt(16)", 4.0), ("abs(-x)", 3.0), ("exp(0)", 1.0),
        // after a closing parenthesis too, as written in algebra
        ("(x + 1)(x - 1)", 8.0), ("(1 + 2)x", 9.0), ("(x + 1)sin(0)", 0.0), ("2(3)(4)", 24.0),
        ("sqrt(4)(x + 1)", 8.0), ("(x)^2(2)", 18.0),
        // a power binds to the factor it follows, not to the product before it
        ("(x + 1)(x - 1)^2", 16.0), ("x(x + 1)^2", 48.0), ("(x)(x + 1)^2", 48.0), ("(1 + 1)(2 + 1)^2", 18.0),
        ("e^(-x)(x + 1)", 4 * 0.049787068367863944), ("pi(x + 1)^2", Double.pi * 16),
    ])
    func precedenceAndEvaluation(source: String, expected: Double) throws {
        #expect(close(try value(source), expected, 1e-12))
    }

    @Test func definitionsAreRecognised() throws {
        guard case .function(let name, _, let parameters, _) = try Parser.parseCell("g(w, b) = w + b") else {
            Issue.record("not a function definition")
            return
        }
        #expect(name == "g")
        #expect(parameters.map { $0.name } == ["w", "b"])
        #expect(try Parser.parseCell("rate = 0.1").definedName == "rate")
        #expect(try Parser.parseCell("f(3)").definedName == nil)
    }

    @Test func namedArgumentsRangesVectorsFieldsAndPrimes() throws {
        let cell = try Parser.parseCell("r = descend(f, from: (1, 2), step: 0.1)")
        guard case .call(_, let arguments) = cell.body.kind else {
            Issue.record("not a call")
            return
        }
        #expect(arguments.map { $0.label } == [nil, "from", "step"])
        guard case .vector(let parts) = arguments[1].value.kind else {
            Issue.record("from: is not a vector")
            return
        }
        try #require(parts.count == 2)
        guard case .range = try Parser.parseExpression("-5..5").kind else {
            Issue.record("not a range")
            return
        }
        guard case .field(_, "x") = try Parser.parseExpression("r.x").kind else {
            Issue.record("not a field")
            return
        }
        guard case .call(let callee, _) = try Parser.parseExpression("f''(3)").kind,
              case .derivative(_, 2) = callee.kind else {
            Issue.record("not a second derivative call")
            return
        }
    }

    @Test(arguments: [
        ("f(x) = x^^2", 9, "expected an expression after '^'"),
        ("(1 + 2", 6, "expected ')' to close the '(' at column 1"),
        ("1 + 2)", 5, "unexpected ')'"),
        ("3 4", 2, "unexpected number 4"),
        ("f(x) =", 6, "expected an expression after '='"),
        ("2 +", 3, "expected an expression after '+'"),
        ("r.", 2, "expected a part name after '.'"),
        ("f(1,)", 4, "expected an argument"),
        ("()", 0, "empty parentheses"),
    ])
    func parseErrorsPointAtTheColumnAndSayWhatWasExpected(source: String, start: Int, message: String) {
        do {
            _ = try Parser.parseCell(source)
            Issue.record("\(source) parsed")
        } catch {
            #expect(error.message.hasPrefix(message), "\(error.message)")
            #expect(error.span?.start == start)
        }
    }

    @Test func aCaretMarksTheSpan() {
        let diagnostic = Diagnostic("unknown name 'rat'", at: SourceSpan(start: 4, end: 7), hint: "did you mean 'rate'?")
        #expect(diagnostic.render(source: "f = rat") == """
            error: unknown name 'rat'
              f = rat
                  ^^^
            hint: did you mean 'rate'?
            """)
    }

    @Test(arguments: [100_000])
    func deepNestingIsAnErrorNotACrash(depth: Int) {
        let parentheses = String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
        let minuses = String(repeating: "-", count: depth) + "1"
        let powers = Array(repeating: "2", count: depth).joined(separator: "^")
        for source in [parentheses, minuses, powers] {
            #expect((#expect(throws: Diagnostic.self) { try Parser.parseCell(source) })?.message.contains("nested too deeply") == true)
        }
    }

    @Test func aLongFlatSumIsNotDeep() throws {
        let source = Array(repeating: "x", count: 50_000).joined(separator: " + ")
        #expect(try expr(source).evaluate(["x": 1]) == 50_000)
    }

    @Test func unknownNamesSuggestTheClosest() {
        #expect(NameSuggestion.closest(to: "rat", in: ["rate", "r", "f"]) == "rate")
        #expect(NameSuggestion.closest(to: "grda", in: ["grad", "diff"]) == "grad")
        #expect(NameSuggestion.closest(to: "zzzzz", in: ["rate"]) == nil)
        #expect(NameSuggestion.closest(to: "q", in: ["e", "x"]) == nil)
    }
}
