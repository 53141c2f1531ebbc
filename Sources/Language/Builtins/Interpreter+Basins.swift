import Calculus
import Descent
import Plot

/// `basins(f, a..b)` and `basins(g, a..b, c..d)`: a descent from every
/// point of a grid, drawn as which minimum each start reaches.
///
///     basins(f, -3..3)              a strip under f's curve, a letter per minimum
///     basins(g, -5..5, -5..5)       a map, a letter per minimum, the minima in capitals
///     basins(g, -5..5, -5..5, n: 40, step: 0.005, method: momentum)
extension Interpreter {
    /// The step every run takes when none is given: small enough for most
    /// textbook functions on boxes of a few units.
    package static let basinStep = 0.01

    func basins(_ arguments: Arguments) throws(Diagnostic) -> Value {
        let function = try self.function(arguments.positional[0], for: "basins")
        let dimension = function.parameters.count
        guard dimension == 1 || dimension == 2 else {
            throw Diagnostic("basins maps functions of one or two variables; '\(function.name)' has \(dimension)",
                             at: arguments.positional[0].span)
        }
        var box: [(Double, Double)] = []
        for syntax in arguments.positional.dropFirst() {
            guard case .range(let a, let b) = try evaluate(syntax) else {
                throw Diagnostic("after the function come the ranges of its starts, as in -3..3", at: syntax.span)
            }
            guard a.isFinite, b.isFinite, a != b, (b - a).isFinite else {
                throw Diagnostic(a == b ? "the range is empty: its ends are equal" : "the range's ends must be finite and less than 1e308 apart",
                                 at: syntax.span)
            }
            box.append((Swift.min(a, b), Swift.max(a, b)))
        }
        guard box.count == dimension else {
            let example = dimension == 1 ? "basins(\(function.name), -3..3)" : "basins(\(function.name), -3..3, -3..3)"
            throw Diagnostic("'\(function.name)' has \(dimension) variable\(dimension == 1 ? "" : "s"), so basins needs \(dimension) range\(dimension == 1 ? "" : "s") of starts, as in \(example)",
                             at: arguments.callSpan)
        }
        let width = try wholeNumber(arguments, "width", default: settings.width, range: 20...1000)
        let height = try wholeNumber(arguments, "height", default: dimension == 1 ? 12 : 20, range: 3...500)
        let options = try descentOptions(arguments, of: function)
        var step = Interpreter.basinStep
        if let stepSyntax = arguments.value("step") { step = try stepSize(stepSyntax) }
        else if options.method == .newton { step = 1 }

        // The grid: one start per character of the plot, or n: per axis.
        var counts: [Int]
        if arguments.value("n") != nil {
            let n = try wholeNumber(arguments, "n", default: 0, range: dimension == 1 ? 2...10_000 : 2...1000)
            counts = Array(repeating: n, count: dimension)
        } else if dimension == 1 {
            // The curve's canvas is the width less the y labels; about 8 characters.
            counts = [Swift.max(10, width - 8)]
        } else {
            let size = RegionMap.canvasSize(width: width, height: height, yRange: box[1])
            counts = [size.columns, size.rows]
        }
        let axes = zip(box, counts).map { Basins.Axis($0.0, $0.1, count: $1) }
        let map: Basins.Map
        var progress: (@Sendable (Int, Int) -> Void)?
        if let report = control.counting { progress = { done, total in report(done, total, "starts") } }
        do throws(Basins.Interrupted) {
            let request = RunRequest(options.objective, from: axes.map(\.low), step: step, method: options.method, rule: options.rule)
            map = try Basins.map(request, grid: axes, shouldStop: control.shouldStop, progress: progress)
        } catch {
            throw Diagnostic("basins was interrupted after \(error.done) of \(error.total) starts; a map needs them all",
                             at: arguments.callSpan, hint: "a smaller grid (n: 20) runs fewer starts")
        }
        var drawn = BasinsFigure(function: function, map: map, step: step, method: options.method,
                                 rule: options.rule, settings: settings)
        // Most starts failed: say which step would be stable, from the curvature as advise reads it.
        if map.share({ $0 == .diverged || $0 == .unfinished }) > 0.5 {
            drawn.steepest = BasinsFigure.steepestCurvature(options.objective, axes: axes)
        }
        let figure = drawn.render(width: width, height: height)
        return .basins(BasinsValue(function: function, map: map, figure: figure))
    }

