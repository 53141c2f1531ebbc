import Calculus
import Descent

/// `descend(…)` and `sweep(…)`: reading their options and running them.
extension Interpreter {
    func descend(_ arguments: Arguments) throws(Diagnostic) -> Value {
        let function = try self.function(arguments.positional[0], for: "descend")
        let start = try startingPoint(arguments, of: function, for: "descend")
        let options = try descentOptions(arguments, of: function)
        let step: Double
        if let stepSyntax = arguments.value("step") {
            step = try stepSize(stepSyntax)
        } else if options.method == .newton {
            step = 1   // Newton's own step: the one the curvature asks for
        } else {
            throw Diagnostic("descend needs a step size, as in step: 0.1", at: arguments.callSpan)
        }
        let request = RunRequest(options.objective, from: start, step: step, method: options.method, rule: options.rule,
                                 batch: try batch(arguments, of: function, method: options.method))
        let run = Optimizer.descend(request, shouldStop: control.shouldStop, progress: control.progress)
        return .run(RunValue(function: function, run: run))
    }

    /// `batch: 32, seed: 7`: stochastic descent over the rows of the one table the function averages over.
    private func batch(_ arguments: Arguments, of function: FunctionValue, method: Method) throws(Diagnostic) -> Batch? {
        guard let batchSyntax = arguments.value("batch") else {
            if let seed = arguments.labelSpan("seed") {
                throw Diagnostic("seed: picks the rows of each batch, so it goes with batch:, as in batch: 32, seed: 7", at: seed)
            }
            return nil
        }
        let size = try wholeNumber(arguments, "batch", default: 1, range: 1...1_000_000_000)
        let seed = try wholeNumber(arguments, "seed", default: 1, range: 0...Int(1 << 53))
        let counts = Set(function.bound.dataColumns.map(\.count))
        guard let rows = counts.first, counts.count == 1 else {
            throw Diagnostic(counts.isEmpty
                ? "batch: draws rows of data, and '\(function.name)' averages over none; it works on a function such as mean((w*d.x + b - d.y)^2)"
                : "batch: draws rows of one table, and '\(function.name)' goes over tables of \(counts.sorted().map(String.init).joined(separator: " and ")) rows",
                at: batchSyntax.span)
        }
        if method == .linesearch || method == .newton {
            throw Diagnostic("batch: works with gd, momentum, nesterov and adam; \(method.name) looks at f itself, which a batch only estimates",
                             at: batchSyntax.span)
        }
        return Batch(size: size, seed: UInt64(seed), rows: rows)
    }

    /// `sweep(f, from: x0, steps: (…))`, one run per step size, or
    /// `sweep(f, from: (-3, -1, 1, 3), step: 0.1)`, one run per start.
    func sweep(_ arguments: Arguments) throws(Diagnostic) -> Value {
        if let both = arguments.labelSpan("step"), arguments.value("steps") != nil {
            throw Diagnostic("give sweep either step sizes (steps:) or one step: with several starts, not both", at: both)
        }
        let function = try self.function(arguments.positional[0], for: "sweep")
        let starts = try startingPoints(arguments, of: function)
        let options = try descentOptions(arguments, of: function)
        if let stepSyntax = arguments.value("step") {
            let request = RunRequest(options.objective, from: starts[0], step: try stepSize(stepSyntax),
                                     method: options.method, rule: options.rule)
            let runs = Sweep.run(request, starts: starts, shouldStop: control.shouldStop)
            var sweep = SweepValue(function: function, runs: runs, overStarts: true)
            // Most starts failed: the step that would be stable, from the curvature as advise reads it.
            if runs.filter({ $0.status == .diverged || $0.status == .maxSteps }).count * 2 > runs.count {
                sweep.steepest = StepAdvice.steepestCurvature(options.objective, at: runs.flatMap { [$0.start, $0.x] })
            }
            return .sweep(sweep)
        }
        guard let stepsSyntax = arguments.value("steps") else {
            throw Diagnostic("sweep needs step sizes, as in steps: (0.01, 0.1, 0.5), or starts and one step, as in from: (-3, 3), step: 0.1",
                             at: arguments.callSpan)
        }
        guard starts.count == 1 else {
            throw Diagnostic("a sweep varies the start or the step, not both: give one start with steps:, or several starts with one step:",
                             at: arguments.value("from")?.span ?? arguments.callSpan)
        }
        var steps: [Double] = []
        switch try evaluate(stepsSyntax) {
        case .number(let step): steps = [step]
        case .vector(let parts): steps = parts
        case let other:
            throw Diagnostic("steps: must be a list of step sizes, not \(other.kindDescription)", at: stepsSyntax.span)
        }
        for step in steps where !(step > 0 && step.isFinite) {
            throw Diagnostic("every step size must be a positive number; \(NumberFormat.shortest(step)) is not", at: stepsSyntax.span)
        }
        guard !steps.isEmpty else {
            throw Diagnostic("steps: needs at least one step size, as in steps: (0.01, 0.1, 0.5)", at: stepsSyntax.span)
        }
        guard steps.count <= 1000 else {
            throw Diagnostic("at most 1000 step sizes in one sweep", at: stepsSyntax.span)
        }
        let request = RunRequest(options.objective, from: starts[0], step: steps[0], method: options.method, rule: options.rule)
        let runs = Sweep.run(request, steps: steps, shouldStop: control.shouldStop)
        return .sweep(SweepValue(function: function, runs: runs))
    }

