import DataFiles

/// What a notebook knows of files: the session it was last saved to or
/// loaded from, the version of each file it read or wrote, the parts of a
/// loaded session this version does not understand (kept for saving), and
/// whom to ask before it replaces something a person made.
package struct NotebookFiles {
    /// The file last saved to or loaded from.
    package internal(set) var sessionPath: String?
    /// The version of each file this notebook last read or wrote, by its
    /// canonical path: while a file's stamp is still this one, the notebook
    /// may replace it without asking (see `Notebook+Replacing.swift`).
    var owned: [String: FileStamp] = [:]
    /// Keys of a loaded session that this version does not know, kept for saving.
    var extraTopLevel: [(String, JSONValue)] = []
    var extraSettings: [(String, JSONValue)] = []
    /// Answers a question before something a person made is replaced: a
    /// file, or unsaved cells. Nil when there is no one to ask (a script):
    /// then replacing a file is refused, and a `:load` simply replaces the
    /// script's own cells.
    package var ask: ((Question) -> Bool)?
    /// Keeps unsaved cells aside before a `:load` replaces them, and
    /// returns the file they went to (nil when it could not be written).
    package var keepUnsaved: ((SessionSnapshot) -> String?)?
    /// Whether the commands that read and write files (`:save`, `:load`,
    /// `:export`) may run; a notebook fed untrusted input (a fuzzer) turns
    /// them off.
    package var allowsFiles = true

    package init() {}
}
