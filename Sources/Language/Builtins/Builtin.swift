import Calculus
import Descent

/// The built-in functions of the cell language: the one table that the
/// interpreter, the parser's hints, Tab completion and `:help` all read.
/// Adding a built-in is one case here, with its options, usage and help,
/// and its call below (a long one in a file of its own, as `descend`).
///
///     descend   options [from step tol max method beta beta1 beta2 eps]
///               usage   descend(f, from: x0, step: 0.1)
package enum Builtin: String, CaseIterable, Sendable {
    case diff, grad, slope, nderiv, explain, descend, sweep, basins, norm, table, csv, sum, mean, count, plot, advise

    /// The named options it takes, for checking and completion.
    package var options: [String] {
        let descentOptions = ["tol", "max", "method"] + Method.allParameterNames
        switch self {
        case .nderiv: return ["h"]
        case .descend: return ["from", "step", "batch", "seed"] + descentOptions
        case .sweep: return ["from", "steps", "step"] + descentOptions
        case .basins: return ["step", "n", "width", "height"] + descentOptions
        case .plot: return ["path", "width", "height"]
        case .advise: return ["from"]
        default: return []
        }
    }

    /// How many unnamed arguments it takes.
    var positionalCount: ClosedRange<Int> {
        switch self {
        case .diff, .slope, .nderiv: return 2...2
        case .plot: return 1...8
        case .basins: return 2...3
        default: return 1...1
        }
    }

    /// One call, as a person would write it.
    package var usage: String {
        switch self {
        case .diff: return "diff(g, w)"
        case .grad: return "grad(g)"
        case .slope: return "slope((x1, y1), (x2, y2))"
        case .nderiv: return "nderiv(f, a) or nderiv(f, a, h: 0.001)"
        case .explain: return "explain(f')"
        case .descend: return "descend(f, from: x0, step: 0.1)"
        case .sweep: return "sweep(f, from: x0, steps: (0.01, 0.1, 0.5)) or sweep(f, from: (-3, 3), step: 0.1)"
        case .basins: return "basins(f, -3..3) or basins(g, -3..3, -3..3)"
        case .norm: return "norm(v)"
        case .table: return "table(x: (1, 2, 3), y: (3, 5, 7)) or table(r)"
        case .csv: return "csv(\"examples/points.csv\")"
        case .sum: return "sum(v)"
        case .mean: return "mean(v)"
        case .count: return "count(v)"
        case .plot: return "plot(f, -5..5) or plot(r)"
        case .advise: return "advise(f, from: x0)"
        }
    }

    /// What `:help NAME` shows.
    package var help: String {
        switch self {
        case .descend:
            return """
            descend(f, from: START, step: RATE)  runs gradient descent: new = old - step * gradient
              from:    a number, or a point (1, 2) for a function of several variables
              step:    the step size (learning rate)
              tol:     stop when the gradient's length is below this (default 1e-6)
              max:     stop after this many steps (default 1000)
              method:  \(Method.names.dropLast().joined(separator: ", ")) or \(Method.names.last!) (default gd)
              beta:    momentum and nesterov (default 0.9); beta1, beta2, eps: adam (:help methods)
              batch:   for a function that averages over data: each step's gradient over this many rows drawn
                       at random (stochastic descent); seed: picks the draws (the same seed, the same rows)
            The result shows the first and last steps and how the run ended:
            converged, max-steps, diverged, interrupted or stalled. Its parts: \(RunField.allCases.map { "r." + $0.rawValue }.joined(separator: " "))
              r = descend(f, from: -4, step: 0.1)
              r2 = descend(g, from: (0, 0), step: 0.1, method: momentum)
            """
        case .sweep:
            return """
            sweep(f, from: START, steps: (s1, s2, …))  runs one descent per step size, side by side
            sweep(f, from: (a, b, …), step: RATE)       runs one descent per start, and lists the
                                                        minima they reached, the lowest marked global
              sweep(f, from: -4, steps: (0.01, 0.1, 0.5, 1.1))
              sweep(f, from: (-3, -1, 1, 3), step: 0.1)     sweep(g, from: ((0, 0), (2, 2)), step: 0.1)
            It takes the same options as descend (tol:, max:, method:, …).
            """
        case .basins:
            return """
            basins(f, -3..3)          a descent from every x of the range: under f's curve, the letter
                                      of the minimum each start reaches (capitals mark the minima)
            basins(g, -3..3, -3..3)   the same from every point of a box, drawn as a map
              n:      starts per axis (default: one per character of the plot)
              step:   each run's step (default \(NumberFormat.shortest(Interpreter.basinStep)))
            It takes the options of descend (method:, tol:, max:, …). The legend names each minimum
            with its f and its share of the starts, the lowest marked global; ! diverged, ~ hit the
            step limit, ^ stopped on a maximum, saddle or flat spot.
              basins(f, -3..3)   basins(g, -5..5, -5..5, n: 40, method: momentum)
            """
        case .diff:
            return """
            diff(g, w)  the partial derivative of g by its parameter w, a function of all of g's parameters
              g(w, b) = (w - 3)^2 + (b + 1)^2
              diff(g, w)          diff(g, w)(w, b) = 2(w - 3)
            """
        case .grad:
            return """
            grad(g)  the vector of g's partial derivatives; grad(g)(1, 2) evaluates it
              grad(g)(0, 0)
            """
        case .slope:
            return """
            slope((x1, y1), (x2, y2))  rise over run between two points
              slope((2, 2), (6, 4))   0.5
            """
        case .nderiv:
            return """
            nderiv(f, a)  the derivative of f at a from function values (central difference)
              nderiv(f, 3)  nderiv(f, 3, h: 0.001)
            """
        case .explain:
            return """
            explain(f')  shows the derivative worked out rule by rule: power rule, sum rule, chain rule…
              explain(f')  explain(f'')  explain(diff(g, w))
            """
        case .norm:
            return "norm(v)  the length of a vector: norm((3, 4)) is 5"
        case .table:
            return """
            table(x: (1, 2, 3), y: (3, 5, 7))   data written in the notebook: named columns of one length
            table(r)                            every recorded step of a descent run, not just the first and last
              d = table(x: (1, 2, 3, 4), y: (3, 5, 7, 9))    d.x is a column; plot(d) draws the points
            """
        case .csv:
            return """
            csv("file.csv")  reads data: a header row naming the columns, then rows of numbers
              d = csv("examples/points.csv")    d.x, d.y are its columns; mean(d.y), plot(d)
              loss(w, b) = mean((w*d.x + b - d.y)^2)    a model's error over the data, ready to descend
            The path is from the folder descent runs in. A bad row is an error naming its line and column.
            """
        case .sum, .mean, .count:
            return """
            sum(v)  mean(v)  count(v)  add up, average or count a vector's parts, or a column's rows (min(v), max(v) too)
            In a function they go over the rows of data: loss(w, b) = mean((w*d.x + b - d.y)^2);
            its derivative goes through the mean, since the data are constants: explain(diff(loss, w))
            """
        case .advise:
            return """
            advise(f, from: x0)  reads how f curves at x0 and what that means for the step size
              L, the curvature: f''(x0), or for several variables the largest eigenvalue of the Hessian
              steps below 2/L shrink the distance to a minimum near x0; larger ones overshoot and grow
              1/L is a good first step: on a quadratic it reaches the minimum in one step
              with several variables, the condition number (largest over smallest curvature) says how
              much gradient descent zig-zags across a narrow valley
              advise(f, from: -4)   advise(g, from: (0, 0))
            """
        case .plot:
            return """
            plot(f, -5..5)              a function over a range
            plot(f, f', -5..5)          several functions, with a legend
            plot(f, -5..5, path: r)     the steps of a descent on the curve
            plot(f, -5..5, path: s)     every run of a sweep, each its own letter (path: (r1, r2) for runs)
            plot(r)                     f against the step number
            plot(g, -5..5, -5..5, path: r)   a two-variable function as a map
            plot(d, line)               a table's points, with a function drawn through them
              width: and height: set the plot's size in characters (width: 60, height: 12)
            """
        }
    }

    /// Whether a name has a fixed meaning, so that no cell may define it: a
    /// constant, an elementary function or a built-in.
    package static func isReserved(_ name: String) -> Bool {
        BuiltinNames.constants[name] != nil || ElementaryFunction(named: name) != nil || Builtin(rawValue: name) != nil
    }

    /// Every name with a fixed meaning, for completion and suggestions.
    package static var reservedNames: [String] {
        allCases.map(\.rawValue) + ElementaryFunction.allNames + BuiltinNames.constants.keys.sorted()
    }

    /// What it does when called.
    func call(_ arguments: Arguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        // table(x: …, y: …): its labels are the columns' names, whatever they are.
        if self == .table, arguments.positional.isEmpty {
            return try interpreter.dataTable(arguments)
        }
        try arguments.check(rawValue, allowed: options, positionalCount: positionalCount, usage: usage)
        let first = arguments.positional[0]
        switch self {
        case .diff:
            let function = try interpreter.function(first, for: "diff")
            guard let variable = arguments.positional[1].nameValue, function.parameters.contains(variable) else {
                throw Diagnostic("the second argument of diff must be one of \(function.name)'s parameters: " +
                                 function.parameters.joined(separator: ", "), at: arguments.positional[1].span)
            }
            return .function(function.derivative(by: variable, name: "diff(\(function.name), \(variable))"))
        case .grad:
            let function = try interpreter.function(first, for: "grad")
            let partials = function.parameters.map {
                function.derivative(by: $0, name: "diff(\(function.name), \($0))")
            }
            return .gradient(GradientValue(of: function, partials: partials))
        case .slope:
            let p = try interpreter.point2(arguments.positional[0])
            let q = try interpreter.point2(arguments.positional[1])
            return .number(NumericDerivative.slope(from: p, to: q))
        case .nderiv:
            let function = try interpreter.function(first, for: "nderiv")
            guard function.parameters.count == 1 else {
                throw Diagnostic("nderiv needs a function of one variable; '\(function.name)' has \(function.parameters.count)", at: first.span)
            }
            let a = try interpreter.number(arguments.positional[1], "the point")
            var h: Double?
            if let step = arguments.value("h") {
                h = try interpreter.number(step, "h")
                guard let h, h > 0, h.isFinite else {
                    throw Diagnostic("h must be a positive number", at: step.span)
                }
            }
            return .number(NumericDerivative.central(at: a, step: h) { function([$0]) })
        case .explain:
            return try interpreter.explain(first)
        case .descend:
            return try interpreter.descend(arguments)
        case .sweep:
            return try interpreter.sweep(arguments)
        case .basins:
            return try interpreter.basins(arguments)
        case .norm:
            switch try interpreter.evaluate(first) {
            case .number(let x): return .number(Swift.abs(x))
            case .vector(let parts): return .number(Length.of(parts))
            case let other: throw Diagnostic("norm needs a number or a vector, not \(other.kindDescription)", at: first.span)
            }
        case .plot:
            return try interpreter.plot(arguments)
        case .advise:
            return try interpreter.advise(arguments)
        case .table:
            guard case .run(let run) = try interpreter.evaluate(first) else {
                throw Diagnostic("table needs a descent run, or columns of data, as in table(x: (1, 2), y: (3, 5))", at: first.span)
            }
            return .text(PathTable.render(run, settings: interpreter.settings, allRows: true), kind: .table)
        case .csv:
            return try interpreter.csv(arguments)
        case .sum, .mean, .count:
            return try interpreter.reduce(self, first)
        }
    }
}
