import Foundation
import Testing
@testable import Calculus
import Descent
import Language

/// Random expressions: the symbolic derivative agrees with the numeric one,
/// and the compiled program agrees with walking the tree.
@Suite struct PropertyTests {
    /// A random smooth expression in x (no abs, min, max, sign: their kinks
    /// make numeric differences disagree near the corner, which is not a bug).
    static func randomExpression(depth: Int, _ rng: inout SplitMix64) -> Expr {
        if depth == 0 || Int.random(in: 0..<4, using: &rng) == 0 {
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: return .number(Double(Int.random(in: 1...5, using: &rng)))
            case 1: return .constant("pi")
            default: return .variable("x")
            }
        }
        let a = randomExpression(depth: depth - 1, &rng)
        let b = randomExpression(depth: depth - 1, &rng)
        switch Int.random(in: 0..<9, using: &rng) {
        case 0: return a + b
        case 1: return a - b
        case 2: return a * b
        case 3: return a / b
        case 4: return .power(a, .number(Double(Int.random(in: 2...3, using: &rng))))
        case 5: return .power(.number(2), a / .number(4))
        case 6:
            let smooth: [ElementaryFunction] = [.sin, .cos, .atan, .tanh, .exp, .sinh]
            return .apply(smooth[Int.random(in: 0..<smooth.count, using: &rng)], [a / .number(3)])
        case 7: return .apply(.ln, [a * a + .one])
        default: return .apply(.sqrt, [a * a + .number(2)])
        }
    }

    @Test func symbolicDerivativesAgreeWithNumericOnesOnGeneratedExpressions() {
        var rng = SplitMix64(seed: 2026)
        var compared = 0
        for _ in 0..<400 {
            let f = Self.randomExpression(depth: 4, &rng)
            let derivative = Derivative.of(f, by: "x")
            for a in [-1.3, 0.4, 1.7] {
                let value = { (x: Double) in f.evaluate(["x": x]) }
                let h = 1e-3
                let coarse = NumericDerivative.central(at: a, step: h, value)
                let fine = NumericDerivative.central(at: a, step: h / 2, value)
                let numeric = (4 * fine - coarse) / 3
                let symbolic = derivative.evaluate(["x": a])
                // Compare only where both are finite, the difference estimate is stable, and
                // f is small enough that differencing it does not cancel away every digit.
                guard symbolic.isFinite, numeric.isFinite, close(coarse, fine, 1e-3), Swift.abs(numeric) < 1e6,
                      Swift.abs(value(a)) < 1e6 else { continue }
                compared += 1
                #expect(close(symbolic, numeric, 1e-5),
                        "d/dx \(ExpressionPrinter.print(f)) at \(a): symbolic \(symbolic), numeric \(numeric)")
            }
        }
        #expect(compared > 600)
    }

    /// What a person is shown must mean what was computed: the printed form of
    /// an expression and of its derivative, read back, gives the same values.
    @Test func printedFormsReadBackToTheSameValues() throws {
        var rng = SplitMix64(seed: 99)
        var compared = 0
        for _ in 0..<400 {
            let f = Self.randomExpression(depth: 4, &rng)
            for shown in [Simplifier.simplify(f), Derivative.of(f, by: "x")] {
                let text = ExpressionPrinter.print(shown)
                let reread = try expr(text)
                for a in [-1.3, 0.4, 1.7] {
                    let original = shown.evaluate(["x": a]), back = reread.evaluate(["x": a])
                    guard original.isFinite, Swift.abs(original) < 1e12 else { continue }
                    compared += 1
                    #expect(close(original, back, 1e-9), "\(text) at \(a): \(original) read back as \(back)")
                }
            }
        }
        #expect(compared > 1500)
    }

    @Test func compiledProgramsAgreeWithTheTree() throws {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<400 {
            let f = Self.randomExpression(depth: 5, &rng)
            let df = Derivative.of(f, by: "x")
            let program = try Compiler.compile([f, df], inputs: ["x"])
            for a in [-2.1, 0.3, 1.9] {
                let compiled = program.evaluate([a])
                let tree = [f.evaluate(["x": a]), df.evaluate(["x": a])]
                for (c, t) in zip(compiled, tree) {
                    #expect((c.isNaN && t.isNaN) || close(c, t, 1e-12), "\(ExpressionPrinter.print(f)) at \(a): \(c) vs \(t)")
                }
            }
        }
    }

    @Test func compilationSharesCommonSubexpressions() throws {
        // Rosenbrock and its gradient: y - x^2 appears in f and both partials.
        let f = try expr("(1 - x)^2 + 100(y - x^2)^2", ["x", "y"])
        let program = try Compiler.compile([f, Derivative.of(f, by: "x"), Derivative.of(f, by: "y")], inputs: ["x", "y"])
        let squares = program.instructions.filter { $0.operation == .square }
        #expect(Set(squares.map { $0.left }).count == squares.count)
        #expect(program.instructions.count < 20)
        #expect(program.evaluate([1, 1]) == [0, 0, 0])
    }
}

