import Foundation
import Testing
import TestSupport

@Suite struct SessionFileTests {
    private var tutorial: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sessions/tutorial.json").path
    }

    @Test func aSavedSessionReplaysAndExitsWhenNotOnATerminal() throws {
        let result = try Binary.run([tutorial])
        #expect(result.status == 0)
        // Each cell's number and source, then its output, as at the prompt.
        #expect(result.stdout.hasPrefix("[1] # The tutorial: a bowl, its slope, and gradient descent down to the bottom\n"
            + "[2] # Step 1: the function to minimise, a bowl whose lowest point is at x = 0\n"
            + "[3] f(x) = x^2 + 2\nf(x) = x^2 + 2\n[4] # Step 2: its derivative, the slope of the bowl at every x\n[5] f'\nf'(x) = 2x\n"),
                "\(result.stdout.prefix(300))")
        #expect(result.stdout.contains("converged after 72 steps"))
    }

    @Test func aSessionAsJSONLines() throws {
        let result = try Binary.run(["--json", tutorial])
        #expect(result.status == 0)
        let lines = result.jsonLines
        #expect(lines.count > 5)
        #expect(lines.allSatisfy { $0["ok"] as? Bool == true })
        // One line a cell, in order; the notes between them have none.
        let ids = lines.map { $0["id"] as? Int ?? 0 }
        #expect(ids == ids.sorted() && Set(ids).count == ids.count)
        #expect(ids.first == 3)
    }

    @Test(arguments: [
        (#"{"format": "descent-session", "version": 7, "cells": []}"#, "newer descent"),
        ("{ not json", "bad JSON at line 1, column 3"),
        (#"{"format": "descent-session", "version": 1, "cells": [{"id": 1, "name": "a", "source": "a = 1"}, {"id": 2, "name": "a", "source": "a = 2"}]}"#, "two cells define 'a'"),
    ])
    func aRefusedSessionExitsWithTwoAndSaysWhy(text: String, message: String) throws {
        let path = try Binary.script(text, name: "bad.json")
        let result = try Binary.run([path])
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func saveExportAndLoadFromAScript() throws {
        let directory = try Binary.temporaryDirectory()
        let result = try Binary.run([], stdin: """
            f(x) = x^2 + 2
            r = descend(f, from: -4, step: 0.1)
            :save mine
            :export mine.ipynb
            f(x) = x^3
            :load mine
            r.steps
            """, directory: directory)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("saved 2 cells to sessions/mine.json"))
        #expect(result.stdout.contains("exported 2 cells to mine.ipynb"))
        #expect(result.stdout.hasSuffix("72\n"))
        let notebook = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("mine.ipynb"))) as? [String: Any]
        #expect(notebook?["nbformat"] as? Int == 4)
        let session = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("sessions/mine.json"))) as? [String: Any]
        #expect(session?["format"] as? String == "descent-session")
    }

    /// Cells are trimmed of every kind of space, so a fuzz input such as
    /// "\t:save leaked" is a real :save; the fuzzers turn file commands off
    /// in the notebook and work in a scratch folder, so nothing is written.
    @Test func theCellFuzzerWritesNoFile() throws {
        let directory = try Binary.temporaryDirectory()
        let input = directory.appendingPathComponent("input.txt")
        try "\t:save leaked\n  :export leaked\n:save! forced\n\u{0B}:save vt\na = 1\n:save\n".write(to: input, atomically: true, encoding: .utf8)
        let tool = Binary.url.deletingLastPathComponent().appendingPathComponent("cell-fuzz").path
        let output = try Subprocess.run(tool, [input.path], directory: directory.path, timeout: 60)
        #expect(output.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["input.txt"])
    }

    @Test func theFuzzSeedsReplayCleanly() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for (tool, folder) in [("cell-fuzz", "cells"), ("session-fuzz", "sessions")] {
            let seeds = root.appendingPathComponent("Fuzz/corpus/\(folder)")
            let files = try FileManager.default.contentsOfDirectory(atPath: seeds.path).map { seeds.appendingPathComponent($0).path }
            let tool = Binary.url.deletingLastPathComponent().appendingPathComponent(tool).path
            let output = try Subprocess.run(tool, files, capture: false, timeout: 120)
            #expect(output.status == 0 && !output.timedOut, "\(tool)")
        }
    }
}

/// The notebooks that come with descent, and the scripts that made them.
@Suite struct BundledSessionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let names = ["tutorial", "step-sizes", "classic-functions", "line-fit", "local-and-global", "fit-a-line"]

    @Test(arguments: names)
    func eachReplaysWithoutAnError(name: String) throws {
        let result = try Binary.run(["--json", BundledSessionTests.root.appendingPathComponent("sessions/\(name).json").path])
        #expect(result.status == 0, "\(result.stderr)")
        let failed = result.jsonLines.filter { $0["ok"] as? Bool != true }
        #expect(failed.isEmpty, "\(failed)")
    }

    /// A session holds the cells of its script, in order: neither was edited without the other.
    @Test(arguments: names)
    func eachHoldsTheCellsOfItsScript(name: String) throws {
        let script = try String(contentsOf: BundledSessionTests.root.appendingPathComponent("examples/\(name).txt"), encoding: .utf8)
        let cells = script.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix(":") }
        let data = try Data(contentsOf: BundledSessionTests.root.appendingPathComponent("sessions/\(name).json"))
        let session = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let sources = (session["cells"] as? [[String: Any]] ?? []).compactMap { $0["source"] as? String }
        #expect(sources == cells)
    }
}
