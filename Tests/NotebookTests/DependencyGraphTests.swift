import Testing
@testable import Notebook

/// The run order of cells, apart from any notebook: edges go from a cell to the cells it uses.
@Suite struct DependencyGraphTests {
    private func order(_ edges: [Int: [Int]]) -> [[Int]] {
        DependencyGraph.components(of: edges.keys.sorted()) { edges[$0] ?? [] }
    }

    @Test func dependenciesComeFirst() {
        // c uses b and a, b uses a.
        #expect(order([1: [], 2: [1], 3: [2, 1]]) == [[1], [2], [3]])
        #expect(order([1: [3], 2: [], 3: [2]]) == [[2], [3], [1]])
    }

    @Test func aCycleIsOneComponent() {
        let components = order([1: [2], 2: [1], 3: [1]])
        #expect(components.count == 2)
        #expect(Set(components[0]) == [1, 2])
        #expect(components[1] == [3])
    }

    @Test func aLongChainNeedsNoDeepStack() {
        let count = 100_000
        let components = DependencyGraph.components(of: Array(1...count)) { $0 > 1 ? [$0 - 1] : [] }
        #expect(components.count == count)
        #expect(components.first == [1] && components.last == [count])
    }
}
