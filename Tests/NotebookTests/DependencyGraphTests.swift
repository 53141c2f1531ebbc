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

/// The session file's JSON reader, apart from sessions.
@Suite struct JSONParserTests {
    @Test func valuesOfEveryKind() throws {
        let value = try JSONParser.parse(#"{"a": [1, -2.5e3, true, false, null], "b": "\u00e9\n\"x\"", "c": {}}"#)
        #expect(value["a"] == .array([.number(1), .number(-2500), .bool(true), .bool(false), .null]))
        #expect(value["b"] == .string("é\n\"x\""))
        #expect(value["c"] == .object([]))
    }

    @Test func keysKeepTheirOrder() throws {
        guard case .object(let pairs) = try JSONParser.parse(#"{"z": 1, "a": 2, "m": 3}"#) else {
            Issue.record("not an object")
            return
        }
        #expect(pairs.map(\.0) == ["z", "a", "m"])
    }

    @Test(arguments: [
        ("{\n  \"a\": tru\n}", 2, 8),
        ("[1, 2", 1, 6),
        ("{\"a\" 1}", 1, 6),
        ("[1] x", 1, 5),
    ])
    func anErrorSaysItsLineAndColumn(text: String, line: Int, column: Int) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.line == line && error.column == column, "\(error.description)")
        }
    }
}
