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
      :save tutorial                      keep the notebook in sessions/tutorial.json

    Numbers: 3  -4  .5  1e-6    Operators: + - * / ^   2x means 2*x
    Functions: sin cos tan asin acos atan sinh cosh tanh exp ln log log10 log2 sqrt abs min max
    Calculus: f'  f''  diff(g, w)  grad(g)  slope(p, q)  nderiv(f, a)  explain(f')
    Descent: descend(f, from:, step:)  sweep(f, from:, steps: (…))
    Plots: plot(f, -5..5)  plot(f, f', -5..5)  plot(r)  plot(g, -5..5, -5..5, path: r)
    Commands: :help :cells :show :edit :delete :rerun :save :load :export :set :undo :quit

    :help TOPIC tells more, for any command or built-in: :help descend, :help methods, :help :save
    """

    static let topics: [String: String] = [
        "descend": """
        descend(f, from: START, step: RATE)  runs gradient descent: new = old - step * gradient
          from:    a number, or a point (1, 2) for a function of several variables
          step:    the step size (learning rate)
          tol:     stop when the gradient's length is below this (default 1e-6)
          max:     stop after this many steps (default 1000)
          method:  gd, momentum, nesterov or adam (default gd)
          beta:    momentum and nesterov (default 0.9); beta1, beta2, eps: adam (:help methods)
        The result shows the first and last steps and how the run ended:
        converged, max-steps, diverged or interrupted. Its parts: r.x r.f r.steps r.status r.path
          r = descend(f, from: -4, step: 0.1)
          r2 = descend(g, from: (0, 0), step: 0.1, method: momentum)
        """,
        "methods": """
        descend's method: chooses the update made at each step from the gradient g (step is η):
          gd         x ← x − η g
          momentum   v ← β v + g,  x ← x − η v                     beta: 0.9
          nesterov   v ← β v + g,  x ← x − η (g + β v)             beta: 0.9
          adam       m ← β1 m + (1 − β1) g,  s ← β2 s + (1 − β2) g²,
                     x ← x − η m̂ / (√ŝ + eps)  with m̂ = m / (1 − β1^t), ŝ = s / (1 − β2^t)
                                                     beta1: 0.9  beta2: 0.999  eps: 1e-8
        v, m and s start at 0; t counts the steps from 1. Nesterov is in the form that needs the
        gradient only at the current point (as PyTorch writes it), so on f(x) = x^2 from 1 with
        step 0.1 its first step goes to 1 − 0.1(2 + 0.9·2) = 0.62, where momentum goes to 0.8.
          descend(f, from: 1, step: 0.1, method: nesterov, beta: 0.5)
          descend(g, from: (0, 0), step: 0.1, method: adam, beta2: 0.99)
        """,
        "vectors": """
        (1, 2) is a point or vector; v[1] is its first part. A function of several variables
        starts a descent from a point: descend(g, from: (0, 0), step: 0.1), and r.x is a point.
          v = (3, 4)   v[2]   norm(v)   2v   v + (1, 1)   grad(g)(1, 2)
        """,
        "runs": """
        r = descend(…) keeps the run. Its parts:
          r.x       the final point (a number for a function of one variable)
          r.f       f there
          r.steps   the updates made
          r.status  converged, max-steps, diverged (a value became infinite or NaN) or interrupted
          r.path    the recorded steps; table(r) shows them all, plot(r) draws f against the step
        """,
        "sweep": """
        sweep(f, from: START, steps: (s1, s2, …))  runs one descent per step size, side by side
          sweep(f, from: -4, steps: (0.01, 0.1, 0.5, 1.1))
        It takes the same options as descend (tol:, max:, method:, …).
        """,
        "diff": """
        diff(g, w)  the partial derivative of g by its parameter w, a function of all of g's parameters
          g(w, b) = (w - 3)^2 + (b + 1)^2
          diff(g, w)          diff(g, w)(w, b) = 2(w - 3)
        """,
        "grad": """
        grad(g)  the vector of g's partial derivatives; grad(g)(1, 2) evaluates it
          grad(g)(0, 0)
        """,
        "slope": """
        slope((x1, y1), (x2, y2))  rise over run between two points
          slope((2, 2), (6, 4))   0.5
        """,
        "nderiv": """
        nderiv(f, a)  the derivative of f at a from function values (central difference)
          nderiv(f, 3)  nderiv(f, 3, h: 0.001)
        """,
        "explain": """
        explain(f')  shows the derivative worked out rule by rule: power rule, sum rule, chain rule…
          explain(f')  explain(f'')  explain(diff(g, w))
        """,
        "derivative": """
        f' is the derivative of a function of one variable, f'' the second; f'(3) evaluates it.
        For several variables use diff(g, w) and grad(g).
        """,
        "norm": "norm(v)  the length of a vector: norm((3, 4)) is 5",
        "functions": """
        sin cos tan asin acos atan sinh cosh tanh exp ln log log10 log2 sqrt abs sign, and min max of two.
        log is the natural log. Angles are in radians. Outside a function's domain the answer is nan.
          sin(pi/2)   ln(e)   sqrt(2)   max(3, 4)   h(x) = exp(-x^2)   plot(tanh, -3..3)   sin'
        """,
        "table": "table(r)  every recorded step of a descent run, not just the first and last",
        "plot": """
        plot(f, -5..5)              a function over a range
        plot(f, f', -5..5)          several functions, with a legend
        plot(f, -5..5, path: r)     the steps of a descent on the curve
        plot(r)                     f against the step number
        plot(g, -5..5, -5..5, path: r)   a two-variable function as a map
        """,
        ":cells": ":cells  lists every cell with its number, name and source",
        ":show": ":show NAME  (or :show 3) shows a cell's source and its output",
        ":edit": ":edit NAME  (or :edit 3) puts a cell's source on the prompt; Enter runs it again, and what depends on it",
        ":delete": ":delete NAME  removes a cell; cells that used it report the missing name",
        ":rerun": ":rerun  runs every cell again",
        ":save": """
        :save NAME  writes sessions/NAME.json (a path with / is used as given, with .json added when it has no extension); :save alone saves to the same file again.
        It asks before replacing a file that holds another notebook or that changed on disk since this notebook read or wrote it; :save! NAME replaces it without asking.
        """,
        ":load": """
        :load NAME  reads a saved session and runs it; the open notebook is kept if the file is refused.
        Over unsaved changes it asks first, and keeps the replaced cells in a file the next start offers back (:undo brings them back at once); :load! NAME does not ask.
        """,
        ":export": ":export FILE.ipynb  writes a Jupyter notebook with each cell's source and output; it asks before replacing a file it did not write there, and :export! FILE does not",
        ":set": ":set NAME VALUE  changes a setting: precision (digits shown), charset (unicode or ascii), rows (table rows at each end); :set alone lists them",
        ":undo": ":undo  takes back the last change to the cells",
        ":quit": ":quit  leaves (Ctrl-D does too); unsaved cells are offered back when descent next starts",
        ":help": ":help  the tour; :help TOPIC for one command or built-in",
        "names": """
        f(x) = …  defines a function; name = …  defines a value; any other line is named _N after its number.
        ans is the latest result before the cell. Redefining a name changes that cell and re-runs what uses it.
        """,
    ]

    static func text(for topic: String?) -> String {
        guard var topic, !topic.isEmpty else { return tour }
        // :help :save! is the help of :save.
        if topic.count > 1, topic.hasSuffix("!") { topic.removeLast() }
        if let text = topics[topic] ?? topics[":" + topic] { return text }
        if ["f'", "'", "derivatives"].contains(topic) { return topics["derivative"]! }
        if Method.names.contains(topic) || ["method", "method:", "beta", "beta1", "beta2", "eps"].contains(topic) { return topics["methods"]! }
        if ["vector", "point", "points"].contains(topic) { return topics["vectors"]! }
        if ["run", "r.x", "status", "path", "r"].contains(topic) { return topics["runs"]! }
        if ["ans", "_"].contains(topic) || topic.hasPrefix("_") { return topics["names"]! }
        if ElementaryFunction(named: topic) != nil || topic == "log" { return topics["functions"]! }
        let hint = NameSuggestion.closest(to: topic, in: Array(topics.keys)).map { " Did you mean '\($0)'?" } ?? ""
        return "No help on '\(topic)'.\(hint) Topics: " + topics.keys.sorted().joined(separator: " ")
    }
}
