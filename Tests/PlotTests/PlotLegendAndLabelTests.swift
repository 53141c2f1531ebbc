import Foundation
import Testing
@testable import Plot

/// Tick labels in e-notation from a million up.
@Suite struct LargeTickLabelTests {
    @Test func aMillionAndAboveAreInENotation() {
        #expect(Ticks.label(1e6, step: 1e5) == "1e+06")
        #expect(Ticks.label(-1e6, step: 1e5) == "-1e+06")
        #expect(Ticks.label(2.5e6, step: 5e5) == "2.5e+06")
        // Just below a million is still written out.
        #expect(Ticks.label(999_999, step: 1) == "999999")
    }
}

/// The lowest value of a curve is labelled beside the round ticks only when
/// it is clear of them by a third of a step, so that labels do not crowd.
@Suite struct MarkedTickTests {
    private func values(marking marked: Double) -> [Double] {
        // From -1 to 10 in at most 3 intervals the step is 5: ticks 0, 5, 10.
        var scale = Scale(low: -1, high: 10, dots: 40)
        scale.marked = marked
        return scale.ticks(count: 3).map(\.value)
    }

    @Test func aValueCloseToARoundTickIsNotLabelled() {
        #expect(Set(values(marking: 0.5)) == [0, 5, 10])
        #expect(Set(values(marking: 8.5)) == [0, 5, 10])
    }

    @Test func aValueClearOfTheRoundTicksIsLabelled() {
        #expect(Set(values(marking: 2.5)) == [0, 2.5, 5, 10])
        #expect(Set(values(marking: 7)) == [0, 5, 7, 10])
    }
}

/// The legend counts the marks that lie outside the plot, one as well as many.
@Suite struct OutsideMarksTests {
    private func plot(markersAt ys: [Double]) -> String {
        var plot = LinePlot(xRange: (0, 1))
        plot.series.append(.init(name: "f", points: stride(from: 0.0, through: 1, by: 0.1).map { ($0, $0) }))
        plot.markers = ys.map { LinePlot.Marker(x: 0.5, y: $0, symbol: "o") }
        return plot.render(width: 60, height: 10, charset: .ascii).plain
    }

    @Test func oneMarkOutsideIsReported() {
        let text = plot(markersAt: [0.5, 100])
        #expect(text.contains("1 marked point lies outside the plot"), "\(text)")
    }

    @Test func twoMarksOutsideAreReported() {
        let text = plot(markersAt: [100, -100])
        #expect(text.contains("2 marked points lie outside the plot"), "\(text)")
    }

    @Test func noMarkOutsideSaysNothing() {
        let text = plot(markersAt: [0.5])
        #expect(!text.contains("outside the plot"), "\(text)")
    }
}

/// The strip of regions under a curve's axis: each character shows the
/// region of the equal cell its centre lies in.
@Suite struct RegionStripTests {
    @Test func eachCharacterShowsTheCellUnderItsCentre() throws {
        let symbols: [Character] = ["A", "B", "C", "D", "E", "F", "G"]
        var plot = LinePlot(xRange: (0, 1))
        plot.series.append(.init(name: "f", points: stride(from: 0.0, through: 1, by: 0.1).map { ($0, $0) }))
        plot.strip = symbols.map { RegionMap.Region($0) }
        let text = plot.render(width: 60, height: 10, charset: .ascii).plain
        let line = try #require(text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty && $0.allSatisfy(symbols.contains) }, "\(text)")
        let columns = line.count
        // A width that 7 cells do not divide, so that a column's centre and its left edge can lie in different cells.
        try #require(columns % symbols.count != 0)
        for (column, character) in line.enumerated() {
            let centre = (Double(column) + 0.5) / Double(columns)
            let cell = min(symbols.count - 1, Int(centre * Double(symbols.count)))
            #expect(character == symbols[cell], "column \(column) of \(columns): \(line)")
        }
    }
}
