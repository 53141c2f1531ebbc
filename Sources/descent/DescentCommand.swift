import ArgumentParser
import Foundation
import LineEditor
import Language
import Notebook

/// `descent [FILE] [--json] [--no-color]`: the REPL, a script, or a saved session.
@main
struct DescentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "descent",
        abstract: "A notebook calculator for learning and experimenting with gradient descent.",
        discussion: """
        With no FILE on a terminal, starts the interactive notebook (:help there).
        FILE.json is a saved session: it is replayed, then stays open on a terminal.
        Any other FILE is a script: one cell per line, # starts a comment, and a line
        that is only a comment is a note. Errors go to standard error, each after
        the script line that caused it.
        Standard input that is not a terminal is read as a script.
        Exit status: 0 when every cell ran, 1 when any ended in an error, 2 for a
        usage error or a file that cannot be read.
        Completion for your shell: descent --generate-completion-script bash (or zsh, fish).
        Jupyter: descent kernel install [--user | --prefix DIR] makes descent a kernel.
        """,
        version: "descent 0.1.0"
    )

    @Argument(help: "A script, or a session saved as .json; - reads a script from standard input.",
              completion: .file(extensions: ["json", "txt"]))
    var file: String?

    @Flag(help: "Print one JSON object per cell per line.")
    var json = false

    @Flag(name: .customLong("no-color"), help: "Plain output, without colour (also NO_COLOR).")
    var noColor = false

    @Flag(help: "Serve one notebook over standard input and output, one JSON request and reply per line (the Jupyter kernel's protocol; see docs/protocol.md).")
    var serve = false

    /// As ParsableCommand's, but a usage error exits with 2, as scripts expect.
    static func main() {
        do {
            let arguments = Array(CommandLine.arguments.dropFirst())
            // `descent kernel install …`: two words or more, so never a script's name alone.
            if arguments.count > 1, arguments[0] == "kernel" {
                Foundation.exit(KernelCommand.run(Array(arguments.dropFirst())))
            }
            if let plain = plainArguments(arguments) {
                try start(file: plain.file, json: plain.json, noColor: plain.noColor, serve: plain.serve)
                return
            }
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    /// The command for the usual lines, `descent`, `descent FILE`, `descent
    /// --json FILE`, read without the parser: ArgumentParser's first parse
    /// looks up protocol conformances through the whole binary, which was
    /// half of the time to a script's first answer. Anything else (options
    /// it alone knows, `--help`, a mistake) goes to the parser, which says
    /// what is wrong; nil hands over.
    static func plainArguments(_ arguments: [String] = Array(CommandLine.arguments.dropFirst()))
        -> (file: String?, json: Bool, noColor: Bool, serve: Bool)? {
        var plain: (file: String?, json: Bool, noColor: Bool, serve: Bool) = (nil, false, false, false)
        for argument in arguments {
            switch argument {
            case "--json": plain.json = true
            case "--no-color": plain.noColor = true
            case "--serve": plain.serve = true
            default:
                guard plain.file == nil, argument == "-" || !argument.hasPrefix("-") else { return nil }
                plain.file = argument
            }
        }
        return plain
    }

    func run() throws {
        try DescentCommand.start(file: file, json: json, noColor: noColor, serve: serve)
    }

    static func start(file: String?, json: Bool, noColor: Bool, serve: Bool = false) throws {
        let interactive = Terminal.isTerminal(0)
        // Colour only on a terminal, and not for a script piped in: that output is for reading by programs.
        // NO_COLOR, or a terminal that says it cannot show colour (TERM=dumb).
        let colorWanted = !noColor && (Terminal.environment("NO_COLOR").map(\.isEmpty) ?? true) && Terminal.environment("TERM") != "dumb"
        let options = Options(
            json: json,
            color: colorWanted && Terminal.isTerminal(1) && (interactive || (file != nil && file != "-")),
            interactive: interactive)
        InterruptRouting.blockHere()
        let status = BigStack.run {
            InterruptRouting.allowHere()
            if serve { return Invocation(options: options).serve(file: file) }
            return Invocation(options: options).main(file: file)
        }
        if status != 0 { throw ExitCode(status) }
    }
}

struct Options {
    var json: Bool
    var color: Bool
    var interactive: Bool
}

/// Runs the work on a thread with a large stack, so that deeply nested
/// (but accepted) expressions are handled by recursion without risk.
enum BigStack {
    static func run(_ body: @escaping @Sendable () -> Int32) -> Int32 {
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = body()
            done.signal()
        }
        thread.stackSize = 1 << 29
        thread.start()
        done.wait()
        return box.value
    }

    private final class ResultBox: @unchecked Sendable {
        var value: Int32 = 0
    }
}
