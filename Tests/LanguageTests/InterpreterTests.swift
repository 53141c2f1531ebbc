import Calculus
import Testing
@testable import Language

/// The cell language evaluated on its own, without a notebook: the other
/// cells are a dictionary of values.
@Suite struct InterpreterTests {
    private func evaluate(_ source: String, with values: [String: Value] = [:], settings: Settings = Settings()) throws -> Value {
        let interpreter = Interpreter(lookup: { values[$0] }, knownNames: { Array(values.keys) },
                                      settings: settings, control: RunControl())
        return try interpreter.evaluate(interpreter.reading(try Parser.parseCell(source)))
    }

    private func function(_ source: String) throws -> Value {
        try evaluate(source)
    }

    @Test(arguments: [("2^3^2", 512.0), ("-2^2", -4), ("2^-2", 0.25), ("3(1 + 1)", 6), ("max(3, 4)", 4)])
    func numbers(source: String, expected: Double) throws {
        guard case .number(let value) = try evaluate(source) else { Issue.record("not a number"); return }
        #expect(value == expected)
    }

    /// k(x + 1) with k a number is a product, in a cell and in a function body.
    @Test(arguments: [("k(1 + 1)", 6.0), ("k(1 + 1)^2", 12), ("pi(2)", 2 * Double.pi), ("h(1)", 12), ("line(1)", 6),
                      ("own(2)", 6)])
    func aNumberBeforeParenthesesMultiplies(source: String, expected: Double) throws {
        var values: [String: Value] = ["k": .number(3)]
        let interpreter = Interpreter(lookup: { values[$0] }, knownNames: { Array(values.keys) },
                                      settings: Settings(), control: RunControl())
        values["h"] = try interpreter.evaluate(interpreter.reading(try Parser.parseCell("h(x) = k(x + 1)^2")))
        values["line"] = try interpreter.evaluate(interpreter.reading(try Parser.parseCell("line(x) = k(x + 1)")))
        // In a function's body its parameters are numbers: a(a + 1) is a*(a + 1).
        values["own"] = try interpreter.evaluate(interpreter.reading(try Parser.parseCell("own(a) = a(a + 1)")))
        guard case .number(let value) = try evaluate(source, with: values) else { Issue.record("not a number"); return }
        #expect(Swift.abs(value - expected) < 1e-12)
    }

    @Test func aDefinitionIsAFunctionAndItsDerivativeOne() throws {
        let f = try function("f(x) = x^2 + 2")
        guard case .function(let definition) = f else { Issue.record("not a function"); return }
        #expect(definition.description == "f(x) = x^2 + 2")
        guard case .number(let slope) = try evaluate("f'(3)", with: ["f": f]) else { Issue.record("not a number"); return }
        #expect(slope == 6)
    }

    @Test func aDescentIsARunWithItsParts() throws {
        let f = try function("f(x) = x^2 + 2")
        let values: [String: Value] = ["f": f, "rate": .number(0.1)]
        let run = try evaluate("descend(f, from: -4, step: rate)", with: values)
        guard case .run(let result) = run else { Issue.record("not a run"); return }
        #expect(result.run.steps == 72)
        guard case .number(let steps) = try evaluate("r.steps", with: ["r": run]) else { Issue.record("not a number"); return }
        #expect(steps == 72)
        guard case .text(let status, _) = try evaluate("r.status", with: ["r": run]) else { Issue.record("not a word"); return }
        #expect(status == "converged")
    }

    @Test func anUnknownNameSuggestsTheClosestKnownOne() throws {
        let interpreter = Interpreter(lookup: { $0 == "rate" ? .number(0.1) : nil }, knownNames: { ["rate"] },
                                      settings: Settings(), control: RunControl())
        let cell = try Parser.parseCell("rat * 2")
        do throws(Diagnostic) {
            _ = try interpreter.evaluate(interpreter.reading(cell))
            Issue.record("accepted")
        } catch {
            #expect(error.message == "unknown name 'rat'")
            #expect(error.hint == "did you mean 'rate'?")
            #expect(error.span == SourceSpan(start: 0, end: 3))
        }
    }

    @Test func everyRunPartIsReadable() throws {
        let run = try evaluate("descend(f, from: -4, step: 0.1)", with: ["f": try function("f(x) = x^2 + 2")])
        for field in RunField.allCases {
            #expect((try? evaluate("r.\(field.rawValue)", with: ["r": run])) != nil, "r.\(field.rawValue)")
        }
        func number(_ source: String) throws -> Double? {
            if case .number(let value) = try evaluate(source, with: ["r": run]) { return value }
            return nil
        }
        #expect(try number("r.start") == -4)
        #expect(try number("r.step") == 0.1)
        #expect(try number("r.f").map { Swift.abs($0 - 2) < 1e-12 } == true)
        // The gradient keeps its sign: the run ends just left of 0, where f' is negative.
        let gradient = try #require(try number("r.gradient"))
        #expect(gradient < 0)
        #expect(try number("r.gradnorm") == Swift.abs(gradient))
    }
}

/// The iteration table of a run.
@Suite struct PathTableTests {
    @Test func theFirstAndLastRowsThenTheSummary() throws {
        let f = Interpreter(lookup: { _ in nil }, knownNames: { [] }, settings: Settings(), control: RunControl())
        let function = try f.evaluate(try Parser.parseCell("f(x) = x^2 + 2"))
        let runner = Interpreter(lookup: { $0 == "f" ? function : nil }, knownNames: { ["f"] }, settings: Settings(), control: RunControl())
        guard case .run(let run) = try runner.evaluate(try Parser.parseCell("descend(f, from: -4, step: 0.1)")) else {
            Issue.record("not a run")
            return
        }
        var settings = Settings()
        settings.rows = 2
        let lines = PathTable.render(run, settings: settings).split(separator: "\n").map(String.init)
        try #require(lines.count == 8)
        #expect(lines[0] == "gd on f from -4, step 0.1")
        // In 1-D the signed slope and the step it caused: f'(-4) = -8, so x moves +0.8.
        #expect(lines[1].split(separator: " ") == ["step", "x", "f(x)", "f'(x)", "Δx"])
        #expect(lines[2].split(separator: " ") == ["0", "-4", "18", "-8", "0.8"])
        #expect(lines[3].split(separator: " ") == ["1", "-3.2", "12.24", "-6.4", "0.64"])
        #expect(lines[4].trimmingCharacters(in: .whitespaces) == "…")
        #expect(lines[6].split(separator: " ").first == "72")
        #expect(lines[7] == "converged after 72 steps (gradient length below 1e-06) at a minimum")
        settings.charset = .ascii
        #expect(PathTable.render(run, settings: settings).contains("..."))
    }
}
