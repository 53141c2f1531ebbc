/// A notebook command line, read once for everyone who acts on it (the
/// notebook, the REPL, a script, the kernel): its entry in the command
/// table, whether `!` forces it, and its argument.
///
///     ":save! tut"   → :save, forced, argument "tut"
///     ":q"           → :quit
///     ":ls"          → :cells
package struct Command: Sendable, Hashable {
    /// The command's own name, as `:help` lists it (or as typed, when it is no command).
    package let name: String
    /// The name as typed, with its `!`.
    package let typed: String
    package let forced: Bool
    package let argument: String

    /// Reads a line that starts with `:`; nil for any other line.
    package init?(_ line: String) {
        let trimmed = line.trimmingSpaces
        guard trimmed.hasPrefix(":") else { return nil }
        let parts = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
        typed = parts[0]
        argument = parts.count > 1 ? parts[1].trimmingSpaces : ""
        forced = typed.count > 2 && typed.hasSuffix("!")
        let bare = forced ? String(typed.dropLast()) : typed
        name = Command.Entry.named(bare)?.name ?? bare
    }

    /// `help`, `quit` or `exit` typed without the colon, as in Python's
    /// shell: the command meant, or nil for any other line. (A notebook with a
    /// cell of that name shows the cell instead: see `Notebook.command(in:)`.)
    package static func bare(_ line: String) -> Command? {
        let word = line.trimmingSpaces
        guard let entry = Entry.table.first(where: { $0.bareWords.contains(word) }) else { return nil }
        return Command(entry.name)
    }

    /// The command's entry in the table; nil for a typo of one.
    package var entry: Entry? { Entry.named(name) }
    /// Whether this is a command at all, rather than a typo of one.
    package var isKnown: Bool { entry != nil }
    package var isQuit: Bool { name == ":quit" && !forced }
    package var isEdit: Bool { name == ":edit" && !forced }
    package var isPlay: Bool { name == ":play" && !forced }
}

extension Command {
    /// What follows a command's name, which completion offers.
    package enum Argument: Sendable {
        case none
        /// A cell's name or number.
        case cell
        /// A session file (in `sessions/` unless a path is given).
        case session
        /// A file to export to, by its ending.
        case exportFile
        /// A setting's name, then one of its values.
        case setting
        /// A topic of `:help`.
        case topic
    }

    /// One row of the command table: everything the REPL, scripts, the
    /// kernel, completion and `:help` know of a command.
    package struct Entry: Sendable {
        package let name: String
        /// Other spellings (`:q` for `:quit`).
        package let aliases: [String]
        /// Words that mean the command when typed alone without the colon, as in Python's shell.
        package let bareWords: [String]
        /// Whether `!` forces it past the question it would ask (it replaces files or cells).
        package let isForcible: Bool
        package let argument: Argument
        /// Whether it needs a person at a terminal (the REPL handles it; elsewhere it says so).
        package let needsTerminal: Bool
        /// Its `:help` text.
        package let help: String

        init(_ name: String, aliases: [String] = [], bare: [String] = [], forcible: Bool = false, argument: Argument = .none,
             terminal: Bool = false, help: String) {
            self.name = name
            self.aliases = aliases
            self.bareWords = bare
            self.isForcible = forcible
            self.argument = argument
            self.needsTerminal = terminal
            self.help = help
        }

        /// The entry for a name or alias.
        package static func named(_ name: String) -> Entry? {
            table.first { $0.name == name || $0.aliases.contains(name) }
        }

        /// Every command's name, in the order `:help` lists them.
        package static var names: [String] { table.map(\.name) }
        /// The commands that `!` forces.
        package static var forcible: [String] { table.filter(\.isForcible).map(\.name) }
    }
}

extension Notebook {
    /// The command a line is, or nil when it is a cell: a line starting
    /// with `:`, or a bare `help`/`quit`/`exit` that names no cell.
    package func command(in line: String) -> Command? {
        if let command = Command(line) { return command }
        let word = line.trimmingSpaces
        return cell(named: word) == nil ? Command.bare(word) : nil
    }
}
