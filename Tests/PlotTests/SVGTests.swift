import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Plot

/// An SVG document read back: its elements in order, with their attributes and text.
final class SVGReader: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""

        var classes: Set<String> { Set((attributes["class"] ?? "").split(separator: " ").map(String.init)) }
        func number(_ name: String) -> Double { Double(attributes[name] ?? "") ?? .nan }
    }

    private(set) var elements: [Element] = []
    private var open: [Int] = []

    /// The elements, or nil when the text is not well-formed XML.
    static func read(_ svg: String) -> [Element]? {
        let reader = SVGReader()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = reader
        return parser.parse() ? reader.elements : nil
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        open.append(elements.count)
        elements.append(Element(name: name, attributes: attributes))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let index = open.last { elements[index].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }
}

extension [SVGReader.Element] {
    func with(_ name: String, _ classes: String...) -> [SVGReader.Element] {
        filter { $0.name == name && Set(classes).isSubset(of: $0.classes) }
    }

    /// The legend's lines as text has them: a series' line after its swatch, "── name".
    var legendLines: [String] {
        var lines: [String] = []
        var swatch = false
        var swatchText = "── "
        for element in self {
            if element.classes.contains("swatch"), element.name == "line" {
                // Its dashes, as the text's swatch shows them.
                switch element.attributes["stroke-dasharray"] {
                case "8 8"?: swatchText = "╌╌ "
                case "2 6"?: swatchText = "┈┈ "
                case "10 6 2 6"?: swatchText = "─· "
                default: swatchText = "── "
                }
                swatch = true
            }
            if element.name == "text", element.classes.contains("legend"), !element.classes.contains("more") {
                lines.append((swatch ? swatchText : "") + element.text)
                swatch = false
            }
        }
        return lines
    }

    /// The plot area, from its axes: the y axis's top and bottom, the x axis's ends.
    var plotArea: (left: Double, top: Double, right: Double, bottom: Double)? {
        let axes = with("line", "axis")
        guard let y = axes.first(where: { $0.number("x1") == $0.number("x2") && $0.number("y2") - $0.number("y1") > 50 }),
              let x = axes.first(where: { $0.number("y1") == $0.number("y2") && $0.number("x2") - $0.number("x1") > 50 }) else { return nil }
        return (y.number("x1"), y.number("y1"), x.number("x2"), y.number("y2"))
    }
}

/// The tick labels of a text figure: left of the y axis, and under the x axis.
private func textTicks(_ text: String) -> (y: [String], x: [String]) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let y = lines.compactMap { line -> String? in
        guard let bar = line.firstIndex(of: "│") else { return nil }
        let label = line[..<bar].trimmingCharacters(in: .whitespaces)
        return label.isEmpty ? nil : label
    }
    let axis = lines.firstIndex { $0.contains("└") } ?? lines.count - 2
    return (y, lines[axis + 1].split(separator: " ").map(String.init))
}

/// The legend lines of a text figure: everything under the x labels.
private func textLegend(_ text: String) -> [String] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let axis = lines.firstIndex { $0.contains("└") } ?? lines.count - 2
    return Array(lines.dropFirst(axis + 2))
}

private func samples(_ f: (Double) -> Double, from a: Double, to b: Double, count: Int = 200) -> [(x: Double, y: Double)] {
    (0...count).map { i in
        let x = a + (b - a) * Double(i) / Double(count)
        return (x, f(x))
    }
}

/// One plot of each kind, as the notebook makes them.
enum Sample: String, CaseIterable, Sendable {
    case curveWithPath, convergence, mapWithPath, letteredMap, scatter, strip, regions, letteredCurve

