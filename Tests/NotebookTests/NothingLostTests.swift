import Foundation
import Testing
@testable import Notebook
@testable import Language
import TestSupport

/// SPEC section 11: every command that replaces something a person made asks
/// first (or, with no one to ask, refuses), unless forced with `!`.
@Suite struct NothingLostTests {
    /// A notebook at a prompt whose answers are given in advance; it records
    /// each question asked.
    final class Prompt {
        var answers: [Bool]
        var asked: [Question] = []
        init(_ answers: [Bool]) { self.answers = answers }
    }

    private func interactive(_ notebook: Notebook, answering answers: [Bool] = []) -> Prompt {
        let prompt = Prompt(answers)
        notebook.files.ask = { question in
            prompt.asked.append(question)
            return prompt.answers.isEmpty ? false : prompt.answers.removeFirst()
        }
        return prompt
    }

    private func cellCount(_ path: String) throws -> Int {
        try Session.read(String(contentsOfFile: path, encoding: .utf8)).cellCount
    }

    private func notebookFile(_ path: String, cells: Int) throws {
        let notebook = Notebook()
        notebook.enter(lines: (1...cells).map { "c\($0) = \($0)" })
        try notebook.save(to: path)
    }

    @Test func aScriptsSaveOverAnotherNotebookIsRefusedAndTheFileUntouched() throws {
        let path = try temporaryFolder() + "/tut.json"
        try notebookFile(path, cells: 36)
        let before = try String(contentsOfFile: path, encoding: .utf8)
        let notebook = Notebook()
        notebook.submit("k = 1")
        let report = notebook.report(":save \(path)")
        #expect(!report.ok)
        #expect(report.output.contains("holds another notebook (36 cells)"), "\(report.output)")
        #expect(report.output.contains(":save! \(path)"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
    }

    @Test func aForcedSaveReplacesWithoutAsking() throws {
        let path = try temporaryFolder() + "/tut.json"
        try notebookFile(path, cells: 3)
        let notebook = Notebook()
        let prompt = interactive(notebook)
        notebook.submit("k = 1")
        #expect(notebook.report(":save! \(path)").ok)
        #expect(prompt.asked.isEmpty)
        #expect(try cellCount(path) == 1)
    }

    @Test func atThePromptASaveOverAnotherNotebookAsksAndNoKeepsTheFile() throws {
        let path = try temporaryFolder() + "/tut.json"
        try notebookFile(path, cells: 3)
        let notebook = Notebook()
        let prompt = interactive(notebook, answering: [false, true])
        notebook.submit("k = 1")
        let declined = notebook.report(":save \(path)")
        #expect(declined.ok)
        #expect(declined.output.hasPrefix("not saved"))
        #expect(prompt.asked.first?.situation == "\(path) holds another notebook (3 cells)")
        #expect(try cellCount(path) == 3)
        #expect(notebook.report(":save \(path)").output.hasPrefix("saved 1 cell"))
        #expect(try cellCount(path) == 1)
        // Its own file, unchanged since, is saved again without a question.
        notebook.submit("j = 2")
        #expect(notebook.report(":save").output.hasPrefix("saved 2 cells"))
        #expect(prompt.asked.count == 2)
    }

    @Test func reSavingTheFileItLoadedDoesNotAsk() throws {
        let path = try temporaryFolder() + "/tut.json"
        try notebookFile(path, cells: 2)
        let notebook = Notebook()
        try notebook.load(from: path)
        notebook.submit("k = 1")
        #expect(notebook.report(":save").ok)
        #expect(notebook.report(":save \(path)").ok)
        #expect(try cellCount(path) == 3)
    }

