/// The Python helpers an exported notebook calls: each descent method as a
/// loop, sweeps, basins, data, and each kind of plot. Their source is the
/// files in `Python/` (`runtime.py`, `plots.py`), which SwiftPM embeds in
/// the executable as they are.
///
/// The files are made of sections, each opened by a line
///
///     # ==== section descend (needs: core, gd)
///
/// and an export takes only the sections its cells use, with the sections
/// those need, in the files' order.
package enum PythonRuntime {
    package struct Section: Sendable {
        package var name: String
        package var needs: [String]
        package var text: String
    }

    /// The helpers' whole source: the two files, one after the other.
    static let source = String(decoding: PackageResources.runtime_py + PackageResources.plots_py, as: UTF8.self)

    /// Every section, in the files' order.
    package static let sections: [Section] = parse(source)

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
                    needs = inside.split(separator: ",").map { $0.trimmingSpaces }.filter { !$0.isEmpty }
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
    package static let definedNames: Set<String> = {
        var names = Set<String>()
        for line in source.split(separator: "\n") {
            for keyword in ["def ", "class "] where line.hasPrefix(keyword) {
                names.insert(String(line.dropFirst(keyword.count).prefix { $0.isLetter || $0.isNumber || $0 == "_" }))
            }
            if let first = line.first, first.isLetter || first == "_", let equals = line.firstIndex(of: "=") {
                let name = line[..<equals].trimmingSpaces
                if name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) { names.insert(name) }
            }
        }
        return names
    }()

    /// The Python of the named sections and of every section they need, in the files' order.
    package static func code(for names: Set<String>) -> String {
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
