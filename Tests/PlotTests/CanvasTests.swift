import Testing
@testable import Plot

@Suite struct CanvasTests {
    @Test func brailleDotsMapToTheirBits() {
        var canvas = Canvas(columns: 1, rows: 1, charset: .unicode)
        canvas.set(0, 0)
        #expect(canvas.render() == ["⠁"])
        canvas.set(1, 3)
        #expect(canvas.render() == ["⢁"])
        for x in 0..<2 { for y in 0..<4 { canvas.set(x, y) } }
        #expect(canvas.render() == ["⣿"])
    }

    @Test func blockAndAsciiCells() {
        var block = Canvas(columns: 2, rows: 1, charset: .block)
        block.set(0, 0)
        block.set(1, 0)
        block.set(1, 1)
        #expect(block.render() == ["▀█"])
        var ascii = Canvas(columns: 3, rows: 1, charset: .ascii)
        ascii.set(1, 0)
        #expect(ascii.render() == [" * "])
    }

    @Test func linesConnectTheirEndsAndClipAtTheEdge() {
        var canvas = Canvas(columns: 5, rows: 5, charset: .ascii)
        canvas.line(from: (0, 0), to: (4, 4))
        #expect(canvas.render() == ["*    ", " *   ", "  *  ", "   * ", "    *"])
        var clipped = Canvas(columns: 3, rows: 1, charset: .ascii)
        clipped.line(from: (-1_000_000, 0), to: (1_000_000, 0))
        #expect(clipped.render() == ["***"])
    }

    @Test func marksAreDrawnOverDotsAndColouredBySeries() {
        var canvas = Canvas(columns: 2, rows: 1, charset: .ascii)
        canvas.set(0, 0, series: 0)
        canvas.mark(0, 0, "S", series: 1)
        #expect(canvas.render() == ["S "])
        #expect(canvas.render(color: true)[0].contains("\u{1B}[33mS"))
    }

    @Test func outOfRangeDotsAreIgnored() {
        var canvas = Canvas(columns: 2, rows: 2, charset: .unicode)
        canvas.set(-1, 0)
        canvas.set(0, 100)
        canvas.mark(99, 99, "x")
        #expect(canvas.render() == ["  ", "  "])
    }
}

@Suite struct TickTests {
    @Test(arguments: [
        (-5.0, 5.0, [-4.0, -2, 0, 2, 4]),
        (0.0, 18.0, [0.0, 5, 10, 15]),
        (0.0, 1.0, [0.0, 0.2, 0.4, 0.6, 0.8, 1]),
        (-0.3, 0.3, [-0.2, 0, 0.2]),
        (1000.0, 1010.0, [1000.0, 1002, 1004, 1006, 1008, 1010]),
    ])
    func ticksAreNiceNumbers(low: Double, high: Double, expected: [Double]) {
        let ticks = Ticks.auto(low, high, bins: 5)
        #expect(ticks.count == expected.count)
        for (a, b) in zip(ticks, expected) { #expect(abs(a - b) < 1e-12) }
    }

    @Test(arguments: [(0.7, 1.0), (1.3, 2.0), (3.0, 5.0), (7.0, 10.0), (0.012, 0.02), (4500.0, 5000.0)])
    func stepsAreOneTwoOrFiveTimesAPowerOfTen(raw: Double, step: Double) {
        #expect(abs(Ticks.niceStep(raw) - step) < 1e-12)
    }

    @Test func labelsAreShortAndExact() {
        #expect(Ticks.label(0.30000000000000004, step: 0.1) == "0.3")
        #expect(Ticks.label(-4, step: 2) == "-4")
        #expect(Ticks.label(2e7, step: 1e7) == "2e+07")
        #expect(Ticks.label(0, step: 1) == "0")
    }

    @Test func degenerateRangesStillGiveTicks() {
        #expect(Ticks.auto(3, 3, bins: 5) == [3])
        #expect(Ticks.auto(.nan, 1, bins: 5).isEmpty)
        #expect(Ticks.auto(-1e300, 1e300, bins: 5) == [-1e300, -5e299, 0, 5e299, 1e300])
    }

    @Test func aFlatScaleOpensAroundItsValue() {
        let scale = Scale(low: 2, high: 2, dots: 10)
        #expect(scale.low < 2 && scale.high > 2)
        #expect(scale.dot(2) == 5 || scale.dot(2) == 4)
        #expect(scale.dot(.nan) == nil)
    }
}

/// Without colour, curves are told apart along their whole length: the
/// second is dashed, the third dotted (SPEC section 12, NO_COLOR).
@Suite struct CurveDashTests {
    @Test func theSecondAndThirdCurvesAreDashedAndDotted() {
        var canvas = Canvas(columns: 20, rows: 3, charset: .unicode)
        // Three level lines, one a row, drawn as many short segments as a curve is.
        for (series, y) in [(0, 1), (1, 5), (2, 9)] {
            for x in Swift.stride(from: 0, to: 39, by: 3) { canvas.line(from: (x, y), to: (x + 3, y), series: series) }
        }
        let rows = canvas.render()
        func litDots(_ row: String) -> Int { row.unicodeScalars.map { $0.value >= 0x2800 ? ($0.value - 0x2800).nonzeroBitCount : 0 }.reduce(0, +) }
        #expect(litDots(rows[0]) == 40, "solid: \(rows[0])")
        #expect(litDots(rows[1]) == 20, "dashed, 4 on and 4 off: \(rows[1])")
        #expect(litDots(rows[2]) == 10, "dotted, 1 on and 3 off: \(rows[2])")
        #expect(rows[1].contains("\u{2800}") || rows[1].contains(" "), "gaps a person can see: \(rows[1])")
    }

    @Test func theLegendSwatchesShowTheDashes() {
        #expect((0..<4).map { LinePlot.swatch(.unicode, series: $0) } == ["──", "╌╌", "┈┈", "─·"])
    }
}
