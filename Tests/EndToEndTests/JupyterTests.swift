import Foundation
import Testing
import TestSupport

/// descent as a Jupyter kernel (SPEC section 13), through Jupyter's own
/// machinery: the kernel is installed with `descent kernel install` into a
/// folder of this run's, and `Tests/Jupyter/kernel_checks.py` drives it with
/// jupyter_client, as JupyterLab would.
@Suite(.enabled(if: ExternalTools.canRun, ExternalTools.skipReason))
struct JupyterKernelTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Jupyter's data folder holding the installed kernel, made once for the run.
    static let installed: Result<URL, InstallFailure> = {
        do {
            let prefix = try Binary.temporaryDirectory()
            let result = try Binary.run(["kernel", "install", "--prefix", prefix.path])
            guard result.status == 0 else { return .failure(InstallFailure(output: result.stdout + result.stderr)) }
            return .success(prefix.appendingPathComponent("share/jupyter"))
        } catch {
            return .failure(InstallFailure(output: "\(error)"))
        }
    }()

    struct InstallFailure: Error, CustomStringConvertible {
        var output: String
        var description: String { "descent kernel install failed: \(output)" }
    }

    /// Runs one check of kernel_checks.py against the installed kernel.
    static func check(_ name: String, _ arguments: [String] = []) throws -> (status: Int32, stdout: String, stderr: String) {
        let python = try ExternalTools.need(ExternalTools.python, "python3 with Jupyter")
        let data = try installed.get()
        let folder = try Binary.temporaryDirectory()
        let result = try ExternalTools.run(python, [root.appendingPathComponent("Tests/Jupyter/kernel_checks.py").path, name] + arguments,
                                           in: folder, timeout: 600, environment: ["JUPYTER_PATH": data.path])
        return (result.status, result.stdout, result.stderr)
    }

    @Test func installingWritesAKernelSpecThatRunsThisDescent() throws {
        let data = try Self.installed.get()
        let kernel = data.appendingPathComponent("kernels/descent")
        let spec = try JSONSerialization.jsonObject(with: Data(contentsOf: kernel.appendingPathComponent("kernel.json"))) as? [String: Any]
        #expect(spec?["display_name"] as? String == "descent")
        #expect(spec?["interrupt_mode"] as? String == "signal")
        let environment = spec?["env"] as? [String: String]
        #expect(environment?["DESCENT_BINARY"] == Binary.url.resolvingSymlinksInPath().path)
        #expect(FileManager.default.fileExists(atPath: kernel.appendingPathComponent("descent_kernel.py").path))
        // Jupyter itself lists it.
        let python = try ExternalTools.need(ExternalTools.python, "python3 with Jupyter")
        let listed = try ExternalTools.run(python, ["-m", "jupyter", "kernelspec", "list"], in: Binary.temporaryDirectory(),
                                           environment: ["JUPYTER_PATH": data.path])
        #expect(listed.stdout.contains("descent"), "\(listed.stdout)\(listed.stderr)")
    }

    /// With no option the kernel is installed for the user, in Jupyter's data
    /// folder ($JUPYTER_DATA_DIR when set); an unknown option is a usage error.
    @Test func installingWithNoOptionWritesTheUsersKernelAndAMistakeIsAUsageError() throws {
        let data = try Binary.temporaryDirectory()
        let result = try Binary.run(["kernel", "install"], environment: ["JUPYTER_DATA_DIR": data.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: data.appendingPathComponent("kernels/descent/kernel.json").path))
        let wrong = try Binary.run(["kernel", "install", "--system"])
        #expect(wrong.status == 2 && wrong.stderr.contains("unknown option '--system'"), "\(wrong.stderr)")
    }

    /// Each line a cell, text without colour, a plot also as SVG, errors as
    /// error replies with the caret, re-runs in place, completion, inspection,
    /// is_complete, interrupt and restart.
    @Test(arguments: ["execute", "svg", "error", "update", "complete", "inspect", "is_complete", "interrupt", "restart"])
    func theKernelAnswersJupyter(check: String) throws {
        let result = try Self.check(check)
        #expect(result.status == 0 && result.stdout == "ok\n", "\(result.stdout)\(result.stderr)")
    }

    @Test func saveLoadAndExportWorkInTheKernelAndPlaySaysItNeedsATerminal() throws {
        let folder = try Binary.temporaryDirectory()
        let result = try Self.check("commands", [folder.path])
        #expect(result.status == 0 && result.stdout == "ok\n", "\(result.stdout)\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("kernel.py").path))
    }

    /// The bundled tutorial runs top to bottom under nbconvert, as papermill or a teacher's CI would run it.
    @Test func nbconvertExecutesTheBundledTutorial() throws {
        let python = try ExternalTools.need(ExternalTools.python, "python3 with Jupyter")
        let data = try Self.installed.get()
        let folder = try Binary.temporaryDirectory()
        let notebook = Self.root.appendingPathComponent("sessions/tutorial.ipynb").path
        let result = try ExternalTools.run(python, ["-m", "jupyter", "nbconvert", "--to", "notebook", "--execute", notebook,
                                                    "--output-dir", folder.path], in: folder, timeout: 600,
                                           environment: ["JUPYTER_PATH": data.path])
        #expect(result.status == 0, "\(result.stderr)")
        let executed = folder.appendingPathComponent("tutorial.ipynb").path
        let validated = try ExternalTools.run(python, ["-c", Self.validate + """

            cells = [c for c in notebook.cells if c.cell_type == "code"]
            assert all(c.outputs for c in cells), "every code cell has its output"
            assert any("image/svg+xml" in o.get("data", {}) for c in cells for o in c.outputs), "a plot as SVG"
            print(len(cells))
            """, executed], in: folder)
        #expect(validated.status == 0, "\(validated.stderr)")
    }

    static let validate = """
        import sys, nbformat
        notebook = nbformat.read(sys.argv[1], as_version=4)
        nbformat.validate(notebook)
        """
}

