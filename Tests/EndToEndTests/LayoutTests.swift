import Foundation
import Testing

/// ARCHITECTURE.md's map is the package's: every target under Sources/ is
/// on it, and every folder it names exists.
@Suite struct LayoutTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func theArchitectureMapMatchesThePackage() throws {
        let package = try String(contentsOf: LayoutTests.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let page = try String(contentsOf: LayoutTests.root.appendingPathComponent("ARCHITECTURE.md"), encoding: .utf8)
        let map = String(page[page.range(of: "```\nSources/")!.lowerBound...].dropFirst(4).prefix { $0 != "`" })
        // Targets with no path of their own live in Sources/NAME.
        let targets = package.matches(of: /\.(?:target|executableTarget|systemLibrary)\(\s*name: "([^"]+)"(?:,[^)]*?path: "([^"]+)")?/)
            .filter { $0.output.2 == nil }.map { String($0.output.1) }
        let folders = try FileManager.default.contentsOfDirectory(atPath: LayoutTests.root.appendingPathComponent("Sources").path)
        #expect(Set(targets) == Set(folders), "Sources/ holds exactly the targets")
        for target in targets {
            #expect(map.contains("\n  \(target)/"), "\(target) is not on the map")
        }
        // Every folder the map names (two-space indent per level) exists.
        var parents: [String] = []
        for line in map.split(separator: "\n") {
            guard let match = line.firstMatch(of: /^( *)([A-Za-z][\w-]*)\/(?: |$)/) else { continue }
            let depth = match.output.1.count / 2
            parents = Array(parents.prefix(depth)) + [String(match.output.2)]
            let path = parents.joined(separator: "/")
            var isFolder: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: LayoutTests.root.appendingPathComponent(path).path, isDirectory: &isFolder)
                    && isFolder.boolValue, "the map names \(path), which is no folder")
        }
    }
}
