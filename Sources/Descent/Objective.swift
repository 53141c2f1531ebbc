import Calculus

/// A function to minimise and its gradient, compiled once, as two programs:
/// the gradient alone, which every step needs, and f with its gradient,
/// which only the steps that are recorded or checked need.
///
///     try Objective(expression: x^2 + 2, variables: ["x"])
///       gradient: [2x]        value: [x^2 + 2, 2x]
package struct Objective: Sendable {
    /// Outputs ∂f/∂x₁ … ∂f/∂xₙ.
    package let gradient: Program
    /// Outputs f, then ∂f/∂x₁ … ∂f/∂xₙ.
    package let value: Program
    package var dimension: Int { value.inputCount }
    /// Outputs ∂²f/∂xᵢ∂xⱼ row by row, for Newton's method; nil unless asked for.
    package var hessian: Program?

    package init(gradient: Program, value: Program) {
        precondition(gradient.outputs.count == gradient.inputCount && value.outputs.count == value.inputCount + 1,
                     "an objective's programs give one partial per input, and f before them")
        self.gradient = gradient
        self.value = value
    }

    /// Compiles `f` and its symbolic gradient over the given variables, and
    /// its symbolic Hessian too when `withHessian` is set.
    package init(expression: Expr, variables: [String], withHessian: Bool = false) throws(Diagnostic) {
        // The derivatives as the rules make them: the finished forms are for showing (see `Derivative.toEvaluate`).
        let partials = variables.map { Derivative.toEvaluate(expression, by: $0) }
        self.init(gradient: try Compiler.compile(partials, inputs: variables),
                  value: try Compiler.compile([expression] + partials, inputs: variables))
        if withHessian {
            let seconds = partials.flatMap { partial in variables.map { Derivative.toEvaluate(partial, by: $0) } }
            hessian = try Compiler.compile(seconds, inputs: variables)
        }
    }

    /// The same objective in storage of its own, for one thread of many (see `Program.unshared`).
    package func unshared() -> Objective {
        var copy = Objective(gradient: gradient.unshared(), value: value.unshared())
        copy.hessian = hessian?.unshared()
        return copy
    }
}
