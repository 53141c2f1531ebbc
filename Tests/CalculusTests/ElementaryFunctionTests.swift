import Testing
import Calculus

/// The values of the built-in functions where IEEE arithmetic and the
/// language's own rules part: sign at 0, and min/max with a NaN argument.
@Suite struct ElementaryFunctionTests {
    @Test func signIsZeroAtZeroAndOneOrMinusOneElsewhere() {
        #expect(ElementaryFunction.sign.apply(0) == 0)
        #expect(ElementaryFunction.sign.apply(2.5) == 1)
        #expect(ElementaryFunction.sign.apply(-1e-300) == -1)
        #expect(ElementaryFunction.sign.apply(.nan).isNaN)
    }

    @Test func theSlopeOfAbsAtZeroIsZero() throws {
        // abs'(x) = sign(x), and sign(0) = 0: the derivative at the kink is 0, not 1.
        let slope = Derivative.of(try expr("abs(x)"), by: "x")
        #expect(slope == .apply(.sign, [.variable("x")]))
        #expect(ElementaryFunction.sign.apply(0) == 0)
    }

    @Test(arguments: [ElementaryFunction.min, .max])
    func aNaNArgumentOnEitherSideGivesNaN(function: ElementaryFunction) {
        #expect(function.apply(1, .nan).isNaN)
        #expect(function.apply(.nan, 1).isNaN)
        #expect(function.apply(.nan, .nan).isNaN)
    }

    @Test func minAndMaxOfNumbers() {
        #expect(ElementaryFunction.min.apply(3, -2) == -2)
        #expect(ElementaryFunction.max.apply(3, -2) == 3)
    }
}
