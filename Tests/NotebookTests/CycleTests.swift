import Testing
@testable import Notebook

/// A cycle through more than two cells is one component: every cell on it is in the cycle.
@Suite struct CycleTests {
    @Test func aCycleOfThreeIsOneComponent() {
        // 1 uses 2, 2 uses 3, 3 uses 1.
        let edges = [1: [2], 2: [3], 3: [1]]
        let components = DependencyGraph.components(of: [1, 2, 3]) { edges[$0] ?? [] }
        #expect(components == [[1, 2, 3]])
    }

    @Test func aCycleOfFourWithACellHangingOffItComesBeforeThatCell() {
        // 1 → 2 → 3 → 4 → 1, and 5 uses 3.
        let edges = [1: [2], 2: [3], 3: [4], 4: [1], 5: [3]]
        let components = DependencyGraph.components(of: [1, 2, 3, 4, 5]) { edges[$0] ?? [] }
        #expect(components == [[1, 2, 3, 4], [5]])
    }

    @Test func eachCellOfAThreeCellCycleSaysItIsInACycle() {
        let notebook = Notebook()
        notebook.enter(lines: ["a = b + 1", "b = c + 1", "c = a + 1"])
        for name in ["a", "b", "c"] {
            let output = notebook.output(of: name) ?? ""
            #expect(output.contains("cycle"), "\(name): \(output)")
        }
    }
}
