import Foundation
import Testing
@testable import Calculus
@testable import Descent
@testable import Language
import TestSupport

/// SPEC section 8, values at the edges: a derivative is finite wherever it
/// is finite mathematically. Random compositions of the logistic, softplus
/// and exp/ln forms are differentiated and evaluated far out (±800), and
/// compared with SymPy's derivative evaluated by mpmath at 800 digits.
@Suite(.enabled(if: ExternalTools.python3 != nil || ExternalTools.isCI, "python3 is not installed"))
struct FiniteEdgeTests {
    /// A random form built from the pieces learners meet: the logistic and
    /// the softplus of a line, exp and ln, and powers of x, multiplied,
    /// divided and added (never an exp of an exp, which no double holds).
    static func randomForm(depth: Int, _ random: inout SplitMix64) -> String {
        let lines = ["x", "-x", "2*x - 1", "x/3", "1 - x/2"]
        func line() -> String { lines[Int(random.next() % UInt64(lines.count))] }
        if depth == 0 {
            switch random.next() % 7 {
            case 0: return "1/(1 + exp(-(\(line()))))"
            case 1: return "ln(1 + exp(\(line())))"
            case 2: return "exp(\(line()))"
            case 3: return "x^2"
            case 4: return "(x - 1)"
            case 5: return "x/(1 + exp(-(\(line()))))"
            default: return "3"
            }
        }
        let a = randomForm(depth: depth - 1, &random), b = randomForm(depth: depth - 1, &random)
        switch random.next() % 4 {
        case 0: return "(\(a))*(\(b))"
        case 1: return "(\(a))/(1 + exp(-(\(line()))))"
        case 2: return "(\(a)) + (\(b))"
        default: return "(\(a))/(1 + (\(b))^2)"
        }
    }

    @Test func derivativesOfLogisticFormsAreFiniteWhereverTheTrueValueIs() throws {
        let python = try #require(ExternalTools.python3, "python3 with SymPy is needed for the reference")
        var random = SplitMix64(seed: 26)
        let points = [-800.0, -300, -40, -1, 0, 1, 40, 300, 800]
        var lines: [String] = []
        for _ in 0..<60 {
            let form = Self.randomForm(depth: 2, &random)
            let f = try Formula.parse(form)
            // As a cell computes f'(x): the function's derivative, called.
            let derivative = FunctionValue(name: "f", parameters: ["x"], shown: f, expanded: f, values: [:])
                .derivative(by: "x", name: "f'")
            for x in points {
                lines.append("\(form)\t\(x)\t\(derivative([x]))")
            }
        }
        let check = """
        import sys, sympy, mpmath
        # 800 digits: 1 + exp(-800) must keep its last term (ln(1 + exp(-x)) is exp(-x) there).
        mpmath.mp.dps = 800
        x = sympy.Symbol("x")
        bad = []
        derivatives = {}
        for line in open(sys.argv[1], encoding="utf-8"):
            form, at, got = line.rstrip("\\n").split("\\t")
            if form not in derivatives:
                derivatives[form] = sympy.lambdify(x, sympy.diff(sympy.sympify(form.replace("^", "**")), x), "mpmath")
            ref = derivatives[form](mpmath.mpf(at))
            if not mpmath.isfinite(ref) or abs(ref) > 1e300:
                continue
            got = float(got)
            ref = float(ref)
            if got != got or abs(got) == float("inf") or abs(got - ref) > 1e-9 * max(1.0, abs(ref)):
                bad.append(f"d/dx {form} at {at}: descent {got}, reference {ref}")
        print("\\n".join(bad[:20]))
        print(f"{len(bad)} wrong")
        """
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("descent-edges-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("values.tsv")
        try lines.joined(separator: "\n").appending("\n").write(to: file, atomically: true, encoding: .utf8)
        let (status, output) = try ExternalTools.runMerged(python, ["-c", check, file.path])
        try #require(status == 0, "\(output)")
        #expect(output.split(separator: "\n").last == "0 wrong", "\(output)")
    }
}
