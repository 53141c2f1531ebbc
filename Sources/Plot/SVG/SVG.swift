import Foundation

/// SVG pictures of figures: the same title, ranges, ticks, curves, marks
/// and legend as the text, drawn with lines, shapes and colour.
///
///     let figure = plot.render(width: 80, height: 16, charset: .unicode)
///     try figure.drawing?.svg().write(toFile: "plot.svg", atomically: true, encoding: .utf8)
package extension Drawing {
    /// The figure as a standalone SVG document, `width` pixels across and
    /// `height` down to the x axis's labels; its legend makes it taller,
    /// a line for each of its lines.
    func svg(width: Double = 640, height: Double = 400) -> String {
        switch self {
        case .curves(let plot): return plot.svg(width: width, height: height)
        case .shaded(let plot, let grid): return plot.svg(grid, width: width, height: height)
        case .regions(let map): return map.svg(width: width, height: height)
        }
    }
}

/// Marks drawn as shapes, the same on every kind of plot.
extension SVGDocument {
    /// A descent's mark: ◆ a diamond for the start, • a dot for a step, ★ a
    /// star for the end, ● a disc for where a run is now; any other, its
    /// character in a disc of its colour (a minimum's letter).
    mutating func addMark(_ role: MarkRole, symbol: Character, at point: (Double, Double), color: String) {
        let (x, y) = point
        let outline: [(String, String)] = [("fill", color), ("stroke-width", "1")]
        switch role {
        case .start:
            add("path", [:], class: .halo, role: "mark start", [("d", SVGDocument.polygon(diamond(x, y, 6.5)))] + outline)
        case .end:
            add("path", [:], class: .halo, role: "mark end", [("d", SVGDocument.polygon(star(x, y, 8.5)))] + outline)
        case .step:
            add("circle", ["cx": x, "cy": y, "r": 3], class: .halo, role: "mark step", outline)
        case .now:
            add("circle", ["cx": x, "cy": y, "r": 6], class: .halo, role: "mark now", outline)
        case .lettered:
            add("circle", ["cx": x, "cy": y, "r": 2.5], role: "mark lettered", [("fill", color)])
        case .label:
            add("circle", ["cx": x, "cy": y, "r": 8], class: .halo, role: "mark label", outline)
            add(text: String(symbol), x: x, y: y + 4, class: nil, role: "mark-text", anchor: "middle",
                [("fill", "#ffffff"), ("font-weight", "bold"), ("font-size", "11")])
        }
    }

    /// A letter beside a point, in its colour, outlined so it reads over lines and shades.
    /// A letter by a point: above it, or, where a letter already stands
    /// there (two paths that share a start), the first place around the
    /// point that is clear of every letter written so far.
    mutating func addLetter(_ letter: Character, at point: (Double, Double), color: String, anchor: String = "middle") {
        let dx = anchor == "end" ? -5.0 : anchor == "start" ? 5 : 0
        // Baseline positions around the point, nearest first; a letter is about 8 by 12 pixels.
        let places: [(Double, Double)] = [(dx, -7), (11, 4), (dx, 17), (-11, 4), (11, -9), (-11, -9), (11, 16), (-11, 16),
                                          (dx, -19), (22, 4), (-22, 4), (dx, 29)]
        func box(_ offset: (Double, Double)) -> (Double, Double, Double, Double) {
            let (x, y) = (point.0 + offset.0, point.1 + offset.1)
            let left = anchor == "end" ? x - 8 : anchor == "start" ? x : x - 4
            return (left, y - 10, left + 8, y + 2)
        }
        func clear(_ b: (Double, Double, Double, Double)) -> Bool {
            letterBoxes.allSatisfy { b.2 <= $0.0 || b.0 >= $0.2 || b.3 <= $0.1 || b.1 >= $0.3 }
        }
        let offset = places.first { clear(box($0)) } ?? places[0]
        letterBoxes.append(box(offset))
        add(text: String(letter), x: point.0 + offset.0, y: point.1 + offset.1, class: .haloText, role: "letter", anchor: anchor,
            [("fill", color), ("font-weight", "bold")])
    }

    /// One of several paths: a thin line through its points in its colour, a
    /// dot at each, a larger one where it ended, and its letter at both ends.
    mutating func addLetteredPath(_ points: [(Double, Double)], letter: Character, color: String, in frame: SVGFrame) {
        addTrail(points, in: frame, color: color, width: 1.25)
        for point in points where frame.contains(point) { addMark(.lettered, symbol: letter, at: point, color: color) }
        if let last = points.last, frame.contains(last) {
            add("circle", ["cx": last.0, "cy": last.1, "r": 4.5], class: .halo, role: "mark lettered-end", [("fill", color), ("stroke-width", "1")])
        }
        for point in [points.first, points.last].compactMap({ $0 }) where frame.contains(point) {
            addLetter(letter, at: point, color: color)
        }
    }

    /// A thin line through points, clipped to the plot.
    mutating func addTrail(_ points: [(Double, Double)], in frame: SVGFrame, color: String, width: Double = 1, role: String = "trail") {
        for part in frame.clip(points) where part.count > 1 {
            add("polyline", [:], role: role, [("points", SVGFrame.points(part)), ("fill", "none"), ("stroke", color),
                                              ("stroke-width", SVGDocument.number(width)), ("stroke-linejoin", "round")])
        }
    }

    private func diamond(_ x: Double, _ y: Double, _ r: Double) -> [(Double, Double)] {
        [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    }

    private func star(_ x: Double, _ y: Double, _ r: Double) -> [(Double, Double)] {
        (0..<10).map { i in
            let angle = Double.pi * Double(i) / 5 - Double.pi / 2
            let radius = i % 2 == 0 ? r : r * 0.45
            return (x + radius * cos(angle), y + radius * sin(angle))
        }
    }

    static func polygon(_ points: [(Double, Double)]) -> String {
        "M" + points.map { "\(number($0.0)) \(number($0.1))" }.joined(separator: " L") + " Z"
    }
}
