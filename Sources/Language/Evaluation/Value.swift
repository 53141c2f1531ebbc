import Calculus
import Descent
import Plot

/// What a cell evaluates to.
///
///     3 + 4           → .number(7)
///     (1, 2)          → .vector([1, 2])
///     f(x) = x^2      → .function(…)
///     grad(g)         → .gradient(…)
///     descend(f, …)   → .run(…)
package enum Value: Sendable {
    case number(Double)
    case vector([Double])
    case function(FunctionValue)
    case gradient(GradientValue)
    case run(RunValue)
    case sweep(SweepValue)
    case range(Double, Double)
    /// Points in several dimensions: the path of a run of several variables.
    case points([[Double]])
    /// A plot, drawn as text.
    case figure(Figure)
    /// Text to show as it is: an explanation or a plot.
    case text(String, kind: TextKind)
    /// What the curvature at a point says about the step: `advise(f, from: x0)`.
    case advice(AdviceValue)
    /// Which minimum a descent reaches from each start of a grid: `basins(f, -3..3)`.
    case basins(BasinsValue)
    /// Columns of numbers: `csv("points.csv")`, `table(x: (1, 2), y: (3, 5))`.
    case table(TableValue)

    package enum TextKind: Sendable {
        case explanation, table
        /// A single word, such as a run's status.
        case word
    }

    /// "a number", "a function", … for messages.
    package var kindDescription: String {
        switch self {
        case .number: return "a number"
        case .vector: return "a vector"
        case .function: return "a function"
        case .gradient: return "a gradient (a vector of functions)"
        case .run: return "a descent run"
        case .sweep: return "a sweep of descent runs"
        case .range: return "a range"
        case .points: return "a list of points"
        case .figure: return "a plot"
        case .advice: return "advice on the step"
        case .basins: return "a map of basins"
        case .table(let table): return "a table of \(table.rowCount) row\(table.rowCount == 1 ? "" : "s")"
        case .text(_, let kind):
            switch kind {
            case .explanation: return "an explanation"
            case .table: return "a table"
            case .word: return "a word"
            }
        }
    }
}

/// A function of one or more parameters, with everything it needs to be
/// evaluated on its own: calls of other functions are expanded and the
/// named values it uses are captured (the notebook re-runs it when they
/// change).
///
///     h(x) = f(x) + k*x   with f(x) = x^2, k = 3
///       name "h", shown "f(x) + k*x", expanded "x^2 + k*x", values [k: 3]
package struct FunctionValue: Sendable, Hashable {
    /// How it is named in output: `f`, `f'`, `diff(g, w)`.
    package var name: String
    package var parameters: [String]
    /// The body as written (for `f(x) = …`) or as derived and simplified.
    package var shown: Expr
    /// The body with every user-function call replaced by its definition.
    package var expanded: Expr
    /// The numbers of the named values the body uses.
    package var values: [String: Double]
    /// For a derivative: the body as the rules made it, before it was
    /// finished for showing, which is the form evaluated and compiled (see
    /// `Derivative.toEvaluate`); nil where that is `expanded` itself.
    package var evaluated: Expr?

    /// The body that values are computed from.
    package var computed: Expr { evaluated ?? expanded }

    package init(name: String, parameters: [String], shown: Expr, expanded: Expr, values: [String: Double]) {
        self.name = name
        self.parameters = parameters
        self.shown = shown
        self.expanded = expanded
        self.values = values
    }

    package var definition: FunctionDefinition {
        FunctionDefinition(name: name, parameters: parameters, body: expanded)
    }

    /// `f(x) = x^2 + 2`.
    package var description: String {
        "\(signature) = \(ExpressionPrinter.print(shown))"
    }

    /// The name a plot gives the function: `f(x) = x^2 + 2`, and for a
    /// function that is its own body (sin) only `sin(x)`.
    package var label: String {
        let body = ExpressionPrinter.print(shown)
        return body == signature ? signature : "\(signature) = \(body)"
    }

    /// `f(x)`, `g(w, b)`.
    package var signature: String { "\(name)(\(parameters.joined(separator: ", ")))" }

    /// The value at the given arguments, by walking the tree (one call; loops compile).
    package func callAsFunction(_ arguments: [Double]) -> Double {
        computed.evaluate(Dictionary(uniqueKeysWithValues: zip(parameters, arguments)), symbols: values)
    }

    /// The derivative by one parameter: finished to be shown, and as the
    /// rules made it to be computed.
    package func derivative(by parameter: String, name: String) -> FunctionValue {
        let body = Derivative.of(expanded, by: parameter)
        var derivative = FunctionValue(name: name, parameters: parameters, shown: body, expanded: body, values: values)
        derivative.evaluated = Derivative.toEvaluate(computed, by: parameter)
        return derivative
    }

    /// Derivatives beyond this order, or larger than this many nodes, are
    /// refused: repeated differentiation can grow a formula exponentially
    /// (the tenth derivative of x^x), and no one can read or use the result.
    package static let maximumOrder = 20
    package static let maximumDerivativeSize = 20_000

    /// The derivative of the given order of a function of one variable,
    /// named `f'`, `f''`, … after `baseName`.
    package func derivative(order: Int, baseName: String) throws(Diagnostic) -> FunctionValue {
        guard order <= FunctionValue.maximumOrder else {
            throw Diagnostic("derivatives of order above \(FunctionValue.maximumOrder) are not taken")
        }
        var result = self
        for level in 0..<order {
            result = result.derivative(by: parameters[0], name: baseName + String(repeating: "'", count: level + 1))
            if result.expanded.isLarger(than: FunctionValue.maximumDerivativeSize) {
                throw Diagnostic(level == 0
                    ? "the derivative of '\(name)' is too large to work with (over \(FunctionValue.maximumDerivativeSize) terms and factors)"
                    : "derivatives of '\(name)' grow too large to work with: order \(level + 1) has over \(FunctionValue.maximumDerivativeSize) terms and factors")
            }
        }
        return result
    }

    /// The body with named values replaced by their numbers, ready to compile.
    package var bound: Expr { computed.binding(values) }

    /// The function and its gradient compiled, with its Hessian for Newton's method.
    package func objective(withHessian: Bool = false) throws(Diagnostic) -> Objective {
        try Objective(expression: bound, variables: parameters, withHessian: withHessian)
    }

    /// The function alone, compiled.
    package func program() throws(Diagnostic) -> Program {
        try Compiler.compile([bound], inputs: parameters)
    }
}

