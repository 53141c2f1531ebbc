import Foundation
import Testing
import TestSupport

@Suite struct ScriptTests {
    @Test func theTutorialAsJSON() throws {
        let result = try Binary.run(["--json"], stdin: """
            f(x) = x^2 + 2
            f'
            x0 = -4
            rate = 0.1
            r = descend(f, from: x0, step: rate)
            f'(3)
            slope((2,2),(6,4))
            """)
        #expect(result.status == 0)
        let lines = result.jsonLines
        try #require(lines.count == 7)
        #expect(lines[0]["id"] as? Int == 1)
        #expect(lines[0]["name"] as? String == "f")
        #expect(lines[0]["value"] as? String == "x^2 + 2")
        #expect(lines[0]["output"] as? String == "f(x) = x^2 + 2")
        #expect(lines[1]["value"] as? String == "2x")
        #expect(lines[1]["output"] as? String == "f'(x) = 2x")
        #expect(lines[3]["value"] as? Double == 0.1)
        #expect(lines[3]["output"] as? String == "rate = 0.1")
        let run = try #require(lines[4]["value"] as? [String: Any])
        #expect(run["steps"] as? Int == 72)
        #expect(run["status"] as? String == "converged")
        #expect(run["kind"] as? String == "minimum")
        #expect(abs((run["f"] as? Double ?? 0) - 2) < 1e-12)
        #expect(lines[5]["name"] as? String == "_6")
        #expect(lines[5]["value"] as? Double == 6)
        #expect(lines[6]["value"] as? Double == 0.5)
    }

    @Test func jsonKeysComeInTheDocumentedOrder() throws {
        let result = try Binary.run(["--json"], stdin: "rate = 0.1\n")
        #expect(result.stdout == #"{"id": 1, "name": "rate", "ok": true, "value": 0.1, "output": "rate = 0.1"}"# + "\n")
    }

    @Test func errorsGiveExitStatusOneAndEveryLineIsStillRun() throws {
        let result = try Binary.run(["--json"], stdin: "rate = 0.1\nf(rat)\n2 +\nrate * 2\n")
        #expect(result.status == 1)
        let lines = result.jsonLines
        try #require(lines.count == 4)
        #expect(lines[1]["ok"] as? Bool == false)
        #expect((lines[1]["error"] as? String)?.hasPrefix("unknown function 'f'") == true)
        #expect(lines[2]["ok"] as? Bool == false)
        #expect(lines[2]["column"] as? Int == 4)
        #expect(lines[3]["value"] as? Double == 0.2)
    }

    /// The helper that runs programs for these tests stops one that overruns,
    /// with what it started: a child left behind holding the output open
    /// would keep a test waiting. Not timed: the child is looked for by its id.
    @Test func aProgramPastItsDeadlineIsStoppedWithItsChildren() throws {
        let folder = try Binary.temporaryDirectory()
        let file = folder.appendingPathComponent("child").path
        let output = try Subprocess.run("/bin/sh", ["-c", "sleep 3000 & echo $! > '\(file)'; sleep 3000"], timeout: 0.5)
        #expect(output.timedOut)
        let child = try #require(pid_t(try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        // The kill is sent; the child's end is waited for as an event, not a time.
        let ended = Subprocess.waitForEnd(of: child, limit: TerminalSession.patience)
        #expect(ended, "the child \(child) still runs")
        if !ended { kill(child, SIGKILL) }
    }

    /// descent --version ends without reading its input; writing the rest
    /// must fail quietly in the test process, not kill it with SIGPIPE.
    @Test func inputLeftUnreadIsNoHarm() throws {
        let result = try Binary.run(["--version"], stdin: String(repeating: "1 + 1\n", count: 200_000))
        #expect(result.status == 0)
        #expect(!result.stdout.isEmpty)
    }

    @Test func aDashReadsTheScriptFromStandardInput() throws {
        let result = try Binary.run(["-"], stdin: "k = 4\nk^2\n")
        #expect(result.status == 0)
        #expect(result.stdout == "k = 4\n16\n")
    }

