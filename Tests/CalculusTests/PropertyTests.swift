import Foundation
import Testing
@testable import Calculus
import Descent
import Language
import TestSupport

/// Random expressions: the symbolic derivative agrees with the numeric one,
/// and the compiled program agrees with walking the tree.
@Suite struct PropertyTests {
    /// A random smooth expression in x (no abs, min, max, sign: their kinks
    /// make numeric differences disagree near the corner, which is not a bug).
    static func randomExpression(depth: Int, _ rng: inout SplitMix64, withCorners: Bool = false) -> Expr {
        if depth == 0 || Int.random(in: 0..<4, using: &rng) == 0 {
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: return .number(Double(Int.random(in: 1...5, using: &rng)))
            case 1: return .constant("pi")
            default: return .variable("x")
            }
        }
        let a = randomExpression(depth: depth - 1, &rng, withCorners: withCorners)
        let b = randomExpression(depth: depth - 1, &rng, withCorners: withCorners)
        // Forms whose simplification must not forget the sign: sqrt(u^2) is |u|, not u.
        if withCorners && Int.random(in: 0..<4, using: &rng) == 0 {
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: return .apply(.sqrt, [.power(a, .number(2))])
            case 1: return .apply(.abs, [a]) * b
            case 2: return .power(.power(a, .number(2)), .number(0.5))
            default: return .apply(.ln, [.power(a, .number(2)) + .one]) - .apply(.sqrt, [.power(a, .number(4))])
            }
        }
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

    /// Points from the whole line, as a person would type them: negative,
    /// zero, tiny, and large, not only a few near 1.
    static let wholeLine: [Double] = [-40, -3.7, -1.3, -0.25, 0, 1e-3, 0.4, 1.7, 25]

    /// Simplifying never changes a value, wherever x is: sqrt(x^2) is |x|, not x.
    @Test func simplifyingKeepsEveryValueAcrossTheWholeLine() throws {
        var rng = SplitMix64(seed: 31)
        var compared = 0, negative = 0
        for _ in 0..<500 {
            let f = Self.randomExpression(depth: 4, &rng, withCorners: true)
            let simple = Simplifier.simplify(f)
            for a in Self.wholeLine {
                let before = f.evaluate(["x": a]), after = simple.evaluate(["x": a])
                guard before.isFinite, Swift.abs(before) < 1e12 else { continue }
                compared += 1
                if a < 0 { negative += 1 }
                #expect(close(before, after, 1e-9),
                        "\(ExpressionPrinter.print(f)) simplified to \(ExpressionPrinter.print(simple)): at \(a) \(before) became \(after)")
            }
        }
        #expect(compared > 2500 && negative > 1000, "\(compared) values compared, \(negative) of them at negative x")
    }

    @Test func symbolicDerivativesAgreeWithNumericOnesOnGeneratedExpressions() {
        var rng = SplitMix64(seed: 2026)
        var compared = 0
        for _ in 0..<400 {
            let f = Self.randomExpression(depth: 4, &rng)
            let derivative = Derivative.of(f, by: "x")
            for a in Self.wholeLine {
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
                for a in Self.wholeLine {
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
            for a in Self.wholeLine {
                let compiled = program.evaluate([a])
                let tree = [f.evaluate(["x": a]), df.evaluate(["x": a])]
                for (c, t) in zip(compiled, tree) {
                    // Far from 1 (x = 25, or 1/x at 0.001) a sine's argument reaches 1e6, and two orders
                    // of the same operations differ by that times the rounding of one: 1e-10.
                    let tolerance = Swift.abs(a) <= 2 && Swift.abs(a) >= 0.1 ? 1e-12 : 1e-8
                    #expect((c.isNaN && t.isNaN) || close(c, t, tolerance), "\(ExpressionPrinter.print(f)) at \(a): \(c) vs \(t)")
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

