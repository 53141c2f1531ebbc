import Calculus
import DataFiles
import Foundation
import Language
import LineEditor
import Notebook

/// `descent --serve`: one notebook behind a pipe, for the Jupyter kernel and
/// for any editor that wants descent's cells. One JSON request per line on
/// standard input, one JSON reply per line on standard output, in order;
/// docs/protocol.md describes them. SIGINT stops a running descent, as
/// Ctrl-C does at the prompt, and is otherwise ignored.
///
///     → {"id": 1, "op": "execute", "code": "f(x) = x^2 + 2\nf'(3)"}
///     ← {"id": 1, "ok": true, "interrupted": false, "items": [
///          {"line": 1, "cell": 1, "name": "f", "rerun": false, "ok": true, "text": "f(x) = x^2 + 2"},
///          {"line": 2, "cell": 2, "name": "_2", "rerun": false, "ok": true, "text": "6"}]}
struct Server {
    let notebook: Notebook

    func run() -> Int32 {
        LineEditor.catchInterrupts()
        notebook.control = RunControl(shouldStop: { LineEditor.interruptPending() })
        // Nobody to ask: a command that would replace a file says how to force it.
        notebook.files.ask = nil
        var input = LineInput(fd: 0)
        while let line = input.next() {
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            _ = LineEditor.takeInterrupt()   // one sent while idle stops nothing
            let reply = answer(line)
            _ = LineEditor.takeInterrupt()
            guard Server.write(reply.serialized() + "\n") else { break }
        }
        return 0
    }

    /// The reply to one request line.
    func answer(_ line: String) -> JSONValue {
        let request: JSONValue
        do {
            request = try JSONParser.parse(line)
        } catch {
            return .object([("id", .null), ("ok", .bool(false)), ("error", .string("the request is not JSON: \(error.description)"))])
        }
        let id = request["id"] ?? .null
        var reply: [(String, JSONValue)]
        switch request["op"] {
        case .string("execute")?:
            guard case .string(let code)? = request["code"] else { return failure(id, "execute needs \"code\", the text to run") }
            if case .number(let width)? = request["width"], width >= 40, width <= 1000 { notebook.settings.width = Int(width) }
            reply = execute(code)
        case .string("complete")?:
            guard case .string(let code)? = request["code"] else { return failure(id, "complete needs \"code\" and \"cursor\"") }
            reply = complete(code, cursor: request.int("cursor") ?? code.unicodeScalars.count)
        case .string("inspect")?:
            guard case .string(let code)? = request["code"] else { return failure(id, "inspect needs \"code\" and \"cursor\"") }
            reply = inspect(code, cursor: request.int("cursor") ?? code.unicodeScalars.count)
        case .string("is_complete")?:
            guard case .string(let code)? = request["code"] else { return failure(id, "is_complete needs \"code\"") }
            reply = isComplete(code)
        case .string(let op)?:
            return failure(id, "no such op '\(op)': execute, complete, inspect or is_complete")
        default:
            return failure(id, "a request needs \"op\": execute, complete, inspect or is_complete")
        }
        return .object([("id", id)] + reply)
    }

    private func failure(_ id: JSONValue, _ message: String) -> JSONValue {
        .object([("id", id), ("ok", .bool(false)), ("error", .string(message))])
    }

    // MARK: - The requests