    /// Two descents open one session file; the second saves first. The first
    /// must not silently write over the second's cells.
    @Test func aFileChangedOnDiskSinceItWasLoadedIsNotSilentlyReplaced() throws {
        let path = try temporaryFolder() + "/shared.json"
        try notebookFile(path, cells: 2)
        let first = Notebook(), second = Notebook()
        try first.load(from: path)
        try second.load(from: path)
        second.submit("from_second = 1")
        #expect(second.report(":save").ok)
        first.submit("from_first = 1")
        let refused = first.report(":save")
        #expect(!refused.ok)
        #expect(refused.output.contains("changed on disk since this notebook read or wrote it"), "\(refused.output)")
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("from_second"))
        // At a prompt the same save is a question.
        let prompt = interactive(first, answering: [false])
        #expect(first.report(":save").output.hasPrefix("not saved"))
        #expect(prompt.asked.count == 1)
    }

    @Test func aFileEditedInPlaceSinceTheLastSaveIsAskedAbout() throws {
        let path = try temporaryFolder() + "/edited.json"
        let notebook = Notebook()
        let prompt = interactive(notebook, answering: [false])
        notebook.submit("a = 1")
        #expect(notebook.report(":save \(path)").ok)
        // An editor that writes in place keeps the inode but not the size or time.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(" ".utf8))
        try handle.close()
        #expect(notebook.report(":save").output.hasPrefix("not saved"))
        #expect(prompt.asked.count == 1)
    }

    @Test func aPathWithoutAnExtensionGetsJSONAndLoadsBack() throws {
        let folder = try temporaryFolder()
        #expect(Session.path(for: "../notes") == "../notes.json")
        #expect(Session.path(for: "out/notes.v2.json") == "out/notes.v2.json")
        let notebook = Notebook()
        notebook.submit("a = 7")
        #expect(notebook.report(":save \(folder)/notes").ok)
        #expect(FileManager.default.fileExists(atPath: folder + "/notes.json"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/notes"))
        let other = Notebook()
        #expect(other.report(":load \(folder)/notes").ok)
        #expect(other.cell(named: "a")?.output == "a = 7")
    }

    @Test func aSessionSavedWithoutAnExtensionStillLoads() throws {
        let folder = try temporaryFolder()
        try notebookFile(folder + "/old.json", cells: 2)
        try FileManager.default.moveItem(atPath: folder + "/old.json", toPath: folder + "/old")
        let notebook = Notebook()
        let report = notebook.report(":load \(folder)/old")
        #expect(report.ok, "\(report.output)")
        #expect(notebook.order.count == 2)
    }

    @Test(arguments: [":save", ":export"])
    func aFolderIsAnErrorNotAQuestion(command: String) throws {
        // A folder named as the file would be: adir.json for :save, adir.ipynb for :export.
        let folder = try temporaryFolder() + (command == ":save" ? "/adir.json" : "/adir.ipynb")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let notebook = Notebook()
        let prompt = interactive(notebook, answering: [true])
        notebook.submit("a = 1")
        let report = notebook.report("\(command) \(folder)")
        #expect(!report.ok)
        #expect(report.output.contains("is a folder"), "\(report.output)")
        #expect(prompt.asked.isEmpty)
    }

    @Test func exportOverAJupyterNotebookItDidNotWriteAsksOrRefuses() throws {
        let path = try temporaryFolder() + "/real.ipynb"
        let real = #"{"cells": [{"cell_type": "code", "source": ["import numpy"]}], "nbformat": 4, "nbformat_minor": 5, "metadata": {}}"#
        try real.write(toFile: path, atomically: true, encoding: .utf8)
        let script = Notebook()
        script.submit("a = 1")
        let refused = script.report(":export \(path)")
        #expect(!refused.ok)
        #expect(refused.output.contains("holds a Jupyter notebook (1 cell) that this notebook did not write"), "\(refused.output)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == real)

        let notebook = Notebook()
        let prompt = interactive(notebook, answering: [false, true])
        notebook.submit("a = 1")
        #expect(notebook.report(":export \(path)").output.hasPrefix("not exported"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == real)
        #expect(notebook.report(":export \(path)").output.hasPrefix("exported 1 cell"))
        // Exporting again to the file it wrote there does not ask.
        notebook.submit("b = 2")
        #expect(notebook.report(":export \(path)").output.hasPrefix("exported 2 cells"))
        #expect(prompt.asked.count == 2)
        #expect(script.report(":export! \(path)").ok)
    }

    /// Every form :export writes follows the same rules: a file it did not write is asked about
    /// (refused in a script), its own is replaced without a question, and ! forces it.
    @Test(arguments: [("py", "a Python file (2 lines)"), ("html", "a web page (2 lines)"), ("svg", "a picture")])
    func exportOverAFileItDidNotWriteAsksOrRefuses(ending: String, held: String) throws {
        let path = try temporaryFolder() + "/mine.\(ending)"
        let real = "made by hand\nkeep me\n"
        try real.write(toFile: path, atomically: true, encoding: .utf8)
        let cell = ending == "svg" ? " p" : ""
        let script = Notebook()
        script.enter(lines: ["f(x) = x^2", "p = plot(f, -1..1)"])
        let refused = script.report(":export \(path)\(cell)")
        #expect(!refused.ok)
        #expect(refused.output.contains("holds \(held) that this notebook did not write"), "\(refused.output)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == real)

        let notebook = Notebook()
        let prompt = interactive(notebook, answering: [false, true])
        notebook.enter(lines: ["f(x) = x^2", "p = plot(f, -1..1)"])
        #expect(notebook.report(":export \(path)\(cell)").output.hasPrefix("not exported"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == real)
        #expect(notebook.report(":export \(path)\(cell)").output.hasPrefix("exported"))
        notebook.submit("k = 2")
        #expect(notebook.report(":export \(path)\(cell)").output.hasPrefix("exported"))
        #expect(prompt.asked.count == 2)
        #expect(script.report(":export! \(path)\(cell)").ok)
    }

    @Test func aPictureOfACellThatIsNoPlotIsRefused() {
        let notebook = Notebook.ascii(["f(x) = x^2", "p = plot(f, -1..1)"])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("never-\(UUID().uuidString).svg").path
        let report = notebook.report(":export \(path) f")
        #expect(!report.ok)
        #expect(report.output.contains("[1] is not a plot"), "\(report.output)")
        #expect(notebook.report(":export \(path) zz").output.contains("there is no cell 'zz'"))
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func atThePromptALoadOverUnsavedCellsAsksAndKeepsThemAside() throws {
        let folder = try temporaryFolder()
        try notebookFile(folder + "/other.json", cells: 2)
        let notebook = Notebook()
        let prompt = interactive(notebook, answering: [false, true])
        var kept: [SessionSnapshot] = []
        notebook.files.keepUnsaved = { snapshot in
            kept.append(snapshot)
            return folder + "/kept.json"
        }
        notebook.enter(lines: ["mine = 1", "also_mine = 2", "third = 3"])
        let declined = notebook.report(":load \(folder)/other.json")
        #expect(declined.output.hasPrefix("not loaded"))
        #expect(notebook.cell(named: "mine") != nil)
        #expect(kept.isEmpty)
        #expect(prompt.asked.first?.situation.contains("(3 cells) has changes that are not saved") == true)

        let loaded = notebook.report(":load \(folder)/other.json")
        #expect(loaded.output.contains("the 3 cells it replaced are kept in \(folder)/kept.json"), "\(loaded.output)")
        #expect(kept.first?.cellCount == 3)
        #expect(notebook.order.count == 2)
        // A forced load asks nothing, and still keeps what it replaces.
        notebook.submit("new = 1")
        #expect(notebook.report(":load! \(folder)/other.json").ok)
        #expect(prompt.asked.count == 2)
        #expect(kept.count == 2)
    }

    @Test func aLoadOverASavedNotebookNeitherAsksNorKeeps() throws {
        let folder = try temporaryFolder()
        try notebookFile(folder + "/other.json", cells: 2)
        let notebook = Notebook()
        let prompt = interactive(notebook)
        var kept = 0
        notebook.files.keepUnsaved = { _ in kept += 1; return "x" }
        notebook.submit("mine = 1")
        #expect(notebook.report(":save \(folder)/mine.json").ok)
        #expect(notebook.report(":load \(folder)/other.json").ok)
        #expect(prompt.asked.isEmpty && kept == 0)
    }

    @Test func aScriptsLoadReplacesItsOwnCells() throws {
        let folder = try temporaryFolder()
        try notebookFile(folder + "/other.json", cells: 2)
        let notebook = Notebook()
        notebook.submit("mine = 1")
        #expect(notebook.report(":load \(folder)/other.json").ok)
        #expect(notebook.cell(named: "mine") == nil)
    }

    @Test func aRestoredNotebookAsksBeforeSavingOverItsOldFile() throws {
        let folder = try temporaryFolder()
        try notebookFile(folder + "/work.json", cells: 2)
        let notebook = Notebook()
        let contents = try Session.read(String(contentsOfFile: folder + "/work.json", encoding: .utf8))
        notebook.restore(contents, sessionPath: folder + "/work.json")
        #expect(!notebook.report(":save").ok)
    }

    @Test(arguments: [":save x", "\t:save! x", ":load x", ":export x", ":open x"])
    func aNotebookWithoutFilesRefusesFileCommands(command: String) throws {
        let notebook = Notebook()
        notebook.files.allowsFiles = false
        notebook.submit("a = 1")
        let report = notebook.report(command)
        #expect(!report.ok)
        #expect(report.output.contains("turned off"), "\(report.output)")
    }

    @Test func undoingALoadMakesItsFilesItsOwnAgain() throws {
        let folder = try temporaryFolder()
        try notebookFile(folder + "/b.json", cells: 2)
        let notebook = Notebook()
        notebook.submit("f(x) = x^2")
        #expect(notebook.report(":save \(folder)/a.json").ok)
        #expect(notebook.report(":load \(folder)/b.json").ok)
        notebook.submit(":undo")
        // b.json is another notebook's again; a.json this one's.
        #expect(!notebook.report(":save \(folder)/b.json").ok)
        #expect(try cellCount(folder + "/b.json") == 2)
        #expect(notebook.report(":save").ok)
    }

    @Test func aSaveThroughASymbolicLinkReplacesItsTargetAndKeepsTheLink() throws {
        let folder = try temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder + "/real", withIntermediateDirectories: true)
        try notebookFile(folder + "/real/r.json", cells: 2)
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.json", withDestinationPath: folder + "/real/r.json")
        let notebook = Notebook()
        try notebook.load(from: folder + "/link.json")
        notebook.submit("z = 7")
        #expect(notebook.report(":save").ok)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/link.json") == folder + "/real/r.json")
        #expect(try cellCount(folder + "/real/r.json") == 3)
    }

    @Test func aForcedLoadGoesOnWhenTheCellsCannotBeKeptAsideAndSaysSo() throws {
        let folder = try temporaryFolder()
        try notebookFile(folder + "/other.json", cells: 2)
        let notebook = Notebook()
        _ = interactive(notebook, answering: [true])
        notebook.files.keepUnsaved = { _ in nil }
        notebook.submit("mine = 1")
        // Asked and answered yes, it still does not load what it cannot keep aside.
        #expect(!notebook.report(":load \(folder)/other.json").ok)
        #expect(notebook.cell(named: "mine") != nil)
        let forced = notebook.report(":load! \(folder)/other.json")
        #expect(forced.ok)
        #expect(forced.output.contains("could not be kept aside: :undo brings them back"))
        notebook.submit(":undo")
        #expect(notebook.cell(named: "mine") != nil)
    }

    /// Without a recovery folder (no home folder) there is nowhere to keep the
    /// cells: a yes at the prompt loads, and says only :undo brings them back.
    @Test func withNoRecoveryFolderAnAnsweredLoadGoesOnAndSaysSo() throws {
        let folder = try temporaryFolder()
        try notebookFile(folder + "/other.json", cells: 2)
        let notebook = Notebook()
        let prompt = interactive(notebook, answering: [true])
        notebook.submit("mine = 1")
        let report = notebook.report(":load \(folder)/other.json")
        #expect(report.ok)
        #expect(prompt.asked.count == 1)
        #expect(report.output.contains(":undo brings them back until you leave"), "\(report.output)")
        notebook.submit(":undo")
        #expect(notebook.cell(named: "mine") != nil)
    }

    @Test(arguments: [(":export notes.txt", "not .txt"), (":export plot.svg", "needs the plot's cell"), (":export out/", "is a folder's name")])
    func anExportNameThatIsNoNotebookIsAnError(command: String, message: String) {
        let report = Notebook.ascii(["a = 1"]).report(command)
        #expect(!report.ok)
        #expect(report.output.contains(message), "\(report.output)")
    }

    @Test func onlyCommandsThatReplaceCanBeForced() {
        let report = Notebook().report(":delete! x")
        #expect(!report.ok)
        #expect(report.output.contains(":delete takes no !"))
    }
}

