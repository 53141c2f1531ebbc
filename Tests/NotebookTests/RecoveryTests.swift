import Foundation
import Testing
@testable import Notebook
@testable import Language

@Suite struct RecoveryTests {
    @Test func autosaveWritesTheNotebookAndACleanExitRemovesIt() throws {
        let recovery = Recovery(directory: try temporaryFolder())
        let notebook = Notebook()
        notebook.enter(lines: ["f(x) = x^2", "k = 7"])
        recovery.autosave(notebook.snapshot())
        recovery.flush()
        let (contents, session, savedAt) = try Recovery.read(recovery.file)
        #expect(contents.cellCount == 2)
        #expect(session == nil)
        #expect(savedAt != nil)
        recovery.discard()
        #expect(!FileManager.default.fileExists(atPath: recovery.file))
    }

    @Test func aFileWhoseProcessIsGoneIsOfferedBackAndRestoresTheCells() throws {
        let folder = try temporaryFolder()
        // A process id that cannot be running (above Linux's largest).
        let lost = Recovery(directory: folder, processID: 4_194_304 + 7)
        let notebook = Notebook()
        notebook.enter(lines: ["a = 1", "b = a + 1"])
        try notebook.save(to: folder + "/work.json")
        notebook.submit("a = 5")
        lost.autosave(notebook.snapshot())
        lost.flush()
        let current = Recovery(directory: folder)
        #expect(current.abandoned() == [lost.file])

        let (contents, session, _) = try Recovery.read(lost.file)
        let restored = Notebook()
        let reports = restored.restore(contents, sessionPath: session)
        try #require(reports.count == 2)
        #expect(restored.cell(named: "b")?.output == "b = 6")
        #expect(restored.files.sessionPath == folder + "/work.json")
        #expect(restored.isModified)
        // The recovery key is not carried into the next save.
        #expect(!restored.sessionJSON().contains("\"recovery\""))
        Recovery.retire(lost.file)
        #expect(current.abandoned().isEmpty)
    }

    @Test func aRunningProcessesFileIsNotOffered() throws {
        let folder = try temporaryFolder()
        let mine = Recovery(directory: folder, processID: getpid())
        mine.autosave(Notebook().snapshot())
        mine.flush()
        #expect(Recovery(directory: folder, processID: getpid() + 1).abandoned().isEmpty)
    }

    /// A descent that was killed may linger as a zombie until its parent reaps
    /// it; its file is offered back all the same.
    @Test func aKilledButUnreapedProcessCountsAsGone() throws {
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("true"), nil]
        defer { argv.forEach { free($0) } }
        try #require(posix_spawn(&pid, "/bin/true", nil, nil, argv, nil) == 0)
        defer { var status: Int32 = 0; waitpid(pid, &status, 0) }
        // Not reaped yet: wait until the child has ended and only its zombie is left
        // (WNOWAIT leaves it unreaped), however long a busy machine takes to run it.
        var info = siginfo_t()
        try #require(waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == 0)
        #expect(!Recovery.isRunning(pid))
        #expect(kill(pid, 0) == 0, "the child is a zombie, which kill(pid, 0) still finds")
        #expect(Recovery.isRunning(getpid()))
    }

    /// Leaving with unsaved cells keeps them in a file named by time, which
    /// the next start offers even when it has the same process id (as process
    /// 1 in a container does each time).
    @Test func aKeptNotebookIsOfferedToTheNextStartWhateverItsProcessID() throws {
        let folder = try temporaryFolder()
        let leaving = Recovery(directory: folder, processID: 1)
        let notebook = Notebook()
        notebook.enter(lines: ["a = 21"])
        leaving.autosave(notebook.snapshot())
        leaving.flush()
        let kept = try #require(leaving.keep(notebook.snapshot()))
        #expect(!FileManager.default.fileExists(atPath: leaving.file))
        let next = Recovery(directory: folder, processID: 1)
        #expect(next.abandoned() == [kept])
        let (contents, _, _) = try Recovery.read(kept)
        #expect(contents.cellCount == 1)
    }

    @Test func aFileOfThisProcessIDFromBeforeIsAnEarlierRuns() throws {
        let folder = try temporaryFolder()
        let crashed = Recovery(directory: folder, processID: 1)
        crashed.autosave(Notebook.ascii(["a = 1"]).snapshot())
        crashed.flush()
        let next = Recovery(directory: folder, processID: 1)
        #expect(next.abandoned() == [crashed.file])
        // Once this process has written its own file, that file is not offered to itself.
        Recovery.retire(crashed.file)
        next.autosave(Notebook.ascii(["b = 2"]).snapshot())
        next.flush()
        #expect(next.abandoned().isEmpty)
    }

    @Test func aNotebookThatCannotBeKeptIsSaidToBeSo() throws {
        let folder = try temporaryFolder()
        let blocker = folder + "/not-a-folder"
        #expect(FileManager.default.createFile(atPath: blocker, contents: Data()))
        let recovery = Recovery(directory: blocker)
        #expect(recovery.keep(Notebook.ascii(["a = 1"]).snapshot()) == nil)
    }

    @Test func filesSetAsideDoNotPileUp() throws {
        let folder = try temporaryFolder()
        for pid in 1...12 {
            let recovery = Recovery(directory: folder, processID: Int32(pid))
            recovery.autosave(Notebook.ascii(["a = \(pid)"]).snapshot())
            recovery.flush()
            Recovery.retire(recovery.file)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(names.filter { $0.hasSuffix(".old") }.count == Recovery.keptAside)
        // The file set aside last is kept, even when it is older than the rest.
        let stale = Recovery(directory: folder, processID: 99)
        stale.autosave(Notebook.ascii(["a = 99"]).snapshot())
        stale.flush()
        let longAgo = timeval(tv_sec: 1_000_000, tv_usec: 0)
        var times = [longAgo, longAgo]
        _ = times.withUnsafeMutableBufferPointer { utimes(stale.file, $0.baseAddress) }
        Recovery.retire(stale.file)
        #expect(FileManager.default.fileExists(atPath: Recovery.aside(stale.file)))
    }

    @Test func manyQuickChangesEndWithTheLatest() throws {
        let recovery = Recovery(directory: try temporaryFolder())
        let notebook = Notebook()
        for i in 0..<200 {
            notebook.submit("x\(i) = \(i)")
            recovery.autosave(notebook.snapshot())
        }
        recovery.flush()
        #expect(try Recovery.read(recovery.file).contents.cellCount == 200)
    }
}

@Suite struct HumanTimeTests {
    @Test(arguments: [
        ("2026-12-02T14:03:00Z", "today 14:03"),
        ("2026-12-01T09:30:00Z", "yesterday 09:30"),
        ("2026-11-20T18:00:00Z", "20 Nov 18:00"),
        ("2025-11-20T18:00:00Z", "20 Nov 2025 18:00"),
        ("not a time", "not a time"),
    ])
    func aSavedTimeReadsAsAPersonSaysIt(stamp: String, shown: String) {
        let now = ISO8601DateFormatter().date(from: "2026-12-02T20:00:00Z")!
        #expect(Recovery.humanTime(stamp, now: now, timeZone: TimeZone(identifier: "UTC")!) == shown)
    }
}
