import Calculus
import Descent
import Plot

/// `plot(…)`: reading its arguments, sampling the functions (compiled),
/// and handing the points to the Plot module.
///
///     plot(f, -5..5)                  one curve
///     plot(f, f', -5..5)              several, with a legend
///     plot(f, -5..5, path: r)         a descent's steps on the curve
///     plot(r)                         f against the step number
///     plot(s)                         every run of a sweep against the step number
///     plot(g, -5..5, -5..5, path: r)  a two-variable function as a shaded map
extension Interpreter {
    /// Called by `Builtin.plot`, which has checked the arguments' labels and count.
    func plot(_ arguments: Arguments) throws(Diagnostic) -> Value {
        let charset = settings.charset
        let width = try wholeNumber(arguments, "width", default: settings.width, range: 20...1000)
        var functions: [(FunctionValue, SourceSpan)] = []
        var ranges: [(Double, Double, SourceSpan)] = []
        var runs: [(RunValue, String?)] = []
        var sweeps: [SweepValue] = []
        var tables: [(TableValue, SourceSpan)] = []
        for syntax in arguments.positional {
            let value: Value
            do {
                value = try evaluate(syntax)
            } catch var diagnostic where diagnostic.unknownName != nil && syntax.nameValue == nil {
                // plot(x^2, -1..1): a formula where a function's name belongs.
                diagnostic.hint = "plot draws functions by name: define one first, as in f(x) = x^2, then plot(f, -1..1)"
                throw diagnostic
            }
            switch value {
            case .function(let function): functions.append((function, syntax.span))
            case .range(let a, let b): ranges.append((a, b, syntax.span))
            case .run(let run): runs.append((run, syntax.nameValue))
            case .sweep(let sweep): sweeps.append(sweep)
            case .table(let table): tables.append((table, syntax.span))
            case let other:
                throw Diagnostic("plot draws functions, ranges, runs, sweeps and tables, not \(other.kindDescription)", at: syntax.span)
            }
        }
        // path: r, a sweep's runs (path: s), or several runs (path: (r1, r2)).
        var paths: [RunValue] = []
        var pathsNamedByStart = false
        if let pathSyntax = arguments.value("path") {
            let items: [Syntax]
            if case .vector(let parts) = pathSyntax.kind { items = parts } else { items = [pathSyntax] }
            for item in items {
                switch try evaluate(item) {
                case .run(let run): paths.append(run)
                case .sweep(let sweep) where items.count == 1:
                    paths = sweep.runs.map { RunValue(function: sweep.function, run: $0) }
                    pathsNamedByStart = sweep.overStarts
                default:
                    throw Diagnostic("path: must be a descent run, a sweep, or several runs, as in path: r or path: (r1, r2)", at: item.span)
                }
            }
            if paths.count > 26 {
                throw Diagnostic("at most 26 paths in one plot, one letter each", at: pathSyntax.span)
            }
        }
        for (a, b, span) in ranges where !(a.isFinite && b.isFinite) || a == b || !(b - a).isFinite {
            throw Diagnostic(a == b ? "the range is empty: its ends are equal" : "the range is too wide: its ends must be finite and less than 1e308 apart",
                             at: span, hint: a == b ? "give two different ends, as in -5..5" : nil)
        }
        // A range written high to low means the same stretch of the axis.
        ranges = ranges.map { ($0.0 < $0.1 ? $0.0 : $0.1, $0.0 < $0.1 ? $0.1 : $0.0, $0.2) }

        if !tables.isEmpty {
            guard tables.count == 1, runs.isEmpty, sweeps.isEmpty, paths.isEmpty, ranges.count <= 1 else {
                throw Diagnostic("plot draws one table of data, with functions of one variable through it, as in plot(d) or plot(d, line)",
                                 at: arguments.callSpan)
            }
            let height = try wholeNumber(arguments, "height", default: 16, range: 3...500)
            return .figure(try scatter(tables[0].0, at: tables[0].1, functions: functions, range: ranges.first.map { ($0.0, $0.1) },
                                       width: width, height: height, charset: charset))
        }
        if functions.isEmpty {
            guard ranges.isEmpty, paths.isEmpty, !(runs.isEmpty && sweeps.isEmpty) else {
                throw Diagnostic("plot needs a function or a run, as in plot(f, -5..5) or plot(r)", at: arguments.callSpan)
            }
            let height = try wholeNumber(arguments, "height", default: 16, range: 3...500)
            let all = runs + sweeps.flatMap { sweep in sweep.runs.map { (RunValue(function: sweep.function, run: $0), nil as String?) } }
            return .figure(convergence(all, width: width, height: height, charset: charset))
        }
        guard runs.isEmpty, sweeps.isEmpty else {
            throw Diagnostic("to draw a run over a function, pass it as path: r", at: arguments.callSpan)
        }
        let dimensions = Set(functions.map { $0.0.parameters.count })
        if dimensions == [2] {
            guard functions.count == 1 else {
                throw Diagnostic("plot one function of two variables at a time", at: functions[1].1)
            }
            let height = try wholeNumber(arguments, "height", default: 20, range: 3...500)
            return .figure(try map(functions[0].0, ranges: ranges, paths: paths, namedByStart: pathsNamedByStart,
                                   width: width, height: height, charset: charset, at: arguments.callSpan))
        }
        guard dimensions == [1] else {
            let odd = functions.first { $0.0.parameters.count != 1 }!
            throw Diagnostic("plot draws functions of one variable, or one of two; '\(odd.0.name)' has \(odd.0.parameters.count)", at: odd.1)
        }
        guard ranges.count <= 1 else {
            throw Diagnostic("one range for functions of one variable", at: ranges[1].2)
        }
        let height = try wholeNumber(arguments, "height", default: 16, range: 3...500)
        return .figure(try curves(functions.map(\.0), range: ranges.first.map { ($0.0, $0.1) }, paths: paths,
                                  namedByStart: pathsNamedByStart, width: width, height: height, charset: charset,
                                  pathSpan: arguments.value("path")?.span ?? arguments.callSpan))
    }

