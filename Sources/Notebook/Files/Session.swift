import DataFiles
import Language
import Foundation

/// Saving and loading notebooks as JSON sessions, and exporting them to
/// Jupyter.
///
///     {
///       "format": "descent-session",
///       "version": 1,
///       "settings": { "precision": 6, "charset": "unicode", "rows": 5 },
///       "cells": [
///         { "id": 1, "name": "f", "source": "f(x) = x^2 + 2", "output": "f(x) = x^2 + 2" }
///       ]
///     }
///
/// Keys this version does not know are kept, at every level, through a
/// load and a save. Writes go through `AtomicFile`, so a failed or killed
/// save never leaves half a file.
package enum Session {
    package static let format = "descent-session"
    package static let version = 1

    /// Where `:save NAME` writes: `sessions/NAME.json`, or the path as given
    /// when it has a `/` or ends in `.json`, with `.json` added to a path
    /// whose file name has no extension (`../notes` is `../notes.json`).
    package static func path(for name: String, directory: String = "sessions") -> String {
        // ~/x.json means the home folder for :load as it does for :save.
        if name.contains("/") {
            let path = (name as NSString).expandingTildeInPath
            return (path as NSString).pathExtension.isEmpty ? path + ".json" : path
        }
        if name.hasSuffix(".json") || name.hasSuffix(".ipynb") { return name }
        return directory + "/" + name + ".json"
    }

    /// Where `:load NAME` reads: as `path(for:)`, or the path exactly as
    /// typed when only that exists (a file saved without an extension).
    package static func loadPath(for name: String) -> String {
        let path = path(for: name)
        guard name.contains("/"), !FileManager.default.fileExists(atPath: path) else { return path }
        let typed = (name as NSString).expandingTildeInPath
        return FileManager.default.fileExists(atPath: typed) ? typed : path
    }

    /// Whether `name` is a file's path rather than a name for the sessions folder.
    static func isPath(_ name: String) -> Bool {
        name.contains("/") || name.hasSuffix(".json") || name.hasSuffix(".ipynb")
    }

    /// Checks a session name typed after :save or :load; a path is taken as it is.
    static func checkName(_ name: String) throws(NotebookError) {
        if name.hasSuffix("/") {
            throw NotebookError("'\(name)' is a folder's name: add a file name, as in \(name)tutorial")
        }
        guard !isPath(name) else { return }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
        guard !name.isEmpty, !name.hasPrefix("."), name.unicodeScalars.allSatisfy(allowed.contains) else {
            throw NotebookError("'\(name)' is not a session name: use letters, digits, - and _, as in :save my-tutorial (or a path ending in .json)")
        }
    }

    /// The parsed contents of a session file, checked but not yet run.
    package struct Contents {
        var settings: Settings
        var extraSettings: [(String, JSONValue)]
        var extraTopLevel: [(String, JSONValue)]
        var cells: [(id: Int, source: String, output: String?, extra: [(String, JSONValue)])]

        package var cellCount: Int { cells.count }
        /// The cells' sources and their saved outputs, in the file's order.
        package var sources: [String] { cells.map(\.source) }
        package var ids: [Int] { cells.map(\.id) }
        package var outputs: [String?] { cells.map(\.output) }
    }

    /// Reads and checks the session file at `path`, with the stamp of the
    /// version read (taken first, so that a change made while reading is
    /// seen as a change).
    static func readFile(_ path: String) throws(NotebookError) -> (Contents, FileStamp?) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw NotebookError("\(path) is a folder, not a session file")
        }
        let stamp = FileStamp.of(path)
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            if !FileManager.default.fileExists(atPath: path) {
                throw NotebookError("no such file: \(path)")
            }
            throw NotebookError("cannot read \(path): it is not readable UTF-8 text, or permission is denied")
        }
        return (try read(text), stamp)
    }

    /// The settings a file keeps (`"settings": {"precision": 6, …}`), and the
    /// keys this version does not know, kept for saving.
    static func readSettings(_ settingsJSON: JSONValue?) throws(NotebookError) -> (Settings, [(String, JSONValue)]) {
        var settings = Settings()
        var extraSettings: [(String, JSONValue)] = []
        if let settingsJSON {
            guard case .object(let pairs) = settingsJSON else {
                throw NotebookError("\"settings\" must be an object")
            }
            for (key, value) in pairs {
                guard Settings.names.contains(key) else {
                    extraSettings.append((key, value))
                    continue
                }
                let text: String
                switch value {
                case .number(let n): text = n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
                case .string(let s): text = s
                default: throw NotebookError("setting \"\(key)\" has a value of the wrong kind")
                }
                do {
                    try settings.set(key, to: text)
                } catch {
                    throw NotebookError("setting \"\(key)\": \(error.message)")
                }
            }
        }
        return (settings, extraSettings)
    }

    /// The settings a file keeps, then the ones this version did not know.
    static func settingsJSON(_ settings: Settings, extra: [(String, JSONValue)]) -> JSONValue {
        .object([
            ("precision", .number(Double(settings.precision))),
            ("charset", .string(settings.charset.rawValue)),
            ("rows", .number(Double(settings.rows))),
        ] + extra)
    }

    /// A cell is one line of text: a line break or a control character in a
    /// source is a file made by hand or by someone else, and could become
    /// code in an export or a command to the terminal.
    static func checkSource(_ source: String, of label: String) throws(NotebookError) {
        if let (scalar, column) = PrintableText.firstControl(in: source) {
            throw NotebookError("\(label)'s source holds \(PrintableText.name(scalar)) at column \(column); "
                + "a cell is one line of text, without line breaks or control characters")
        }
        if source.count > Notebook.longestCell {
            throw NotebookError("\(label)'s source is \(source.count) characters long; a cell is at most \(Notebook.longestCell)")
        }
    }

    /// Reads and checks a session, or says precisely what is wrong with it.
    package static func read(_ text: String) throws(NotebookError) -> Contents {
        let json: JSONValue
        do {
            json = try JSONParser.parse(text)
        } catch {
            throw NotebookError(error.description)
        }
        guard case .object(let top) = json else {
            throw NotebookError("not a descent session: the file is not a JSON object")
        }
        // A Jupyter notebook: its cells' lines are the cells.
        if json["nbformat"] != nil { return try JupyterNotebook.read(json) }
        guard case .string(let format)? = json["format"] else {
            throw NotebookError("not a descent session: it has no \"format\": \"\(Session.format)\"")
        }
        guard format == Session.format else {
            throw NotebookError("not a descent session: its format is \"\(format)\", not \"\(Session.format)\"")
        }
        guard case .number(let version)? = json["version"], version >= 1, version < 1e9 else {
            throw NotebookError("the session has no valid \"version\" (a number from 1)")
        }
        // 1.x are all readable: only a newer major version is refused.
        guard Int(version) <= Session.version else {
            throw NotebookError("the session was written by a newer descent (format version \(Int(version)); this one reads up to \(Session.version)); update descent to open it")
        }

        let (settings, extraSettings) = try readSettings(json["settings"])

        guard case .array(let cellsJSON)? = json["cells"] else {
            throw NotebookError("the session has no \"cells\" list")
        }
        var cells: [(id: Int, source: String, output: String?, extra: [(String, JSONValue)])] = []
        var ids = Set<Int>()
        var names: [String: Int] = [:]
        for (position, cellJSON) in cellsJSON.enumerated() {
            let label = "cell \(position + 1) of the file"
            guard case .object(let pairs) = cellJSON else {
                throw NotebookError("\(label) is not an object")
            }
            guard case .number(let idNumber)? = cellJSON["id"], idNumber == idNumber.rounded(), idNumber >= 1, idNumber < 1e9 else {
                throw NotebookError("\(label) has no valid \"id\" (a whole number from 1)")
            }
            let id = Int(idNumber)
            guard case .string? = cellJSON["name"] else {
                throw NotebookError("cell [\(id)] has no \"name\"")
            }
            guard case .string(let source)? = cellJSON["source"] else {
                throw NotebookError("cell [\(id)] has no \"source\"")
            }
            try checkSource(source, of: "cell [\(id)]")
            guard ids.insert(id).inserted else {
                throw NotebookError("two cells have the id \(id)")
            }
            // The source decides the name (the "name" key is for people reading
            // the file), so duplicates are looked for among the names the
            // sources define, as the notebook will see them.
            let defined = Cell(id: id, source: source, previousName: nil).name
            if !defined.hasPrefix("_") {
                if let other = names[defined] {
                    throw NotebookError("two cells define '\(defined)': [\(other)] and [\(id)]")
                }
                names[defined] = id
            }
            var output: String?
            if case .string(let text)? = cellJSON["output"] { output = text }
            let extra = pairs.filter { !["id", "name", "source", "output"].contains($0.0) }
            cells.append((id, source, output, extra))
        }
        let extraTop = top.filter { !["format", "version", "settings", "cells"].contains($0.0) }
        return Contents(settings: settings, extraSettings: extraSettings, extraTopLevel: extraTop, cells: cells)
    }
}

