import Calculus
import Descent
import Plot

/// The frames of `:play r`: the run as a ball rolling downhill, one
/// recorded step at a time, the point on the curve (or the map) and under
/// it the update that moved it, with its numbers.
///
///     step 3 of 72 (gd, step 0.1)
///     x = -3.2 - 0.1 × (-6.4) = -2.56
///     f(-2.56) = 8.5536
///
/// Knows nothing of terminals: the REPL asks for a frame of a size and
/// draws it.
package struct Playback {
    package let run: RunValue
    package let settings: Settings
    let rows: [RecordedPath.Row]
    let evaluator: Program.Evaluator
    /// The box the plot shows: the whole path with a margin, fixed for every frame.
    let box: [(Double, Double)]

    package init(_ run: RunValue, settings: Settings) throws(Diagnostic) {
        guard (1...2).contains(run.function.parameters.count) else {
            throw Diagnostic(":play shows runs of functions of one or two variables; '\(run.function.name)' has \(run.function.parameters.count)")
        }
        self.run = run
        self.settings = settings
        rows = run.run.path.rows
        evaluator = Program.Evaluator(try run.function.program())
        var box: [(Double, Double)] = []
        for axis in 0..<run.function.parameters.count {
            let values = rows.map { $0.x[axis] }.filter(\.isFinite)
            let low = values.min() ?? -1, high = values.max() ?? 1
            let pad = Swift.max((high - low) * 0.25, 1)
            box.append((low - pad, high + pad))
        }
        self.box = box
    }

    /// How many frames: one per recorded step.
    package var count: Int { rows.count }

    /// The line under the frames that says what the frames are, when not every step was kept.
    package var thinningNote: String? {
        run.run.path.isThinned ? "a long run: one step in \(run.run.path.stride) was kept, and the last; those are the steps shown" : nil
    }

    /// Frame `index` (0 is the start) drawn in `width` columns and at most `height` lines.
    package func frame(_ index: Int, width: Int, height: Int) -> Figure {
        let index = Swift.max(0, Swift.min(count - 1, index))
        let words = text(index).flatMap { Frame.wrap($0, width) }
        let draw = { (plotHeight: Int) in
            run.function.parameters.count == 1
                ? curve(upTo: index, width: width, height: plotHeight)
                : map(upTo: index, width: width, height: plotHeight)
        }
        // The plot takes what the words leave; its title, axis and legend are measured, not guessed.
        let room = height - words.count
        var figure = draw(Swift.max(3, room - 3))
        let over = figure.plain.split(separator: "\n", omittingEmptySubsequences: false).count - room
        if over > 0 { figure = draw(Swift.max(3, room - 3 - over)) }
        let below = "\n" + words.joined(separator: "\n")
        return Figure(plain: figure.plain + below, colored: figure.colored + below, title: figure.title)
    }

    private var marks: (start: Character, step: Character, now: Character) {
        settings.charset == .ascii ? ("S", "o", "@") : ("◆", "•", "●")
    }

    private func curve(upTo index: Int, width: Int, height: Int) -> Figure {
        var plot = LinePlot(title: run.function.description, xRange: box[0])
        let samples = Swift.max(2, width * settings.charset.resolution.x * 2)
        var input = 0.0
        let points = (0...samples).map { i -> (x: Double, y: Double) in
            input = box[0].0 + (box[0].1 - box[0].0) * Double(i) / Double(samples)
            return (input, withUnsafePointer(to: &input) { evaluator.value($0) })
        }
        plot.series.append(.init(name: run.function.description, points: points))
        for (i, row) in rows.prefix(index + 1).enumerated() {
            let symbol = i == index ? marks.now : (i == 0 ? marks.start : marks.step)
            plot.markers.append(.init(x: row.x[0], y: row.f, symbol: symbol,
                                      series: i == index || i == 0 ? Palette.endpoints : Palette.steps))
        }
        return plot.render(width: width, height: height, charset: settings.charset)
    }

    private func map(upTo index: Int, width: Int, height: Int) -> Figure {
        let parameters = run.function.parameters
        var plot = MapPlot(title: run.function.description, xRange: box[0], yRange: box[1],
                           xName: parameters[0], yName: parameters[1])
        plot.path = rows.prefix(index + 1).map { ($0.x[0], $0.x[1]) }
        plot.current = true
        var input = [0.0, 0.0]
        // Frames are text only: no finer grid for a drawing.
        return plot.render(width: width, height: height, charset: settings.charset, shading: nil) { x, y in
            input[0] = x
            input[1] = y
            return input.withUnsafeBufferPointer { evaluator.value($0.baseAddress!) }
        }
    }

    /// The lines under the plot: which step, the update with its numbers, f there.
    func text(_ index: Int) -> [String] {
        let format = { (x: Double) in NumberFormat.significant(x, Swift.min(settings.precision, 5)) }
        let parameters = run.function.parameters
        let name = parameters.count == 1 ? parameters[0] : "(" + parameters.joined(separator: ", ") + ")"
        let point = { (x: [Double]) in PathTable.pointText(x, format) }
        let row = rows[index]
        let total = run.run.steps
        var lines = ["step \(row.step) of \(total) (\(run.run.method.name), step \(NumberFormat.shortest(run.run.stepSize)))"]
        if index + 1 < rows.count {
            let next = rows[index + 1]
            if next.step != row.step + 1 {
                // Thinned: the steps between were not kept, so no single update is shown.
                lines.append("\(name) = \(point(row.x)) → \(point(next.x)) over steps \(row.step)…\(next.step)")
            } else if let step = updateStep(row), !row.gradient.isEmpty {
                // x - step × gradient, negative numbers in parentheses as a person writes them.
                let bracketed = { (x: Double) in x < 0 ? "(\(format(x)))" : format(x) }
                let gradient = parameters.count == 1 ? bracketed(row.gradient[0]) : "(" + row.gradient.map(format).joined(separator: ", ") + ")"
                lines.append("\(name) = \(point(row.x)) - \(format(step)) × \(gradient) = \(point(next.x))")
            } else {
                let change = zip(next.x, row.x).map { $0 - $1 }
                lines.append("\(name) = \(point(row.x)) + \(point(change)) = \(point(next.x))  (\(why))")
            }
        } else {
            lines.append(run.run.summary)
        }
        lines.append("\(run.function.name)(\(point(row.x).trimmingParentheses)) = \(format(row.f))")
        return lines
    }

    /// The step the update from this row used, where the update is x - step × gradient.
    private func updateStep(_ row: RecordedPath.Row) -> Double? {
        switch run.run.method {
        case .gd: return run.run.stepSize
        case .linesearch: return row.stepUsed
        default: return nil
        }
    }

    /// Why the move is not the gradient times the step.
    private var why: String {
        switch run.run.method {
        case .momentum, .nesterov: return "momentum: the step carries on part of the last one"
        case .adam: return "adam: each variable's step is scaled by its gradients so far"
        case .newton: return "Newton: the gradient divided by the curvature"
        default: return run.run.method.name
        }
    }
}

private extension String {
    /// "(1, 2)" → "1, 2", for an argument list.
    var trimmingParentheses: String {
        hasPrefix("(") && hasSuffix(")") ? String(dropFirst().dropLast()) : self
    }
}
