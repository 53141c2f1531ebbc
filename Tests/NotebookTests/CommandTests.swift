import Testing
@testable import Language
@testable import Notebook

/// A command line read once, for the notebook, the REPL and scripts.
@Suite struct CommandTests {
    @Test(arguments: [
        (":q", ":quit", false, ""), (":exit", ":quit", false, ""), (":open tut", ":load", false, "tut"),
        (":ls", ":cells", false, ""), (":save! my tut", ":save", true, "my tut"), ("  :rm  x ", ":delete", false, "x"),
    ])
    func aliasesAndForceAreReadOnce(line: String, name: String, forced: Bool, argument: String) throws {
        let command = try #require(Command(line))
        #expect(command.name == name)
        #expect(command.forced == forced)
        #expect(command.argument == argument)
    }

    @Test func aLineThatIsNoCommandIsNone() {
        #expect(Command("f(x) = x^2") == nil)
        #expect(Command(":zz")?.isKnown == false)
    }

    @Test func anAliasRunsItsCommand() {
        let notebook = Notebook.ascii(["a = 1"])
        #expect(notebook.report(":ls").output.contains("a = 1"))
        #expect(notebook.report(":q").output.contains(":quit works at the interactive prompt only"))
    }
}

@Suite struct ReservedNameTests {
    @Test(arguments: ["plot(x) = x", "descend = 1", "sin(x) = x", "pi = 3"])
    func aBuiltInNameCannotBeDefined(source: String) {
        let report = Notebook.ascii().report(source)
        #expect(!report.ok)
        #expect(report.output.contains("cannot be redefined"), "\(report.output)")
    }

    @Test func aTerminalOfPlainCharactersGetsASCIIFromAnySession() throws {
        let text = #"{"format": "descent-session", "version": 1, "settings": {"charset": "unicode"}, "cells": [{"id": 1, "name": "a", "source": "a = 1"}]}"#
        let notebook = Notebook()
        notebook.plainCharactersOnly = true
        _ = notebook.load(try Session.read(text))
        #expect(notebook.settings.charset == .ascii)
        let other = Notebook()
        _ = other.load(try Session.read(text))
        #expect(other.settings.charset == .unicode)
    }
}

/// The command table is the one list: help, the tour, completion and
/// forcing all read it.
@Suite struct CommandTableTests {
    @Test(arguments: Command.Entry.table.map(\.name))
    func everyCommandHasHelpTheTourNamesAndCompletionOffers(name: String) throws {
        let entry = try #require(Command.Entry.named(name))
        #expect(entry.help.hasPrefix(name), "\(entry.help)")
        #expect(Help.text(for: name) == entry.help)
        #expect(Help.tour.contains(" \(name)"))
        let notebook = Notebook()
        #expect(notebook.completions(for: String(name.prefix(3)), cursor: 3).matches.contains(name))
        for alias in entry.aliases {
            #expect(Command(alias)?.name == name)
        }
    }

    @Test func onlyTheCommandsThatReplaceFilesTakeAForce() {
        #expect(Command.Entry.forcible == [":save", ":load", ":export"])
        let notebook = Notebook()
        let report = notebook.report(":cells!")
        #expect(report.output.contains("takes no !; only :save, :load, :export can be forced"), "\(report.output)")
    }

    @Test func aBareWordIsACommandOnlyWhileNoCellHasThatName() {
        let notebook = Notebook()
        #expect(notebook.command(in: "quit")?.name == ":quit")
        notebook.submit("quit = 3")
        #expect(notebook.command(in: "quit") == nil)
        #expect(notebook.command(in: ":quit")?.name == ":quit")
    }
}
