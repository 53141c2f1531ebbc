import Foundation
import LineEditor
import Language
import Notebook

/// The interactive loop: read a line, run it, show what ran.
struct REPL {
    let notebook: Notebook
    let printer: OutputPrinter

    /// - Parameter session: a saved session to load and replay first, with
    ///   progress shown and Ctrl-C stopping a long run, as for `:load`.
    func run(replaying session: String? = nil) -> Int32 {
        let editor = LineEditor(program: "descent", historyPath: HistoryFile.defaultPath())
        editor.completer = { line, cursor in CompletionSource(notebook: notebook).candidates(line, cursor: cursor) }
        let progress = ProgressReporter()
        notebook.control = RunControl(shouldStop: { LineEditor.interruptPending() },
                                      progress: { steps, f in progress.report(steps: steps, f: f) },
                                      counting: { done, total, what in progress.report(done: done, of: total, what) })
        // Runs cells with the progress line, and says so when Ctrl-C stopped one.
        func running<T>(_ body: () -> T) -> T {
            notebook.settings.width = Terminal.width()
            progress.reset()
            let result = body()
            progress.clear()
            if LineEditor.takeInterrupt() { printer.write("interrupted") }
            return result
        }
        printer.write("descent: gradient descent, one cell per line. :help for a tour, Ctrl-D to leave.")
        let recovery = Recovery.defaultDirectory().map { Recovery(directory: $0) }
        // Before a command replaces a file or unsaved cells, the person at the terminal is asked.
        notebook.files.ask = { question in
            printer.write(question.situation + ".")
            return ask(question.prompt, yesByDefault: false, yes: question.yes, no: question.no, editor: editor)
        }
        if let recovery { notebook.files.keepUnsaved = { recovery.keepCopy($0) } }
        if let session {
            var failure: String?
            let reports = running { () -> [CellReport] in
                do { return try notebook.load(from: session) } catch { failure = (error as? NotebookError)?.message ?? "\(error)"; return [] }
            }
            if let failure {
                printer.fail("cannot load \(session): \(failure)")
                recovery?.discard()
                return 2
            }
            reports.forEach { printer.showReplayed($0) }
        } else if let recovery, notebook.order.isEmpty {
            offerRestore(recovery, editor: editor, running: running)
        }
        // A clean exit leaves nothing to offer: whatever was unsaved was saved or discarded by choice.
        defer { recovery?.discard() }
        defer { Terminal.echo(true) }
        var prefill: String?
        var editing: Int?
        // Ctrl-D or :quit with unsaved cells asks, as an editor does: save, discard or cancel.
        // Only a crash, a kill or a closed terminal leaves cells for the next start to offer.
        func leaves() -> Bool {
            let unsaved = notebook.snapshotToKeep()
            guard notebook.isModified && unsaved.cellCount > 0 else { return true }
            printer.write("The notebook has unsaved changes (\(Notebook.cells(unsaved.cellCount))).")
            switch choose("Save, discard or cancel? [s/d/C]", editor: editor) {
            case "s":
                var command = ":save"
                if notebook.files.sessionPath == nil {
                    guard case .line(let name) = editor.readLine(prompt: "Save as (a name, as in tutorial): ", remember: false),
                          !name.trimmingSpaces.isEmpty else {
                        printer.write("not saved; the notebook stays open")
                        return false
                    }
                    command += " " + name.trimmingSpaces
                }
                let reports = running { notebook.submit(command) }
                printer.show(reports, line: nil)
                return reports.allSatisfy(\.ok) && !notebook.isModified
            case "d":
                // Discarded, not destroyed: a copy stays in the recovery folder, and is not offered.
                if let recovery, let kept = recovery.keepCopy(unsaved) {
                    Recovery.retire(kept)
                    printer.write("discarded; a copy stays in \(Recovery.aside(kept))")
                }
                return true
            default:
                printer.write("cancelled; the notebook stays open")
                return false
            }
        }
        while true {
            let number = editing ?? notebook.nextCellNumber
            let input = editor.readLine(prompt: printer.prompt("[\(number)] "), prefill: prefill)
            // Until the next prompt, keys typed ahead wait unseen; the editor draws them then.
            Terminal.echo(false)
            switch input {
            case .endOfInput:
                printer.write("")
                if leaves() { return 0 }
                continue
            case .interrupted:
                prefill = nil
                editing = nil
                continue
            case .line(let line):
                prefill = nil
                let trimmed = line.trimmingSpaces
                // quit, exit and help without the colon mean the commands, unless a cell has that name.
                let command = notebook.command(in: trimmed)
                if let command, command.isQuit {
                    if leaves() { return 0 }
                    continue
                }
                if let command, command.isEdit {
                    let target = command.argument
                    if let cell = notebook.cell(matching: target), !target.isEmpty {
                        prefill = cell.source
                        editing = cell.id
                    } else {
                        printer.write(target.isEmpty ? "error: :edit needs a cell name or number" : "error: no cell named '\(target)'")
                    }
                    continue
                }
                if let command, command.isPlay {
                    play(command.argument)
                    continue
                }
                if let id = editing, trimmed.isEmpty {
                    // An emptied edit leaves the cell as it was; :delete removes one.
                    editing = nil
                    printer.write("[\(id)] left unchanged (:delete removes a cell)")
                    continue
                }
                let wasEditing = editing
                let reports = running { () -> [CellReport] in
                    if let id = editing {
                        editing = nil
                        return notebook.replace(id, with: line)
                    }
                    return notebook.submit(line)
                }
                // A redefinition says which cell it replaced: [8] rate = 0.9, typed at [12].
                printer.show(reports, line: nil, compact: notebook.settings.rerun == .compact) {
                    $0.isRerun || ($0.id != nil && $0.id != number)
                }
                // A line that does not parse changed nothing: it comes back on the edit line to be fixed.
                if reports.count == 1, reports[0].isRefusedLine, reports[0].source.count <= Notebook.longestCell {
                    prefill = line
                    editing = wasEditing
                    continue
                }
                if !reports.isEmpty { recovery?.autosave(notebook.snapshotToKeep()) }
            }
        }
    }

