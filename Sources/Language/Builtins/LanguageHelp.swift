import Calculus
import Descent

/// What `:help` says about the language: each built-in's own help (from the
/// `Builtin` table), a run's parts (from `RunField`), and the topics that
/// are no one built-in.
package enum LanguageHelp {
    static let topics: [String: String] = [
        "methods": """
        descend's method: chooses the update made at each step from the gradient g (step is η):
          gd         x ← x − η g
          momentum   v ← β v + g,  x ← x − η v                     beta: 0.9
          nesterov   v ← β v + g,  x ← x − η (g + β v)             beta: 0.9
          adam       m ← β1 m + (1 − β1) g,  s ← β2 s + (1 − β2) g²,
                     x ← x − η m̂ / (√ŝ + eps)  with m̂ = m / (1 − β1^t), ŝ = s / (1 − β2^t)
                                                     beta1: 0.9  beta2: 0.999  eps: 1e-8
          linesearch x ← x − a g, trying a = η, η/2, η/4, … until f(x − a g) ≤ f(x) − 1e-4 a |g|²
                     (once x − a g is x itself in doubles, the run stops: stalled)
          newton     x ← x − η f'/f''  (with several variables, x − η H⁻¹ g; η is 1 unless given);
                     where f does not curve up, a gradient step x − η g instead, and the table says so
        v, m and s start at 0; t counts the steps from 1. Nesterov is in the form that needs the
        gradient only at the current point (as PyTorch writes it), so on f(x) = x^2 from 1 with
        step 0.1 its first step goes to 1 − 0.1(2 + 0.9·2) = 0.62, where momentum goes to 0.8.
        On f(x) = x^2 from -4, a line search from step 1 tries -4 − 1(−8) = 4, where f is 16,
        not below 16 − 1e-4·1·64; halved, -4 − 0.5(−8) = 0 is, so that step is 0.5 after one
        halving. Newton from -4 goes to -4 − (−8)/2 = 0 at once: on a quadratic, one step.
          descend(f, from: 1, step: 0.1, method: nesterov, beta: 0.5)
          descend(g, from: (0, 0), step: 0.1, method: adam, beta2: 0.99)
          descend(f, from: -4, step: 1, method: linesearch)   descend(f, from: -4, method: newton)
        """,
        "vectors": """
        (1, 2) is a point or vector; v[1] is its first part. A function of several variables
        starts a descent from a point: descend(g, from: (0, 0), step: 0.1), and r.x is a point.
          v = (3, 4)   v[2]   norm(v)   2v   v + (1, 1)   grad(g)(1, 2)
        """,
        "derivative": """
        f' is the derivative of a function of one variable, f'' the second; f'(3) evaluates it.
        For several variables use diff(g, w) and grad(g).
        """,
        "functions": """
        sin cos tan asin acos atan sinh cosh tanh exp ln log log10 log2 sqrt abs sign, and min max of two.
        log is the natural log. Angles are in radians. Outside a function's domain the answer is nan.
          sin(pi/2)   ln(e)   sqrt(2)   max(3, 4)   h(x) = exp(-x^2)   plot(tanh, -3..3)   sin'
        """,
        "data": """
        Data is a table of named columns, read from a file or written in the notebook:
          d = csv("examples/points.csv")     a header row naming the columns, then rows of numbers
          d = table(x: (1, 2, 3, 4), y: (3, 5, 7, 9))
        d.x is a column, a vector: 2 d.x + 1, d.x * d.y, mean(d.y), count(d.x), max(d.y), plot(d).
        A function averages over the rows with mean(…) (or adds them with sum(…)): the error of a
        model y = w x + b on the data, which descent can then minimise:
          loss(w, b) = mean((w*d.x + b - d.y)^2)     grad(loss)     explain(diff(loss, w))
          fit = descend(loss, from: (0, 0), step: 0.01)      line(x) = fit.x[1]*x + fit.x[2]
          plot(d, line)      plot(loss, -1..5, -3..5, path: fit)
          descend(loss, from: (0, 0), step: 0.05, batch: 16, seed: 7)   stochastic: 16 rows a step
        Edit the data and everything that uses it runs again.
        """,
        "names": """
        f(x) = …  defines a function; name = …  defines a value; any other line is named _N after its number.
        ans is the latest result before the cell. Redefining a name changes that cell and re-runs what uses it.
        """,
    ]

    /// `:help runs`, from the table of a run's parts.
    static var runs: String {
        let width = RunField.allCases.map { $0.rawValue.count }.max()! + 2
        return (["r = descend(…) keeps the run. Its parts:"]
            + RunField.allCases.map { "  r." + $0.rawValue.padding(toLength: width, withPad: " ", startingAt: 0) + $0.meaning })
            .joined(separator: "\n")
    }

    /// Every topic name `:help` knows about the language.
    package static var topicNames: [String] {
        Array(topics.keys) + ["runs"] + Builtin.allCases.map(\.rawValue)
    }

    /// The help on `topic`, a built-in, a topic or a word that belongs to one
    /// (`adam` → methods, `r.x` → runs); nil when it is none of those.
    package static func text(for topic: String) -> String? {
        if let builtin = Builtin(rawValue: topic) { return builtin.help }
        if let text = topics[topic] { return text }
        if topic == "runs" || ["run", "r", "status", "path"].contains(topic)
            || (topic.hasPrefix("r.") && RunField(rawValue: String(topic.dropFirst(2))) != nil) { return runs }
        if ["f'", "'", "derivatives"].contains(topic) { return topics["derivative"] }
        if Method.names.contains(topic) || ["method", "method:"].contains(topic) || Method.allParameterNames.contains(topic) {
            return topics["methods"]
        }
        if ["vector", "point", "points"].contains(topic) { return topics["vectors"] }
        if ["ans", "_"].contains(topic) || topic.hasPrefix("_") { return topics["names"] }
        if ElementaryFunction(named: topic) != nil || topic == "log" { return topics["functions"] }
        return nil
    }
}
