import Foundation
import Testing
import TestSupport

/// The REPL in a real terminal: tmux runs descent, types into it and reads the screen.
@Suite(.serialized, .enabled(if: TerminalSession.canRun, TerminalSession.skipReason))
struct REPLTests {
    @Test func typingACellShowsItsOutputAndTheNextPrompt() throws {
        let session = try TerminalSession()
        defer { session.close() }
        try session.waitFor("[1]")
        try session.enter("f(x) = x^2 + 2")
        try session.waitFor("[2]")
        try session.enter("f'")
        try session.waitFor("f'(x) = 2x")
    }

    @Test func historyIsRecalledWithUpAndKeptAcrossRuns() throws {
        let home = try Binary.temporaryDirectory()
        try TerminalSession.earlierRun(home: home, typing: ["rate = 0.25"], until: "[2]")
        let session = try TerminalSession(home: home)
        defer { session.close() }
        // The unsaved cell is offered back; the answer is not kept in the history.
        try session.waitFor("Restore it? [Y/n]")
        session.type("n", enter: true)
        try session.waitFor("[1]")
        session.keys("Up")
        session.keys("Enter")
        try session.waitFor("rate = 0.25\n")
    }

    @Test func homeEndAndControlRWorkAsInTheShell() throws {
        let session = try TerminalSession()
        defer { session.close() }
        try session.waitFor("[1]")
        try session.enter("1 + 41")
        try session.waitFor("[2]")
        // Home and End move to the ends of the line, not insert a '~'.
        session.type("bc")
        try session.waitFor("[2] bc")
        session.keys("Home")
        session.type("a")
        try session.waitFor("[2] abc")
        session.keys("End")
        session.type("d")
        try session.waitFor("[2] abcd")
        session.keys("C-u")
        // Ctrl-R finds an earlier line by a piece of it; Enter runs it.
        session.keys("C-r")
        session.type("41")
        try session.waitFor("[2] 1 + 41")
        session.keys("Enter")
        try session.waitFor("42\n[3]")
    }

    @Test func aRedefinitionSaysWhichCellItReplaced() throws {
        let session = try TerminalSession()
        defer { session.close() }
        try session.waitFor("[1]")
        session.type("rate = 0.1", enter: true)
        session.type("f(x) = rate*x", enter: true)
        session.type("rate = 0.9", enter: true)
        // Typed at [3], it replaced [1]; f, which uses it, runs again as [2].
        try session.waitFor("[3] rate = 0.9\n[1] rate = 0.9\n[2] f(x) = rate*x")
        // All three were typed at once, ahead of descent: the keys typed while
        // a cell ran are drawn once, by the editor, not echoed as well.
        for line in ["rate = 0.1", "f(x) = rate*x", "rate = 0.9"] {
            #expect(!session.screen().contains(line + "["), "\(session.screen())")
            #expect(!session.screen().contains(line + line), "\(session.screen())")
        }
    }

    /// A typo changes nothing: the error is shown and the line comes back on the edit line.
    @Test func aLineThatDoesNotParseComesBackToBeFixed() throws {
        let session = try TerminalSession()
        defer { session.close() }
        try session.enter("f(x) = x^2 + 2")
        try session.enter("f = lambda x: x**2")
        try session.waitFor("error:")
        try session.waitUntil("the line is back on the prompt") {
            session.screen().components(separatedBy: "[2] f = lambda x: x**2").count == 3
        }
        // Fixed in place: the cursor is at its end, and the number is still [2].
        session.keys("C-u")
        session.type("f(3)", enter: true)
        try session.waitFor("\n11\n[3]")
    }

    @Test func editPutsTheSourceOnTheLineAndRerunsDependents() throws {
        let session = try TerminalSession()
        defer { session.close() }
        try session.waitFor("[1]")
        try session.enter("k = 3")
        try session.enter("y = k * 2")
        try session.waitFor("y = 6")
        try session.enter(":edit k")
        try session.waitFor(":edit k\n[1] k = 3")
        session.keys("BSpace")
        session.type("5", enter: true)
        try session.waitFor("y = 10")
    }