    /// Each line is a cell (or a command), run in order; the items are what
    /// each showed, and then each cell it made run again.
    private func execute(_ code: String) -> [(String, JSONValue)] {
        var items: [JSONValue] = []
        var interrupted = false
        for (index, raw) in code.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingSpaces
            if line.isEmpty { continue }
            for report in notebook.submit(line) {
                items.append(item(report, line: index + 1))
                items += report.ranCells.map { item($0, line: index + 1) }
            }
            if LineEditor.interruptPending() {
                interrupted = true
                break
            }
        }
        let ok = !interrupted && items.allSatisfy { $0["ok"] == .bool(true) || $0["rerun"] == .bool(true) }
        return [("ok", .bool(ok)), ("interrupted", .bool(interrupted)), ("items", .array(items))]
    }

    private func item(_ report: CellReport, line: Int) -> JSONValue {
        guard let id = report.id else {
            // A command's own words; the cells it ran follow as items of their own.
            return item(line: line, command: report.source, ok: report.ok, text: report.answer ?? report.output, diagnostic: report.diagnostic)
        }
        var pairs: [(String, JSONValue)] = [
            ("line", .number(Double(line))), ("cell", .number(Double(id))), ("name", .string(report.name)),
            ("source", .string(report.source)), ("rerun", .bool(report.isRerun)), ("ok", .bool(report.ok)),
            ("note", .bool(report.isNote)), ("text", .string(PrintableText.escaped(report.output, keepingNewlines: true))),
        ]
        if report.ok, let svg = notebook.picture(ofCell: id) { pairs.append(("svg", .string(svg))) }
        if !report.ok { pairs.append(("error", error(report.diagnostic, text: report.output))) }
        return .object(pairs)
    }

    /// What a command or a refused line said; `cell` is null.
    private func item(line: Int, command: String, ok: Bool, text: String, diagnostic: Diagnostic? = nil) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("line", .number(Double(line))), ("cell", .null), ("source", .string(command)), ("ok", .bool(ok)),
            ("text", .string(PrintableText.escaped(text, keepingNewlines: true))),
        ]
        if !ok { pairs.append(("error", error(diagnostic, text: text))) }
        return .object(pairs)
    }

    /// An error as a kernel reports one: the message, and the lines a person
    /// reads (the message, the line with its caret, the hint).
    private func error(_ diagnostic: Diagnostic?, text: String) -> JSONValue {
        let message = diagnostic?.message ?? text.split(separator: "\n").first.map(String.init) ?? "error"
        let lines = PrintableText.escaped(text, keepingNewlines: true).split(separator: "\n", omittingEmptySubsequences: false)
        return .object([("message", .string(PrintableText.escaped(message))), ("traceback", .array(lines.map { .string(String($0)) }))])
    }

    /// The completions at `cursor` (in Unicode scalars, as Jupyter counts),
    /// within the line it is on.
    private func complete(_ code: String, cursor: Int) -> [(String, JSONValue)] {
        let (line, column, lineStart) = Server.line(in: code, at: cursor)
        let before = String(String.UnicodeScalarView(line.unicodeScalars.prefix(column)))
        let (word, matches) = notebook.completions(for: line, cursor: before.count)
        let start = lineStart + column - word.unicodeScalars.count
        return [("ok", .bool(true)), ("matches", .array(matches.map(JSONValue.string))),
                ("start", .number(Double(start))), ("end", .number(Double(lineStart + column)))]
    }

    /// The name at `cursor` and what is known of it.
    private func inspect(_ code: String, cursor: Int) -> [(String, JSONValue)] {
        let (line, column, _) = Server.line(in: code, at: cursor)
        let scalars = Array(line.unicodeScalars)
        let isNamePart = { (s: Unicode.Scalar) in CharacterSet.alphanumerics.contains(s) || s == "_" || s == ":" }
        var start = min(column, scalars.count), end = start
        while start > 0, isNamePart(scalars[start - 1]) { start -= 1 }
        while end < scalars.count, isNamePart(scalars[end]) { end += 1 }
        let name = String(String.UnicodeScalarView(scalars[start..<end]))
        guard !name.isEmpty, let text = notebook.inspection(of: name) else {
            return [("ok", .bool(true)), ("found", .bool(false))]
        }
        return [("ok", .bool(true)), ("found", .bool(true)), ("name", .string(name)),
                ("text", .string(PrintableText.escaped(text, keepingNewlines: true)))]
    }

    /// Whether every line would run as it is; a cell is one line, so nothing
    /// is ever waiting for more.
    private func isComplete(_ code: String) -> [(String, JSONValue)] {
        for (index, line) in code.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if let problem = notebook.problem(in: String(line)) {
                return [("ok", .bool(true)), ("status", .string("invalid")), ("line", .number(Double(index + 1))),
                        ("text", .string(PrintableText.escaped(problem, keepingNewlines: true)))]
            }
        }
        return [("ok", .bool(true)), ("status", .string("complete"))]
    }

    /// The line holding `cursor` (a count of Unicode scalars into `code`),
    /// the cursor's column in it, and where the line starts.
    static func line(in code: String, at cursor: Int) -> (line: String, column: Int, start: Int) {
        var start = 0
        for line in code.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" }) {
            let count = line.unicodeScalars.count
            if cursor <= start + count { return (String(line), max(0, cursor - start), start) }
            start += count + 1
        }
        return ("", 0, code.unicodeScalars.count)
    }

    /// Writes all of `text` to standard output, through interruptions; false when the reader has gone.
    static func write(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            bytes = bytes.dropFirst(written)
        }
        return true
    }
}

/// Lines from a file descriptor, read through interruptions (a SIGINT that
/// stops a run must not end the conversation).
struct LineInput {
    let fd: Int32
    private var buffer: [UInt8] = []
    private var chunk = [UInt8](repeating: 0, count: 65536)
    private var ended = false

    init(fd: Int32) { self.fd = fd }

    mutating func next() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            if ended {
                guard !buffer.isEmpty else { return nil }
                defer { buffer = [] }
                return String(decoding: buffer, as: UTF8.self)
            }
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { ended = true; continue }
            buffer += chunk[..<count]
        }
    }
}

private extension JSONValue {
    func int(_ key: String) -> Int? {
        guard case .number(let value)? = self[key], value >= 0, value < 1e9, value == value.rounded() else { return nil }
        return Int(value)
    }
}
