import Foundation
import LineEditor
import Notebook

/// The interactive loop: read a line, run it, show what ran.
struct REPL {
    let notebook: Notebook
    let printer: OutputPrinter

    func run() -> Int32 {
        let editor = LineEditor(program: "descent", historyPath: HistoryFile.defaultPath())
        editor.completer = { line, cursor in CompletionSource(notebook: notebook).candidates(line, cursor: cursor) }
        let progress = ProgressReporter()
        notebook.control = RunControl(shouldStop: { LineEditor.interruptPending() },
                                      progress: { steps, f in progress.report(steps: steps, f: f) })
        printer.write("descent: gradient descent, one cell per line. :help for a tour, Ctrl-D to leave.")
        let recovery = Recovery.defaultDirectory().map { Recovery(directory: $0) }
        if let recovery, notebook.order.isEmpty { offerRestore(recovery, editor: editor) }
        var keepsUnsaved = false
        defer { if !keepsUnsaved { recovery?.discard() } }
        var prefill: String?
        var editing: Int?
        var warnedUnsaved = false
        // Ctrl-D or :quit leaves at once. Unsaved cells are kept for the next
        // start; only where they cannot be kept is there a warning first.
        func leaves(_ again: String) -> Bool {
            guard notebook.isModified && !notebook.order.isEmpty else { return true }
            // Unsaved work goes to a file the next start offers back; only if
            // that cannot be written is there a warning first.
            if let recovery, recovery.keep(notebook.snapshot()) != nil {
                keepsUnsaved = true
                printer.write("The notebook has unsaved changes: descent offers them back when it next starts (:save NAME keeps them for good).")
                return true
            }
            if warnedUnsaved { return true }
            printer.write("The notebook has unsaved changes: :save NAME keeps them. \(again) again leaves anyway.")
            warnedUnsaved = true
            return false
        }
        while true {
            let number = editing ?? notebook.nextCellNumber
            switch editor.readLine(prompt: printer.prompt("[\(number)] "), prefill: prefill) {
            case .endOfInput:
                printer.write("")
                if leaves("Ctrl-D") { return 0 }
                continue
            case .interrupted:
                prefill = nil
                editing = nil
                continue
            case .line(let line):
                prefill = nil
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if [":quit", ":q", ":exit"].contains(trimmed) {
                    if leaves(trimmed) { return 0 }
                    continue
                }
                warnedUnsaved = false
                if trimmed.hasPrefix(":edit") {
                    let target = String(trimmed.dropFirst(5)).trimmingCharacters(in: .whitespaces)
                    if let cell = notebook.cell(matching: target), !target.isEmpty {
                        prefill = cell.source
                        editing = cell.id
                    } else {
                        printer.write(target.isEmpty ? "error: :edit needs a cell name or number" : "error: no cell named '\(target)'")
                    }
                    continue
                }
                let reports: [CellReport]
                notebook.settings.width = Terminal.width()
                progress.reset()
                if let id = editing {
                    reports = notebook.replace(id, with: line)
                    editing = nil
                } else {
                    reports = notebook.submit(line)
                }
                progress.clear()
                if LineEditor.takeInterrupt() { printer.write("interrupted") }
                for report in reports {
                    printer.show(report, line: nil, numbered: report.isRerun)
                }
                if !reports.isEmpty { recovery?.autosave(notebook.snapshot()) }
            }
        }
    }

    /// Offers back a notebook that an earlier run lost (a crash, a kill).
    private func offerRestore(_ recovery: Recovery, editor: LineEditor) {
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
        let when = savedAt.map { " (last changed \($0))" } ?? ""
        printer.write("An earlier run left a notebook that was not saved: \(count) cell\(count == 1 ? "" : "s")\(when).")
        // Only a clear yes restores; a cell typed here by mistake is not an answer.
        var restore = false
        asking: while true {
            guard case .line(let text) = editor.readLine(prompt: "Restore it? [Y/n] ", remember: false) else { break }
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "", "y", "yes": restore = true; break asking
            case "n", "no": break asking
            default: printer.write("Please answer y (restore it) or n (start empty).")
            }
        }
        Recovery.retire(path)
        if restore {
            let reports = notebook.restore(contents, sessionPath: session)
            let failed = reports.filter { !$0.ok }.count
            printer.write("restored \(count) cell\(count == 1 ? "" : "s")" + (failed > 0 ? " (\(failed) with errors)" : "") + "; :cells lists them")
            recovery.autosave(notebook.snapshot())
        } else {
            printer.write("not restored; it is kept as \(Recovery.aside(path))")
        }
    }
}