    @Test func tabCompletesNamesAndOptions() throws {
        let session = try TerminalSession()
        defer { session.close() }
        try session.waitFor("[1]")
        try session.enter("f(x) = x^2")
        session.type("r = desc")
        session.keys("Tab")
        session.type("(f, fr")
        session.keys("Tab")
        session.type(" 1, step: 0.1)", enter: true)
        try session.waitFor("converged after")
        session.type("si")
        session.keys("Tab")
        try session.waitFor("sign  sin   sinh")
    }

    @Test func controlCStopsALongRunAndKeepsIt() throws {
        let session = try TerminalSession()
        defer { session.close() }
        try session.waitFor("[1]")
        try session.enter("f(x) = x^2")
        try session.enter("r = descend(f, from: 1, step: 1e-12, tol: 0, max: 1e12)")
        try session.waitFor("running: step")
        session.keys("C-c")
        try session.waitFor("interrupted after")
        try session.enter("r.status")
        try session.waitFor("interrupted\n[4]")
        #expect(!session.screen().contains("^C"), "\(session.screen())")
    }

    @Test func aBasinMapShowsHowManyStartsAreDoneAndControlCStopsIt() throws {
        let session = try TerminalSession()
        defer { session.close() }
        try session.waitFor("[1]")
        try session.enter("g(x, y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2")
        // A million starts, each of a few hundred steps: far longer than a test waits.
        try session.enter("m = basins(g, -5..5, -5..5, n: 1000, step: 0.001)")
        try session.waitFor("of 1000000 starts")
        session.keys("C-c")
        try session.waitFor("basins was interrupted after")
        // The prompt is back, and the notebook goes on.
        try session.enter("1 + 1")
        try session.waitFor("\n2\n")
        #expect(!session.screen().contains("^C"), "\(session.screen())")
    }