    var figure: Figure {
        switch self {
        case .curveWithPath:
            var plot = LinePlot(title: "f(x) = x^2 + 2", xRange: (-5, 5))
            plot.series.append(.init(name: "f(x) = x^2 + 2", points: samples({ $0 * $0 + 2 }, from: -5, to: 5)))
            let path = [-4.0, -3.2, -2.56, -2.048, -1.6384, 0]
            // As the notebook adds them: the steps, the end, then the start.
            for i in Array(1..<path.count - 1) + [path.count - 1, 0] {
                let role: MarkRole = i == 0 ? .start : i == path.count - 1 ? .end : .step
                plot.markers.append(.init(x: path[i], y: path[i] * path[i] + 2, symbol: i == 0 ? "◆" : i == path.count - 1 ? "★" : "•",
                                          series: role == .step ? Palette.steps : Palette.endpoints, role: role))
            }
            plot.notes.append("path: ◆ start  • steps  ★ end (5 steps, converged)")
            return plot.render(width: 72, height: 14, charset: .unicode)
        case .convergence:
            var plot = LinePlot(title: "f against the step number", xRange: (0, 50))
            plot.logarithmicY = true
            plot.trimsOutliers = false
            plot.series.append(.init(name: "step 0.1 (converged)", points: (0...50).map { (Double($0), pow(0.5, Double($0))) }))
            plot.series.append(.init(name: "step 0.3 (converged)", points: (0...20).map { (Double($0), pow(0.2, Double($0))) }))
            plot.notes.append("f on a log scale")
            return plot.render(width: 72, height: 14, charset: .unicode)
        case .mapWithPath, .letteredMap:
            var plot = MapPlot(title: "g(w, b) = w^2 + 3b^2", xRange: (-2, 2), yRange: (-2, 2), xName: "w", yName: "b")
            if self == .mapWithPath {
                plot.path = [(-1.5, 1.5), (-1, 0.5), (-0.5, 0.1), (0, 0)]
                plot.pathNote = "(3 steps, converged)"
            } else {
                plot.lettered = [([(-1.5, 1.5), (-0.5, 0.2), (0, 0)], "A"), ([(1.5, -1.5), (0.5, -0.2), (0, 0)], "B")]
                plot.notes = ["A: from (-1.5, 1.5)", "B: from (1.5, -1.5)"]
            }
            return plot.render(width: 72, height: 14, charset: .unicode) { $0 * $0 + 3 * $1 * $1 }
        case .scatter:
            var plot = LinePlot(xRange: (0.5, 6.5))
            plot.series.append(.init(name: "line(x) = 2x", points: samples({ 2 * $0 }, from: 0.5, to: 6.5)))
            plot.points = [(1, 2.1), (2, 3.9), (3, 6.2), (4, 7.8), (5, 10.1), (6, 12.2)].map {
                .init(x: $0.0, y: $0.1, symbol: "•", series: Palette.endpoints)
            }
            plot.notes.append("• data: 6 points, x across, y up")
            return plot.render(width: 72, height: 14, charset: .unicode)
        case .strip:
            var plot = LinePlot(title: "basins of f(x) = x^4 - 3x^2 + x", xRange: (-2.5, 2.5))
            plot.series.append(.init(name: "f(x) = x^4 - 3x^2 + x", points: samples({ $0 * $0 * $0 * $0 - 3 * $0 * $0 + $0 }, from: -2.5, to: 2.5)))
            plot.markers = [.init(x: -1.3, y: -3.51, symbol: "A", series: 0), .init(x: 1.13, y: -1.07, symbol: "B", series: 1)]
            plot.strip = Array(repeating: RegionMap.Region("a", series: 0), count: 31) + Array(repeating: RegionMap.Region("b", series: 1), count: 29)
            plot.notes = ["A  x = -1.3  53% of starts", "B  x = 1.13  47% of starts"]
            return plot.render(width: 72, height: 12, charset: .unicode)
        case .regions:
            let cells = (0..<6).flatMap { row in (0..<8).map { column in
                column < 4 ? RegionMap.Region("a", series: 0) : row == 0 ? RegionMap.Region("!") : RegionMap.Region("b", series: 1)
            } }
            var map = RegionMap(title: "basins of k(x, y)", xRange: (-2, 2), yRange: (-3, 3), xName: "x", yName: "y",
                                gridColumns: 8, gridRows: 6, cells: cells)
            map.marks = [(-1, 0, RegionMap.Region("A", series: 0)), (1, 1, RegionMap.Region("B", series: 1))]
            map.legend = [("A  x = -1, y = 0", 0), ("B  x = 1, y = 1", 1), ("!  diverged: 6% of starts", nil)]
            return map.render(width: 72, height: 12, charset: .unicode)
        case .letteredCurve:
            var plot = LinePlot(title: "f(x) = x^2", xRange: (-3, 3))
            plot.series.append(.init(name: "f(x) = x^2", points: samples({ $0 * $0 }, from: -3, to: 3)))
            for (letter, start, series) in [("A", -2.5, 1), ("B", 2.0, 2)] as [(Character, Double, Int)] {
                for x in [start, start / 2, start / 4] {
                    plot.markers.append(.init(x: x, y: x * x, symbol: letter, series: series, role: .lettered))
                }
            }
            plot.notes = ["A: from -2.5", "B: from 2"]
            return plot.render(width: 72, height: 12, charset: .unicode)
        }
    }
}

