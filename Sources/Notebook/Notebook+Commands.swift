import Export
import Language
import Calculus
import Foundation

/// The notebook commands (`:help`, `:save`, …) that make sense without a
/// terminal. The REPL adds `:edit` and `:quit`.
extension Notebook {
    func runCommand(_ command: Command, line: String) -> CellReport {
        var reports: [CellReport] = []
        let output: String
        do {
            output = try perform(command, reports: &reports)
        } catch {
            return CellReport(id: nil, name: command.typed, source: line, ok: false, value: .null,
                              output: "error: " + error.message, diagnostic: Diagnostic(error.message))
        }
        // Cells that re-ran (after :delete, :load, :undo, …) are shown after the command's own line.
        let rerun = reports.map { report in report.id.map { "[\($0)] " + (report.isNote ? report.source : report.output) } ?? report.output }
        let shown = ([output] + rerun).filter { !$0.isEmpty }.joined(separator: "\n")
        var report = CellReport(id: nil, name: command.typed, source: line, ok: true, value: .null, output: shown)
        report.ranCells = reports
        report.answer = output
        return report
    }

    private func perform(_ parsed: Command, reports: inout [CellReport]) throws(NotebookError) -> String {
        let command = parsed.name, argument = parsed.argument
        // `!` forces a command that would otherwise ask before replacing something.
        let forced = parsed.forced
        if forced, let entry = parsed.entry, !entry.isForcible {
            throw NotebookError("\(command) takes no !; only \(Command.Entry.forcible.joined(separator: ", ")) can be forced")
        }
        // The REPL takes the commands that need a person at a terminal before the
        // notebook sees them; elsewhere they say so (:play, checked first, is no error).
        if parsed.entry?.needsTerminal == true, command != ":play" {
            throw NotebookError("\(command) works at the interactive prompt only")
        }
        if !files.allowsFiles, parsed.entry?.isForcible == true {
            throw NotebookError("\(command) is turned off here: this notebook reads and writes no files")
        }
        func requireArgument(_ what: String) throws(NotebookError) -> String {
            guard !argument.isEmpty else { throw NotebookError("\(command) needs \(what); see :help \(command)") }
            return argument
        }
        func requireCell() throws(NotebookError) -> Cell {
            let reference = try requireArgument("a cell name or number")
            guard let cell = cell(matching: reference) else {
                let hint = NameSuggestion.closest(to: reference, in: graph.definedNames).map { " (did you mean '\($0)'?)" } ?? ""
                throw NotebookError("no cell named '\(reference)'\(hint)")
            }
            return cell
        }
        switch command {
        case ":help":
            return Help.text(for: argument.isEmpty ? nil : argument)
        case ":cells":
            if order.isEmpty { return "no cells yet; type one, such as f(x) = x^2 + 2" }
            let rows = orderedCells.map { cell -> [String] in
                let mark = cell.isHealthy ? " " : "!"
                return ["[\(cell.id)]", mark, cell.isNote ? "" : cell.name, cell.source]
            }
            return rows.map { "\($0[0].padding(toLength: 6, withPad: " ", startingAt: 0))\($0[1]) \($0[2].padding(toLength: max(8, $0[2].count), withPad: " ", startingAt: 0))  \($0[3])" }
                .joined(separator: "\n")
        case ":show":
            let cell = try requireCell()
            return "[\(cell.id)] \(cell.source)\n\(cell.output)"
        case ":delete":
            let cell = try requireCell()
            reports = delete(cell.id)
            return "deleted [\(cell.id)] \(cell.name)"
        case ":rerun":
            reports = rerunAll()
            return ""
        case ":save":
            if !argument.isEmpty { try Session.checkName(argument) }
            let path = argument.isEmpty ? files.sessionPath : Session.path(for: argument)
            guard let path else { throw NotebookError(":save needs a name the first time, as in :save tutorial") }
            // The version looked at now is the one the save may replace: another
            // descent saving it meanwhile makes this save refuse, not win.
            let seen = FileStamp.of(AtomicFile.linkTarget(path) ?? path)
            if !forced, let situation = try replacing(path, kind: .session) {
                let forcing = ":save! " + (argument.isEmpty ? path : argument)
                let question = Question(situation: situation, prompt: "Replace it?", yes: "replace it", no: "keep it")
                guard try confirm(question, force: forcing) else {
                    return "not saved; :save ANOTHER-NAME keeps both, \(forcing) replaces it"
                }
            }
            do {
                try save(to: path, expected: forced ? .none : .some(seen))
            } catch {
                guard !forced, FileStamp.of(AtomicFile.linkTarget(path) ?? path) != seen else { throw error }
                throw NotebookError("\(error.message); not saved, and this notebook still has unsaved changes: :save again to see what it holds, :save ANOTHER-NAME keeps both")
            }
            return "saved \(Notebook.cells(order.count)) to \(path)"
        case ":load":
            let name = try requireArgument("a session name or file")
            try Session.checkName(name)
            let path = Session.loadPath(for: name)
            let (contents, stamp) = try Session.readFile(path)
            var kept = ""
            // At the prompt, unsaved cells are asked about and kept aside; a
            // script's cells live in the script, so its :load just replaces them.
            if isModified, !order.isEmpty, files.ask != nil {
                let count = order.count
                let cells = Notebook.cells(count)
                if !forced {
                    let question = Question(situation: "The open notebook (\(cells)) has changes that are not saved",
                                            prompt: "Load \(path) in its place?", yes: "load it", no: "keep working here")
                    guard try confirm(question, force: ":load! \(name)") else {
                        return "not loaded; :save NAME keeps this notebook, then :load \(name)"
                    }
                }
                if files.keepUnsaved == nil {
                    // No recovery folder at all (no home folder): the answer was the safeguard.
                    kept = "\nthe \(cells) it replaced are not kept in a file (there is no recovery folder): :undo brings them back until you leave"
                } else if let keepUnsaved = files.keepUnsaved {
                    if let file = keepUnsaved(snapshot()) {
                        kept = count == 1
                            ? "\nthe cell it replaced is kept in \(file)\n(:undo brings it back now, and the next start offers it)"
                            : "\nthe \(cells) it replaced are kept in \(file)\n(:undo brings them back now, and the next start offers them)"
                    } else {
                        guard forced else {
                            throw NotebookError("not loaded: the unsaved cells could not be kept aside; :save NAME keeps them first, or :load! \(name) loads anyway (then only :undo brings them back)")
                        }
                        kept = "\nthe \(cells) it replaced could not be kept aside: :undo brings them back until you leave"
                    }
                }
            }
            reports = load(contents, from: path, stamp: stamp)
            return "loaded \(Notebook.cells(order.count)) from \(path)" + kept
        case ":export":
            let (path, form, cellName) = try Notebook.exportTarget(try requireArgument("a file name, such as tutorial.py or tutorial.ipynb"))
            let text: String
            switch form {
            case .python: text = export.pythonScript(for: path)
            case .jupyter: text = export.ipynbJSON(for: path)
            case .html: text = export.html(for: path)
            case .svg: text = try svg(of: cellName ?? "")
            }
            let seen = FileStamp.of(AtomicFile.linkTarget(path) ?? path)
            if !forced, let situation = try replacing(path, kind: form.fileKind) {
                let question = Question(situation: situation, prompt: "Replace it?", yes: "replace it", no: "keep it")
                guard try confirm(question, force: ":export! \(argument)") else {
                    return "not exported; :export ANOTHER.\(form.rawValue) keeps both, :export! \(argument) replaces it"
                }
            }
            own(path, try AtomicFile.write(text, to: path, expected: forced ? .anything : .version(seen)))
            switch form {
            case .python: return "exported \(Notebook.cells(order.count)) to \(path): run it with python3 \(ShellWord.quoted(path))"
            case .jupyter: return "exported \(Notebook.cells(order.count)) to \(path): open it in Jupyter, or run it with jupyter nbconvert --execute"
            case .html: return "exported \(Notebook.cells(order.count)) to \(path): open it in a web browser"
            case .svg: return "exported the plot of [\(cell(matching: cellName ?? "")?.id ?? 0)] to \(path)"
            }
        case ":set":
            if argument.isEmpty {
                return Settings.names.map { "\($0) \(settings.value(of: $0)!)" }.joined(separator: "\n")
            }
            let words = argument.split(separator: " ", maxSplits: 1).map(String.init)
            func set(_ name: String, _ text: String) throws(NotebookError) {
                do { try settings.set(name, to: text) } catch { throw NotebookError(error.message) }
            }
            guard words.count == 2 else {
                guard let current = settings.value(of: words[0]) else {
                    try set(words[0], "")
                    return ""
                }
                return "\(words[0]) \(current)"
            }
            try set(words[0], words[1].trimmingSpaces)
            isModified = true
            return "\(words[0]) \(settings.value(of: words[0])!)"
        case ":undo":
            guard argument.isEmpty else {
                throw NotebookError(":undo takes no argument: it takes back the last change, and again the one before")
            }
            guard let (what, ran) = undo() else { return "nothing to undo" }
            reports = ran
            return what
        case ":play":
            // Not an error: a script that shows a run to a person at a terminal still runs elsewhere.
            _ = try playback(of: try requireArgument("a run's name"))
            return ":play needs a terminal: it shows the run a step at a time and reads keys"
        default:
            let hint = NameSuggestion.closest(to: parsed.typed, in: Command.Entry.names).map { " (did you mean \($0)?)" } ?? ""
            throw NotebookError("unknown command \(parsed.typed)\(hint); :help lists the commands")
        }
    }

    /// The frames of `:play NAME`, for the cell named (or numbered) `reference` that holds a run.
    package func playback(of reference: String) throws(NotebookError) -> Playback {
        guard let cell = cell(matching: reference) else {
            let hint = NameSuggestion.closest(to: reference, in: graph.definedNames).map { " (did you mean '\($0)'?)" } ?? ""
            throw NotebookError("no cell named '\(reference)'\(hint)")
        }
        guard case .run(let run)? = cell.value else {
            let what = cell.value?.kindDescription ?? "an error"
            throw NotebookError(":play shows a descent run, and \(cell.name) holds \(what); try :play r after r = descend(…)")
        }
        do { return try Playback(run, settings: settings) } catch { throw NotebookError(error.message) }
    }
}
