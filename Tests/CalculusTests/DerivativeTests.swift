import Foundation
import Testing
@testable import Calculus
import Language
import TestSupport

@Suite struct DerivativeTests {
    /// Checks d/dx source against a Richardson-extrapolated central difference at several points.
    private func agreesWithNumeric(_ source: String, at points: [Double]) throws {
        let f = try expr(source)
        let derivative = Derivative.of(f, by: "x")
        for a in points {
            let value = { (x: Double) in f.evaluate(["x": x]) }
            let h = 1e-3 * Swift.max(1, Swift.abs(a))
            let coarse = NumericDerivative.central(at: a, step: h, value)
            let fine = NumericDerivative.central(at: a, step: h / 2, value)
            let numeric = (4 * fine - coarse) / 3
            let symbolic = derivative.evaluate(["x": a])
            #expect(close(symbolic, numeric, 1e-6), "d/dx \(source) at \(a): \(symbolic) vs \(numeric)")
        }
    }

    @Test(arguments: [
        // rule or function, expression
        "7", "x", "x^2 + 2", "3x^3 - 2x^2 + x - 7",          // constant, variable, sum, power
        "2x*sin(x)", "x^2*exp(x)*cos(x)",                     // product
        "sin(x)/x", "(x^2 + 1)/(x - 5)", "1/x", "x/(x + 1)",  // quotient
        "(x^2 + 1)^3", "sin(x^2)", "exp(-x^2)", "ln(x^2 + 1)", // chain
        "x^x", "2^x", "x^sin(x)", "e^x", "x^0.5", "x^-2",     // general powers
        "sin(x)", "cos(x)", "tan(x)", "asin(x/4)", "acos(x/4)", "atan(x)",
        "sinh(x)", "cosh(x)", "tanh(x)", "exp(x)", "ln(x)", "log(x)", "log10(x)", "log2(x)",
        "sqrt(x)", "abs(x - 10)", "min(x, 10)", "max(x^2, 100)", "pi*x^2", "sqrt(x^2 + 1)",
    ])
    func everyRuleAndFunctionAgreesWithACentralDifference(source: String) throws {
        try agreesWithNumeric(source, at: [0.3, 1.1, 2.5, 3.7])
    }

    @Test(arguments: [
        ("x^2 + 2", "2x"),
        ("3x^3 - 2x^2 + x - 7", "9x^2 - 4x + 1"),
        ("(x^2 + 1)^3", "6x*(x^2 + 1)^2"),
        ("sin(x)/x", "(x*cos(x) - sin(x))/x^2"),
        ("x/(x + 1)", "1/(x + 1)^2"),
        ("1/x", "-1/x^2"),
        ("x^3/3", "x^2"),
        ("sqrt(x)", "1/(2 sqrt(x))"),
        ("2^x", "2^x*ln(2)"),
        ("x^x", "x^x*(ln(x) + 1)"),
        ("exp(-x^2)", "-2x*exp(-x^2)"),
        ("pi*x^2", "2pi*x"),
        ("(x - 1)^2/2", "x - 1"),
        ("5", "0"),
        ("x", "1"),
        ("-x", "-1"),
        ("x^2/3", "2x/3"),
        ("ln(x^2 + 1)", "2x/(x^2 + 1)"),
    ])
    func derivativesAreShownAsAPersonWritesThem(source: String, expected: String) throws {
        #expect(try derivative(source) == expected)
    }

    @Test func partialDerivativesTreatOtherParametersAsConstants() throws {
        let g = "(w - 3)^2 + (b + 1)^2"
        #expect(try derivative(g, by: "w", ["w", "b"]) == "2(w - 3)")
        #expect(try derivative(g, by: "b", ["w", "b"]) == "2(b + 1)")
        #expect(try derivative("w*b^2 + w", by: "b", ["w", "b"]) == "2b*w")
    }

    @Test func namedValuesAreConstants() throws {
        let body = try ExpressionBuilder(parameters: ["x"], scope: NumberScope(names: ["k"])).build(
            try Parser.parseExpression("k*x^2 + k"))
        #expect(ExpressionPrinter.print(Derivative.of(body, by: "x")) == "2k*x")
    }

    @Test func explainNamesEachRule() throws {
        let (result, steps, _) = Derivative.derivation(of: try expr("x^2 + 2"), by: "x")
        #expect(ExpressionPrinter.print(result) == "2x")
        #expect(steps.map { $0.rule } == [.sum, .power, .constant])
        let lines = DerivationExplanation.lines(steps: steps, variable: "x")
        try #require(lines.count > 1)
        #expect(lines[1].contains("power rule: multiply by the power, reduce the power by one"))
        #expect(lines[0].hasPrefix("d/dx (x^2 + 2) = 2x"))
    }

    @Test func chainRuleIsExplained() throws {
        let (_, steps, _) = Derivative.derivation(of: try expr("sin(x^2)"), by: "x")
        #expect(steps.first?.rule == .chain)
        #expect(steps.contains { $0.rule == .power })
    }

    @Test func numericDerivativesAndSlope() {
        #expect(NumericDerivative.slope(from: (2, 2), to: (6, 4)) == 0.5)
        #expect(NumericDerivative.slope(from: (1, 1), to: (1, 5)).isInfinite)
        #expect(close(NumericDerivative.central(at: 3) { $0 * $0 + 2 }, 6, 1e-9))
        #expect(close(NumericDerivative.central(at: 1, step: 1e-4) { sin($0) }, cos(1), 1e-8))
        // near the edge of the domain the step shrinks to fit; at the edge there is no derivative
        #expect(close(NumericDerivative.central(at: 1e-7) { log($0) }, 1e7, 1e-6))
        #expect(close(NumericDerivative.central(at: 1e-9) { $0.squareRoot() }, 0.5 / 1e-9.squareRoot(), 1e-6))
        #expect(NumericDerivative.central(at: 0) { $0.squareRoot() }.isNaN)
        #expect(close(NumericDerivative.central(at: 0) { exp($0) }, 1, 1e-9))
    }
}

struct NumberScope: NameScope {
    var names: Set<String>
    var knownNames: [String] { Array(names) }
    func meaning(of name: String) -> NameMeaning? { names.contains(name) ? .number : nil }
}

/// SPEC section 8: printed derivatives keep exact exponents.
@Suite struct ExactExponentTests {
    @Test(arguments: [
        ("x^(2/3)*(x - 5)", "(2(x - 5)/3 + x)/x^(1/3)"),
        ("x^(1/3)", "1/(3x^(2/3))"),
        ("x^(5/6)", "5/(6x^(1/6))"),
        // The forms a textbook prints: no fraction left under a root.
        ("asin(x/2)", "1/sqrt(4 - x^2)"),
        ("acos(x/3)", "-1/sqrt(9 - x^2)"),
    ])
    func aFractionalPowerIsPrintedAsAFraction(source: String, derivative: String) throws {
        let printed = ExpressionPrinter.print(Derivative.of(try expr(source), by: "x"))
        #expect(printed == derivative)
        #expect(!printed.contains("0.33333") && !printed.contains("0.66666"))
    }

    @Test func shortDecimalsStayDecimals() {
        #expect(ExpressionPrinter.print(try! expr("x^1.5")) == "x^1.5" && ExpressionPrinter.print(try! expr("x^2.25")) == "x^2.25")
        #expect(ExpressionPrinter.print(.power(.variable("x"), .number(2.0 / 3))) == "x^(2/3)")
    }
}