    private func curves(_ functions: [FunctionValue], range: (Double, Double)?, paths: [RunValue], namedByStart: Bool,
                        width: Int, height: Int, charset: Charset, pathSpan: SourceSpan) throws(Diagnostic) -> Figure {
        var xRange = range ?? (-10, 10)
        if range == nil, !paths.isEmpty {
            let xs = paths.flatMap { $0.run.path.rows.map { $0.x[0] } }.filter(\.isFinite)
            if let low = xs.min(), let high = xs.max() {
                let pad = Swift.max((high - low) * 0.25, 1)
                xRange = (low - pad, high + pad)
            }
        }
        let title = functions.count == 1 ? functions[0].label : nil
        var plot = LinePlot(title: title, xRange: xRange)
        // The axes named as the exported figure names them: x, and f(x) (or "value at x" for several).
        let variable = functions.first?.parameters.first ?? "x"
        plot.xName = variable
        plot.yName = functions.count == 1 ? functions[0].signature : "value at \(variable)"
        let samples = Swift.max(2, width * charset.resolution.x * 2)
        for function in functions {
            let program = try function.program()
            let evaluator = Program.Evaluator(program)
            var points: [(x: Double, y: Double)] = []
            points.reserveCapacity(samples + 1)
            var input = 0.0
            for i in 0...samples {
                input = xRange.0 + (xRange.1 - xRange.0) * Double(i) / Double(samples)
                points.append((input, withUnsafePointer(to: &input) { evaluator.value($0) }))
            }
            plot.series.append(.init(name: function.label, points: points))
            let finite = points.filter { $0.y.isFinite }.count
            let range = "\(NumberFormat.shortest(xRange.0))..\(NumberFormat.shortest(xRange.1))"
            if finite == 0 {
                plot.notes.append("\(function.name) is not defined (or not finite) anywhere on \(range)")
            } else if finite * 2 < points.count {
                // Most of the curve is missing: say so rather than leave a few dots to puzzle over.
                let share = Swift.min(99, Int(Double(points.count - finite) / Double(points.count) * 100))
                plot.notes.append("\(function.name) is not defined (or not finite) on \(share)% of \(range)")
            }
        }
        for path in paths {
            guard path.function.parameters.count == 1 else {
                throw Diagnostic("the path is of a function of \(path.function.parameters.count) variables; plot that function over two ranges",
                                 at: pathSpan, hint: "plot(\(path.function.name), -5..5, -5..5, path: …) draws it on a map")
            }
            guard functions.contains(where: { $0.bound == path.function.bound }) else {
                throw Diagnostic("the path is a run of '\(path.function.name)', which is not among the functions plotted",
                                 at: pathSpan, hint: "plot(\(path.function.name), …, path: …) draws it on its own curve")
            }
        }
        if paths.count > 1 {
            // Several paths: each its own letter and colour, named in the legend by what set it apart.
            for (index, path) in paths.enumerated() {
                let letter = Character(Unicode.Scalar(UInt8(ascii: "A") + UInt8(index)))
                for row in path.run.path.rows {
                    plot.markers.append(.init(x: row.x[0], y: row.f, symbol: letter, series: functions.count + index, role: .lettered))
                }
                plot.notes.append(pathNote(path, letter: letter, among: paths, namedByStart: namedByStart))
            }
        } else if let path = paths.first {
            let rows = path.run.path.rows
            let (start, step, end) = charset == .ascii ? (Character("S"), Character("o"), Character("E")) : ("◆", "•", "★")
            // Steps, then the end, then the start: later marks go over earlier ones,
            // and a run that comes back past its start must not hide it.
            let order = Array(rows.indices.dropFirst().dropLast()) + [rows.count - 1, 0]
            for i in rows.count >= 2 ? order : Array(rows.indices) {
                let row = rows[i]
                let (symbol, role): (Character, MarkRole) = i == 0 ? (start, .start) : (i == rows.count - 1 ? (end, .end) : (step, .step))
                plot.markers.append(.init(x: row.x[0], y: row.f, symbol: symbol,
                                          series: i == 0 || i == rows.count - 1 ? Palette.endpoints : Palette.steps, role: role))
            }
            plot.notes.append("path: \(start) start  \(step) steps  \(end) end (\(path.run.steps) step\(path.run.steps == 1 ? "" : "s"), \(path.run.status.rawValue))")
        }
        return plot.render(width: width, height: height, charset: charset)
    }

