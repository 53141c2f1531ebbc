import Testing
@testable import Calculus
import Language
import TestSupport

@Suite struct SimplifierTests {
    private func simplified(_ source: String, _ parameters: [String] = ["x", "y"]) throws -> String {
        ExpressionPrinter.print(Simplifier.simplify(try expr(source, parameters)))
    }

    @Test(arguments: [
        ("2 * 3", "6"), ("2^3", "8"), ("sin(0)", "0"), ("ln(2)", "ln(2)"),
        ("x + 0", "x"), ("1 * x", "x"), ("x^1", "x"), ("x^0", "1"), ("0 * x", "0"),
        ("x + x", "2x"), ("3x - x", "2x"), ("x - x", "0"), ("x * x^2", "x^3"), ("x / x", "1"),
        ("(x^2)^3", "x^6"), ("(2x)^2", "4x^2"), ("2(x - 3)", "2(x - 3)"), ("x*y + y*x", "2x*y"),
        ("x + 2 + x + 3", "2x + 5"), ("-(x + 1)", "-(x + 1)"), ("x - 3", "x - 3"), ("-x + 1", "1 - x"),
        ("x/3", "x/3"), ("2x/3", "2x/3"), ("0.1x", "0.1x"), ("x*0.5", "0.5x"), ("1/(2x)", "1/(2x)"),
        ("4^0.5", "2"), ("2^0.5", "2^0.5"), ("ln(exp(x))", "x"), ("sqrt(x^2)", "abs(x)"),
        ("0.1 + 0.2", "0.3"), ("x^2*x^-2", "1"), ("sin(x)*2", "2 sin(x)"), ("1e160 x", "1e+160*x"),
        ("x - (x + 1)", "x - (x + 1)"), ("2 - 3(x + 1)", "2 - 3(x + 1)"),
    ])
    func rulesGiveWhatAPersonWrites(source: String, expected: String) throws {
        #expect(try simplified(source) == expected)
    }

    @Test(arguments: ["x^2 - 3x + 2", "sin(x)/x^2", "2(y - 3)", "-x^2", "x*y/(x + y)", "2^-x", "1e-5x", "(x + 1)^-0.5"])
    func printedFormsReadBackToTheSameValue(source: String) throws {
        let original = try expr(source, ["x", "y"])
        let printed = ExpressionPrinter.print(Simplifier.simplify(original))
        let reread = try expr(printed, ["x", "y"])
        for (x, y) in [(0.7, 1.3), (2.5, -0.4)] {
            #expect(close(original.evaluate(["x": x, "y": y]), reread.evaluate(["x": x, "y": y]), 1e-12), "\(printed)")
        }
    }
}