    @Test func playShowsARunStepByStepAndGivesTheScreenBack() throws {
        let session = try TerminalSession()
        defer { session.close() }
        try session.waitFor("[1]")
        try session.enter("f(x) = x^2 + 2")
        try session.enter("r = descend(f, from: -4, step: 0.1)")
        try session.waitFor("[3]")
        try session.enter(":play r")
        // It opens paused at the start, the update under the curve with its numbers.
        try session.waitFor("step 0 of 72")
        #expect(session.visible().contains("x = -4 - 0.1 × (-8) = -3.2"))
        #expect(session.visible().contains("paused"))
        session.keys("Right")
        try session.waitFor("step 1 of 72")
        #expect(session.visible().contains("x = -3.2 - 0.1 × (-6.4) = -2.56"), "\(session.visible())")
        session.keys("Space")
        try session.waitFor("step 2 of 72")
        session.keys("Left")
        try session.waitFor("step 1 of 72")
        // The current point is on the curve, in its own mark.
        #expect(session.visible().contains("●"))
        // A resize redraws the frame at the new size.
        try session.tmux(["resize-window", "-t", session.name, "-x", "50", "-y", "20"])
        try session.waitFor("step 1 of 72")
        try session.waitUntil("the axis is redrawn at the new width") {
            session.visible().split(separator: "\n").contains(where: { $0.hasPrefix("   └") && $0.count <= 50 && $0.count > 40 })
        }
        let lines = session.visible().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 50 }, "\(session.visible())")
        #expect(lines.contains { $0.hasPrefix("   └") && $0.count > 40 }, "the axis spans the new width: \(session.visible())")
        #expect(session.visible().contains("step 1 of 72"))
        // p plays: the steps advance by themselves, and p pauses again.
        session.keys("p")
        try session.waitFor("step 4 of 72")
        session.keys("p")
        try session.waitFor("paused")
        // + and - change the speed, in steps a second.
        session.keys("+")
        try session.waitFor("paused at 10 steps/s")
        session.keys("-")
        session.keys("-")
        try session.waitFor("paused at 2 steps/s")
        // q gives the prompt back, with the screen as it was before.
        session.keys("q")
        try session.waitFor(":play r\n[3]")
        try session.enter("1 + 1")
        try session.waitFor("\n2\n")
        #expect(session.visible().contains(":play r\n"))
        #expect(!session.visible().contains("step 1 of 72"))
    }

    @Test func playSaysWhatItNeedsAndEscLeavesIt() throws {
        let session = try TerminalSession()
        defer { session.close() }
        try session.waitFor("[1]")
        try session.enter("g(w, b) = (w - 3)^2 + 10(b + 1)^2")
        try session.enter(":play g")
        try session.waitFor(":play shows a descent run, and g holds a function")
        try session.enter("q = descend(g, from: (0, 0), step: 0.001, max: 10000)")
        try session.waitFor("[3]")
        try session.enter(":play q")
        // A thinned path says which steps it has, and the update spans them. (The run's own
        // table says "one step in 2 was kept" too: wait for what only the player shows.)
        try session.waitFor("those are the steps shown")
        session.keys("Right")
        try session.waitFor("over steps 2…4")
        #expect(session.visible().contains("across: w, up: b"))
        session.keys("Escape")
        try session.waitFor(":play q\n[3]")
        try session.enter("1 + 1")
        try session.waitFor("\n2\n")
        #expect(!session.visible().contains("those are the steps shown"))
    }

    /// At 40 columns a run's table fits and its closing sentence wraps between words, indented.
    @Test func tablesFitAndMessagesWrapInFortyColumns() throws {
        let session = try TerminalSession()
        defer { session.close() }
        try session.waitFor("[1]")
        try session.tmux(["resize-window", "-t", session.name, "-x", "40"])
        try session.enter("f(x) = x^4 - 3x^2 + x")
        try session.enter("r = descend(f, from: 2, step: 0.01)")
        try session.waitFor("[3]")
        let screen = session.screen()
        #expect(screen.contains("converged after 153 steps (gradient\n  length below 1e-06) at a minimum"), "\(screen)")
        #expect(screen.contains("step       x      f(x)       f'(x)\n"), "the step taken is left out to fit: \(screen)")
    }

    @Test func theProgressLineStaysOneLineInANarrowTerminal() throws {
        let session = try TerminalSession()
        defer { session.close() }
        try session.waitFor("[1]")
        try session.tmux(["resize-window", "-t", session.name, "-x", "40"])
        let width = try session.tmux(["display-message", "-p", "-t", session.name, "#{window_width}"])
        #expect(width.trimmingCharacters(in: .whitespacesAndNewlines) == "40", "the terminal was not narrowed")
        try session.enter("f(x) = x^2")
        try session.enter("r = descend(f, from: 1, step: 1e-12, tol: 0, max: 1e12)")
        // Wait until the progress line has been redrawn with a later count, not for a time.
        try session.waitFor("running: step")
        let first = session.progressCount()
        try session.waitUntil("the progress line moves on") { session.progressCount().map { $0 > (first ?? 0) } == true }
        let lines = session.screen().split(separator: "\n").filter { $0.contains("running") }
        #expect(lines.count == 1, "\(session.screen())")
        session.keys("C-c")
        try session.waitFor("interrupted after")
    }

    @Test func controlCAtThePromptClearsTheLine() throws {
        let session = try TerminalSession()
        defer { session.close() }
        try session.waitForPrompt()
        session.type("this is not finished")
        // Ctrl-C once the editor has the text, or it would stop a line not yet read.
        try session.waitFor("[1] this is not finished")
        session.keys("C-c")
        try session.enter("1 + 1")
        try session.waitFor("\n2\n")
    }

    /// Ctrl-D deletes the next character inside a line, and on an empty one
    /// leaves without writing ^D on the screen.
    @Test func controlDDeletesOrLeavesWithoutAnEcho() throws {
        let session = try TerminalSession(showingExitStatus: true)
        defer { session.close() }
        try session.waitFor("[1]")
        session.type("k = 12")
        session.keys("Left")
        session.keys("C-d")
        session.keys("Enter")
        try session.waitFor("k = 1\n")
        // The next prompt, so that libedit reads the key (a key sent before it is the terminal's).
        try session.waitFor("[2]")
        session.keys("C-d")
        // k is unsaved, so leaving asks first.
        try session.waitFor("Save, discard or cancel? [s/d/C]")
        session.type("d", enter: true)
        try session.waitFor("descent exited with status 0")
        #expect(!session.screen().contains("^D"), "\(session.screen())")
    }

    /// Ctrl-D and :quit with unsaved cells ask, as an editor does: cancel
    /// stays, discard leaves a copy in the recovery folder that is not
    /// offered, and the next start offers nothing.
    @Test(arguments: [["C-d"], [":quit", "Enter"]])
    func leavingWithUnsavedCellsAsksSaveDiscardOrCancel(keys: [String]) throws {
        let home = try Binary.temporaryDirectory()
        let session = try TerminalSession(home: home)
        try session.enter("a = 21")
        try session.waitFor("a = 21\n[2]")
        func leave() { for key in keys { key.hasPrefix(":") ? session.type(key) : session.keys(key) } }
        leave()
        try session.waitFor("The notebook has unsaved changes (1 cell).")
        try session.waitFor("Save, discard or cancel? [s/d/C]")
        session.keys("Enter")
        try session.waitFor("cancelled; the notebook stays open")
        try session.enter("a * 2")
        try session.waitFor("\n42\n")
        leave()
        try session.waitUntil("the question is asked again") {
            session.screen().components(separatedBy: "Save, discard or cancel?").count == 3
        }
        session.type("d", enter: true)
        try session.waitFor("discarded; a copy stays in")
        try session.waitUntilExited()
        session.close()
        let state = home.appendingPathComponent(".local/state/descent").path
        let names = try FileManager.default.contentsOfDirectory(atPath: state)
        #expect(names.contains { $0.hasPrefix("kept-") && $0.hasSuffix(".old") }, "\(names)")
        let next = try TerminalSession(home: home)
        defer { next.close() }
        try next.waitForPrompt()
        #expect(!next.screen().contains("Restore it?"))
    }

    @Test func savingWhenLeavingAsksForANameAndLeavesAfterTheSave() throws {
        let home = try Binary.temporaryDirectory()
        let session = try TerminalSession(home: home)
        defer { session.close() }
        try session.enter("a = 21")
        try session.waitFor("a = 21\n[2]")
        session.keys("C-d")
        try session.waitFor("Save, discard or cancel? [s/d/C]")
        session.type("s", enter: true)
        try session.waitFor("Save as (a name, as in tutorial):")
        session.type("\(home.path)/left.json", enter: true)
        try session.waitFor("saved 1 cell")
        try session.waitUntilExited()
        #expect(try Session(home.appendingPathComponent("left.json").path).cellCount == 1)
    }

    @Test func anUnsavedCellDeletedLastIsStillOfferedBackAfterLeaving() throws {
        let home = try Binary.temporaryDirectory()
        try TerminalSession.earlierRun(home: home, typing: ["a = 21", ":delete a"], until: "deleted [1]")
        try TerminalSession.restoreOneCell(home: home, named: "a")
    }

    @Test func leavingASavedNotebookLeavesNothingToRestore() throws {
        let home = try Binary.temporaryDirectory()
        try TerminalSession.earlierRun(home: home, typing: ["a = 1", ":save \(home.path)/kept.json"], until: "saved 1 cell",
                                       leaving: ["C-d"])
        let session = try TerminalSession(home: home)
        defer { session.close() }
        try session.waitFor("[1]")
        #expect(!session.screen().contains("Restore it?"))
    }

    @Test func savingOverAnotherNotebooksFileAsksFirst() throws {
        let home = try Binary.temporaryDirectory()
        let other = home.appendingPathComponent("other.json").path
        _ = try Binary.run([], stdin: "a = 1\nb = 2\n:save \(other)\n")
        let session = try TerminalSession(home: home)
        defer { session.close() }
        try session.waitFor("[1]")
        try session.enter("z = 9")
        try session.enter(":save \(other)")
        try session.waitFor("holds another notebook (2 cells)")
        session.type("n", enter: true)
        try session.waitFor("not saved")
        #expect(try Session(other).cellCount == 2)
        try session.enter(":save \(other)")
        try session.waitFor("Replace it? [y/N]")
        session.type("y", enter: true)
        try session.waitFor("saved 1 cell")
        #expect(try Session(other).cellCount == 1)
        // Saving again to the file it now came from does not ask.
        try session.enter("y2 = 3")
        try session.enter(":save")
        try session.waitFor("saved 2 cells")
    }

    /// A :load over unsaved cells asks; a yes keeps them aside, and after
    /// quitting the next start still offers them back.
    @Test func loadingOverUnsavedCellsAsksAndTheyCanBeBroughtBackAfterQuitting() throws {
        let home = try Binary.temporaryDirectory()
        let other = home.appendingPathComponent("other.json").path
        _ = try Binary.run([], stdin: "b = 2\n:save \(other)\n")
        let session = try TerminalSession(home: home)
        try session.waitFor("[1]")
        try session.enter("mine = 21")
        try session.enter(":load \(other)")
        try session.waitFor("Load \(other) in its place? [y/N]")
        session.type("n", enter: true)
        try session.waitFor("not loaded")
        try session.enter(":load \(other)")
        try session.waitFor("in its place? [y/N]")
        session.type("y", enter: true)
        try session.waitFor("the cell it replaced is kept in")
        // The loaded notebook is unchanged, so leaving asks nothing and keeps nothing more.
        session.keys("C-d")
        try session.waitUntilExited()
        session.close()

        try TerminalSession.restoreOneCell(home: home, named: "mine")
    }

    @Test func exportingOverAJupyterNotebookItDidNotWriteAsks() throws {
        let home = try Binary.temporaryDirectory()
        let real = home.appendingPathComponent("real.ipynb").path
        let text = #"{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}"#
        try text.write(toFile: real, atomically: true, encoding: .utf8)
        let session = try TerminalSession(home: home)
        defer { session.close() }
        try session.waitFor("[1]")
        try session.enter("a = 1")
        try session.enter(":export \(real)")
        try session.waitFor("holds a Jupyter notebook (0 cells) that this notebook did not write.")
        try session.waitFor("Replace it? [y/N]")
        session.keys("Enter")
        try session.waitFor("not exported")
        #expect(try String(contentsOfFile: real, encoding: .utf8) == text)
        try session.enter(":export! \(real)")
        try session.waitFor("exported 1 cell")
    }

    @Test func anEmptiedEditLeavesTheCellAsItWas() throws {
        let session = try TerminalSession()
        defer { session.close() }
        try session.waitFor("[1]")
        try session.enter("k = 3")
        try session.enter(":edit k")
        try session.waitFor(":edit k\n[1] k = 3")
        session.keys("C-u")
        session.keys("Enter")
        try session.waitFor("[1] left unchanged")
        try session.enter("k * 2")
        try session.waitFor("\n6\n")
    }

    @Test func replayingASessionShowsProgressAndCtrlCStopsTheLongRun() throws {
        let home = try Binary.temporaryDirectory()
        let file = home.appendingPathComponent("slow.json").path
        _ = try Binary.run([], stdin: "f(x) = x^2\nk = 7\n:save \(file)\n")
        // Add the long run to the file by hand, so that making it takes no time.
        var text = try String(contentsOfFile: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "\n  ]", with: ",\n    {\"id\": 3, \"name\": \"L\", \"source\": \"L = descend(f, from: 1, step: 1e-12, tol: 0, max: 1e12)\"}\n  ]")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let session = try TerminalSession(home: home, arguments: [file])
        defer { session.close() }
        try session.waitFor("running: step")
        session.keys("C-c")
        try session.waitFor("interrupted after")
        try session.waitFor("[4]")
        try session.enter("k + 1")
        try session.waitFor("\n8\n")
    }

    @Test func aSessionThatCannotBeReadEndsWithStatusTwo() throws {
        let home = try Binary.temporaryDirectory()
        let file = home.appendingPathComponent("broken.json").path
        try "{ not json".write(toFile: file, atomically: true, encoding: .utf8)
        let session = try TerminalSession(home: home, arguments: [file], showingExitStatus: true)
        defer { session.close() }
        try session.waitFor("cannot load \(file)")
        try session.waitFor("descent exited with status 2")
    }

    @Test func errorsAreRedAndNoColourIsAnOption() throws {
        let session = try TerminalSession()
        defer { session.close() }
        try session.waitFor("[1]")
        try session.enter("f(q)")
        try session.waitFor("unknown function")
        #expect(session.screen(escapes: true).contains("\u{1B}[31m"))
        // The name a definition gives is coloured as a name, from the output's parts.
        try session.enter("rate = 0.1")
        // The next prompt, not the echo of what was typed: the output is above it.
        try session.waitFor("[3]")
        #expect(session.screen(escapes: true).contains("\u{1B}[36mrate\u{1B}["), "\(session.screen(escapes: true))")
        let plain = try TerminalSession(arguments: ["--no-color"])
        defer { plain.close() }
        try plain.waitFor("[1]")
        try plain.enter("f(q)")
        try plain.waitFor("unknown function")
        #expect(!plain.screen(escapes: true).contains("\u{1B}[31m"))
        // A terminal that says it cannot show colour gets none.
        let dumb = try TerminalSession(term: "dumb")
        defer { dumb.close() }
        try dumb.waitFor("[1]")
        try dumb.enter("f(q)")
        try dumb.waitFor("unknown function")
        #expect(!dumb.screen(escapes: true).contains("\u{1B}[31m"))
        // ...and plain ASCII plots: no braille, no box drawing.
        try dumb.enter("plot(sin, -3..3, height: 4)")
        try dumb.waitFor("sin(x)")
        try dumb.waitForPrompt()
        let drawn = dumb.screen()
        #expect(!drawn.unicodeScalars.contains { (0x2500...0x28FF).contains($0.value) }, "\(drawn)")
        // A script piped in prints plain text, even to a terminal.
        let piped = try TerminalSession(input: "f(q)")
        defer { piped.close() }
        try piped.waitFor("unknown function")
        #expect(!piped.screen(escapes: true).contains("\u{1B}["))
    }
}