/// `:save FILE.ipynb` writes a notebook for the descent kernel, and
/// `descent FILE.ipynb` and `:load FILE.ipynb` read one back.
@Suite(.enabled(if: ExternalTools.canRun, ExternalTools.skipReason))
struct JupyterNotebookFileTests {
    static let cells = """
        # The bowl
        f(x) = x^2 + 2
        rate = 0.1
        r = descend(f, from: -4, step: rate)
        plot(f, -5..5, path: r)
        z = q + 1

        """

    @Test func aSavedNotebookIsValidAndReadsBackToTheSameValues() throws {
        let folder = try Binary.temporaryDirectory()
        let path = folder.appendingPathComponent("bowl.ipynb").path
        let original = try Binary.run(["--json"], stdin: Self.cells + ":save \(path)\n")
        #expect(original.stdout.contains("saved 6 cells to \(path)"), "\(original.stdout)")
        let python = try ExternalTools.need(ExternalTools.python, "python3 with Jupyter")
        let validated = try ExternalTools.run(python, ["-c", JupyterKernelTests.validate + """

            kinds = [c.cell_type for c in notebook.cells]
            assert kinds == ["markdown"] + ["code"] * 5, kinds
            assert notebook.metadata.kernelspec.name == "descent"
            plot = notebook.cells[4].outputs[0]["data"]
            assert "<svg" in plot["image/svg+xml"] and plot["text/plain"].startswith("f(x) = x^2 + 2")
            error = notebook.cells[5].outputs[0]
            assert error.output_type == "error" and error.evalue.startswith("unknown name 'q'"), error
            """, path], in: folder)
        #expect(validated.status == 0, "\(validated.stderr)")

        // Read back: the same cells give the same values.
        let reloaded = try Binary.run(["--json", path])
        let values = { (lines: [[String: Any]]) in
            lines.filter { $0["id"] != nil }.map { line -> String in
                let value = line["value"] ?? line["error"] ?? NSNull()
                let text = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])).map { String(decoding: $0, as: UTF8.self) }
                return "\(line["id"]!) \(line["name"]!) \(text ?? "")"
            }
        }
        #expect(values(reloaded.jsonLines) == values(original.jsonLines.filter { $0["command"] == nil }))
        #expect(reloaded.status == 1, "the failing cell fails again")
        let loaded = try Binary.run([], stdin: ":load \(path)\nr.steps\n")
        #expect(loaded.stdout.contains("\n72\n"), "\(loaded.stdout)")
    }

    /// A Jupyter cell of several lines gives several cells; a line that
    /// defines a name again replaces its cell, as typed; markdown is notes.
    @Test func aJupyterCellOfSeveralLinesIsSeveralCells() throws {
        let notebook = Self.notebook([
            ("markdown", "## Step 1\nThe bowl"),
            ("code", "f(x) = x^2 + 2\nrate = 0.1\n\nr = descend(f, from: -4, step: rate)"),
            ("code", "rate = 0.5\nr.steps"),
        ])
        let path = try Binary.script(notebook, name: "several.ipynb")
        let result = try Binary.run([], stdin: ":load \(path)\n:cells\n")
        #expect(result.stdout.contains("[1] # Step 1\n[2] # The bowl\n[3] f(x) = x^2 + 2\n[4] rate = 0.5\n"), "\(result.stdout)")
        #expect(result.stdout.contains("[6] 1\n"), "r.steps with the later rate: \(result.stdout)")
        #expect(!result.stdout.contains("rate = 0.1"), "\(result.stdout)")
    }

    /// A notebook from someone else runs no commands and puts nothing raw on the terminal.
    @Test func aNotebooksCommandsAreNotRunAndItsControlCharactersAreRefused() throws {
        let folder = try Binary.temporaryDirectory()
        let target = folder.appendingPathComponent("victim.json").path
        let commands = Self.notebook([("code", "x = 1\n:save! \(target)\n:export \(folder.path)/out.py\nhelp")])
        let path = try Binary.script(commands, name: "commands.ipynb")
        let result = try Binary.run([path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "[1] x = 1\nx = 1\n", "\(result.stdout)")
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out.py").path))

        let hostile = Self.notebook([("code", "x = 1 # \u{1B}]0;pwned\u{07}")])
        let escape = try Binary.script(hostile, name: "hostile.ipynb")
        let refused = try Binary.run([escape])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("holds U+001B at column"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("\u{1B}") && !refused.stdout.contains("\u{1B}"))
    }

    /// A minimal nbformat 4 notebook of the given cells.
    static func notebook(_ cells: [(kind: String, source: String)]) -> String {
        let list = cells.enumerated().map { index, cell -> [String: Any] in
            var entry: [String: Any] = ["cell_type": cell.kind, "id": "c\(index)", "metadata": [String: Any](), "source": cell.source]
            if cell.kind == "code" { entry["outputs"] = [Any](); entry["execution_count"] = NSNull() }
            return entry
        }
        let top: [String: Any] = ["cells": list, "metadata": [String: Any](), "nbformat": 4, "nbformat_minor": 5]
        let data = try! JSONSerialization.data(withJSONObject: top)
        return String(decoding: data, as: UTF8.self)
    }
}

