/// A notebook command line, read once for everyone who acts on it (the
/// notebook, the REPL, a script): its name with aliases resolved, whether
/// `!` forces it, and its argument.
///
///     ":save! tut"   → name ":save", forced, argument "tut"
///     ":q"           → name ":quit"
///     ":ls"          → name ":cells"
package struct Command: Sendable, Hashable {
    /// The command's own name, as `:help` lists it (or as typed, when it is no command).
    package let name: String
    /// The name as typed, with its `!`.
    package let typed: String
    package let forced: Bool
    package let argument: String

    /// Every command, in the order `:help` lists them.
    package static let names = [":help", ":cells", ":show", ":edit", ":delete", ":rerun", ":play", ":save", ":load",
                               ":export", ":set", ":undo", ":quit"]
    /// Other spellings of commands.
    static let aliases = [":h": ":help", ":?": ":help", ":ls": ":cells", ":del": ":delete", ":rm": ":delete",
                          ":open": ":load", ":q": ":quit", ":exit": ":quit"]
    /// The commands that replace files or cells, which `!` forces (`:save! tut`).
    package static let forcible = [":save", ":load", ":export"]

    /// Reads a line that starts with `:`; nil for any other line.
    package init?(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix(":") else { return nil }
        let parts = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
        typed = parts[0]
        argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        forced = typed.count > 2 && typed.hasSuffix("!")
        let bare = forced ? String(typed.dropLast()) : typed
        name = Command.aliases[bare] ?? bare
    }

    /// `help`, `quit` or `exit` typed without the colon, as in Python's
    /// shell: the command meant, or nil for any other line. (A notebook with a
    /// cell of that name shows the cell instead.)
    package static func bare(_ line: String) -> Command? {
        switch line.trimmingCharacters(in: .whitespaces) {
        case "help": return Command(":help")
        case "quit", "exit": return Command(":quit")
        default: return nil
        }
    }

    /// Whether this is a command at all, rather than a typo of one.
    package var isKnown: Bool { Command.names.contains(name) }
    package var isQuit: Bool { name == ":quit" && !forced }
    package var isEdit: Bool { name == ":edit" && !forced }
    package var isPlay: Bool { name == ":play" && !forced }
}