/// The cells of a session file, read the way descent reads them.
private struct Session {
    let cellCount: Int
    init(_ path: String) throws {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        cellCount = (object?["cells"] as? [Any])?.count ?? -1
    }
}

@Suite(.serialized, .enabled(if: TerminalSession.canRun, TerminalSession.skipReason))
struct RecoveryREPLTests {
    @Test func aKilledNotebookIsOfferedBackAtTheNextStart() throws {
        let home = try Binary.temporaryDirectory()
        let first = try TerminalSession(home: home)
        try first.waitFor("[1]")
        try first.enter("f(x) = x^2")
        try first.enter("k = 7")
        try first.waitFor("[3]")
        // The kill comes once the autosave holds both cells, not after a guess at how long that takes.
        try first.waitUntil("the recovery file holds both cells") {
            let state = home.appendingPathComponent(".local/state/descent").path
            let names = (try? FileManager.default.contentsOfDirectory(atPath: state)) ?? []
            return names.contains { name in
                name.hasPrefix("recovery-") && name.hasSuffix(".json")
                    && ((try? String(contentsOfFile: state + "/" + name, encoding: .utf8))?.contains("k = 7") ?? false)
            }
        }
        first.killDescent()
        try first.waitUntilExited()
        first.close()

        let second = try TerminalSession(home: home)
        defer { second.close() }
        try second.waitFor("Restore it? [Y/n]")
        // A cell typed by mistake is not taken for an answer.
        second.type("x = 1", enter: true)
        try second.waitFor("Please answer y")
        second.type("y", enter: true)
        try second.waitFor("restored 2 cells")
        try second.enter("k * 2")
        try second.waitFor("14")
    }
}