/// `descent --serve`, the kernel's protocol, spoken directly.
struct ServeProtocolTests {
    static func serve(_ requests: [String]) throws -> [[String: Any]] {
        let result = try Binary.run(["--serve"], stdin: requests.joined(separator: "\n") + "\n")
        #expect(result.status == 0, "\(result.stderr)")
        return result.jsonLines
    }

    @Test func executeAnswersEachLineAndTheCellsAnEditReRan() throws {
        let replies = try Self.serve([
            #"{"id": 1, "op": "execute", "code": "f(x) = x^2 + 2\nrate = 0.1\nr = descend(f, from: -4, step: rate)\nplot(f, -5..5)"}"#,
            #"{"id": "two", "op": "execute", "code": "rate = 0.9"}"#,
        ])
        try #require(replies.count == 2)
        #expect(replies[0]["id"] as? Int == 1 && replies[0]["ok"] as? Bool == true)
        let first = try #require(replies[0]["items"] as? [[String: Any]])
        #expect(first.map { $0["cell"] as? Int } == [1, 2, 3, 4])
        #expect((first[3]["svg"] as? String)?.contains("<svg") == true)
        #expect(first[2]["svg"] == nil)
        #expect(replies[1]["id"] as? String == "two")
        let second = try #require(replies[1]["items"] as? [[String: Any]])
        #expect(second.map { $0["cell"] as? Int } == [2, 3])
        #expect(second.map { $0["rerun"] as? Bool } == [false, true])
        #expect((second[1]["text"] as? String)?.contains("step 0.9") == true)
    }

