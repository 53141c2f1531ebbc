/// The Python helpers an exported notebook calls: each descent method as a
/// loop, sweeps, basins, data, and each kind of plot. Their source is the
/// files in `Python/` (`runtime.py`, `plots.py`), kept here as text by
/// `make python-helpers` so that the executable carries them (a test checks
/// the two agree).
///
/// The files are made of sections, each opened by a line
///
///     # ==== section descend (needs: core, gd)
///
/// and an export takes only the sections its cells use, with the sections
/// those need, in the files' order.
public enum PythonRuntime {
    public struct Section: Sendable {
        public var name: String
        public var needs: [String]
        public var text: String
    }

    /// Every section, in the files' order.
    public static let sections: [Section] = parse(source)

    static func parse(_ source: String) -> [Section] {
        var sections: [Section] = []
        let marker = "# ==== section "
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(marker) {
                let rest = line.dropFirst(marker.count)
                let name = rest.prefix { $0 != " " && $0 != "(" }
                var needs: [String] = []
                if let open = rest.firstIndex(of: "("), let close = rest.lastIndex(of: ")") {
                    let inside = rest[rest.index(after: open)..<close].replacingOccurrences(of: "needs:", with: "")
                    needs = inside.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                }
                sections.append(Section(name: String(name), needs: needs, text: ""))
            } else if !sections.isEmpty {
                sections[sections.count - 1].text += line + "\n"
            }
        }
        return sections.map { section in
            var trimmed = section
            while trimmed.text.hasSuffix("\n\n") { trimmed.text.removeLast() }
            return trimmed
        }
    }

    /// The names the helpers define at their top level (functions, classes, constants),
    /// which a notebook's names must not take.
    public static let definedNames: Set<String> = {
        var names = Set<String>()
        for line in source.split(separator: "\n") {
            for keyword in ["def ", "class "] where line.hasPrefix(keyword) {
                names.insert(String(line.dropFirst(keyword.count).prefix { $0.isLetter || $0.isNumber || $0 == "_" }))
            }
            if let first = line.first, first.isLetter || first == "_", let equals = line.firstIndex(of: "=") {
                let name = line[..<equals].trimmingCharacters(in: .whitespaces)
                if name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) { names.insert(name) }
            }
        }
        return names
    }()

    /// The Python of the named sections and of every section they need, in the files' order.
    public static func code(for names: Set<String>) -> String {
        var wanted = Set<String>()
        var queue = Array(names)
        let byName = Dictionary(sections.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        while let name = queue.popLast() {
            guard byName[name] != nil, wanted.insert(name).inserted else { continue }
            queue += byName[name]!.needs
        }
        return sections.filter { wanted.contains($0.name) }.map(\.text).joined(separator: "\n\n")
    }
}