    /// The points of a table (its first column across, its second up), and
    /// any functions of one variable drawn through them: the data and a fitted line.
    private func scatter(_ table: TableValue, at span: SourceSpan, functions: [(FunctionValue, SourceSpan)], range: (Double, Double)?,
                         width: Int, height: Int, charset: Charset) throws(Diagnostic) -> Figure {
        guard table.columns.count >= 2 else {
            throw Diagnostic("plot draws a table's first column across and its second up; this one has a single column", at: span)
        }
        if let odd = functions.first(where: { $0.0.parameters.count != 1 }) {
            throw Diagnostic("through data, plot draws functions of one variable; '\(odd.0.name)' has \(odd.0.parameters.count)", at: odd.1)
        }
        let xs = table.columns[0].values, ys = table.columns[1].values
        let finite = zip(xs, ys).filter { $0.0.isFinite && $0.1.isFinite }
        var xRange = range ?? (-1, 1)
        if range == nil, let low = finite.map(\.0).min(), let high = finite.map(\.0).max() {
            let pad = high > low ? (high - low) * 0.05 : 1
            xRange = (low - pad, high + pad)
        }
        let names = table.names
        var plot = LinePlot(title: functions.isEmpty ? "\(names[1]) against \(names[0])" : nil, xRange: xRange)
        plot.xName = names[0]
        plot.yName = names[1]
        let samples = Swift.max(2, width * charset.resolution.x * 2)
        for (function, _) in functions {
            let evaluator = Program.Evaluator(try function.program())
            var input = 0.0
            let points = (0...samples).map { i -> (x: Double, y: Double) in
                input = xRange.0 + (xRange.1 - xRange.0) * Double(i) / Double(samples)
                return (input, withUnsafePointer(to: &input) { evaluator.value($0) })
            }
            plot.series.append(.init(name: function.label, points: points))
        }
        // Many points share a character: the mark says there is data there, not how much.
        let mark: Character = charset == .ascii ? "o" : "•"
        plot.points = finite.map { .init(x: $0.0, y: $0.1, symbol: mark, series: Palette.endpoints) }
        let source = table.path.map { " from \($0)" } ?? ""
        plot.notes.append("\(mark) data: \(table.rowCount) point\(table.rowCount == 1 ? "" : "s")\(source), \(names[0]) across, \(names[1]) up")
        return plot.render(width: width, height: height, charset: charset)
    }

    /// "A: from -2.5 (45 steps, converged) ending at -1.30084": one of several paths, named by
    /// what sets the paths apart: their method, start or step (by start, for a sweep over starts).
    private func pathNote(_ path: RunValue, letter: Character, among paths: [RunValue], namedByStart: Bool) -> String {
        let run = path.run
        var parts: [String] = []
        if Set(paths.map(\.run.method)).count > 1 {
            parts.append(run.method.name + (run.method.parameterDescription.map { ", " + $0 } ?? ""))
        }
        if namedByStart || Set(paths.map(\.run.start)).count > 1 {
            parts.append("from \(PathTable.pointText(run.start, NumberFormat.shortest))")
        }
        if Set(paths.map(\.run.stepSize)).count > 1 { parts.append("step \(NumberFormat.shortest(run.stepSize))") }
        if parts.isEmpty { parts.append("from \(PathTable.pointText(run.start, NumberFormat.shortest))") }
        let what = parts.joined(separator: ", ")
        let end = PathTable.pointText(run.x) { NumberFormat.significant($0, settings.precision) }
        return "\(letter): \(what) (\(run.steps) step\(run.steps == 1 ? "" : "s"), \(run.status.rawValue)) ending at \(end)"
    }

