/// The order in which a set of cells must run, and the cycles among them.
///
/// Edges go from a cell to the cells it uses. Tarjan's algorithm emits
/// each strongly connected component only after every component it
/// reaches, so components come out dependencies first: the order to run
/// them in. A component of more than one cell, or a cell that uses itself,
/// is a cycle. Written without recursion so that a chain of thousands of
/// cells cannot exhaust the stack; the work is proportional to the cells
/// and edges given, not to the notebook.
///
///     a = 1, b = a + 1, c = b + a   →   [[a], [b], [c]]
///     a = b + 1, b = a + 1          →   [[a, b]]  (a cycle)
enum DependencyGraph {
    static func components(of nodes: [Int], edges: (Int) -> [Int]) -> [[Int]] {
        var index: [Int: Int] = [:]
        var lowLink: [Int: Int] = [:]
        var onStack = Set<Int>()
        var stack: [Int] = []
        var result: [[Int]] = []
        var counter = 0

        for root in nodes where index[root] == nil {
            // Each frame: a node and the successors still to visit.
            var frames: [(node: Int, successors: [Int], next: Int)] = []
            func open(_ node: Int) {
                index[node] = counter
                lowLink[node] = counter
                counter += 1
                stack.append(node)
                onStack.insert(node)
                frames.append((node, edges(node), 0))
            }
            open(root)
            while !frames.isEmpty {
                let top = frames.count - 1
                let node = frames[top].node
                if frames[top].next < frames[top].successors.count {
                    let successor = frames[top].successors[frames[top].next]
                    frames[top].next += 1
                    if index[successor] == nil {
                        open(successor)
                    } else if onStack.contains(successor) {
                        lowLink[node] = min(lowLink[node]!, index[successor]!)
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last?.node {
                    lowLink[parent] = min(lowLink[parent]!, lowLink[node]!)
                }
                if lowLink[node] == index[node] {
                    var component: [Int] = []
                    while let member = stack.popLast() {
                        onStack.remove(member)
                        component.append(member)
                        if member == node { break }
                    }
                    result.append(component.sorted())
                }
            }
        }
        return result
    }
}
