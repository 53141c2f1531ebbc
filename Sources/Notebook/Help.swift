import Language
import Calculus
import Descent

/// The text of `:help`: a short tour, then one topic per command and built-in.
enum Help {
    static let tour = """
    descent: a notebook calculator for gradient descent. One line is one cell.

      f(x) = x^2 + 2                      define a function
      f'                                  its derivative: f'(x) = 2x
      x0 = -4                             name a value
      rate = 0.1
      r = descend(f, from: x0, step: rate)   run gradient descent
      r.x                                 the minimum it found
      plot(f, -5..5, path: r)             the steps drawn on the curve
      rate = 0.9                          change a value: r re-runs by itself
      # Step 2: the slope                 a note: prose kept between the cells
      :save tutorial                      keep the notebook in sessions/tutorial.json
      :export tutorial.py                 take it to Python (or .ipynb, .html)

    Numbers: 3  -4  .5  1e-6    Operators: + - * / ^   2x means 2*x
    Functions: sin cos tan asin acos atan sinh cosh tanh exp ln log log10 log2 sqrt abs min max
    Calculus: f'  f''  diff(g, w)  grad(g)  slope(p, q)  nderiv(f, a)  explain(f')
    Descent: descend(f, from:, step:)  sweep(f, from:, steps: (…))  advise(f, from:)  basins(f, -3..3)
    Plots: plot(f, -5..5)  plot(f, f', -5..5)  plot(r)  plot(g, -5..5, -5..5, path: r)  plot(d, line)
    Data: d = csv("points.csv")  table(x: (…), y: (…))  d.x  mean(…)  sum(…)  (:help data)
    Commands: \(Command.Entry.names.joined(separator: " "))

    :help TOPIC tells more, for any command or built-in: :help descend, :help methods, :help :save
    """

    /// The help of one command, built-in or topic; nil when there is none.
    static func topic(_ name: String) -> String? {
        var topic = name
        // :help :save! is the help of :save.
        if topic.count > 1, topic.hasSuffix("!") { topic.removeLast() }
        return (Command.Entry.named(topic) ?? Command.Entry.named(":" + topic))?.help ?? LanguageHelp.text(for: topic)
    }

    /// Every topic, for completion and suggestions.
    static var topicNames: [String] { Command.Entry.names + LanguageHelp.topicNames }

    static func text(for topic: String?) -> String {
        guard let topic, !topic.isEmpty else { return tour }
        if let text = self.topic(topic) { return text }
        let all = topicNames
        let hint = NameSuggestion.closest(to: topic, in: all).map { " Did you mean '\($0)'?" } ?? ""
        return "No help on '\(topic)'.\(hint) Topics: " + all.sorted().joined(separator: " ")
    }
}

extension Help {
    /// The language reference in `docs/reference.md`, made from the same
    /// tables `:help` reads (commands, built-ins, topics), so that the two
    /// cannot drift apart: a test compares the file with this text, and
    /// `make reference` writes it.
    static func reference() -> String {
        var text = """
        # descent reference

        Every command, built-in and topic, as `:help TOPIC` shows it at the prompt.
        This page is made from the tables `:help` reads (`make reference` writes it again).

        ## The tour

        ```text
        \(tour)
        ```

        ## Commands

        """
        for entry in Command.Entry.table {
            let also = entry.aliases.isEmpty ? "" : " (also " + entry.aliases.map { "`\($0)`" }.joined(separator: ", ") + ")"
            text += "\n### `\(entry.name)`\(also)\n\n```text\n\(entry.help)\n```\n"
        }
        text += "\n## Built-ins\n"
        for builtin in Builtin.allCases {
            text += "\n### `\(builtin.rawValue)`\n\n```text\n\(builtin.help)\n```\n"
        }
        text += "\n## Topics\n"
        for topic in LanguageHelp.topicNames.filter({ Builtin(rawValue: $0) == nil }).sorted() {
            guard let help = LanguageHelp.text(for: topic) else { continue }
            text += "\n### \(topic)\n\n```text\n\(help)\n```\n"
        }
        return text
    }
}