/// How a file is written: either the old version or the new, never a mix.
@Suite struct AtomicFileTests {
    @Test func aSaveReplacesTheFileWithANewOneInOneStep() throws {
        let path = try temporaryFolder() + "/keep.json"
        try AtomicFile.write("old", to: path)
        let before = try #require(FileStamp.of(path))
        let stamp = try AtomicFile.write("new version", to: path)
        // A new file renamed into place, not the old one truncated and rewritten.
        #expect(stamp.inode != before.inode)
        #expect(stamp == FileStamp.of(path))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new version")
    }

    @Test func aReaderNeverSeesAShortFile() throws {
        let path = try temporaryFolder() + "/big.json"
        let versions = ["a", "b"].map { String(repeating: $0, count: 400_000) }
        try AtomicFile.write(versions[0], to: path)
        let done = DispatchSemaphore(value: 0)
        final class Seen: @unchecked Sendable { var bad = 0; var reads = 0 }
        let seen = Seen()
        Thread {
            for _ in 0..<300 {
                let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
                seen.reads += 1
                if !versions.contains(text) { seen.bad += 1 }
            }
            done.signal()
        }.start()
        for i in 0..<60 { try AtomicFile.write(versions[i % 2], to: path) }
        done.wait()
        #expect(seen.bad == 0)
    }