extension Notebook {
    /// The session as JSON text.
    package func sessionJSON() -> String { snapshot().json() }

    /// What a save writes, taken as plain values so that it can be written
    /// on another thread while the notebook goes on (autosave).
    package func snapshot() -> SessionSnapshot {
        SessionSnapshot(settings: settings, extraSettings: files.extraSettings, extraTopLevel: files.extraTopLevel,
                        cells: orderedCells.map { .init(id: $0.id, name: $0.name, source: $0.source, output: $0.output, extra: $0.extra) },
                        sessionPath: files.sessionPath)
    }

    /// What a recovery file keeps: the notebook, or, when `:delete` has just
    /// taken its last unsaved cell, the notebook from before that.
    package func snapshotToKeep() -> SessionSnapshot {
        order.isEmpty && isModified ? emptiedFrom ?? snapshot() : snapshot()
    }

    /// Saves to `path` (atomically) and remembers it for the next `:save`.
    /// With `expected`, the file must still be that version when it is
    /// replaced (see `AtomicFile.write`); otherwise it is not saved.
    package func save(to path: String) throws(NotebookError) {
        try save(to: path, expected: .none)
    }

    func save(to path: String, expected: FileStamp??) throws(NotebookError) {
        // A name's file goes in the sessions folder, made when first needed.
        let expectation: AtomicFile.Expectation = expected.map { .version($0) } ?? .anything
        let text = path.hasSuffix(".ipynb") ? jupyterJSON() : sessionJSON()
        let stamp = try AtomicFile.write(text, to: path, creatingFolder: path.hasPrefix("sessions/"), expected: expectation)
        own(path, stamp)
        files.sessionPath = path
        isModified = false
        emptiedFrom = nil
    }

