import Calculus
import Foundation

/// Answers, in descent's terms, for the habits people bring from Python,
/// numpy, PyTorch and scikit-learn: the tutorial a learner follows is
/// written in Python, so `import numpy as np`, `print(f(3))`, `lr=0.1` and
/// `loss.backward()` are what their fingers type first.
///
///     import numpy as np
///     error: there is nothing to import: descent's functions are built in
///     hint: write exp(x), mean(d.x) or descend(…) as they are; :help lists them
///
/// Each habit is recognised from the line as typed, and replaces the
/// generic answer the parser or the interpreter gave ("put an operator
/// between the two"), keeping its place in the line.
package enum Habits {
    /// The diagnostic for `source` (the code of one line, its comment left
    /// out), or `error` itself when the line shows no known habit.
    package static func answer(_ error: Diagnostic, source: String) -> Diagnostic {
        let line = source.trimmingSpaces
        for habit in lineHabits {
            if let (message, hint) = habit(line, error) {
                return Diagnostic(message ?? error.message, at: error.span, hint: hint)
            }
        }
        return error
    }

    /// The option descent names for one of another library's, if any:
    /// `lr:` → `step:`, `epochs:` → `max:`; never one that means something
    /// else (`steps:` is `max:`, not `step:`). `valueText` is the option's
    /// value as typed, for the answers that rewrite it (`momentum: 0.9`).
    package static func option(for label: String, valueText: String, allowed: [String]) -> String? {
        let lower = label.lowercased()
        if lower == "momentum", allowed.contains("method") {
            return "write method: momentum, beta: \(valueText)"
        }
        if lower == "betas", allowed.contains("beta1") {
            return "write beta1: and beta2: apart, as in beta1: 0.9, beta2: 0.999"
        }
        guard let target = optionAliases.first(where: { $0.value.contains(lower) })?.key, allowed.contains(target),
              target != label else { return nil }
        return "did you mean '\(target):'? (\(label) is \(target): here)"
    }

    /// Other libraries' names for descent's options.
    static let optionAliases: [String: Set<String>] = [
        "from": ["start", "x0", "init", "initial", "x_init", "starting_point", "start_point", "initial_point", "x_0", "at"],
        "step": ["lr", "learning_rate", "learningrate", "alpha", "eta", "rate", "step_size", "stepsize"],
        "max": ["iterations", "iters", "epochs", "steps", "max_iter", "maxiter", "n_iter", "niter", "num_iterations",
                "max_steps", "n_steps", "num_steps", "max_iterations", "n_epochs", "num_epochs"],
        "tol": ["tolerance", "gtol", "atol", "epsilon_tol"],
        "batch": ["batch_size", "batchsize", "minibatch", "mini_batch", "minibatch_size"],
        "seed": ["random_state", "random_seed", "rng", "rng_seed"],
        "method": ["optimizer", "optimiser", "solver", "algorithm", "algo"],
    ]

    /// Python's powers in descent's notation: `x**2` is `x^2`.
    static func powers(_ text: String) -> String {
        text.replacingOccurrences(of: "**", with: "^")
    }

    private typealias Habit = @Sendable (_ line: String, _ error: Diagnostic) -> (message: String?, hint: String)?

    /// Modules a Python user qualifies names with.
    private static let modules = "np|numpy|math|torch|jnp|jax|scipy|tf|sp|sympy|pd|pandas"

    private static let lineHabits: [Habit] = [
        // f = lambda x: x**2, def f(x): return x**2
        { line, _ in
            let python = line.wholeMatch(of: /(\w+)\s*=\s*lambda\s+([\w\s,]*):\s*(.+)/).map { ($0.1, $0.2, $0.3) }
                ?? line.wholeMatch(of: /def\s+(\w+)\s*\(([\w\s,]*)\)\s*:\s*(?:return\s+)?(.*)/).map { ($0.1, $0.2, $0.3) }
            guard let (name, parameters, body) = python else { return nil }
            let list = parameters.split(separator: ",").map { $0.trimmingSpaces }.joined(separator: ", ")
            let written = body.isEmpty ? "…" : Habits.powers(String(body))
            return ("a function is defined by naming its parameters, without lambda or def",
                    "\(name)(\(list.isEmpty ? "x" : list)) = \(written)")
        },
        // x**2
        { line, _ in
            guard line.contains("**") else { return nil }
            return ("powers are written with ^", Habits.powers(line))
        },
        // import numpy as np, from math import exp
        { line, _ in
            guard line.wholeMatch(of: /(import|from)\s+[\w.]+.*/) != nil else { return nil }
            return ("there is nothing to import: descent's functions are built in",
                    "write exp(x), mean(d.x) or descend(…) as they are; :help lists them")
        },
        // for i in range(10): …, while x > 0: …
        { line, _ in
            guard line.prefixMatch(of: /(for|while)\b/) != nil else { return nil }
            return ("descent has no loops: a descent is the loop",
                    "descend(f, from: x0, step: 0.1, max: 10) runs ten steps; x1 = x0 - step * f'(x0) makes one by hand")
        },
        // print(f(3))
        { line, _ in
            guard let match = line.wholeMatch(of: /print\s*\((.*)\)\s*;?/) else { return nil }
            let inner = String(match.1).trimmingSpaces
            return ("print is not needed: each cell shows its value", "type \(inner.isEmpty ? "the expression" : inner) on its own")
        },
        // help(descend), ?descend, descend?
        { line, _ in
            guard let match = line.wholeMatch(of: /help\s*\(\s*(\w*)\s*\)|\?\s*(\w+)|(\w+)\s*\?/) else { return nil }
            let topic = String(match.1 ?? match.2 ?? match.3 ?? "")
            return ("help is a command here", topic.isEmpty ? "type :help" : "type :help \(topic)")
        },
        // pd.read_csv("d.csv"), read_csv("d.csv")
        { line, _ in
            guard let match = line.firstMatch(of: /(?:\b(?:pd|pandas)\.)?read_csv\s*\(\s*(["'][^"']*["'])?/) else { return nil }
            let path = match.1.map { "\"" + $0.dropFirst().dropLast() + "\"" } ?? "\"d.csv\""
            return ("there is no read_csv: descent reads a CSV file with csv()", "d = csv(\(path))")
        },
        // np.linspace(-5, 5, 20), np.arange(…)
        { line, _ in
            guard let match = line.firstMatch(of: /\b(?:np|numpy|torch|jnp)\.(?:linspace|arange)\s*\(\s*([^,()]+),\s*([^,()]+)/) else { return nil }
            let a = match.1.trimmingSpaces, b = match.2.trimmingSpaces
            return ("there is no linspace: a range is written with ..", "write \(a)..\(b), as in plot(f, \(a)..\(b))")
        },
        // np.exp(x), math.sqrt(2)
        { line, _ in
            guard let match = line.firstMatch(of: try! Regex("\\b(\(modules))\\.(\\w+)")) else { return nil }
            let module = String(match.output[1].substring ?? ""), name = String(match.output[2].substring ?? "")
            return ("drop '\(module).': descent's functions are built in", "write \(name)(…) as it is, as in exp(x) or sqrt(2)")
        },
        // loss.backward(), x.grad, optimizer.step(), optimizer.zero_grad()
        { line, _ in
            guard line.firstMatch(of: /\.backward\s*\(|\.grad\b|\boptimizer\.|\.zero_grad\s*\(/) != nil else { return nil }
            return ("descent works out the slopes itself: nothing to backpropagate",
                    "the slope is f'(-4), or grad(loss)(w, b) for several parameters; descend(…) takes the steps")
        },
        // len(d)
        { line, _ in
            guard let match = line.firstMatch(of: /\blen\s*\(\s*(\w+)\s*\)/) else { return nil }
            return ("there is no len: count counts a column's values", "count(\(match.1).x)")
        },
        // minimize(f), scipy's fmin
        { line, _ in
            guard line.firstMatch(of: /\b(minimize|minimise|optimize|optimise|fmin|argmin)\s*\(/) != nil else { return nil }
            return ("descent finds a minimum with descend", "descend(f, from: x0, step: 0.1)")
        },
        // save("tutorial"), load("tutorial")
        { line, _ in
            guard let match = line.wholeMatch(of: /(save|load)\s*\(\s*["']?([^"')]*)["']?\s*\)/) else { return nil }
            let name = match.2.isEmpty ? "NAME" : String(match.2)
            return ("\(match.1) is a command here", ":\(match.1) \(name)")
        },
        // d["x"]
        { line, _ in
            guard let match = line.firstMatch(of: /(\w+)\s*\[\s*["'](\w+)["']\s*\]/) else { return nil }
            return ("a column is named with a dot", "\(match.1).\(match.2)")
        },
        // w, b = fit.x
        { line, _ in
            guard let match = line.wholeMatch(of: /(\w+)\s*,\s*(\w+)\s*=\s*(.+)/) else { return nil }
            let value = match.3.trimmingSpaces
            return ("one name per cell", "\(match.1) = \(value)[1], then \(match.2) = \(value)[2]")
        },
        // method: "momentum"
        { line, _ in
            guard let match = line.firstMatch(of: /\bmethod\s*:\s*["'](\w+)["']/) else { return nil }
            return ("a method is a bare name, without quotes", "method: \(match.1)")
        },
        // plot(f, -5, 5)
        { line, _ in
            guard let match = line.firstMatch(of: /\bplot\s*\(\s*([\w']+)\s*,\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*[,)]/) else { return nil }
            return (nil, "write the range with ..: plot(\(match.1), \(match.2)..\(match.3))")
        },
        // csv('d.csv') and other single-quoted text
        { line, error in
            guard let match = line.firstMatch(of: /\b(csv)\s*\(\s*'([^']*)'/) else { return nil }
            return ("text takes double quotes", "\(match.1)(\"\(match.2)\")")
        },
        // descend(f, from=-4, step=0.1), plot(f, x=-5..5): Python's keyword arguments
        { line, _ in
            guard let match = line.firstMatch(of: /[(,]\s*(\w+)\s*=(?!=)\s*([^,()]*)/) else { return nil }
            let label = String(match.1), value = match.2.trimmingSpaces
            let known = optionAliases.first { $0.key == label || $0.value.contains(label.lowercased()) }?.key ?? label
            return ("options take a colon, not =", "write \(known): \(value.isEmpty ? "…" : value)")
        },
    ]
}