    @Test func aReplacedFileKeepsItsPermissions() throws {
        let path = try temporaryFolder() + "/private.json"
        try AtomicFile.write("one", to: path)
        chmod(path, 0o600)
        try AtomicFile.write("two", to: path)
        var info = stat()
        stat(path, &info)
        #expect(info.st_mode & 0o777 == 0o600)
    }

    @Test func temporaryFilesOfAKilledProcessAreRemovedByTheNextWrite() throws {
        let folder = try temporaryFolder()
        // A process id that is not running: the largest possible one is never handed out here.
        let leftover = folder + "/.keep.json.4194303.123.tmp"
        let unrelated = folder + "/.other.json.4194303.1.tmp"
        try "half".write(toFile: leftover, atomically: false, encoding: .utf8)
        try "half".write(toFile: unrelated, atomically: false, encoding: .utf8)
        try AtomicFile.write("whole", to: folder + "/keep.json")
        #expect(!FileManager.default.fileExists(atPath: leftover))
        #expect(FileManager.default.fileExists(atPath: unrelated))
    }

    @Test func aPathIsOneFileHoweverItIsSpelled() throws {
        let folder = try temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        #expect(canonicalPath(folder + "/sub/../sub/./a.json") == canonicalPath(folder + "/sub/a.json"))
    }
}