    /// Replaces the whole notebook with a session's cells and runs them all.
    /// On any problem nothing changes and the error says what was wrong.
    @discardableResult
    package func load(from path: String) throws(NotebookError) -> [CellReport] {
        let (contents, stamp) = try Session.readFile(path)
        return load(contents, from: path, stamp: stamp)
    }

    /// Replaces the notebook with a session read from `path`, which this
    /// notebook may then save over without asking while it is unchanged.
    func load(_ contents: Session.Contents, from path: String, stamp: FileStamp?) -> [CellReport] {
        // What was open before can be brought back with :undo.
        let before = UndoStep.reload(snapshot().contents, sessionPath: files.sessionPath, wasModified: isModified, log: undoLog,
                                     ownFiles: files.owned)
        let hadCells = !order.isEmpty
        let reports = load(contents)
        files.sessionPath = path
        isModified = false
        files.owned = stamp.map { [canonicalPath(path): $0] } ?? [:]
        if hadCells { undoLog = [before] }
        return reports
    }

    /// Replaces the notebook with checked contents and runs every cell.
    package func load(_ contents: Session.Contents) -> [CellReport] {
        // The width is the terminal's, not the file's, and so is whether it can show more than ASCII.
        var loadedSettings = contents.settings
        loadedSettings.width = settings.width
        if plainCharactersOnly { loadedSettings.charset = .ascii }
        let fresh = Notebook()
        fresh.settings = loadedSettings
        for entry in contents.cells.sorted(by: { $0.id < $1.id }) {
            var cell = Cell(id: entry.id, source: entry.source, previousName: fresh.order.last.flatMap { fresh.cells[$0]?.name })
            cell.extra = entry.extra
            cell.checksData = entry.extra.contains { $0.0 == "data" }
            cell.output = entry.output ?? ""
            fresh.insert(cell)
        }
        cells = fresh.cells
        order = fresh.order
        graph = fresh.graph
        nextID = (order.last ?? 0) + 1
        settings = loadedSettings
        files.extraSettings = contents.extraSettings
        files.extraTopLevel = contents.extraTopLevel
        undoLog = []
        return rerunAll()
    }
}

/// A notebook's saved form, as values: see `Notebook.snapshot()`.
package struct SessionSnapshot: @unchecked Sendable {
    struct Entry {
        var id: Int
        var name: String
        var source: String
        var output: String
        var extra: [(String, JSONValue)]
    }

    var settings: Settings
    var extraSettings: [(String, JSONValue)]
    var extraTopLevel: [(String, JSONValue)]
    var cells: [Entry]
    /// The file the notebook was last saved to or loaded from.
    package var sessionPath: String?

    package var cellCount: Int { cells.count }

    /// The session file's text, with `extra` top-level keys added.
    package func json(extra: [(String, JSONValue)] = []) -> String {
        let cellsJSON: [JSONValue] = cells.map { cell in
            .object([
                ("id", .number(Double(cell.id))), ("name", .string(cell.name)),
                ("source", .string(cell.source)), ("output", .string(cell.output)),
            ] + cell.extra)
        }
        let top: [(String, JSONValue)] = [
            ("format", .string(Session.format)), ("version", .number(Double(Session.version))),
            ("settings", Session.settingsJSON(settings, extra: extraSettings)), ("cells", .array(cellsJSON)),
        ] + extraTopLevel + extra
        return JSONValue.object(top).serialized(pretty: true) + "\n"
    }
}

extension SessionSnapshot {
    /// The snapshot as contents to load back.
    var contents: Session.Contents {
        Session.Contents(settings: settings, extraSettings: extraSettings, extraTopLevel: extraTopLevel,
                         cells: cells.map { (id: $0.id, source: $0.source, output: $0.output, extra: $0.extra) })
    }
}