    /// A whole-number option such as `n: 40` or `width: 60`, within `range`.
    func wholeNumber(_ arguments: Arguments, _ label: String, default value: Int, range: ClosedRange<Int>) throws(Diagnostic) -> Int {
        guard let syntax = arguments.value(label) else { return value }
        let number = try self.number(syntax, label + ":")
        guard number == number.rounded(), number >= Double(range.lowerBound), number <= Double(range.upperBound) else {
            throw Diagnostic("\(label): must be a whole number from \(range.lowerBound) to \(range.upperBound)", at: syntax.span)
        }
        return Int(number)
    }
}

/// A basin map drawn: the regions, the minima in capitals, and a legend
/// that names each minimum with its f and its share of the starts.
struct BasinsFigure {
    var function: FunctionValue
    var map: Basins.Map
    var step: Double
    var method: Method
    var rule: StoppingRule
    var settings: Settings
    /// The steepest curvature over the grid, when most starts did not reach a minimum.
    var steepest: Double?

    /// The largest eigenvalue of f's Hessian (f'' in 1-D) over at most
    /// 400 of the grid's starts, spread evenly: steps below 2 over it shrink
    /// the error everywhere there.
    static func steepestCurvature(_ objective: Objective, axes: [Basins.Axis]) -> Double? {
        let across = axes[0], up = axes.count > 1 ? axes[1] : nil
        let columns = Swift.min(across.count, up == nil ? 400 : 20), rows = Swift.min(up?.count ?? 1, 20)
        let points = (0..<rows).flatMap { row in
            (0..<columns).map { column in
                [across.point(column * (across.count - 1) / Swift.max(1, columns - 1))]
                    + (up.map { [$0.point(row * ($0.count - 1) / Swift.max(1, rows - 1))] } ?? [])
            }
        }
        return StepAdvice.steepestCurvature(objective, at: points)
    }

    /// Minima beyond this many share one mark.
    static let lettered = 26

    static let diverged = RegionMap.Region("!")
    static let unfinished = RegionMap.Region("~")
    static let elsewhere = RegionMap.Region("^")

    /// How the region of minimum `index` is filled (a lowercase letter) and how the minimum itself is marked (a capital).
    static func regions(ofMinimum index: Int) -> (fill: RegionMap.Region, mark: RegionMap.Region) {
        guard index < lettered else { return (RegionMap.Region("+"), RegionMap.Region("+")) }
        let letter = UInt8(ascii: "a") + UInt8(index)
        return (RegionMap.Region(Character(Unicode.Scalar(letter)), series: index),
                RegionMap.Region(Character(Unicode.Scalar(letter - 32)), series: index))
    }

    func region(_ end: Basins.End) -> RegionMap.Region {
        switch end {
        case .minimum(let index): return BasinsFigure.regions(ofMinimum: index).fill
        case .diverged: return BasinsFigure.diverged
        case .unfinished: return BasinsFigure.unfinished
        case .elsewhere: return BasinsFigure.elsewhere
        }
    }

