import Calculus
import Testing
@testable import Language

/// advise(f, from: x0): the curvature and the steps it allows, exactly on quadratics.
@Suite struct AdviseTests {
    private func advice(_ definition: String, from start: String) throws -> AdviceValue {
        let define = Interpreter(lookup: { _ in nil }, knownNames: { [] }, settings: Settings(), control: RunControl())
        let function = try define.evaluate(try Parser.parseCell(definition))
        let interpreter = Interpreter(lookup: { $0 == "f" ? function : nil }, knownNames: { ["f"] },
                                      settings: Settings(), control: RunControl())
        guard case .advice(let advice) = try interpreter.evaluate(try Parser.parseCell("advise(f, from: \(start))")) else {
            throw Diagnostic("not advice")
        }
        return advice
    }

    @Test(arguments: [
        ("f(x) = x^2 + 2", "-4", 2.0), ("f(x) = 100x^2", "1", 200), ("f(x) = 3(x - 1)^2 + x", "7", 6),
        ("f(w, b) = (w - 3)^2 + 10(b + 1)^2", "(0, 0)", 20), ("f(x, y) = x^2 + x*y + y^2", "(5, -2)", 3),
    ])
    func onAQuadraticTheBoundsAreExact(definition: String, start: String, curvature: Double) throws {
        let found = try advice(definition, from: start)
        #expect(found.isQuadratic)
        #expect(Swift.abs(found.curvature - curvature) <= 1e-14 * curvature)
        #expect(Swift.abs((found.stableBelow ?? .nan) - 2 / curvature) <= 1e-14 * curvature)
        #expect(Swift.abs((found.suggested ?? .nan) - 1 / curvature) <= 1e-14 * curvature)
    }

    @Test func aTwoVariableBowlHasItsConditionNumberInTheText() throws {
        let found = try advice("f(w, b) = (w - 3)^2 + 10(b + 1)^2", from: "(0, 0)")
        #expect(found.eigenvalues == [2, 20])
        let text = AdviceText.render(found, settings: Settings())
        #expect(text.contains("condition number L/2 = 10"))
        #expect(text.contains("steps below 2/L = 2/20 = 0.1"))
    }

    @Test func awayFromAQuadraticTheReadingIsLocal() throws {
        let found = try advice("f(x) = ln(1 + x^2)", from: "0.5")
        #expect(!found.isQuadratic)
        #expect(Swift.abs(found.curvature - 0.96) < 1e-14)
        #expect(AdviceText.render(found, settings: Settings()).contains("this reading holds near 0.5"))
    }

    @Test func whereFCurvesDownNoStepIsSuggested() throws {
        let found = try advice("f(x) = -x^2", from: "1")
        #expect(found.curvature == -2)
        #expect(found.stableBelow == nil && found.suggested == nil)
        #expect(AdviceText.render(found, settings: Settings()).contains("it has no minimum"))
    }

    @Test(arguments: ["f(x) = x^2 + abs(x)", "f(x) = max(x^2, 4x^2 - 3)"])
    func aFunctionWithACornerIsNoQuadratic(definition: String) throws {
        #expect(!(try advice(definition, from: "1")).isQuadratic)
    }

    @Test func aSaddleGetsNoAdviceAboutAMinimum() throws {
        let text = AdviceText.render(try advice("f(x, y) = x^2 - y^2", from: "(1, 1)"), settings: Settings())
        #expect(!text.contains("the minimum"))
        #expect(text.contains("it has no minimum"))
    }

    @Test func aStartOfTheWrongSizeIsAnError() throws {
        #expect((#expect(throws: Diagnostic.self) { try advice("f(w, b) = w^2 + b^2", from: "1") })?.message.contains("2") == true)
    }
}