/// `grad(g)`: the vector of partial derivatives of a function.
package struct GradientValue: Sendable, Hashable {
    package var of: FunctionValue
    package var partials: [FunctionValue]

    package var name: String { "grad(\(of.name))" }

    package var description: String {
        "\(name)(\(of.parameters.joined(separator: ", "))) = (" +
            partials.map { ExpressionPrinter.print($0.shown) }.joined(separator: ", ") + ")"
    }
}

/// A descent run, with the function it minimised (for tables and plots).
package struct RunValue: Sendable {
    package var function: FunctionValue
    package var run: Run

    package init(function: FunctionValue, run: Run) {
        self.function = function
        self.run = run
    }
}

/// The curvature of a function at a point, and the steps it allows.
///
///     advise(f, from: -4)    f(x) = x^2 + 2:   L = 2, steps below 1 settle, 1/L = 0.5
package struct AdviceValue: Sendable {
    package var function: FunctionValue
    package var point: [Double]
    /// The second derivatives at the point, exactly (from the symbolic ones).
    package var hessian: [[Double]]
    /// The Hessian's eigenvalues, smallest first.
    package var eigenvalues: [Double]
    /// Whether f is quadratic, so that its curvature is the same everywhere.
    package var isQuadratic: Bool

    /// L: the steepest curvature, the Hessian's largest eigenvalue.
    package var curvature: Double { eigenvalues.last ?? .nan }
    /// 2/L: the largest step that still shrinks the distance to a minimum; nil where f does not curve up.
    package var stableBelow: Double? { curvature > 0 ? 2 / curvature : nil }
    /// 1/L: a good first step, exact on a quadratic.
    package var suggested: Double? { curvature > 0 ? 1 / curvature : nil }
}

/// Several runs of one function: one per step size from one start, or one
/// per start with one step.
package struct SweepValue: Sendable {
    package var function: FunctionValue
    package var runs: [Run]
    /// Whether the runs differ by where they started rather than by their step.
    package var overStarts = false
    /// The steepest curvature at the starts and ends, when most runs
    /// diverged or hit the step limit: steps below 2 over it are stable there.
    package var steepest: Double?

    /// The distinct minima the runs reached, lowest first.
    package var minima: [Minimum] { Minimum.found(in: runs) }
}

/// `basins(…)`: the map of where descents from a grid of starts ended, and its picture.
package struct BasinsValue: Sendable {
    package var function: FunctionValue
    package var map: Basins.Map
    package var figure: Figure
}

/// Data: named columns of numbers, all of one length. Its columns are what
/// formulas average over (`d.x`), named after the cell that holds the table.
///
///     d = table(x: (1, 2, 3), y: (3, 5, 7))     columns d.x and d.y, 3 rows
package struct TableValue: Sendable {
    /// The columns' own names, in order: `x`, `y`.
    package var names: [String]
    package var columns: [Column]
    /// The file it was read from, if it was (`csv(…)`).
    package var path: String?

    /// A fingerprint of the numbers (FNV-1a over the names, then every number's bits a word at a time), to tell
    /// whether a file still holds what a session read from it.
    package let digest: UInt64

    package init(names: [String], values: [[Double]], path: String? = nil, owner: String = "data") {
        self.names = names
        self.columns = zip(names, values).map { Column(name: owner + "." + $0, values: $1) }
        self.path = path
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt64) { hash = (hash ^ byte) &* 0x100_0000_01b3 }
        for name in names { name.utf8.forEach { mix(UInt64($0)) }; mix(0) }
        for column in values {
            for value in column {
                hash = (hash ^ value.bitPattern) &* 0x100_0000_01b3
                hash ^= hash >> 29
            }
        }
        digest = hash
    }

    package var rowCount: Int { columns.first?.count ?? 0 }

    package func column(named name: String) -> Column? {
        names.firstIndex(of: name).map { columns[$0] }
    }

    /// The same numbers with columns named after the cell that holds them (`d.x`).
    package func owned(by owner: String) -> TableValue {
        var table = self
        table.columns = zip(names, columns).map { Column(name: owner + "." + $0, values: $1.values) }
        return table
    }
}
