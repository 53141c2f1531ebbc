import Foundation
import Testing
@testable import Plot

/// Whole plots in ASCII at a fixed size, compared with text checked by eye.
@Suite struct GoldenPlotTests {
    private func samples(_ f: (Double) -> Double, from a: Double, to b: Double, count: Int = 200) -> [(x: Double, y: Double)] {
        (0...count).map { i in
            let x = a + (b - a) * Double(i) / Double(count)
            return (x, f(x))
        }
    }

    @Test func aParabolaWithItsDescentPath() {
        var plot = LinePlot(title: "f(x) = x^2 + 2", xRange: (-5, 5))
        plot.series.append(.init(name: "f(x) = x^2 + 2", points: samples({ $0 * $0 + 2 }, from: -5, to: 5)))
        let path = [-4.0, -3.2, -2.56, -2.048, -1.6384, 0]
        for (i, x) in path.enumerated() {
            plot.markers.append(.init(x: x, y: x * x + 2, symbol: i == 0 ? "S" : (i == path.count - 1 ? "E" : "o")))
        }
        plot.notes.append("path: S start  o steps  E end")
        let figure = plot.render(width: 40, height: 8, charset: .ascii)
        #expect(figure.plain == """
            f(x) = x^2 + 2
               |*                .                *
               |***                             ***
            20 |  **             .             **
               |   S**                       ***
               |     *o*         .         ***
            10 |       *o**             ****
               |          oo***  .  *****
             2 |              ***E***
               ++--------+-------+--------+-------+
                -5.0   -2.5     0.0      2.5    5.0
            ** f(x) = x^2 + 2
            path: S start  o steps  E end
            """)
        #expect(!figure.plain.contains("\u{1B}"))
        #expect(figure.colored.contains("\u{1B}["))
    }

    /// The plot row whose y-axis label is `label`, without the label.
    private func row(_ text: String, labelled label: String) throws -> Substring {
        let line = try #require(text.split(separator: "\n").first { $0.drop { $0 == " " }.hasPrefix(label + " |") })
        return line.drop { $0 != "|" }.dropFirst()
    }

    @Test func aCurveUndefinedInTheMiddleLeavesAGap() throws {
        // sqrt(x^2 - 1) is NaN between -1 and 1: its two branches meet the
        // x-axis at -1 and 1, and nothing joins them along it.
        var plot = LinePlot(xRange: (-2, 2))
        plot.series.append(.init(name: "sqrt(x^2 - 1)", points: samples({ ($0 * $0 - 1).squareRoot() }, from: -2, to: 2)))
        // Its axis is labelled 0.0, 0.5, 1.0, 1.5: one format for the axis.
        let zero = try row(plot.render(width: 50, height: 8, charset: .ascii).plain, labelled: "0.0")
        #expect(zero.filter { $0 == "*" }.count == 2, "\(zero)")
    }

    @Test func noLineIsDrawnAcrossAPole() throws {
        // 1/(x - 0.3) jumps from far below the plot to far above it between
        // two samples; joining them would draw a vertical line at x = 0.3,
        // across the x-axis to the right of the y-axis, where the curve never is.
        var plot = LinePlot(xRange: (-2, 2))
        plot.series.append(.init(name: "1/(x - 0.3)", points: samples({ 1 / ($0 - 0.3) }, from: -2, to: 2)))
        let text = plot.render(width: 50, height: 10, charset: .ascii).plain
        let zero = try row(text, labelled: "0")
        let rightOfTheYAxis = zero.drop { $0 != "." }
        #expect(!rightOfTheYAxis.isEmpty)
        #expect(!rightOfTheYAxis.contains("*"), "\(text)")
        // Both branches are there: steep beside the pole, above it and below.
        #expect(try row(text, labelled: "20").contains("*"))
        #expect(try row(text, labelled: "-20").contains("*"))
    }

    @Test func twoCurvesAreKeyedInTheLegend() {
        var plot = LinePlot(xRange: (-2, 2))
        plot.series.append(.init(name: "1/x", points: samples({ 1 / $0 }, from: -2, to: 2, count: 41)))
        plot.series.append(.init(name: "sqrt", points: samples({ $0.squareRoot() }, from: -2, to: 2, count: 41)))
        let text = plot.render(width: 40, height: 6, charset: .ascii).plain
        #expect(text.contains("** a: 1/x"))
        #expect(text.contains("++ b: sqrt"))
    }

    @Test func aShadedMapWithAPath() {
        var plot = MapPlot(title: "g(w, b) = w^2 + b^2", xRange: (-2, 2), yRange: (-2, 2), xName: "w", yName: "b")
        plot.path = [(-1.5, 1.5), (-0.75, 0.75), (0, 0)]
        let figure = plot.render(width: 30, height: 7, charset: .ascii) { $0 * $0 + $1 * $1 }
        #expect(figure.plain == """
            g(w, b) = w^2 + b^2
             2 |@@@@@%%###*****###%%@@@@@
             1 |@%#S++==----::---==++*#%@
               |#++=-::.o.     ...::-=++#
             0 |*+==::..    E    ..::==+*
            -1 |#++=-::....   ....::-=++#
               |@%#*++==----::---==++*#%@
            -2 |@@@@@%%###*****###%%@@@@@
               ++-----------+-----------+
             w  -2          0           2
            across: w, up: b
            shades: ' ' < 0.556  . < 1.36
                    : < 1.81  - < 2.25
                    = < 3.14  + < 4
                    * < 4.25  # < 5
                    % < 5.78  @ higher
            path: S start  o steps  E end
            """)
    }

    @Test func emptyAndDegenerateInputsStillDraw() throws {
        // No curve: the frame, the x-axis through 0, and the x ticks.
        let empty = LinePlot(xRange: (0, 1)).render(width: 30, height: 4, charset: .ascii).plain
        #expect(try row(empty, labelled: "0.0").hasPrefix(". . ."))
        #expect(empty.contains("0.0") && empty.contains("0.5") && !empty.contains("*"), "\(empty)")
        // A constant: one full row of the curve, at its value, and nothing elsewhere.
        var flat = LinePlot(xRange: (0, 1))
        flat.series.append(.init(name: "c", points: [(0, 3), (1, 3)]))
        let flatText = flat.render(width: 30, height: 4, charset: .ascii).plain
        let three = try row(flatText, labelled: "3.0")
        #expect(!three.isEmpty && three.allSatisfy { $0 == "*" }, "\(flatText)")
        #expect(flatText.filter { $0 == "*" }.count == three.count)
        // Nothing finite to draw: a frame without a curve.
        var allNaN = LinePlot(xRange: (0, 1))
        allNaN.series.append(.init(name: "nan", points: [(0, .nan), (1, .infinity)]))
        let nothing = allNaN.render(width: 10, height: 2, charset: .ascii).plain
        #expect(nothing.contains("+-") && !nothing.contains("*"), "\(nothing)")
        let tiny = MapPlot(title: nil, xRange: (0, 1), yRange: (0, 1), xName: "x", yName: "y")
            .render(width: 5, height: 1, charset: .ascii) { _, _ in .nan }
        #expect(tiny.plain.contains("?"))
    }

    @Test func aLogScaleForConvergence() {
        var plot = LinePlot(title: "f against the step number", xRange: (0, 50))
        plot.logarithmicY = true
        plot.series.append(.init(name: "f", points: (0...50).map { (Double($0), pow(0.5, Double($0))) }))
        let text = plot.render(width: 40, height: 6, charset: .ascii).plain
        // Decades, in one format: 1e0 beside 1e-12, not 1.
        #expect(text.contains("  1e0 |****"))
        #expect(text.contains("1e-12 |"))
    }
}

@Suite struct PlotLayoutTests {
    @Test(arguments: [(100.0, 10000.0), (-0.001, 0.001), (0.0, 1e-6), (1e6, 1e6 + 1)])
    func everyLineFitsTheWidth(low: Double, high: Double) {
        var plot = LinePlot(title: String(repeating: "a very long title ", count: 10), xRange: (low, high))
        plot.series.append(.init(name: String(repeating: "long legend ", count: 20),
                                 points: (0...100).map { let x = low + (high - low) * Double($0) / 100; return (x, x * x) }))
        plot.series.append(.init(name: "second", points: [(low, 0), (high, 1)]))
        let note = "path: ◆ start  • steps  ★ end (31 steps, converged) and a few more words to wrap"
        plot.notes.append(note)
        let text = plot.render(width: 60, height: 6, charset: .unicode).plain
        for line in text.split(separator: "\n") { #expect(line.count <= 60, "\(line)") }
        // A note wraps rather than being cut: every word of it is there.
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        for word in note.split(separator: " ") { #expect(words.contains(word), "\(word)") }
    }

    @Test func neighbouringTicksOnANarrowRangeReadDifferently() {
        let scale = Scale(low: 1_000_000, high: 1_000_001, dots: 100)
        let labels = scale.ticks(count: 5).map(\.label)
        #expect(Set(labels).count == labels.count, "\(labels)")
    }
}