@Suite(.serialized, .enabled(if: TerminalSession.canRun, TerminalSession.skipReason))
struct RecoveryFileCrashTests {
    /// The recovery file is written as a session is (a whole new file renamed
    /// into place): descent is ended with SIGKILL inside the autosave of the
    /// second cell typed, at each moment that matters, and the file left is
    /// the first cell's version or the second's, whole, and is offered back.
    @Test(arguments: ["temporary-opened", "temporary-half-written", "temporary-written", "renamed"])
    func aRecoveryFileKilledWhileWrittenIsAWholeVersion(point: String) throws {
        let home = try Binary.temporaryDirectory()
        let state = home.appendingPathComponent(".local/state/descent")
        let first = "v = 1  # the first cell"
        let terminal = try TerminalSession(home: home, environment: ["DESCENT_CRASH_AT": "\(point)@2"])
        try terminal.enter(first)
        // The first autosave is whole before the second cell is typed.
        try terminal.waitUntil("the first autosave is written") {
            ((try? FileManager.default.contentsOfDirectory(atPath: state.path)) ?? []).contains { $0.hasPrefix("recovery-") }
        }
        try terminal.enter("w = 2")
        try terminal.waitUntilExited()
        terminal.close()

        let names = try FileManager.default.contentsOfDirectory(atPath: state.path)
        let files = names.filter { $0.hasPrefix("recovery-") && $0.hasSuffix(".json") }
        try #require(files.count == 1, "\(names)")
        let sources = try Self.sources(of: state.appendingPathComponent(files[0]).path)
        #expect(sources == (point == "renamed" ? [first, "w = 2"] : [first]), "killed at \(point)")
        #expect(names.contains { $0.hasSuffix(".tmp") } == (point != "renamed"), "\(names)")

        // The next start offers that version back.
        let next = try TerminalSession(home: home)
        defer { next.close() }
        try next.waitFor("Restore it? [Y/n]")
        next.type("y", enter: true)
        try next.waitFor(point == "renamed" ? "restored 2 cells" : "restored 1 cell")
        try next.enter("v + 1")
        try next.waitFor("\n2\n")
    }

