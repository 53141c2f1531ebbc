import Language

/// The command table: each command's name, aliases, whether `!` forces it,
/// its argument, whether it needs a terminal, and its help, in the order
/// `:help` lists them. The REPL, scripts, the kernel, completion and `:help`
/// all read it.
extension Command.Entry {
    package static let table: [Command.Entry] = [
        Command.Entry(":help", aliases: [":h", ":?"], bare: ["help"], argument: .topic, help: ":help  the tour; :help TOPIC for one command or built-in"),
        Command.Entry(":cells", aliases: [":ls"], help: ":cells  lists every cell with its number, name and source"),
        Command.Entry(":show", argument: .cell, help: ":show NAME  (or :show 3) shows a cell's source and its output"),
        Command.Entry(":edit", argument: .cell, terminal: true, help: ":edit NAME  (or :edit 3) puts a cell's source on the prompt; Enter runs it again, and what depends on it"),
        Command.Entry(":delete", aliases: [":del", ":rm"], argument: .cell, help: ":delete NAME  removes a cell; cells that used it report the missing name"),
        Command.Entry(":rerun", help: ":rerun  runs every cell again"),
        Command.Entry(":play", argument: .cell, terminal: true, help: """
            :play NAME  shows a run as a ball rolling downhill, a step at a time, on its curve or map, with the update and its numbers under it.
              keys: space or → next step, ← back, p play/pause, + and - speed, q or Esc back to the prompt
            """),
        Command.Entry(":save", forcible: true, argument: .session, help: """
            :save NAME  writes sessions/NAME.json (a path with / is used as given, with .json added when it has no extension); :save alone saves to the same file again.
            It asks before replacing a file that holds another notebook or that changed on disk since this notebook read or wrote it; :save! NAME replaces it without asking.
            """),
        Command.Entry(":load", aliases: [":open"], forcible: true, argument: .session, help: """
            :load NAME  reads a saved session and runs it; the open notebook is kept if the file is refused.
            Over unsaved changes it asks first, and keeps the replaced cells in a file the next start offers back (:undo brings them back at once); :load! NAME does not ask.
            """),
        Command.Entry(":export", forcible: true, argument: .exportFile, help: """
            :export FILE.py  writes a Python script (numpy, matplotlib) that does what the notebook does: run it with python3 FILE.py; it prints each value and saves each plot as a PNG beside it.
            :export FILE.ipynb  writes a Jupyter notebook (Python 3): each cell's source and output, then its Python; a name with no ending is a notebook too.
            :export FILE.html  writes one page with every cell and its plots drawn as pictures; it needs nothing but a browser.
            :export FILE.svg NAME  writes the plot of one cell (by name or number, as in :export f.svg 12) as a picture.
            It asks before replacing a file this notebook did not write there; :export! FILE does not.
            """),
        Command.Entry(":set", argument: .setting, help: ":set NAME VALUE  changes a setting: precision (digits shown), charset (\(Settings.choices(of: "charset")!.joined(separator: ", "))), rows (table rows at each end), rerun (compact: a cell an edit re-runs shows one line, the last in full; full: all in full); :set alone lists them"),
        Command.Entry(":undo", help: ":undo  takes back the last change to the cells"),
        Command.Entry(":quit", aliases: [":q", ":exit"], bare: ["quit", "exit"], terminal: true, help: ":quit  leaves (Ctrl-D does too); with unsaved cells it asks first: save, discard (a copy stays in the recovery folder) or cancel"),
    ]
}
