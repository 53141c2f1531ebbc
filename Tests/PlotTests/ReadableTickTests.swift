import Testing
import Foundation
@testable import Plot

/// Ticks a learner can read: round values, one format an axis, decades on a
/// log scale, and the value where a curve's minimum sits.
struct ReadableTickTests {
    static func parabola(_ shift: Double) -> LinePlot {
        var plot = LinePlot(xRange: (-5, 5))
        plot.series.append(.init(name: "f", points: stride(from: -5.0, through: 5, by: 0.05).map { ($0, $0 * $0 + shift) }))
        return plot
    }

    @Test(arguments: [(2.0, "2"), (-3.5139, "-3.5"), (4.0, "4")])
    func theLowestPointOfTheCurveIsLabelled(shift: Double, label: String) {
        let plot = ReadableTickTests.parabola(shift)
        let labels = Frame.yTicks(plot.yScale(dots: 40)).map(\.label)
        #expect(labels.contains(label), "\(labels)")
        // A tick label on the text plot too, on the bottom row of the curve.
        let text = plot.render(width: 60, height: 10, charset: .ascii).plain
        #expect(text.split(separator: "\n").contains { $0.drop { $0 == " " }.hasPrefix(label + " |") }, "\(text)")
    }

    @Test func aMinimumOnARoundTickIsNotLabelledTwice() {
        let labels = Frame.yTicks(ReadableTickTests.parabola(0).yScale(dots: 40)).map(\.label)
        #expect(labels.filter { $0 == "0" }.count == 1, "\(labels)")
    }

    @Test func logTicksAreDecadesInOneFormat() {
        var plot = LinePlot(xRange: (0, 100))
        plot.logarithmicY = true
        plot.series.append(.init(name: "f", points: (0...100).map { (Double($0), 1e3 * pow(10, -Double($0) / 8)) }))
        let labels = Frame.yTicks(plot.yScale(dots: 40)).map(\.label)
        #expect(!labels.isEmpty)
        for label in labels {
            #expect(label == "1" || label == "10" || (label.hasPrefix("1e") && Int(label.dropFirst(2)) != nil), "\(labels)")
        }
    }

    @Test(arguments: [(0.1, 0.30000000000000004), (-1e-9, 1e-9), (-2.5, 2.5), (0, 1)])
    func labelsOfOneAxisShareAFormat(low: Double, high: Double) {
        let scale = Scale(low: low, high: high, dots: 40)
        let labels = scale.ticks(count: 5).map(\.label)
        let decimals = Set(labels.map { $0.contains("e") ? -1 : ($0.split(separator: ".").dropFirst().first?.count ?? 0) })
        #expect(decimals.count <= 2 && labels.allSatisfy { $0.count <= 9 }, "\(labels)")
    }
}
