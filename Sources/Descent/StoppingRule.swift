/// When a descent stops, and why it stopped.
package struct StoppingRule: Hashable, Sendable {
    /// Converged when the gradient's length falls below this.
    package var tolerance: Double
    /// At most this many updates.
    package var maximumSteps: Int

    package init(tolerance: Double = 1e-6, maximumSteps: Int = 1000) {
        self.tolerance = tolerance
        self.maximumSteps = maximumSteps
    }
}

/// How a run ended.
package enum Status: String, Hashable, Sendable, Codable {
    /// The gradient's length fell below the tolerance.
    case converged
    /// The step limit was reached first.
    case maxSteps = "max-steps"
    /// A value became infinite or NaN; the run stopped there.
    case diverged
    /// Stopped by the user (Ctrl-C); the steps so far are kept.
    case interrupted
    /// A line search whose step shrank until `x - a g` is `x` in doubles:
    /// no lower point along the gradient can be told apart from x.
    case stalled
}
