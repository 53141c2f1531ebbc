import Testing
@testable import Language
import Plot

/// Every figure a cell makes keeps what it shows, to be drawn again as SVG.
@Suite struct FigureDrawingTests {
    private func evaluate(_ cells: [String]) throws -> Value {
        var values: [String: Value] = [:]
        let interpreter = Interpreter(lookup: { values[$0] }, knownNames: { Array(values.keys) },
                                      settings: Settings(), control: RunControl())
        var last: Value?
        for cell in cells {
            let syntax = try Parser.parseCell(cell)
            let value = try interpreter.evaluate(interpreter.reading(syntax))
            if let name = cell.split(separator: "=").first.map({ String($0.split(separator: "(")[0]).trimmingCharacters(in: .whitespaces) }),
               cell.contains("=") {
                values[name] = value
            }
            last = value
        }
        return try #require(last)
    }

    private let setup = ["f(x) = x^4 - 3x^2 + x", "r = descend(f, from: -2, step: 0.01)", "r2 = descend(f, from: 2, step: 0.01)",
                         "g(w, b) = w^2 + 3b^2", "q = descend(g, from: (1, 1), step: 0.1)",
                         "d = table(x: (1, 2, 3), y: (2, 4, 7))", "line(x) = 2x"]

    @Test(arguments: [("plot(f, -5..5, path: r)", "curves"), ("plot(f, -3..3, path: (r, r2))", "curves"),
                      ("plot(r)", "curves"), ("plot(d, line)", "curves"), ("plot(g, -2..2, -2..2, path: q)", "shaded"),
                      ("basins(f, -2..2, n: 40)", "curves"), ("basins(g, -2..2, -2..2, n: 10)", "regions")])
    func aCellsFigureKeepsItsDrawing(source: String, kind: String) throws {
        let figure: Figure
        switch try evaluate(setup + [source]) {
        case .figure(let plot): figure = plot
        case .basins(let basins): figure = basins.figure
        default: Issue.record("not a figure"); return
        }
        let drawing = try #require(figure.drawing)
        switch drawing {
        case .curves: #expect(kind == "curves")
        case .shaded(_, let grid): #expect(kind == "shaded" && grid.values.count == grid.columns * grid.rows)
        case .regions: #expect(kind == "regions")
        }
        #expect(drawing.svg().hasPrefix("<?xml"))
    }

    @Test func aPathOnACurveIsMarkedByWhatEachPointIs() throws {
        guard case .figure(let figure) = try evaluate(setup + ["plot(f, -5..5, path: r)"]),
              case .curves(let plot) = figure.drawing else { Issue.record("not a drawing of curves"); return }
        #expect(plot.markers.filter { $0.role == .start }.count == 1)
        #expect(plot.markers.filter { $0.role == .end }.count == 1)
        #expect(plot.markers.filter { $0.role == .step }.count == plot.markers.count - 2)
        let svg = try #require(figure.drawing).svg()
        #expect(svg.contains("mark start") && svg.contains("mark end") && svg.contains("class=\"trail\""))
        #expect(svg.contains("<title>f(x) = x^4 - 3x^2 + x</title>"))
    }

    @Test func severalPathsAreLettered() throws {
        guard case .figure(let figure) = try evaluate(setup + ["plot(f, -3..3, path: (r, r2))"]),
              case .curves(let plot) = figure.drawing else { Issue.record("not a drawing of curves"); return }
        #expect(Set(plot.markers.map(\.role)) == [.lettered])
        #expect(Set(plot.markers.map(\.symbol)) == ["A", "B"])
    }
}
