import DataFiles
import Language
import Foundation

/// A question asked before something a person made is replaced.
///
///     sessions/tut.json holds another notebook (36 cells).
///     Replace it? [y/N]
///
/// On a terminal the REPL asks it; a script has no one to ask, so the
/// command is refused and the file left as it was (see `Notebook.ask`).
package struct Question: Sendable {
    /// What is at stake, as a sentence without its full stop.
    package var situation: String
    /// The question itself: "Replace it?".
    package var prompt: String
    /// What each answer does, for a reply that is neither: "replace it", "keep it".
    package var yes: String
    package var no: String
}

/// What a command that writes a file replaces: the rules of "nothing is
/// lost". A file this notebook read or wrote, unchanged since, is its own
/// to replace; any other existing file is asked about, or refused in a
/// script, unless the command is forced with `!`.
extension Notebook {
    /// The kinds of file a command writes, for saying what an existing one holds.
    enum FileKind {
        case session, jupyter, python, html, svg
    }

    /// What replacing the file at `path` would destroy, as a sentence, or nil
    /// when nothing would be (no file there, or this notebook's own version).
    /// A folder is an error rather than a question.
    func replacing(_ path: String, kind: FileKind) throws(NotebookError) -> String? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return nil }
        if isFolder.boolValue {
            throw NotebookError("\(path) is a folder, not a file; name a file in it, as in \(path)/\(kind == .session ? "tutorial" : "tutorial.ipynb")")
        }
        let known = files.owned[canonicalPath(path)]
        if let known, known == FileStamp.of(path) { return nil }
        let held = Notebook.contents(of: path, kind: kind)
        if known != nil {
            return "\(path) changed on disk since this notebook read or wrote it; it now holds \(held)"
        }
        return "\(path) holds \(held)"
    }

    /// What a file holds, in a few words: "another notebook (36 cells)".
    static func contents(of path: String, kind: FileKind) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "a file that cannot be read" }
        if data.isEmpty { return "an empty file" }
        let text = String(decoding: data, as: UTF8.self)
        switch kind {
        case .session:
            if let contents = try? Session.read(text) { return "another notebook (\(Notebook.cells(contents.cellCount)))" }
            return "a file that is not a descent notebook"
        case .jupyter:
            if let json = try? JSONParser.parse(text), case .array(let list)? = json["cells"] {
                return "a Jupyter notebook (\(Notebook.cells(list.count))) that this notebook did not write"
            }
            return "a file that this notebook did not write"
        case .python:
            return "a Python file (\(Notebook.lines(text))) that this notebook did not write"
        case .html:
            return "a web page (\(Notebook.lines(text))) that this notebook did not write"
        case .svg:
            return "a picture that this notebook did not write"
        }
    }

    static func lines(_ text: String) -> String {
        let count = text.split(separator: "\n", omittingEmptySubsequences: false).count - (text.hasSuffix("\n") ? 1 : 0)
        return count == 1 ? "1 line" : "\(count) lines"
    }

    /// Asks `question`; with no one to ask, refuses with an error that says
    /// how to force it. Returns whether to go on.
    func confirm(_ question: Question, force: String) throws(NotebookError) -> Bool {
        guard let ask = files.ask else {
            throw NotebookError("\(question.situation); left as it is (\(force) replaces it)")
        }
        return ask(question)
    }

    /// Notes that this notebook now has `path` as it just wrote it.
    func own(_ path: String, _ stamp: FileStamp) {
        files.owned[canonicalPath(path)] = stamp
    }
}
