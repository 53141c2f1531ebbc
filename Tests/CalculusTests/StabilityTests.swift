import Calculus
import Testing

/// Values that are ordinary numbers, whatever their formula's parts do in doubles.
struct StabilityTests {
    /// The logistic s(x) = 1/(1 + exp(-x)): its derivative prints as the
    /// simplifier writes it, and is computed without overflowing.
    @Test(arguments: [(-800.0, 0.0), (-400, 1.9151695967140057e-174), (0.5, 0.2350037122015945), (40, 4.248354255291589e-18), (800, 0)])
    func theLogisticsSlopeIsFiniteFarOut(x: Double, slope: Double) throws {
        let derivative = Derivative.of(try expr("1/(1 + exp(-x))"), by: "x")
        #expect(ExpressionPrinter.print(derivative) == "exp(-x)/(1 + exp(-x))^2")
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