    @Test func errorsCarryTheMessageAndTheCaretLines() throws {
        let replies = try Self.serve([#"{"id": 1, "op": "execute", "code": "f(x) = x^^2"}"#])
        let item = try #require((replies.first?["items"] as? [[String: Any]])?.first)
        #expect(replies.first?["ok"] as? Bool == false)
        let error = try #require(item["error"] as? [String: Any])
        let traceback = try #require(error["traceback"] as? [String])
        #expect(traceback.contains { $0.trimmingCharacters(in: .whitespaces) == "^" }, "\(traceback)")
        #expect((error["message"] as? String)?.isEmpty == false)
    }

    @Test func completeInspectAndIsCompleteAnswerForTheLineAtTheCursor() throws {
        let replies = try Self.serve([
            #"{"id": 1, "op": "execute", "code": "rate = 0.1"}"#,
            #"{"id": 2, "op": "complete", "code": "x = 1\nr = desc", "cursor": 14}"#,
            #"{"id": 3, "op": "inspect", "code": "2 * rate", "cursor": 6}"#,
            #"{"id": 4, "op": "is_complete", "code": "rate = 0.2\nf(x = 2"}"#,
            #"{"id": 5, "op": "fly"}"#,
            #"not json"#,
        ])
        try #require(replies.count == 6)
        #expect(replies[1]["matches"] as? [String] == ["descend"])
        #expect(replies[1]["start"] as? Int == 10 && replies[1]["end"] as? Int == 14)
        #expect((replies[2]["text"] as? String)?.hasPrefix("[1] rate = 0.1") == true)
        #expect(replies[3]["status"] as? String == "invalid" && replies[3]["line"] as? Int == 2)
        #expect((replies[4]["error"] as? String)?.contains("no such op 'fly'") == true)
        #expect(replies[5]["ok"] as? Bool == false)
    }

    /// Text from a file reaches the kernel as text: a control character is escaped.
    @Test func textFromAFileIsEscaped() throws {
        let folder = try Binary.temporaryDirectory()
        let csv = folder.appendingPathComponent("evil.csv")
        try "x\u{1B}[31m,y\n1,2\n".write(to: csv, atomically: true, encoding: .utf8)
        let replies = try Self.serve(["{\"id\": 1, \"op\": \"execute\", \"code\": \"d = csv(\\\"\(csv.path)\\\")\"}"])
        let text = try #require(((replies.first?["items"] as? [[String: Any]])?.first?["text"]) as? String)
        #expect(!text.contains("\u{1B}"), "\(text.debugDescription)")
    }
}

/// sessions/tutorial.ipynb is the tutorial session as a descent-kernel
/// notebook; it is written from sessions/tutorial.json, and must not drift:
///     printf ':load sessions/tutorial\n:save! sessions/tutorial.ipynb\n' | descent
struct BundledNotebookTests {
    @Test func theTutorialNotebookHoldsTheTutorialSessionsCells() throws {
        let root = JupyterKernelTests.root
        let session = try Binary.run(["--json", root.appendingPathComponent("sessions/tutorial.json").path])
        let notebook = try Binary.run(["--json", root.appendingPathComponent("sessions/tutorial.ipynb").path])
        #expect(session.status == 0 && notebook.status == 0, "\(notebook.stderr)")
        let outputs = { (result: Binary.Result) in result.jsonLines.map { "\($0["id"] ?? "") \($0["output"] ?? "")" } }
        #expect(!outputs(session).isEmpty)
        #expect(outputs(notebook) == outputs(session), "write it again: printf ':load sessions/tutorial\\n:save! sessions/tutorial.ipynb\\n' | descent")
    }
}