    private func convergence(_ labelled: [(RunValue, String?)], width: Int, height: Int, charset: Charset) -> Figure {
        let runs = labelled.map(\.0)
        let values = runs.flatMap { $0.run.path.rows.map(\.f) }.filter(\.isFinite)
        let positive = values.allSatisfy { $0 > 0 }
        let spread = (values.max() ?? 1) / Swift.max(values.min() ?? 1, .leastNormalMagnitude)
        let last = runs.map { $0.run.path.rows.last?.step ?? 0 }.max() ?? 1
        let name = runs.first?.function.name ?? "f"
        var title = "\(name) against the step number"
        if runs.count == 1 {
            let run = runs[0].run
            title += " (\(run.method.name), step \(NumberFormat.significant(run.stepSize, 4)): \(run.status.rawValue) after \(run.steps) step\(run.steps == 1 ? "" : "s"))"
        }
        var plot = LinePlot(title: title, xRange: (0, Double(Swift.max(1, last))))
        plot.logarithmicY = positive && spread > 100
        plot.xName = "step"
        plot.yName = plot.logarithmicY ? "f (log scale)" : "f"
        plot.trimsOutliers = false
        let methods = Set(runs.map { $0.run.method.name })
        // Runs that share a step differ by where they started: name them by that.
        let byStart = Set(runs.map(\.run.stepSize)).count == 1 && Set(runs.map(\.run.start)).count > 1
        for (run, name) in labelled {
            let what = byStart ? "from \(PathTable.pointText(run.run.start, NumberFormat.shortest))" : "step \(NumberFormat.significant(run.run.stepSize, 4))"
            var label = "\(what) (\(run.run.status.rawValue))"
            if methods.count > 1 { label = run.run.method.name + ", " + label }
            if let name { label = name + ": " + label }
            plot.series.append(.init(name: label, points: run.run.path.rows.map { (Double($0.step), $0.f) }))
        }
        if plot.logarithmicY { plot.notes.append("\(name) on a log scale") }
        if let batch = runs.first(where: { $0.run.batch != nil })?.run.batch {
            // Honest about the noise: each point is one batch's loss, not the whole table's.
            plot.notes.append("stochastic: each step's \(name) is the loss on its batch of \(batch.size) rows, so the curve is noisy")
        }
        return plot.render(width: width, height: height, charset: charset)
    }

    private func map(_ function: FunctionValue, ranges: [(Double, Double, SourceSpan)], paths: [RunValue], namedByStart: Bool,
                     width: Int, height: Int, charset: Charset, at span: SourceSpan) throws(Diagnostic) -> Figure {
        var box: [(Double, Double)] = ranges.map { ($0.0, $0.1) }
        if box.count == 1 { box.append(box[0]) }
        if box.isEmpty {
            box = [(-5, 5), (-5, 5)]
            if !paths.isEmpty {
                for axis in 0..<2 {
                    let values = paths.flatMap { $0.run.path.rows.map { $0.x[axis] } }.filter(\.isFinite)
                    if let low = values.min(), let high = values.max() {
                        let pad = Swift.max((high - low) * 0.25, 1)
                        box[axis] = (low - pad, high + pad)
                    }
                }
            }
        }
        guard box.count == 2 else {
            throw Diagnostic("a function of two variables needs two ranges, as in plot(g, -5..5, -5..5)", at: span)
        }
        for path in paths where path.function.parameters.count != 2 {
            throw Diagnostic("the path is of a function of \(path.function.parameters.count) variable\(path.function.parameters.count == 1 ? "" : "s"), not two", at: span)
        }
        for path in paths where path.function.bound != function.bound {
            throw Diagnostic("the path is a run of '\(path.function.name)', not of '\(function.name)'", at: span,
                             hint: "plot(\(path.function.name), …, path: …) draws it on its own map")
        }
        var plot = MapPlot(title: function.label, xRange: box[0], yRange: box[1],
                           xName: function.parameters[0], yName: function.parameters[1])
        plot.valueName = function.signature
        if paths.count == 1 {
            plot.path = paths[0].run.path.rows.map { ($0.x[0], $0.x[1]) }
            let run = paths[0].run
            plot.pathNote = "(\(run.steps) step\(run.steps == 1 ? "" : "s"), \(run.status.rawValue))"
        } else {
            for (index, path) in paths.enumerated() {
                let letter = Character(Unicode.Scalar(UInt8(ascii: "A") + UInt8(index)))
                plot.lettered.append((path.run.path.rows.map { ($0.x[0], $0.x[1]) }, letter))
                plot.notes.append(pathNote(path, letter: letter, among: paths, namedByStart: namedByStart))
            }
        }
        let evaluator = Program.Evaluator(try function.program())
        var input = [0.0, 0.0]
        return plot.render(width: width, height: height, charset: charset) { x, y in
            input[0] = x
            input[1] = y
            return input.withUnsafeBufferPointer { evaluator.value($0.baseAddress!) }
        }
    }
}