    /// The starts of a sweep: numbers for a function of one variable, points for several.
    private func startingPoints(_ arguments: Arguments, of function: FunctionValue) throws(Diagnostic) -> [[Double]] {
        guard let fromSyntax = arguments.value("from") else {
            throw Diagnostic("sweep needs its starts, as in from: (-3, -1, 1, 3)", at: arguments.callSpan)
        }
        let n = function.parameters.count
        var starts: [[Double]] = []
        if n == 1 {
            switch try evaluate(fromSyntax) {
            case .number(let x): starts = [[x]]
            case .vector(let parts): starts = parts.map { [$0] }
            case let other:
                throw Diagnostic("from: must be starting numbers, as in (-3, -1, 1, 3), not \(other.kindDescription)", at: fromSyntax.span)
            }
        } else {
            // A point, or a list of points: ((0, 0), (2, 2)).
            let items: [Syntax]
            if case .vector(let parts) = fromSyntax.kind, parts.allSatisfy({ if case .vector = $0.kind { return true } else { return false } }) {
                items = parts
            } else {
                items = [fromSyntax]
            }
            for item in items {
                guard case .vector(let point) = try evaluate(item), point.count == n else {
                    throw Diagnostic("each start of '\(function.name)' is a point of \(n) parts, as in from: ((0, 0), (2, 2))", at: item.span)
                }
                starts.append(point)
            }
        }
        guard !starts.isEmpty, starts.count <= 10_000 else {
            throw Diagnostic("a sweep takes from 1 to 10000 starts", at: fromSyntax.span)
        }
        return starts
    }

    func stepSize(_ syntax: Syntax) throws(Diagnostic) -> Double {
        let step = try number(syntax, "step:")
        guard step > 0, step.isFinite else {
            throw Diagnostic("step: must be a positive number, not \(NumberFormat.shortest(step))", at: syntax.span,
                             hint: "the step is how far to move against the gradient, such as 0.1")
        }
        return step
    }

    /// The `from:` of a call: a number, or a point with one part per parameter of `function`.
    func startingPoint(_ arguments: Arguments, of function: FunctionValue, for builtin: String) throws(Diagnostic) -> [Double] {
        guard let fromSyntax = arguments.value("from") else {
            throw Diagnostic("\(builtin) needs a starting point, as in from: -4", at: arguments.callSpan)
        }
        let start: [Double]
        switch try evaluate(fromSyntax) {
        case .number(let x): start = [x]
        case .vector(let parts): start = parts
        case let other:
            throw Diagnostic("from: must be a number or a point, not \(other.kindDescription)", at: fromSyntax.span)
        }
        guard start.count == function.parameters.count else {
            // Several starts for a function of one variable: that is a sweep.
            let sweep = function.parameters.count == 1 && start.count > 1
                ? "for a run from each start, sweep(\(function.name), from: (\(start.map(NumberFormat.shortest).joined(separator: ", "))), step: 0.01)" : nil
            throw Diagnostic("'\(function.name)' has \(function.parameters.count) parameter\(function.parameters.count == 1 ? "" : "s") (\(function.parameters.joined(separator: ", "))), so from: needs \(function.parameters.count == 1 ? "a number" : "a point of \(function.parameters.count) parts"), not \(start.count)",
                             at: fromSyntax.span, hint: sweep)
        }
        return start
    }

    /// What every run of a descent shares, whatever its start: the compiled
    /// objective, the method and the stopping rule (`tol:`, `max:`, `method:`, …).
    func descentOptions(_ arguments: Arguments, of function: FunctionValue) throws(Diagnostic)
        -> (objective: Objective, method: Method, rule: StoppingRule) {
        var rule = StoppingRule()
        if let tolSyntax = arguments.value("tol") {
            let tol = try number(tolSyntax, "tol:")
            guard tol >= 0, !tol.isNaN else {
                throw Diagnostic("tol: must be zero or a positive number", at: tolSyntax.span)
            }
            rule.tolerance = tol
        }
        if let maxSyntax = arguments.value("max") {
            let max = try number(maxSyntax, "max:")
            guard max >= 0, max == max.rounded(), max <= 1e12 else {
                throw Diagnostic("max: must be a whole number of steps from 0 to 1e12", at: maxSyntax.span)
            }
            rule.maximumSteps = Int(max)
        }

        var methodName = "gd"
        if let methodSyntax = arguments.value("method") {
            guard let name = methodSyntax.nameValue, Method.names.contains(name) else {
                let typed = methodSyntax.nameValue ?? ""
                throw Diagnostic("method: must be one of " + Method.names.joined(separator: ", "), at: methodSyntax.span,
                                 hint: closestName(typed, in: Method.names).map { "did you mean '\($0)'?" })
            }
            methodName = name
        }
        var parameters: [String: Double] = [:]
        let accepted = Method.parameters(of: methodName).map(\.name)
        for option in Method.allParameterNames {
            guard let syntax = arguments.value(option) else { continue }
            guard accepted.contains(option) else {
                throw Diagnostic("method \(methodName) has no parameter '\(option):'", at: arguments.labelSpan(option) ?? syntax.span,
                                 hint: accepted.isEmpty ? "gd has no parameters; choose method: " + Method.names.filter { !Method.parameters(of: $0).isEmpty }.joined(separator: ", ")
                                     : "its parameters are " + accepted.map { $0 + ":" }.joined(separator: " "))
            }
            let value = try number(syntax, option + ":")
            let valid = option == "eps" ? value > 0 && value.isFinite : value >= 0 && value < 1
            guard valid else {
                throw Diagnostic(option == "eps" ? "eps: must be a small positive number" : "\(option): must be at least 0 and below 1",
                                 at: syntax.span)
            }
            parameters[option] = value
        }
        let method = Method(name: methodName, parameters: parameters)!
        let objective: Objective
        do {
            objective = try function.objective(withHessian: method == .newton)
        } catch {
            throw Diagnostic(error.message, at: arguments.positional[0].span, hint: error.hint)
        }
        return (objective, method, rule)
    }
}
