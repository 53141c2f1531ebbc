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
    Commands: :help :cells :show :edit :delete :rerun :play :save :load :export :set :undo :quit

    :help TOPIC tells more, for any command or built-in: :help descend, :help methods, :help :save
    """

    /// The notebook's commands; the language's topics are in `LanguageHelp`.
    static let commands: [String: String] = [
        ":cells": ":cells  lists every cell with its number, name and source",
        ":show": ":show NAME  (or :show 3) shows a cell's source and its output",
        ":edit": ":edit NAME  (or :edit 3) puts a cell's source on the prompt; Enter runs it again, and what depends on it",
        ":delete": ":delete NAME  removes a cell; cells that used it report the missing name",
        ":rerun": ":rerun  runs every cell again",
        ":play": """
        :play NAME  shows a run as a ball rolling downhill, a step at a time, on its curve or map, with the update and its numbers under it.
          keys: space or → next step, ← back, p play/pause, + and - speed, q or Esc back to the prompt
        """,
        ":save": """
        :save NAME  writes sessions/NAME.json (a path with / is used as given, with .json added when it has no extension); :save alone saves to the same file again.
        It asks before replacing a file that holds another notebook or that changed on disk since this notebook read or wrote it; :save! NAME replaces it without asking.
        """,
        ":load": """
        :load NAME  reads a saved session and runs it; the open notebook is kept if the file is refused.
        Over unsaved changes it asks first, and keeps the replaced cells in a file the next start offers back (:undo brings them back at once); :load! NAME does not ask.
        """,
        ":export": """
        :export FILE.py  writes a Python script (numpy, matplotlib) that does what the notebook does: run it with python3 FILE.py; it prints each value and saves each plot as a PNG beside it.
        :export FILE.ipynb  writes a Jupyter notebook (Python 3): each cell's source and output, then its Python; a name with no ending is a notebook too.
        :export FILE.html  writes one page with every cell and its plots drawn as pictures; it needs nothing but a browser.
        :export FILE.svg NAME  writes the plot of one cell (by name or number, as in :export f.svg 12) as a picture.
        It asks before replacing a file this notebook did not write there; :export! FILE does not.
        """,
        ":set": ":set NAME VALUE  changes a setting: precision (digits shown), charset (\(Settings.choices(of: "charset")!.joined(separator: ", "))), rows (table rows at each end), rerun (compact: a cell an edit re-runs shows one line, the last in full; full: all in full); :set alone lists them",
        ":undo": ":undo  takes back the last change to the cells",
        ":quit": ":quit  leaves (Ctrl-D does too); with unsaved cells it asks first: save, discard (a copy stays in the recovery folder) or cancel",
        ":help": ":help  the tour; :help TOPIC for one command or built-in",
    ]

    /// Every topic, for completion and suggestions.
    static var topicNames: [String] { Array(commands.keys) + LanguageHelp.topicNames }

    static func text(for topic: String?) -> String {
        guard var topic, !topic.isEmpty else { return tour }
        // :help :save! is the help of :save.
        if topic.count > 1, topic.hasSuffix("!") { topic.removeLast() }
        if let text = commands[topic] ?? commands[":" + topic] ?? LanguageHelp.text(for: topic) { return text }
        let all = topicNames
        let hint = NameSuggestion.closest(to: topic, in: all).map { " Did you mean '\($0)'?" } ?? ""
        return "No help on '\(topic)'.\(hint) Topics: " + all.sorted().joined(separator: " ")
    }
}