@Suite struct SVGTests {
    private func read(_ figure: Figure) throws -> (svg: String, elements: [SVGReader.Element]) {
        let svg = try #require(figure.drawing).svg()
        let elements = try #require(SVGReader.read(svg), "not well-formed:\n\(svg)")
        return (svg, elements)
    }

    @Test(arguments: Sample.allCases)
    func everyKindIsAStandaloneDocumentWithTheTitle(sample: Sample) throws {
        let figure = sample.figure
        let (svg, elements) = try read(figure)
        let root = try #require(elements.first)
        #expect(root.name == "svg")
        #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(root.attributes["viewBox"] == "0 0 \(root.attributes["width"]!) \(root.attributes["height"]!)")
        #expect(elements.with("style").first?.text.contains("prefers-color-scheme: dark") == true)
        #expect(!svg.contains("<script") && !svg.contains("href") && !svg.contains("url("))
        // The title, as the text's first line, when the plot has one.
        let firstLine = String(figure.plain.split(separator: "\n")[0])
        if !firstLine.contains("│") {
            #expect(elements.with("title").first?.text == firstLine)
            #expect(elements.with("text", "title").first?.text == firstLine)
        }
        // Drawn again, the same bytes.
        #expect(figure.drawing?.svg() == svg)
    }

    /// The picture's ticks are where matplotlib would put them: evenly spaced
    /// round values, 1, 2, 2.5 or 5 times a power of ten apart, at most nine
    /// intervals; the text's fewer ticks are round values on the same axes.
    @Test(arguments: Sample.allCases)
    func theTicksAreRoundAndEvenlySpacedAsMatplotlibsAre(sample: Sample) throws {
        let figure = sample.figure
        let (_, elements) = try read(figure)
        let ticks = textTicks(figure.plain)
        #expect(!ticks.y.isEmpty && !ticks.x.isEmpty)
        for axis in ["x", "y"] {
            let labels = elements.with("text", "tick", axis).map(\.text)
            if labels.contains(where: { $0.hasPrefix("1e") }) { continue }   // a log scale: decades
            // The lowest value of a curve may be labelled beside the round ticks: one value off the grid at most.
            let values = labels.compactMap(Double.init).sorted()
            #expect(values.count >= 2 && values.count <= 11, "\(axis): \(labels)")
            let steps = zip(values.dropFirst(), values).map { $0 - $1 }
            let step = try #require(Dictionary(grouping: steps.map { ($0 * 1e9).rounded() / 1e9 }, by: { $0 })
                .max { $0.value.count < $1.value.count }?.key)
            let mantissa = step / pow(10, floor(log10(step)))
            #expect([1, 2, 2.5, 5].contains { abs($0 - mantissa) < 1e-6 }, "\(axis): step \(step) in \(labels)")
            let offGrid = values.filter { abs(($0 / step).rounded() * step - $0) > step * 1e-6 }
            #expect(offGrid.count <= 1, "\(axis): \(labels)")
        }
    }

    @Test(arguments: Sample.allCases)
    func theLegendIsTheTextsLegend(sample: Sample) throws {
        let figure = sample.figure
        let (_, elements) = try read(figure)
        var expected = textLegend(figure.plain)
        if sample == .strip { expected.removeFirst() }   // the strip's own line of letters
        // A map's shades are a colour scale, not lines of text.
        expected.removeAll { $0.hasPrefix("shades:") || $0.hasPrefix("        ") }
        #expect(!expected.isEmpty)
        #expect(elements.legendLines == expected)
    }

    @Test func aMapHasAColourBarOfItsBandsDarkLowToYellowHigh() throws {
        let figure = Sample.mapWithPath.figure
        guard case .shaded(_, let grid) = figure.drawing else { Issue.record("not a shaded drawing"); return }
        #expect(grid.columns == ShadedGrid.standardSize.columns && grid.rows == ShadedGrid.standardSize.rows)
        #expect(grid.values.count == grid.columns * grid.rows)
        let (_, elements) = try read(figure)
        let levels = FilledContours.rankLevels(grid.values)
        let blocks = elements.with("rect", "scale")
        #expect(blocks.count == levels.count - 1)
        // viridis, as the exported figure's: dark purple for the lowest band, yellow for the highest.
        #expect(blocks.first?.attributes["fill"] == "#440154" && blocks.last?.attributes["fill"] == "#fde725")
        // Every other level is written under the bar, as the exported figure's colour bar does.
        let labels = elements.with("text", "scale-label").map(\.text)
        #expect(labels.first == MapPlot.short(levels[0]) && labels.count <= (levels.count + 1) / 2, "\(labels)")
        // Each band is one path of the band's colour, lowest first.
        let shades = elements.with("path", "shade")
        #expect(shades.count == levels.count - 1)
        #expect(shades.first?.attributes["fill"] == "#440154")
        // The path: its start, steps and end, joined.
        #expect(elements.with("path", "mark", "start").count == 1)
        #expect(elements.with("circle", "mark", "step").count == 2)
        #expect(elements.with("path", "mark", "end").count == 1)
        #expect(elements.with("polyline", "trail").count == 1)
    }

    @Test func aRegionMapCoversEveryCellAndItsMinimaAreMarked() throws {
        let figure = Sample.regions.figure
        guard case .regions(let map) = figure.drawing else { Issue.record("not a region map"); return }
        let (_, elements) = try read(figure)
        // A row's neighbours of one region are one rectangle; together they cover every cell once.
        let cells = elements.with("rect", "cell")
        let area = cells.reduce(0.0) { $0 + $1.number("width") * $1.number("height") }
        let (left, right) = (cells.map { $0.number("x") }.min()!, cells.map { $0.number("x") + $0.number("width") }.max()!)
        let (top, bottom) = (cells.map { $0.number("y") }.min()!, cells.map { $0.number("y") + $0.number("height") }.max()!)
        #expect(area == (right - left) * (bottom - top))
        #expect(cells.count <= map.gridColumns * map.gridRows && cells.count >= map.gridRows)
        #expect(elements.with("text", "mark-text").map(\.text) == ["A", "B"])
        // Each line about a region has a square of its colour.
        #expect(elements.with("rect", "swatch").count == 3)
    }

    @Test func aStripHasACellPerRegion() throws {
        let (_, elements) = try read(Sample.strip.figure)
        #expect(elements.with("rect", "strip").count == 60)
        #expect(Set(elements.with("rect", "strip").map { $0.attributes["fill"]! }).count == 2)
    }

    @Test func aDescentsMarksAreShapesJoinedInOrder() throws {
        let (_, elements) = try read(Sample.curveWithPath.figure)
        let start = try #require(elements.with("path", "mark", "start").first)
        #expect(elements.with("circle", "mark", "step").count == 4)
        #expect(elements.with("path", "mark", "end").count == 1)
        // The trail goes from the start (x = -4), through the steps, to the end (x = 0).
        let trail = try #require(elements.with("polyline", "trail").first)
        let points = trail.attributes["points"]!.split(separator: " ").map { $0.split(separator: ",").map { Double($0)! } }
        #expect(points.count == 6)
        #expect(points.map { $0[0] } == points.map { $0[0] }.sorted())
        #expect(start.attributes["d"]!.hasPrefix("M\(SVGDocument.number(points[0][0])) "))
    }

    @Test func letteredPathsHaveTheirColoursAndLetters() throws {
        let (_, elements) = try read(Sample.letteredCurve.figure)
        let trails = elements.with("polyline", "trail")
        #expect(trails.count == 2)
        #expect(Set(trails.map { $0.attributes["stroke"]! }).count == 2)
        #expect(elements.with("text", "letter").map(\.text).sorted() == ["A", "A", "B", "B"])
    }

    @Test func aCurveUndefinedInTheMiddleIsTwoLines() throws {
        var plot = LinePlot(xRange: (-2, 2))
        plot.series.append(.init(name: "sqrt(x^2 - 1)", points: samples({ ($0 * $0 - 1).squareRoot() }, from: -2, to: 2)))
        let (_, elements) = try read(plot.render(width: 60, height: 10, charset: .unicode))
        #expect(elements.with("polyline", "curve").count == 2)
    }

    @Test func noLineIsDrawnAcrossAPole() throws {
        var plot = LinePlot(xRange: (-2, 2))
        plot.series.append(.init(name: "1/(x - 0.3)", points: samples({ 1 / ($0 - 0.3) }, from: -2, to: 2, count: 320)))
        let (_, elements) = try read(plot.render(width: 80, height: 16, charset: .unicode))
        let area = try #require(elements.plotArea)
        let lines = elements.with("polyline", "curve")
        #expect(lines.count == 2)
        for line in lines {
            let ys = line.attributes["points"]!.split(separator: " ").map { Double($0.split(separator: ",")[1])! }
            let spansThePlot = zip(ys, ys.dropFirst()).contains { abs($0 - $1) > (area.bottom - area.top) * 0.9 }
            #expect(!spansThePlot, "\(ys)")
        }
    }

    @Test func aMarkAtTheCornerOfTheRangesIsAtTheCornerOfThePlot() throws {
        // The top of the y range is the curve's highest value and a little more: a
        // mark there is on the text's first row and at the top of the SVG's plot area.
        var plot = LinePlot(xRange: (0, 10))
        plot.series.append(.init(name: "x", points: samples({ $0 }, from: 0, to: 10)))
        let top = plot.yScale(dots: 2).high
        plot.markers.append(.init(x: 0, y: top, symbol: "•", series: Palette.steps, role: .step))
        let figure = plot.render(width: 60, height: 10, charset: .unicode)
        let firstRow = try #require(figure.plain.split(separator: "\n").first)
        #expect(firstRow.drop { $0 != "│" }.dropFirst().hasPrefix("•"), "\(figure.plain)")
        let (_, elements) = try read(figure)
        let area = try #require(elements.plotArea)
        let mark = try #require(elements.with("circle", "mark", "step").first)
        #expect(abs(mark.number("cx") - area.left) < 0.01)
        #expect(abs(mark.number("cy") - area.top) < 0.01)
    }

    @Test func aLogScaleIsLabelledAsTheText() throws {
        let figure = Sample.convergence.figure
        let (_, elements) = try read(figure)
        let labels = elements.with("text", "tick", "y")
        guard case .curves(let plot)? = figure.drawing else { Issue.record("no curves"); return }
        let text = Frame.yTicks(plot.yScale(dots: 100), bins: Frame.pictureBins).map(\.label)
        #expect(labels.map(\.text).sorted() == text.sorted())
        #expect(labels.count <= 10, "at most nine intervals of decades, as matplotlib's LogLocator")
        #expect(labels.contains { $0.text.hasPrefix("1e-") })
        // Higher values higher up: the top decade above 1e-3.
        let rows = Dictionary(labels.map { ($0.text, $0.number("y")) }, uniquingKeysWith: { a, _ in a })
        if let one = rows[text.first ?? ""], let small = rows.first(where: { $0.key.hasPrefix("1e-") })?.value { #expect(one < small) }
    }

    @Test func textIsEscaped() throws {
        var plot = LinePlot(title: "a < b & \"c\" > 'd'", xRange: (0, 1))
        plot.series.append(.init(name: "x<y", points: [(0, 0), (1, 1)]))
        plot.notes.append("1 & 2")
        let (svg, elements) = try read(plot.render(width: 40, height: 6, charset: .unicode))
        #expect(elements.with("title").first?.text == "a < b & \"c\" > 'd'")
        #expect(svg.contains("a &lt; b &amp; &quot;c&quot; &gt; &apos;d&apos;"))
        #expect(elements.legendLines == ["── x<y", "1 & 2"])
    }

    @Test func figuresAreEqualByTheirTextAlone() {
        let figure = Sample.scatter.figure
        var bare = figure
        bare.drawing = nil
        #expect(bare == figure)
        #expect(Set([bare, figure]).count == 1)
    }

    @Test func numbersHaveAtMostTwoDecimals() {
        #expect(SVGDocument.number(12.5) == "12.5")
        #expect(SVGDocument.number(1.0 / 3) == "0.33")
        #expect(SVGDocument.number(-0.001) == "0")
        #expect(SVGDocument.number(40) == "40")
    }
}

