import Foundation
import Testing
@testable import Calculus
import Descent
import TestSupport

/// Formulas that average over columns of data: derivatives, printing, and
/// the compiled pass over the rows against walking the tree.
@Suite struct DataTests {
    static func columns(_ count: Int, seed: UInt64 = 1) -> (x: Column, y: Column) {
        var random = SplitMix64(seed: seed)
        let xs = (0..<count).map { _ in Double.random(in: -3...3, using: &random) }
        let ys = xs.map { 3 * $0 + 2 + Double.random(in: -0.5...0.5, using: &random) }
        return (Column(name: "d.x", values: xs), Column(name: "d.y", values: ys))
    }

    /// mean((w*d.x + b - d.y)^2)
    static func loss(_ x: Column, _ y: Column, _ reduction: Reduction = .mean) -> Expr {
        .reduce(reduction, .power(.sum([.product([.variable("w"), .column(x)]), .variable("b"), .product([.number(-1), .column(y)])]), .number(2)))
    }

    @Test func theDerivativeGoesThroughTheMeanAndPrintsReadably() {
        let (x, y) = DataTests.columns(5)
        let loss = DataTests.loss(x, y)
        #expect(ExpressionPrinter.print(Simplifier.simplify(loss)) == "mean((w*d.x + b - d.y)^2)")
        #expect(ExpressionPrinter.print(Derivative.of(loss, by: "w")) == "2 mean(d.x*(w*d.x + b - d.y))")
        #expect(ExpressionPrinter.print(Derivative.of(loss, by: "b")) == "2 mean(w*d.x + b - d.y)")
        let (_, steps, _) = Derivative.derivation(of: loss, by: "w")
        #expect(steps.first?.rule == .rowMean)
    }

    @Test(arguments: [Reduction.mean, .sum], [1, 7, RowPass.blockSize, RowPass.blockSize + 1, 3 * RowPass.blockSize + 5])
    func theCompiledPassAgreesWithTheTreeAndACentralDifference(reduction: Reduction, rows: Int) throws {
        let (x, y) = DataTests.columns(rows)
        let loss = DataTests.loss(x, y, reduction)
        let partials = ["w", "b"].map { Derivative.of(loss, by: $0) }
        let program = try Compiler.compile([loss] + partials, inputs: ["w", "b"])
        #expect(program.passes.count == 1, "f and both partials share one pass over the rows")
        for point in [[0.0, 0.0], [1.5, -2], [3, 2]] {
            let compiled = program.evaluate(point)
            try #require(compiled.count > 0)
            let variables = ["w": point[0], "b": point[1]]
            #expect(close(compiled[0], loss.evaluate(variables), 1e-12))
            for (i, name) in ["w", "b"].enumerated() {
                #expect(close(compiled[i + 1], partials[i].evaluate(variables), 1e-12))
                // The symbolic derivative against a central difference of f.
                let h = 1e-6
                var up = variables, down = variables
                up[name]! += h
                down[name]! -= h
                let numeric = (loss.evaluate(up) - loss.evaluate(down)) / (2 * h)
                #expect(close(compiled[i + 1], numeric, 1e-6), "\(name) at \(point)")
            }
        }
    }

