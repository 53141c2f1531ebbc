import Calculus
import Testing

/// Values that are ordinary numbers, whatever their formula's parts do in doubles.
struct StabilityTests {
    /// The logistic s(x) = 1/(1 + exp(-x)): its derivative prints as the
    /// simplifier writes it, and is computed without overflowing.
    // At 400 the square of exp(400) overflows while the quotient is 1.9e-174: a finite but wrong 0,
    // which no recomputation of an infinite or NaN result would catch.
    @Test(arguments: [(-800.0, 0.0), (-400, 1.9151695967140057e-174), (0.5, 0.2350037122015945), (40, 4.248354255291589e-18),
                      (400, 1.9151695967140057e-174), (800, 0)])
    func theLogisticsSlopeIsFiniteFarOut(x: Double, slope: Double) throws {
        let derivative = Derivative.of(try expr("1/(1 + exp(-x))"), by: "x")
        // Multiplied through by exp(x), as a person tidies exp(-x)/(1 + exp(-x))^2.
        #expect(ExpressionPrinter.print(derivative) == "exp(x)/(exp(x) + 1)^2")
        let program = try Compiler.compile([derivative], inputs: ["x"])
        for value in [derivative.evaluate(["x": x]), program.evaluate([x])[0]] {
            #expect(value == slope || abs(value - slope) <= 1e-14 * abs(slope), "\(value) at \(x)")
        }
    }

    @Test func zeroToAPowerDoesNotChange() throws {
        #expect(try derivative("0^x") == "0")
        #expect(try derivative("0^(x^2)") == "0")
    }

    @Test(arguments: [("2 exp(-x)^2", "2 exp(-x)^2"), ("2 exp(-x^2)", "2 exp(-x^2)"), ("3 sin(x)^2", "3 sin(x)^2"), ("2x^2", "2x^2")])
    func aNumberBeforeAFunctionIsSpacedAlike(source: String, printed: String) throws {
        #expect(ExpressionPrinter.print(Simplifier.simplify(try expr(source))) == printed)
    }
}

/// Derivatives written as a person finishes them: like terms merged whatever
/// their order, polynomials collected, a common factor out, one denominator.
struct FinishedDerivativeTests {
    @Test(arguments: [
        ("(x + 1)^2 - (x - 1)^2", "4"),
        ("(x - 1)(x - 2)(x - 3)", "3x^2 - 12x + 11"),
        ("x^2 exp(x)", "x*exp(x)*(x + 2)"),
        ("x^0.5", "1/(2 sqrt(x))"),
        ("x/(x + 1)", "1/(x + 1)^2"),
        ("sqrt(x^2 + 1)", "x/sqrt(x^2 + 1)"),
        ("x^2 + 2", "2x"),
        ("(w - 3)^2", "2(w - 3)"),
    ])
    func derivativesAreFinished(source: String, printed: String) throws {
        let variable = source.contains("w") ? "w" : "x"
        #expect(try derivative(source, by: variable, [variable]) == printed)
    }

    @Test func likeTermsMergeWhateverTheOrderOfTheirFactors() throws {
        #expect(ExpressionPrinter.print(Simplifier.simplify(try expr("2 sin(x) cos(x) - 2 cos(x) sin(x)"))) == "0")
        #expect(ExpressionPrinter.print(Simplifier.simplify(try expr("x*y + y*x", ["x", "y"]))) == "2x*y")
    }

    @Test func aGradientOfSquaresIsCollectedInTheParametersOrder() throws {
        let loss = try expr("((w + b - 3)^2 + (2w + b - 5)^2 + (3w + b - 7)^2)/3", ["w", "b"])
        #expect(ExpressionPrinter.print(Derivative.of(loss, by: "w")) == "(28w + 12b - 68)/3")
        #expect(ExpressionPrinter.print(Derivative.of(loss, by: "b")) == "4w + 2b - 10")
    }
}

extension FinishedDerivativeTests {
    @Test(arguments: [
        ("sin(x)cos(x)", "cos(2x)"),
        ("sin(x)^2", "sin(2x)"),
        ("(sin(x) + cos(x))^2", "2 cos(2x)"),
        ("sinh(x)cosh(x)", "cosh(2x)"),
        ("ln(cos(x))", "-tan(x)"),
        ("ln(1 + exp(-x))", "-1/(exp(x) + 1)"),
        ("atan(1/x)", "-1/(x^2 + 1)"),
        ("exp(ln(x))", "1"),
        ("sin(x)/(1 + cos(x))", "1/(cos(x) + 1)"),
        ("(x^3 - 1)/(x - 1)", "2x + 1"),
        ("(x - 2)/(x^2 - 4)", "-1/(x + 2)^2"),
        ("1/sqrt(x)", "-1/(2x^1.5)"),
        ("ln(1 - x)", "1/(x - 1)"),
        ("exp(x) + exp(-x)", "2 sinh(x)"),
        ("ln(1 + exp(2x)) - x", "tanh(x)"),
        ("x^2 sqrt(x + 1)", "x*(5x + 4)/(2 sqrt(x + 1))"),
        ("(2x + 1)^3 (x - 1)", "(2x + 1)^2*(8x - 5)"),
        ("ln(x)/x^2", "(1 - 2 ln(x))/x^3"),
    ])
    func identitiesAPersonUses(source: String, printed: String) throws {
        #expect(try derivative(source) == printed)
    }
}