    /// `:play NAME` on the whole terminal, then the prompt again with the screen as it was.
    private func play(_ reference: String) {
        guard !reference.isEmpty else {
            printer.write("error: :play needs a run's name, as in :play r")
            return
        }
        do {
            let playback = try notebook.playback(of: reference)
            try Player(playback: playback, colored: printer.options.color).run()
        } catch let error as NotebookError {
            printer.write("error: " + error.message)
        } catch {
            printer.write(":play needs a terminal: it shows the run a step at a time and reads keys")
        }
    }

    /// A question with one-letter answers (`s`, `d`, `c`); Enter or Ctrl-D
    /// takes the last, which is the safe one. Anything else is asked again.
    private func choose(_ question: String, editor: LineEditor) -> String {
        while true {
            guard case .line(let text) = editor.readLine(prompt: question + " ", remember: false) else {
                printer.write("")
                return "c"
            }
            let answer = text.trimmingSpaces.lowercased()
            switch answer {
            case "s", "save": return "s"
            case "d", "discard": return "d"
            case "", "c", "cancel": return "c"
            default: printer.write("Please answer s (save), d (discard) or c (cancel).")
            }
        }
    }

    /// A yes-or-no question. Only a clear answer counts (a cell typed here by
    /// mistake is asked again); Enter takes the default, Ctrl-D means no.
    private func ask(_ question: String, yesByDefault: Bool, yes: String, no: String, editor: LineEditor) -> Bool {
        let prompt = question + (yesByDefault ? " [Y/n] " : " [y/N] ")
        while true {
            guard case .line(let text) = editor.readLine(prompt: prompt, remember: false) else {
                printer.write("")   // Ctrl-D: no, on a line of its own
                return false
            }
            switch text.trimmingSpaces.lowercased() {
            case "y", "yes": return true
            case "n", "no": return false
            case "": return yesByDefault
            default: printer.write("Please answer y (\(yes)) or n (\(no)).")
            }
        }
    }

    /// Offers back a notebook that an earlier run lost (a crash, a kill) or kept on leaving.
    private func offerRestore(_ recovery: Recovery, editor: LineEditor, running: (() -> [CellReport]) -> [CellReport]) {
        guard let path = recovery.abandoned().first else { return }
        guard let (contents, session, savedAt) = try? Recovery.read(path) else {
            Recovery.retire(path)
            return
        }
        let count = contents.cellCount
        guard count > 0 else {
            Recovery.retire(path)
            return
        }
        let when = savedAt.map { " (last changed \(Recovery.humanTime($0)))" } ?? ""
        printer.write("An earlier run left a notebook that was not saved: \(Notebook.cells(count))\(when).")
        let restore = ask("Restore it?", yesByDefault: true, yes: "restore it", no: "start empty", editor: editor)
        Recovery.retire(path)
        if restore {
            let reports = running { notebook.restore(contents, sessionPath: session) }
            let failed = reports.filter { !$0.ok }.count
            printer.write("restored \(Notebook.cells(count))" + (failed > 0 ? " (\(failed) with errors)" : "") + "; :cells lists them")
            recovery.autosave(notebook.snapshot())
        } else {
            printer.write("not restored; it is kept as \(Recovery.aside(path))")
        }
    }
}