    /// Each way a pass runs an instruction (a number the same on every row
    /// read once, a total kept with its rows or alone), against the tree.
    @Test(arguments: 0..<6)
    func everyFormOfAStepAgreesWithTheTree(formula index: Int) throws {
        let (x, y) = DataTests.columns(3 * RowPass.blockSize + 5)
        let wx = Expr.product([.variable("w"), .column(x)])
        let residual = Expr.sum([wx, .product([.number(-1), .column(y)])])
        let affine = Expr.sum([wx, .variable("b")])
        let affineResidual = Expr.sum([affine, .product([.number(-1), .column(y)])])
        let formulas: [Expr] = [
            .reduce(.mean, .power(wx, .number(2))),                                     // w*x: scaled
            .reduce(.mean, .power(.sum([wx, .column(y)]), .number(2))),                 // w*x + y: scaled, plus rows
            DataTests.loss(x, y),                                                       // w*x + b: scaled, plus a number
            .sum([.reduce(.mean, wx), .reduce(.sum, wx)]),                              // one block, two totals
            .sum([.reduce(.mean, residual), .reduce(.mean, .power(residual, .number(2)))]),  // a total whose rows are used again
            .sum([.reduce(.mean, affineResidual), .reduce(.mean, .power(affineResidual, .number(2))),  // w*x + b used twice:
                  .reduce(.mean, .product([.column(x), affine]))]),                                     // not folded into w*x + b - y
        ]
        let f = formulas[index]
        let partials = ["w", "b"].map { Derivative.of(f, by: $0) }
        let program = try Compiler.compile([f] + partials, inputs: ["w", "b"])
        for point in [[0.5, -1.0], [3, 2]] {
            let compiled = program.evaluate(point)
            for (value, tree) in zip(compiled, ([f] + partials).map { $0.evaluate(["w": point[0], "b": point[1]]) }) {
                #expect(close(value, tree, 1e-12), "formula \(index) at \(point): \(value) vs \(tree)")
            }
        }
    }

    @Test func theMeanSquaredErrorsStepIsTwoLoopsThatStoreOnlyWhatIsReadAgain() throws {
        let (x, y) = DataTests.columns(10)
        let loss = DataTests.loss(x, y)
        let program = try Compiler.compile(["w", "b"].map { Derivative.of(loss, by: $0) }, inputs: ["w", "b"])
        #expect(program.passes.first?.plan().map(\.form) == [.folded, .affineMinusWithTotal, .totalOnly])
        // The number may stand on either side of the product.
        let xw = Expr.reduce(.mean, .power(.product([.column(x), .variable("w")]), .number(2)))
        #expect(try Compiler.compile([xw], inputs: ["w"]).passes.first?.plan().map(\.form) == [.scaled, .blocks])
    }

    @Test func aMeanThatDoesNotDependOnTheParametersIsANumber() throws {
        let (x, _) = DataTests.columns(10)
        let centred = Expr.reduce(.mean, .power(.sum([.column(x), .product([.number(-1), .reduce(.mean, .column(x))]), .variable("w")]), .number(2)))
        let program = try Compiler.compile([centred], inputs: ["w"])
        #expect(close(program.evaluate([0.5])[0], centred.evaluate(["w": 0.5]), 1e-12))
    }

    @Test func aBatchOfRowsIsAMeanOverThoseRows() throws {
        let (x, y) = DataTests.columns(600)
        let loss = DataTests.loss(x, y)
        let evaluator = Program.Evaluator(try Compiler.compile([loss], inputs: ["w", "b"]))
        let rows = [3, 500, 17, 299, 0]
        evaluator.useRows(rows)
        var output = [0.0]
        evaluator.run([1, 1], into: &output)
        let expected = rows.map { pow(1 * x.values[$0] + 1 - y.values[$0], 2) }.reduce(0, +) / Double(rows.count)
        #expect(close(output[0], expected, 1e-12))
        evaluator.useRows(nil)
        evaluator.run([1, 1], into: &output)
        #expect(close(output[0], loss.evaluate(["w": 1, "b": 1]), 1e-12))
    }

    @Test func problemsWithDataInAFormulaAreNamed() {
        let (x, _) = DataTests.columns(3)
        let short = Column(name: "e.z", values: [1, 2])
        #expect(Expr.product([.variable("w"), .column(x)]).dataProblem?.hasPrefix("d.x is a column of 3 numbers") == true)
        #expect(Expr.reduce(.sum, .variable("w")).dataProblem?.hasPrefix("sum(…) needs a column of data") == true)
        #expect(Expr.reduce(.mean, .sum([.column(x), .column(short)])).dataProblem?.contains("3 rows and e.z has 2") == true)
    }
}
