import Calculus
import Foundation
import LineEditor
import Language
import Notebook

/// Decides what to do with the command line: replay a session, run a
/// script, or start the REPL, and returns the exit status.
struct Invocation {
    let options: Options

    /// `descent --serve [FILE]`: the notebook (FILE's cells first, if given) behind a pipe.
    func serve(file: String?) -> Int32 {
        let notebook = Notebook()
        notebook.settings.width = 100
        if let file, file != "-" {
            do {
                _ = try notebook.load(from: file)
            } catch {
                FileHandle.standardError.write(Data("descent: cannot load \(file): \(error.message)\n".utf8))
                return 2
            }
        }
        return Server(notebook: notebook).run()
    }

    func main(file: String?) -> Int32 {
        let notebook = Notebook()
        // A terminal that says it is dumb gets plain ASCII, as one whose locale is not UTF-8 does
        // (`:set charset unicode` still asks for more).
        let dumb = Terminal.environment("TERM") == "dumb" && Terminal.isTerminal(1)
        notebook.plainCharactersOnly = !Terminal.localeIsUTF8() || dumb
        notebook.settings.width = options.interactive || Terminal.isTerminal(1) ? Terminal.width() : 80
        let printer = OutputPrinter(options: options)

        if let file, file != "-" {
            if file.hasSuffix(".json") || file.hasSuffix(".ipynb") {
                if options.interactive {
                    return REPL(notebook: notebook, printer: printer).run(replaying: file)
                }
                do {
                    let reports = try notebook.load(from: file)
                    reports.forEach { printer.showReplayed($0) }
                } catch {
                    printer.fail("cannot load \(file): \(error.message)")
                    return 2
                }
                return notebook.hasErrors ? 1 : 0
            }
            guard let data = FileManager.default.contents(atPath: file) else {
                printer.fail("cannot read \(file): \(Invocation.whyUnreadable(file))")
                return 2
            }
            return ScriptRunner(notebook: notebook, printer: printer).run(String(decoding: data, as: UTF8.self))
        }
        // `descent -` reads the script from standard input, as when it is piped.
        if options.interactive && file == nil {
            return REPL(notebook: notebook, printer: printer).run()
        }
        let input = FileHandle.standardInput.readDataToEndOfFile()
        return ScriptRunner(notebook: notebook, printer: printer).run(String(decoding: input, as: UTF8.self))
    }
}

/// Runs a script: one cell per line, blank lines skipped; a line that is
/// only a comment is a note cell.
struct ScriptRunner {
    let notebook: Notebook
    let printer: OutputPrinter

    func run(_ text: String) -> Int32 {
        var commandFailed = false
        // "\r\n" is one Character in Swift, so lines are split on any newline;
        // a byte-order mark at the start is not part of the first cell.
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        for (number, rawLine) in body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = String(rawLine).trimmingWhitespace
            if line.isEmpty { continue }
            if notebook.command(in: line)?.isQuit == true { break }
            // Columns count from the start of the script's line, indentation included.
            let indent = rawLine.prefix { $0 == " " || $0 == "\t" }.count
            var reports = notebook.submit(line)
            for i in reports.indices {
                if indent > 0, !reports[i].isRerun, reports[i].source == line, let span = reports[i].diagnostic?.span {
                    reports[i].diagnostic?.span = SourceSpan(start: span.start + indent, end: span.end + indent)
                }
                if reports[i].id == nil && !reports[i].ok { commandFailed = true }
            }
            printer.show(reports, line: number + 1, compact: notebook.settings.rerun == .compact)
        }
        return notebook.hasErrors || commandFailed ? 1 : 0
    }
}

extension Invocation {
    /// Why a script file could not be read, in the words a person needs.
    static func whyUnreadable(_ path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else {
            return errno == ENOENT ? "no such file" : String(cString: strerror(errno))
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return "it is a folder; descent runs a script (one cell a line) or a session (.json)"
        case S_IFCHR, S_IFBLK: return "it is a device, not a script; descent runs a script (one cell a line) or a session (.json)"
        case S_IFIFO, S_IFSOCK: return "it is a pipe or a socket; to run what comes through one, pipe it in: cat FILE | descent"
        default: return access(path, R_OK) == 0 ? "it cannot be read" : "permission denied"
        }
    }
}
