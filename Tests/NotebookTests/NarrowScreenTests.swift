import Foundation
import Testing
@testable import Notebook
@testable import Language

/// On a 40-column terminal the tables fit: columns close up, and the least needed go first.
struct NarrowScreenTests {
    @Test(arguments: [
        "r = descend(f, from: 2, step: 0.01)",
        "sweep(f, from: 2, steps: (0.001, 0.01, 0.1, 0.5))",
        "sweep(f, from: (-2, 0, 2), step: 0.01)",
        "descend(g, from: (-1.2, 1), step: 0.001, method: linesearch)",
        "sweep(g, from: (-1.2, 1), steps: (0.0001, 0.001))",
    ])
    func tablesFitFortyColumns(cell: String) {
        let notebook = Notebook()
        notebook.settings.width = 40
        notebook.enter(lines: ["f(x) = x^4 - 3x^2 + x", "g(x, y) = (1 - x)^2 + 100(y - x^2)^2"])
        let output = notebook.report(cell).output
        // The table: its header (the title's next line), and the rows under it up to the first sentence.
        let lines = output.split(separator: "\n").dropFirst()
        let table = [lines.first!] + lines.dropFirst().prefix { line in
            !line.contains("found") && (line.first == " " || line.first == "-" || line.first == "…" || line.first?.isNumber == true)
        }
        #expect(!table.isEmpty)
        for line in table { #expect(line.count <= 40, "\(line.count): \(line)") }
    }

    /// In 1-D a sweep keeps where each run ended at 40 columns; f goes first.
    @Test func aNarrowSweepKeepsWhereEachRunEnded() throws {
        let notebook = Notebook()
        notebook.settings.width = 40
        notebook.enter(lines: ["f(x) = x^4 - 3x^2 + x"])
        let steps = notebook.report("sweep(f, from: 2, steps: (0.001, 0.01, 0.1, 0.5))").output
        #expect(steps.contains("step steps           x    status") && steps.contains("-1.30084"), "\(steps)")
        let starts = notebook.report("sweep(f, from: (-3, -1, 1, 3), step: 0.01)").output
        #expect(starts.contains("-1.30084") && starts.contains("1.1309"), "\(starts)")
        for line in starts.split(separator: "\n").prefix(6) where line.contains("minimum") { #expect(line.count <= 40, "\(line)") }
    }

    @Test func atEightyColumnsNothingIsLeftOut() {
        let notebook = Notebook()
        notebook.enter(lines: ["f(x) = x^4 - 3x^2 + x"])
        #expect(notebook.report("sweep(f, from: 2, steps: (0.001, 0.5))").output.contains(" step  steps            x      f(x)     status"))
    }
}