/// A basins map leaves no seam between its cells in any renderer: cell edges
/// are whole pixels, and each row's rectangles meet edge to edge.
@Suite struct RegionSeamTests {
    @Test func cellsMeetOnWholePixels() throws {
        let svg = try #require(Sample.regions.figure.drawing).svg()
        let cells = svg.split(separator: "\n").filter { $0.contains("cell") && $0.contains("<rect") }
        try #require(!cells.isEmpty)
        func attribute(_ name: String, _ line: Substring) -> Double? {
            guard let range = line.range(of: " \(name)=\"") else { return nil }
            return Double(line[range.upperBound...].prefix { $0 != "\"" })
        }
        var rows: [Double: [(Double, Double)]] = [:]
        for cell in cells {
            let (x, y, width, height) = (try #require(attribute("x", cell)), try #require(attribute("y", cell)),
                                         try #require(attribute("width", cell)), try #require(attribute("height", cell)))
            #expect([x, y, width, height].allSatisfy { $0 == $0.rounded() }, "\(cell)")
            rows[y, default: []].append((x, x + width))
        }
        for (_, spans) in rows {
            let sorted = spans.sorted { $0.0 < $1.0 }
            #expect(zip(sorted, sorted.dropFirst()).allSatisfy { $0.1 == $1.0 }, "a gap in a row: \(sorted)")
        }
    }
}

/// Paths that share a start each keep their letter readable there.
@Suite struct LetterPlacementTests {
    @Test func lettersOfPathsThatShareAStartDoNotOverlap() throws {
        var map = MapPlot(title: "g", xRange: (-2, 2), yRange: (-2, 2), xName: "x", yName: "y")
        for (index, letter) in ["A", "B", "C"].enumerated() {
            let end = Double(index) * 0.4 - 0.4
            map.lettered.append((points: [(x: 0.1, y: 1.5), (x: 0.5, y: 0.5), (x: 1, y: end)], letter: Character(letter)))
        }
        let grid = ShadedGrid(sampling: { $0 * $0 + $1 * $1 }, xRange: (-2, 2), yRange: (-2, 2), columns: 8, rows: 8)
        let svg = map.svg(grid, width: 600, height: 400)
        let letters = svg.split(separator: "\n").filter { $0.contains("letter") && $0.contains("<text") }.map { line -> (Double, Double) in
            func attribute(_ name: String) -> Double {
                guard let range = line.range(of: " \(name)=\"") else { return .nan }
                return Double(line[range.upperBound...].prefix { $0 != "\"" }) ?? .nan
            }
            return (attribute("x"), attribute("y"))
        }
        #expect(letters.count == 6)
        for (i, a) in letters.enumerated() {
            for b in letters[(i + 1)...] {
                #expect(abs(a.0 - b.0) >= 8 || abs(a.1 - b.1) >= 12, "letters at \(a) and \(b) overlap")
            }
        }
    }
}
