import Calculus
import Foundation
import Testing
@testable import Export
@testable import Language

/// The translation of cells to Python, read as text: the names it keeps, the
/// helpers it takes, and what it does with a cell it cannot translate.
struct PythonExportTests {
    /// Evaluates `sources` as a notebook would (each cell sees the ones before) and translates them.
    static func translate(_ sources: [String]) throws -> PythonProgram {
        var values: [String: Value] = [:]
        var cells: [ExportCell] = []
        for (index, source) in sources.enumerated() {
            let interpreter = Interpreter(lookup: { values[$0] }, knownNames: { Array(values.keys) },
                                          settings: Settings(), control: RunControl())
            let syntax = interpreter.reading(try Parser.parseCell(source))
            let name = syntax.definedName ?? "_\(index + 1)"
            do {
                let value = try interpreter.evaluate(syntax)
                values[name] = value
                cells.append(ExportCell(id: index + 1, name: name, source: source, syntax: syntax, value: value, error: nil))
            } catch {
                cells.append(ExportCell(id: index + 1, name: name, source: source, syntax: syntax, value: nil, error: error.summary))
            }
        }
        var translator = PythonTranslator()
        return translator.translate(cells) { PythonRuntime.code(for: $0) }
    }

    static func code(_ program: PythonProgram) -> String {
        program.cells.map(\.code).joined(separator: "\n")
    }

    @Test func theTutorialKeepsItsNamesSoEditingRateChangesTheRun() throws {
        let program = try Self.translate(["f(x) = x^2 + 2", "f'", "x0 = -4", "rate = 0.1",
                                          "r = descend(f, from: x0, step: rate)", "plot(f, -5..5, path: r)"])
        #expect(program.cells[0].code == "def f(x):\n    return x**2 + 2")
        #expect(program.cells[1].code == "def df(x):\n    return 2*x")
        #expect(program.cells[2].code == "x0 = -4\nshow(\"x0\", x0)")
        // The descent uses f' as written in the notebook, and the names x0 and rate.
        #expect(program.cells[4].code == "r = descend(f, df, x0, step=rate)\nshow(\"r\", r)")
        #expect(program.cells[5].code == "fig = plot_curves([(f, \"f(x) = x^2 + 2\")], (-5, 5), title=\"f(x) = x^2 + 2\", path=r)\nfinish(fig, \"6\")")
        #expect(program.drawsFigures)
        for helper in ["def descend(", "def gd_update(", "def plot_curves(", "def finish("] {
            #expect(program.helpers.contains(helper), "\(helper)")
        }
        // Only what the cells use: no Adam, no basins.
        #expect(!program.helpers.contains("def adam_update("))
        #expect(!program.helpers.contains("def basins("))
    }

    /// A number before parentheses is the product the notebook computed, in Python too.
    @Test func aNumberBeforeParenthesesIsAProductInPython() throws {
        let program = try Self.translate(["k = 3", "y = k(2 + 1)", "pi(k)", "h(x) = k(x + 1)^2"])
        #expect(program.cells[1].code == "y = k*(2 + 1)\nshow(\"y\", y)")
        #expect(program.cells[2].code == "show(\"[3]\", np.pi*k)")
        #expect(program.cells[3].code.hasSuffix("return k*(x + 1)**2"), "\(program.cells[3].code)")
    }

    @Test func aFunctionOverDataTakesItsTableSoABatchCanStandInForIt() throws {
        let program = try Self.translate([
            "d = table(x: (1, 2, 3, 4), y: (3, 5, 7, 9))",
            "loss(w, b) = mean((w*d.x + b - d.y)^2)",
            "fit = descend(loss, from: (0, 0), step: 0.05, batch: 2, seed: 3, method: momentum)",
        ])
        #expect(program.cells[0].code.hasPrefix("d = table(x=np.array([1, 2, 3, 4]), y=np.array([3, 5, 7, 9]))"))
        #expect(program.cells[1].code == "def loss(w, b, d=d):\n    return np.mean((w*d.x + b - d.y)**2)")
        let descent = program.cells[2].code
        #expect(descent.contains("def grad_loss(w, b, d=d):\n    return np.array([2*np.mean(d.x*(w*d.x + b - d.y)), 2*np.mean(w*d.x + b - d.y)])"))
        #expect(descent.contains("fit = descend(loss, grad_loss, (0, 0), step=0.05, method=\"momentum\", batch=2, seed=3, data=(\"d\", d))"))
        #expect(program.helpers.contains("def momentum_update("))
        #expect(program.helpers.contains("def stochastic_descend("))
    }

    @Test func aCellThatFailedOrCannotBeTranslatedSaysSo() throws {
        let program = try Self.translate(["k = 2", "zz(3)", "f(x) = k*x^2", "v = f'(1) + 1"])
        #expect(program.cells[1].code.hasPrefix("# not translated: in the notebook this cell failed (unknown function 'zz'"))
        #expect(program.cells[2].code == "def f(x):\n    return k*x**2")
        #expect(program.cells[3].code.contains("v = df(1) + 1"))
    }

    @Test func namesPythonReservesAreRenamed() throws {
        let program = try Self.translate(["lambda = 0.5", "in = 2", "g(x) = lambda*x + in"])
        #expect(program.cells[0].code == "lambda_ = 0.5\nshow(\"lambda\", lambda_)")
        #expect(program.cells[2].code == "def g(x):\n    return lambda_*x + in_")
    }

    /// The helpers are written in Python files beside the translator, which
    /// the executable carries as they are (SwiftPM embeds them); every section
    /// each needs is there.
    @Test func theCarriedHelpersAreThePythonFiles() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/Export/Python")
        let files = try ["runtime.py", "plots.py"].map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
        #expect(PythonRuntime.source == files.joined(), "the embedded helpers are the files, in order")
        let names = PythonRuntime.sections.map(\.name)
        #expect(Set(names).count == names.count, "each section once")
        for section in PythonRuntime.sections {
            for need in section.needs {
                #expect(names.contains(need), "\(section.name) needs \(need), which no section is")
            }
        }
    }
}

extension PythonExportTests {
    /// grad(E) written as a cell, grad(E)(0, 0) and every descent of E share one def.
    @Test func aGradientIsWrittenOnceWhereverItIsUsed() throws {
        let program = try Self.translate(["E(w, b) = (w + b - 3)^2 + (2w + b - 5)^2", "grad(E)", "grad(E)(0, 0)",
                                          "fit = descend(E, from: (0, 0), step: 0.05)", "fast = descend(E, from: (0, 0), step: 0.05, method: momentum)"])
        let code = Self.code(program)
        #expect(code.components(separatedBy: "def grad_E(").count - 1 == 1, "\(code)")
        #expect(program.cells[2].code == "show(\"[3]\", grad_E(0, 0))")
        #expect(program.cells[3].code.contains("descend(E, grad_E, (0, 0)"))
        #expect(program.cells[4].code.contains("descend(E, grad_E, (0, 0)"))
    }
}