@Suite struct DeletingTheLastCellTests {
    @Test func deletingTheLastUnsavedCellKeepsItForRecovery() {
        let notebook = Notebook()
        notebook.submit("a = 21")
        notebook.submit(":delete a")
        #expect(notebook.order.isEmpty)
        #expect(notebook.snapshotToKeep().cellCount == 1)
        // A new cell means the emptied notebook was moved on from.
        notebook.submit("b = 1")
        #expect(notebook.snapshotToKeep().cellCount == 1)
        #expect(notebook.snapshotToKeep().cells.first?.source == "b = 1")
    }

    @Test func deletingTheLastCellOfASavedNotebookKeepsNothing() throws {
        let notebook = Notebook()
        notebook.submit("a = 21")
        try notebook.save(to: try temporaryFolder() + "/a.json")
        notebook.submit(":delete a")
        #expect(notebook.snapshotToKeep().cellCount == 0)
    }
}

/// The check that a file is still the version a notebook saw and its
/// replacement are one step: a save in between makes the later one refuse.
@Suite struct CheckAndReplaceTests {
    @Test func aSaveThatLandsBetweenTheCheckAndTheReplaceMakesTheSecondRefuse() throws {
        let path = try temporaryFolder() + "/shared.json"
        let first = Notebook(), second = Notebook()
        first.enter(lines: ["a = 1"])
        try first.save(to: path)
        try second.load(from: path)
        #expect(first.report("b = 2").ok && second.report("c = 3").ok)
        // Both look at the file and find their own version; the second saves first.
        let seen = FileStamp.of(path)
        #expect(try first.replacing(path, kind: .session) == nil)
        #expect(try second.replacing(path, kind: .session) == nil)
        try second.save(to: path, expected: .some(seen))
        #expect((#expect(throws: NotebookError.self) { try first.save(to: path, expected: .some(seen)) })?.message.contains("changed") == true)
        #expect(first.isModified, "the refused notebook still has unsaved changes")
        let file = try String(contentsOfFile: path, encoding: .utf8)
        #expect(file.contains("c = 3") && !file.contains("b = 2"))
        // Told so at the prompt or in a script: the second :save of the first notebook refuses, naming why.
        let refused = first.report(":save")
        #expect(!refused.ok && refused.output.contains("changed on disk"), "\(refused.output)")
    }

    @Test func aReadOnlyFileIsNotReplacedEvenWhenForced() throws {
        let path = try temporaryFolder() + "/fixed.json"
        let notebook = Notebook()
        notebook.enter(lines: ["a = 1"])
        try notebook.save(to: path)
        chmod(path, 0o444)
        let before = try String(contentsOfFile: path, encoding: .utf8)
        notebook.enter(lines: ["b = 2"])
        for command in [":save", ":save! \(path)"] {
            let report = notebook.report(command)
            #expect(!report.ok && report.output.contains("read-only"), "\(command): \(report.output)")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
    }

    @Test func aSaveThroughADanglingLinkCreatesItsTargetAndKeepsTheLink() throws {
        let folder = try temporaryFolder()
        let link = folder + "/notes.json", target = folder + "/real/notes.json"
        try FileManager.default.createDirectory(atPath: folder + "/real", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real/notes.json")
        let notebook = Notebook()
        notebook.enter(lines: ["a = 1"])
        #expect(notebook.report(":save \(link)").ok)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "real/notes.json", "the link stays a link")
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("\"a = 1\""))
    }
}
