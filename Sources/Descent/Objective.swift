import Calculus

/// A function to minimise together with its gradient, compiled once.
/// Its program has `1 + dimension` outputs: f, then ∂f/∂x₁ … ∂f/∂xₙ.
///
///     Objective(program: Compiler.compile([x^2 + 2, 2x], inputs: ["x"]))
public struct Objective: Sendable {
    public let program: Program
    public var dimension: Int { program.inputCount }

    public init(program: Program) {
        precondition(program.outputs.count == program.inputCount + 1,
                     "an objective's program gives f and one partial per input")
        self.program = program
    }

    /// Compiles `f` and its symbolic gradient over the given variables.
    public init(expression: Expr, variables: [String]) throws(Diagnostic) {
        let partials = variables.map { Derivative.of(expression, by: $0) }
        self.init(program: try Compiler.compile([expression] + partials, inputs: variables))
    }
}
