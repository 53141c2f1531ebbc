import Calculus
import Testing

/// Formulas as Python with numpy: what an exported script computes with.
struct PythonPrinterTests {
    @Test(arguments: [
        ("x^2 + 2", "x**2 + 2"),
        ("x^2 - 3x + 2", "x**2 + 2 - 3*x"),
        ("-x^2 + 2x", "2*x - x**2"),
        ("-x^2", "-x**2"),
        ("(-x)^3", "-x**3"),
        ("2^x", "2**x"),
        ("x^(1/3)", "x**(1/3)"),
        ("x^-2", "1/x**2"),
        ("1/(2 sqrt(x))", "1/(2*np.sqrt(x))"),
        ("exp(-x)/(1 + exp(-x))^2", "np.exp(-x)/(1 + np.exp(-x))**2"),
        ("x - (x + 1)", "x - (x + 1)"),
        ("a - (b + c)", "a - (b + c)"),
        ("a/(b*c)", "a/(b*c)"),
        ("(a + b)/c", "(a + b)/c"),
        ("x/3", "x/3"),
        ("2x/3", "2*x/3"),
        ("0.1x", "0.1*x"),
        ("ln(x) + log10(x) + log2(x)", "np.log(x) + np.log10(x) + np.log2(x)"),
        ("asin(x) + acos(x) + atan(x)", "np.arcsin(x) + np.arccos(x) + np.arctan(x)"),
        ("min(x, 1) + max(x, 2)", "np.minimum(x, 1) + np.maximum(x, 2)"),
        ("abs(x) + sign(x)", "np.abs(x) + np.sign(x)"),
        ("pi*x + e", "np.pi*x + np.e"),
        ("(x^2)^3", "x**6"),
        ("(x^2 + 1)^3", "(x**2 + 1)**3"),
        ("1/(3x)", "1/(3*x)"),
        ("-(x + 1)^2", "-(x + 1)**2"),
        ("1e-8 x", "1e-08*x"),
    ])
    func formulasReadAsAPersonWritesNumpy(source: String, python: String) throws {
        let variables = ["x", "a", "b", "c"]
        #expect(PythonPrinter().print(Simplifier.simplify(try expr(source, variables))) == python)
    }

    @Test(arguments: [0.1, 1.0 / 3, 2.0 / 7, -0.5, 1e-300, 6.02e23, 123456789.125, 1e15, -4])
    func numbersReadBackExactly(value: Double) {
        let text = PythonPrinter.number(value)
        // Python reads the same decimal (or p/q, correctly rounded) that Swift does.
        if let slash = text.firstIndex(of: "/") {
            #expect(Double(text[..<slash])! / Double(text[text.index(after: slash)...])! == value)
        } else {
            #expect(Double(text) == value, "\(text)")
        }
    }

    @Test func namesGoThroughTheMapping() throws {
        let printer = PythonPrinter { $0 == "f'" ? "df" : $0 == "lambda" ? "lambda_" : $0 }
        let body = Expr.sum([.call("f'", [.variable("x")]), .symbol("lambda")])
        #expect(printer.print(body) == "df(x) + lambda_")
    }
}