    func render(width: Int, height: Int) -> Figure {
        let cells = map.ends.map(region)
        let title = "basins of \(function.description)"
        if map.axes.count == 1 {
            let axis = map.axes[0]
            var plot = LinePlot(title: title, xRange: (axis.low, axis.high))
            plot.xName = function.parameters.first
            plot.yName = function.signature
            let samples = Swift.max(2, width * settings.charset.resolution.x * 2)
            let points = (0...samples).map { i -> (x: Double, y: Double) in
                let x = axis.low + (axis.high - axis.low) * Double(i) / Double(samples)
                return (x, function([x]))
            }
            plot.series.append(.init(name: function.description, points: points))
            for (index, minimum) in map.minima.enumerated() where index < BasinsFigure.lettered {
                let mark = BasinsFigure.regions(ofMinimum: index).mark
                plot.markers.append(.init(x: minimum.x[0], y: minimum.f, symbol: mark.symbol, series: mark.series))
            }
            plot.strip = cells
            plot.notes = ["under the axis: the minimum a descent from each x reaches, marked on the curve in capitals"] + legend().map(\.text)
            return plot.render(width: width, height: height, charset: settings.charset)
        }
        var plot = RegionMap(title: title, xRange: (map.axes[0].low, map.axes[0].high), yRange: (map.axes[1].low, map.axes[1].high),
                             xName: function.parameters[0], yName: function.parameters[1],
                             gridColumns: map.columns, gridRows: map.rows, cells: cells)
        for (index, minimum) in map.minima.enumerated() where index < BasinsFigure.lettered {
            plot.marks.append((minimum.x[0], minimum.x[1], BasinsFigure.regions(ofMinimum: index).mark))
        }
        plot.legend = [("letters: the minimum a descent from each start reaches, marked in capitals", nil)] + legend()
        return plot.render(width: width, height: height, charset: settings.charset)
    }

    /// "A  x = -1.3008  f = -3.5139  53% of starts  global", then what else the runs did.
    func legend() -> [(text: String, series: Int?)] {
        let format = { (x: Double) in NumberFormat.significant(x, Swift.min(settings.precision, 5)) }
        var lines: [(String, Int?)] = []
        for (index, minimum) in map.minima.enumerated().prefix(BasinsFigure.lettered) {
            let mark = BasinsFigure.regions(ofMinimum: index).mark
            let point = zip(function.parameters, minimum.x).map { "\($0) = \(format($1))" }.joined(separator: ", ")
            let global = minimum.isGlobal ? "  global" : ""
            lines.append(("\(mark.symbol)  \(point)  f = \(format(minimum.f))  \(percent(map.share(ofMinimum: index))) of starts\(global)", mark.series))
        }
        if map.minima.count > BasinsFigure.lettered {
            let rest = map.minima.dropFirst(BasinsFigure.lettered)
            let share = Double(rest.map(\.count).reduce(0, +)) / Double(map.ends.count)
            lines.append(("+  \(rest.count) more minima: \(percent(share)) of starts", nil))
        }
        if map.minima.isEmpty {
            lines.append(("no start reached a minimum", nil))
        }
        let others: [(RegionMap.Region, String, (Basins.End) -> Bool)] = [
            (BasinsFigure.diverged, "diverged", { $0 == .diverged }),
            (BasinsFigure.unfinished, "hit the step limit (max: \(rule.maximumSteps))", { $0 == .unfinished }),
            (BasinsFigure.elsewhere, "stopped on a maximum, saddle or flat spot", { $0 == .elsewhere }),
        ]
        for (region, what, test) in others {
            let share = map.share(test)
            if share > 0 { lines.append(("\(region.symbol)  \(what): \(percent(share)) of starts", nil)) }
        }
        let across = map.axes.count == 1 ? "" : " (" + map.axes.map { String($0.count) }.joined(separator: " × ") + ")"
        lines.append(("\(map.ends.count) starts\(across), each a descent with \(method.name), step \(NumberFormat.shortest(step))", nil))
        if let steepest { lines.append((AdviceText.stableStepHint(steepest, on: "this range", format), nil)) }
        return lines
    }

    /// 48%, or <1% for a share too small to round to one.
    private func percent(_ share: Double) -> String {
        share > 0 && share < 0.005 ? "<1%" : "\(Int((share * 100).rounded()))%"
    }
}