    /// The cells' sources of a session file, or a throw when it does not parse whole.
    private static func sources(of path: String) throws -> [String] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        let cells = try #require(object?["cells"] as? [[String: Any]])
        return cells.map { $0["source"] as? String ?? "" }
    }
}

/// The recovery file killed at random moments, again and again: `make soak`
/// runs it (`make test` and CI leave the soaks out by name, with --skip).
@Suite(.serialized, .enabled(if: TerminalSession.canRun, TerminalSession.skipReason))
struct RecoverySoakTests {
    /// Kills descent while it autosaves a large notebook after each line
    /// typed, and checks that the file left is always one whole version.
    @Test func aRecoveryFileKilledAtRandomMomentsIsAWholeVersion() throws {
        let home = try Binary.temporaryDirectory()
        let padding = String(repeating: "descent ", count: 5_000)
        let cells = (1...6).map { "c\($0) = \($0)  # \(padding)" }.joined(separator: "\n")
        let session = home.appendingPathComponent("big.json").path
        #expect(try Binary.run([], stdin: cells + "\nv = 0\n:save \(session)\n").status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: session))) as? [String: Any]
        let sources = ((object?["cells"] as? [[String: Any]]) ?? []).map { $0["source"] as? String ?? "" }
        let state = home.appendingPathComponent(".local/state/descent")

        var kills = 0, midWrite = 0, checked = 0
        for _ in 0..<40 {
            let terminal = try TerminalSession(home: home, arguments: [session])
            defer { terminal.close() }
            try terminal.waitFor("[8]")
            let pid = try #require(terminal.descentPID())
            // All the lines at once, so that the kill falls among the autosaves they cause: once a
            // line chosen at random is on the screen, while the ones after it are still being saved.
            _ = try terminal.tmux(["send-keys", "-t", terminal.name] + (1...100).flatMap { ["v = \($0)", "Enter"] })
            try terminal.waitFor("v = \(Int.random(in: 1...100))\n")
            kill(pid, SIGKILL)
            try terminal.waitUntilExited()
            kills += 1
            let names = (try? FileManager.default.contentsOfDirectory(atPath: state.path)) ?? []
            if names.contains(where: { $0.hasPrefix(".recovery-") && $0.hasSuffix(".tmp") }) { midWrite += 1 }
            for name in names where name.hasPrefix("recovery-") && name.hasSuffix(".json") {
                let data = try Data(contentsOf: state.appendingPathComponent(name))
                let found = ((try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["cells"] as? [[String: Any]])?
                    .map { $0["source"] as? String ?? "" }
                checked += 1
                #expect(found.map { Array($0.dropLast()) == Array(sources.dropLast()) && $0.last?.hasPrefix("v = ") == true } == true,
                        "after kill \(kills) \(name) is not a whole version")
            }
            try? FileManager.default.removeItem(at: state)
        }
        print("killed \(kills) autosaves, \(midWrite) of them between writing the temporary file and renaming it; \(checked) recovery files checked")
    }
}
