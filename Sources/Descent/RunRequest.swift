/// What one descent is asked to do: the function, where it starts, and the
/// settings that fix which run happens. Every way of running descents
/// (one run, a sweep, a map of basins, the advice that tries smaller steps)
/// takes one, so a new setting is added here once rather than to each.
///
///     let request = RunRequest(objective, from: [-4], step: 0.1)
///     Optimizer.descend(request).steps                  // 72
///     Sweep.run(request, steps: [0.01, 0.1, 1.1])       // the same run, three step sizes
///
/// What the caller does while a run goes (asking it to stop, hearing its
/// progress) is not a setting: those are passed beside the request.
package struct RunRequest: Sendable {
    package var objective: Objective
    package var start: [Double]
    package var step: Double
    package var method: Method
    package var rule: StoppingRule
    /// Rows drawn per step, for stochastic descent; nil uses every row.
    package var batch: Batch?
    /// How many of the run's steps are kept (the first ones, then thinned);
    /// 0 keeps only the last, for a caller that wants where runs end (a
    /// plain descent then records nothing on the way).
    package var pathCapacity: Int

    package init(_ objective: Objective, from start: [Double], step: Double, method: Method = .gd,
                 rule: StoppingRule = StoppingRule(), batch: Batch? = nil,
                 pathCapacity: Int = RecordedPath.defaultCapacity) {
        self.objective = objective
        self.start = start
        self.step = step
        self.method = method
        self.rule = rule
        self.batch = batch
        self.pathCapacity = pathCapacity
    }

    /// The same request from another start.
    package func starting(at start: [Double]) -> RunRequest {
        var request = self
        request.start = start
        return request
    }

    /// The same request with another step size.
    package func stepping(_ step: Double) -> RunRequest {
        var request = self
        request.step = step
        return request
    }
}
