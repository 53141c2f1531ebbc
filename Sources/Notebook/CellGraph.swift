/// Who defines and who uses each name, and from that the cells a change
/// reaches and the order they run in, cycles apart. A value: the notebook
/// keeps one, and a loaded session builds a fresh one.
///
///     f(x) = x^2 [1], x0 = -4 [2], r = descend(f, from: x0) [3]
///     graph.definer(of: "x0")      → 2
///     graph.downstream(of: [2])    → {2, 3}
///     graph.runOrder(of: {2, 3})   → [[2], [3]]
struct CellGraph {
    /// What the graph needs to know of a cell.
    struct Node {
        var id: Int
        var name: String
        var isDefinition: Bool
        var dependencies: Set<String>
    }

    /// Which cell defines each name.
    private(set) var definers: [String: Int] = [:]
    /// Which cells use each name (defined or not yet).
    private(set) var users: [String: Set<Int>] = [:]

    func definer(of name: String) -> Int? { definers[name] }

    func users(of name: String) -> Set<Int> { users[name, default: []] }

    /// Whether some cell defines `name`.
    func isDefined(_ name: String) -> Bool { definers[name] != nil }

    /// Every name some cell defines.
    var definedNames: Dictionary<String, Int>.Keys { definers.keys }

    mutating func add(_ node: Node) {
        if definers[node.name] == nil || node.isDefinition { definers[node.name] = node.id }
        for name in node.dependencies { users[name, default: []].insert(node.id) }
    }

    mutating func remove(_ node: Node) {
        if definers[node.name] == node.id { definers[node.name] = nil }
        for name in node.dependencies {
            users[name]?.remove(node.id)
            if users[name]?.isEmpty == true { users[name] = nil }
        }
    }

    /// The given cells and every cell downstream of them, transitively.
    func downstream(of starts: [Int], name: (Int) -> String?) -> Set<Int> {
        var affected = Set<Int>()
        var queue = starts
        while let id = queue.popLast() {
            guard affected.insert(id).inserted, let cellName = name(id) else { continue }
            for user in users[cellName, default: []] where !affected.contains(user) {
                queue.append(user)
            }
        }
        return affected
    }

    /// The affected cells in groups, dependencies first; a group of more
    /// than one cell is a cycle (as is a cell that uses its own name).
    func runOrder(of affected: Set<Int>, dependencies: (Int) -> Set<String>) -> [[Int]] {
        DependencyGraph.components(of: affected.sorted()) { id in
            dependencies(id).compactMap { name in
                definers[name].flatMap { affected.contains($0) ? $0 : nil }
            }
        }
    }
}