    @Test func columnsCountTheScriptLinesIndentation() throws {
        let result = try Binary.run(["--json"], stdin: "\tx + y\n   2 +\n")
        let columns = result.jsonLines.map { $0["column"] as? Int }
        #expect(columns == [2, 7])
    }

    @Test func unknownNamesSuggestAndPointWithACaret() throws {
        let result = try Binary.run([], stdin: "rate = 0.1\nf(x) = x^2\nf(rat)\n")
        #expect(result.stderr.contains("""
            line 3: error: unknown name 'rat'
              f(rat)
                ^^^
            hint: did you mean 'rate'?
            """))
    }

    @Test func aScriptFileWithCommentsAndBlankLines() throws {
        let path = try Binary.script("""
            # the tutorial
            f(x) = x^2 + 2   # a bowl

            f(3)
            """)
        let result = try Binary.run([path])
        #expect(result.status == 0)
        #expect(result.stdout == "f(x) = x^2 + 2\n11\n")
    }

    @Test func aMissingFileIsStatusTwo() throws {
        let result = try Binary.run(["/nonexistent/script.txt"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no such file"))
    }

    @Test func versionAndHelp() throws {
        #expect(try Binary.run(["--version"]).stdout.hasPrefix("descent "))
        let help = try Binary.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--json"))
        #expect(help.stdout.contains("--no-color"))
        let bogus = try Binary.run(["--bogus"])
        #expect(bogus.status == 2)
        #expect(bogus.stderr.contains("--bogus"))
    }

    @Test func domainProblemsGiveNanOrInfWithANote() throws {
        let result = try Binary.run([], stdin: "ln(-1)\n1/0\n")
        #expect(result.status == 0)
        #expect(result.stdout.contains("nan\nnote:"))
        #expect(result.stdout.contains("inf\nnote:"))
    }

    @Test func noColourWhenNotATerminal() throws {
        let result = try Binary.run([], stdin: "f(q)\n")
        #expect(!result.stdout.contains("\u{1B}["))
    }

    /// Whatever a line holds, it gets an answer and nothing crashes or hangs.
    /// (Not timed: only a hang, ten minutes without an end, fails it.)
    @Test func everyLineOfHostileInputGetsAnAnswer() throws {
        var lines = [
            "f(x) = x^2 + 2", "g(a, b) = a*b", "r = descend(f, from: 1, step: 0.1)",
            String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000),
            String(repeating: "-", count: 100_000) + "1",
            "2^2^2^2^2^2^2^2^2", "1e999999", "\u{1}\u{2}\u{7F}", "f(" + String(repeating: "1,", count: 10_000) + "1)",
            "h(" + (0..<10_000).map { "a\($0)" }.joined(separator: ", ") + ") = a1 + a9999",
            String(repeating: "x", count: 5000), ")(", "= 3", "descend(", ":nonsense", "r.x.y.z",
            "descend(f, from: 1, step: 0.1, max: -5)", "descend(f, from: 1, step: 1e308)", "k = 3",
            "descend(k, from: 1, step: 0.1)", "plot(f, 1..1)", "plot(f, 5..-5)", "plot(f, -1e300..1e300)",
            "plot(f, -1e308..1e308)", "p(x) = x^x", "p" + String(repeating: "'", count: 10), "p" + String(repeating: "'", count: 30),
            "m(x) = " + Array(repeating: "x", count: 10_000).joined(separator: "*"), "m'", "explain(m')",
            "q(x) = " + String(repeating: "sin(", count: 300) + "x" + String(repeating: ")", count: 300),
            "sweep(f, from: 1, steps: (0, -1, 1e308))", "descend = 3", "descend(f, from: 1, step: 0.1).x",
        ]
        // Token soup, the same every run.
        let tokens = ["x", "f", "g", "(", ")", "+", "-", "*", "/", "^", "'", ",", ":", "=", "..", ".", "[", "]", "1",
                      "2.5", "1e308", "e", "pi", "sin", "descend", "plot", "from:", "step:", "r", "0", "ln", "sqrt",
                      "grad", "diff", "sweep", "method:", "adam", "max:", "tol:", "#"]
        var state: UInt64 = 2026
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<2000 {
            lines.append((0...next(25)).map { _ in tokens[next(tokens.count)] }.joined(separator: " "))
        }
        let script = lines.joined(separator: "\n") + "\n"
        let result = try Binary.run(["--json"], stdin: script, timeout: 600)
        #expect(result.status == 1)
        #expect(result.stderr.isEmpty)
        // Every line that is not blank or a comment answers at least once (for itself).
        let answering = lines.filter { line in
            let code = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            return !code.trimmingCharacters(in: .whitespaces).isEmpty
        }
        let answers = result.jsonLines
        let cellIDs = Set(answers.compactMap { $0["id"] as? Int })
        let commands = answers.filter { $0["command"] != nil }.count
        // A redefinition answers in its existing cell, so count distinct cells plus redefinitions loosely:
        // no line may be silently dropped, which would show as fewer answers than lines.
        #expect(answers.count >= answering.count)
        #expect(cellIDs.count + commands <= answering.count)
    }
}

@Suite struct ScriptFormatTests {
    @Test func windowsLineEndingsAndAByteOrderMarkAreRead() throws {
        let result = try Binary.run(["--json"], stdin: "\u{FEFF}f(x) = x^2\r\nf(3)\r\n")
        #expect(result.status == 0)
        try #require(result.jsonLines.count == 2)
        #expect(result.jsonLines.last?["value"] as? Double == 9)
    }
}

@Suite struct JSONNumberTests {
    /// JSON has no NaN or infinity: --json writes them as strings.
    @Test func numbersThatAreNotFiniteAreStrings() throws {
        let result = try Binary.run(["--json"], stdin: "a = 0/0\nb = 1/0\nc = -1/0\nv = (1, 1/0)\n")
        let values = result.jsonLines.map { $0["value"] }
        try #require(values.count == 4)
        #expect(values[0] as? String == "nan")
        #expect(values[1] as? String == "inf")
        #expect(values[2] as? String == "-inf")
        let vector = try #require(values[3] as? [Any])
        #expect(vector.first as? Double == 1 && vector.last as? String == "inf")
    }
}

@Suite struct FlatSpotScriptTests {
    /// A run that stops on a maximum says so in --json, and a sweep does not call it the fastest.
    @Test func aMaximumIsNoSuccess() throws {
        let result = try Binary.run(["--json"], stdin: "f(x) = -x^2\nr = descend(f, from: 0, step: 0.1)\nsweep(f, from: 0, steps: (0.1, 0.2))\nr = descend(f, from: 3, step: 0.001, max: 3)\n")
        let lines = result.jsonLines
        try #require(lines.count == 4)
        let run = try #require(lines[1]["value"] as? [String: Any])
        #expect(run["kind"] as? String == "maximum")
        #expect((lines[2]["output"] as? String)?.contains("no step reached a minimum") == true)
        let unfinished = try #require(lines[3]["value"] as? [String: Any])
        #expect(unfinished["kind"] is NSNull)
    }
}

@Suite struct AdviseScriptTests {
    @Test func adviceAsJSON() throws {
        let result = try Binary.run(["--json"], stdin: "f(x) = 100x^2\nadvise(f, from: 1)\nn(x) = -x^2\nadvise(n, from: 1)\n")
        let lines = result.jsonLines
        try #require(lines.count == 4)
        let advice = try #require(lines[1]["value"] as? [String: Any])
        #expect(advice["curvature"] as? Double == 200)
        #expect(advice["stable_below"] as? Double == 0.01)
        #expect(advice["suggested"] as? Double == 0.005)
        let down = try #require(lines[3]["value"] as? [String: Any])
        #expect(down["curvature"] as? Double == -2)
        #expect(down["stable_below"] is NSNull && down["suggested"] is NSNull)
    }
}

@Suite struct SweepJSONTests {
    @Test func aSweepOfStartsGivesItsRunsAndMinima() throws {
        let result = try Binary.run(["--json"], stdin: "f(x) = x^4 - 3x^2 + x\nsweep(f, from: (-1, 1), step: 0.05)\nsweep(f, from: -1, steps: (0.01, 0.05))\n")
        let lines = result.jsonLines
        try #require(lines.count == 3)
        let value = try #require(lines[1]["value"] as? [String: Any])
        let runs = try #require(value["runs"] as? [[String: Any]])
        #expect(runs.map { $0["from"] as? Double } == [-1, 1])
        #expect(runs.allSatisfy { $0["step"] as? Double == 0.05 })
        let minima = try #require(value["minima"] as? [[String: Any]])
        #expect(minima.count == 2)
        #expect(minima.first?["global"] as? Bool == true && minima.last?["global"] as? Bool == false)
        #expect(minima.first?["count"] as? Int == 1)
        let steps = try #require(lines[2]["value"] as? [[String: Any]])
        #expect(steps.map { $0["step"] as? Double } == [0.01, 0.05])
    }
}

@Suite struct BasinsJSONTests {
    @Test func aBasinMapGivesItsGridMinimaAndShares() throws {
        let script = "g(x, y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2\nbasins(g, -5..5, -5..5, n: 16)\nf(x) = x^4 - 3x^2 + x\nbasins(f, -3..3, n: 20, step: 0.3)\n"
        let result = try Binary.run(["--json"], stdin: script)
        let lines = result.jsonLines
        try #require(lines.count == 4)
        let map = try #require(lines[1]["value"] as? [String: Any])
        #expect(map["grid"] as? [Int] == [16, 16])
        let minima = try #require(map["minima"] as? [[String: Any]])
        #expect(minima.count == 4)
        #expect(minima.allSatisfy { $0["global"] as? Bool == true && Swift.abs($0["f"] as? Double ?? 1) < 1e-9 })
        let shares = minima.compactMap { $0["share"] as? Double }
        #expect(Swift.abs(shares.reduce(0, +) - 1) < 1e-12)
        #expect(map["diverged"] as? Double == 0 && map["unfinished"] as? Double == 0)
        let line = try #require(lines[3]["value"] as? [String: Any])
        #expect(line["grid"] as? [Int] == [20, 1])
        #expect((line["diverged"] as? Double ?? 0) > 0, "a step of 0.3 throws far starts out")
        #expect(result.status == 0)
    }
}

@Suite struct DataScriptTests {
    @Test func aTableIsItsRowsAndColumnsInJSONAndABadFileIsAnErrorWithItsLine() throws {
        let folder = try Binary.temporaryDirectory()
        let file = folder.appendingPathComponent("p.csv").path
        try "x,y\n1,3\n2,oops\n".write(toFile: file, atomically: true, encoding: .utf8)
        let script = "d = table(x: (1, 2, 3), y: (2, 4, 6))\nloss(w) = mean((w*d.x - d.y)^2)\nfit = descend(loss, from: 0, step: 0.05)\nbad = csv(\"\(file)\")\n"
        let result = try Binary.run(["--json"], stdin: script)
        let lines = result.jsonLines
        try #require(lines.count == 4)
        let table = try #require(lines[0]["value"] as? [String: Any])
        #expect(table["rows"] as? Int == 3 && table["columns"] as? [String] == ["x", "y"])
        #expect(lines[1]["value"] as? String == "mean((w*d.x - d.y)^2)")
        let fit = try #require(lines[2]["value"] as? [String: Any])
        #expect(Swift.abs((fit["x"] as? Double ?? 0) - 2) < 1e-6)
        #expect(lines[3]["ok"] as? Bool == false)
        #expect((lines[3]["error"] as? String)?.contains("p.csv, line 3, column y: 'oops' is not a number") == true, "\(lines[3])")
        #expect(result.status == 1)
    }
}

@Suite struct BareCommandScriptTests {
    @Test func quitWithoutTheColonEndsAScriptAndHelpMakesNoCell() throws {
        let result = try Binary.run(["--json"], stdin: "1 + 1\nhelp\nquit\n2 + 40\n")
        let lines = result.jsonLines
        #expect(lines.count == 2, "\(result.stdout)")
        #expect(lines.first?["value"] as? Double == 2)
        #expect(lines.last?["command"] as? String == "help" && lines.last?["ok"] as? Bool == true)
        #expect(result.status == 0)
    }
}

/// Notes in scripts: kept as cells, printed by no one but a replay, absent from `--json`.
struct ScriptNoteTests {
    @Test func aNoteWritesNoJSONAndLeavesTheExitStatusAlone() throws {
        let script = try Binary.script("# Step 1: the bowl\nf(x) = x^2 + 2\n# Step 2\nf'(3)\n")
        let json = try Binary.run(["--json", script])
        #expect(json.status == 0)
        #expect(json.jsonLines.map { $0["id"] as? Int } == [2, 4])
        let text = try Binary.run([script])
        #expect(text.stdout == "f(x) = x^2 + 2\n6\n")
    }

    @Test func aReplayShowsItsNotesInPlace() throws {
        let directory = try Binary.temporaryDirectory()
        _ = try Binary.run([], stdin: "# The bowl\nf(x) = x^2 + 2\n:save bowl\n", directory: directory)
        let replay = try Binary.run(["sessions/bowl.json"], directory: directory)
        #expect(replay.stdout == "[1] # The bowl\n[2] f(x) = x^2 + 2\nf(x) = x^2 + 2\n")
    }
}

/// A script's errors go to standard error, each with the script line that caused it.
struct ScriptErrorTests {
    @Test func errorsGoToStandardErrorWithTheirLine() throws {
        let result = try Binary.run([], stdin: "a = 1\nb = a + 1\nzz(3)\na = q\n")
        #expect(result.status == 1)
        #expect(result.stdout == "a = 1\nb = 2\n")
        #expect(result.stderr.hasPrefix("line 3: error: unknown function 'zz'"), "\(result.stderr)")
        // Line 4 breaks a, and with it b, which was typed on line 2: both name line 4.
        #expect(result.stderr.contains("line 4: error: unknown name 'q'"), "\(result.stderr)")
        #expect(result.stderr.contains("line 4: [2] error: waits for a: [1] unknown name 'q'"), "\(result.stderr)")
    }
}

extension ScriptErrorTests {
    @Test func cellsBlockedByOneBrokenCellAreSummedUpInOneLine() throws {
        let result = try Binary.run([], stdin: "a = 1\nb = a + 1\nc = a * 2\nd = a - 1\na = q\n")
        #expect(result.stderr.contains("line 5: error: unknown name 'q'"), "\(result.stderr)")
        #expect(result.stderr.contains("line 5: [2] [3] [4] wait for a: [1] unknown name 'q' (fix 'a' and they run again)\n"), "\(result.stderr)")
        #expect(!result.stderr.contains("[3] error"), "\(result.stderr)")
    }
}

/// An edit re-runs what depends on it; each shows a line, and only the last is drawn in full.
struct CompactRerunTests {
    static let cells = "f(x) = x^2 + 2\nrate = 0.1\nr = descend(f, from: -4, step: rate)\nplot(f, -5..5, path: r, height: 5)\nplot(r, height: 4)\n"

    @Test func reRunsShowALineEachAndTheLastInFull() throws {
        let result = try Binary.run([], stdin: CompactRerunTests.cells + "rate = 0.9\n")
        let after = String(result.stdout[result.stdout.range(of: "rate = 0.9\n")!.upperBound...])
        let lines = after.split(separator: "\n")
        #expect(lines[0] == "[3] r: gd on f from -4, step 0.9 … converged after 72 steps (gradient length below 1e-06) at a minimum")
        #expect(lines[1] == "[4] f(x) = x^2 + 2 (drawn again: :show 4)")
        #expect(lines[2].hasPrefix("[5] f against the step number"))
        #expect(lines.count > 6, "the last re-run is drawn in full")
        // --json still carries every cell's whole output.
        let json = try Binary.run(["--json"], stdin: CompactRerunTests.cells + "rate = 0.9\n")
        let rerun = json.jsonLines.filter { $0["id"] as? Int == 3 }.last
        #expect((rerun?["output"] as? String)?.contains("\nstep ") == true)
    }

    @Test func setRerunFullDrawsEverythingAgain() throws {
        let result = try Binary.run([], stdin: CompactRerunTests.cells + ":set rerun full\nrate = 0.9\n")
        let after = String(result.stdout[result.stdout.range(of: "rate = 0.9\n")!.upperBound...])
        #expect(after.hasPrefix("[3] r: gd on f from -4, step 0.9\nstep"))
        #expect(!after.contains("drawn again"))
    }
}

/// descent fits in with the shell: completion scripts, and a man page that says what --help says.
struct ShellTests {
    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsOfferTheOptionsAndSessionFiles(shell: String) throws {
        let result = try Binary.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        #expect(result.stdout.contains("json") && result.stdout.contains("no-color"))
        #expect(result.stdout.contains("txt"), "scripts and sessions are offered as files")
    }

    /// Bash completes a session file from its first letters.
    @Test func bashCompletesASessionFile() throws {
        let folder = try Binary.temporaryDirectory()
        try "{}".write(to: folder.appendingPathComponent("tutorial.json"), atomically: true, encoding: .utf8)
        try "".write(to: folder.appendingPathComponent("notes.md"), atomically: true, encoding: .utf8)
        let script = try Binary.run(["--generate-completion-script", "bash"]).stdout
        try script.write(to: folder.appendingPathComponent("completion.bash"), atomically: true, encoding: .utf8)
        let probe = """
            source ./completion.bash
            COMP_WORDS=(descent tu); COMP_CWORD=1; COMP_LINE="descent tu"; COMP_POINT=${#COMP_LINE}
            _descent; printf '%s\\n' "${COMPREPLY[@]}"
            COMP_WORDS=(descent no); COMP_CWORD=1; COMP_LINE="descent no"; COMP_POINT=${#COMP_LINE}
            _descent; printf 'after no: %s\\n' "${COMPREPLY[@]}"
            """
        let output = try Subprocess.run("/bin/bash", ["-c", probe], directory: folder.path, timeout: 30)
        let text = String(decoding: output.stdout, as: UTF8.self)
        #expect(text.contains("tutorial.json"), "\(text)\(String(decoding: output.stderr, as: UTF8.self))")
        #expect(!text.contains("notes.md"))
    }

    /// man/descent.1 is made from the command by `make man`; CI remakes it and compares the whole page.
    @Test func theManPageSaysWhatHelpSays() throws {
        let page = try String(contentsOf: ExportTests.repository.appendingPathComponent("man/descent.1"), encoding: .utf8)
        let help = try Binary.run(["--help"]).stdout
        for line in help.split(separator: "\n") where line.hasPrefix("  --") || line.hasPrefix("  -h") {
            let option = line.split(separator: " ").first { $0.hasPrefix("--") }!
            #expect(page.contains("Fl " + option.dropFirst(1)), "the man page lacks \(option)")
        }
        #expect(page.contains("Completion for your shell"))
    }
}

/// A file from someone else never takes over the terminal (SPEC section 11).
@Suite struct HostileFileTests {
    @Test func aSessionWithTerminalEscapesIsRefusedNamingTheCellAndNothingRawIsPrinted() throws {
        let directory = try Binary.temporaryDirectory()
        let file = directory.appendingPathComponent("sent.json")
        let note = "# hello\u{1B}]0;pwned\u{07}\u{1B}[2J\u{1B}[31m"
        let text = #"{"format": "descent-session", "version": 1, "cells": [{"id": 1, "name": "_1", "source": "\#(note.unicodeScalars.map { $0.value < 0x20 ? String(format: "\\u%04x", $0.value) : String($0) }.joined())"}]}"#
        try text.write(to: file, atomically: true, encoding: .utf8)
        let result = try Binary.run([file.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("cell [1]'s source holds U+001B at column 8"), "\(result.stderr)")
        #expect(!(result.stdout + result.stderr).contains("\u{1B}"), "an escape reached the terminal")
    }

    @Test func aScriptLineWithAControlCharacterChangesNothing() throws {
        let result = try Binary.run(["--json"], stdin: "f(x) = x^2 + 2\nf(x) = x^3\u{1B}[2J\nf(3)\n")
        #expect(result.status == 1)
        let lines = result.jsonLines
        try #require(lines.count == 3)
        #expect(lines[1]["ok"] as? Bool == false && lines[1]["id"] is NSNull, "\(lines[1])")
        #expect(lines[2]["value"] as? Double == 11, "later lines see the notebook as it was")
        #expect(!result.stdout.contains("\u{1B}"))
    }

    @Test(arguments: [("folder", "it is a folder"), ("/dev/null", "it is a device, not a script")])
    func whatIsNoScriptSaysWhatItIs(path: String, reason: String) throws {
        let target = path == "folder" ? try Binary.temporaryDirectory().path : path
        let result = try Binary.run([target])
        #expect(result.status == 2 && result.stderr.contains("cannot read \(target): \(reason)"), "\(result.stderr)")
    }

    @Test func dataFileMessagesNameTheFileAndExportsQuoteTheirPathForTheShell() throws {
        let directory = try Binary.temporaryDirectory()
        try Data().write(to: directory.appendingPathComponent("empty.csv"))
        try Data("x,y\n".utf8).write(to: directory.appendingPathComponent("header.csv"))
        let result = try Binary.run([], stdin: "d = csv(\"empty.csv\")\nh = csv(\"header.csv\")\na = 1\n:export my fit.py\n", directory: directory)
        #expect(result.stderr.contains("empty.csv: the file is empty"), "\(result.stderr)")
        #expect(result.stderr.contains("header.csv: the file has a header but no rows"), "\(result.stderr)")
        #expect(result.stdout.contains("run it with python3 'my fit.py'"), "\(result.stdout)")
    }
}

/// The usual command lines are read without the argument parser (for a quick
/// first answer); every other line still gets the parser's help and errors.
@Suite struct CommandLineTests {
    @Test func theUsualLinesMeanWhatTheParserSays() throws {
        let script = try Binary.script("f(x) = x^2 + 2\nf(3)\n")
        let before = try Binary.run(["--json", script]), after = try Binary.run([script, "--json"])
        #expect(before.status == 0 && before.stdout == after.stdout && before.stdout.contains("\"value\": 11"), "\(before.stdout)")
        let plain = try Binary.run(["--no-color", script])
        #expect(plain.stdout == "f(x) = x^2 + 2\n11\n", "\(plain.stdout)")
        let stdin = try Binary.run(["-"], stdin: "1 + 1\n")
        #expect(stdin.stdout == "2\n")
    }

    @Test func anythingElseGoesToTheParser() throws {
        let help = try Binary.run(["--help"])
        #expect(help.status == 0 && help.stdout.contains("USAGE: descent [<file>] [--json] [--no-color]"), "\(help.stdout)")
        let bogus = try Binary.run(["--bogus"])
        #expect(bogus.status == 2 && bogus.stderr.contains("Unknown option '--bogus'"))
        let two = try Binary.run(["a.txt", "b.txt"])
        #expect(two.status == 2 && two.stderr.contains("Unexpected argument 'b.txt'"), "\(two.stderr)")
        #expect(try Binary.run(["--version"]).stdout.hasPrefix("descent"))
    }
}
