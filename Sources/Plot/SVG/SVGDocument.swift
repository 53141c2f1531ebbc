import Foundation

/// A standalone SVG picture, written element by element: numbers with at
/// most two decimals, text escaped, a style that reads on light and dark
/// pages, and the same colours again as attributes for renderers without CSS.
///
///     var document = SVGDocument(width: 640, height: 400, title: "f(x) = x^2")
///     document.add("line", ["x1": 0, "y1": 0, "x2": 10, "y2": 0], class: "axis")
///     document.text   // "<svg xmlns=…>…</svg>"
struct SVGDocument {
    var width: Double
    var height: Double
    var title: String
    private var body: [String] = []
    /// Where letters have been written (left, top, right, bottom), so that the next is put clear of them.
    var letterBoxes: [(Double, Double, Double, Double)] = []

    init(width: Double, height: Double, title: String) {
        self.width = width
        self.height = height
        self.title = title
    }

    /// An empty element: `numbers` in the order given, a class (its colours
    /// as attributes too) and what the element is (`role`, a further class),
    /// then `extra` attributes.
    mutating func add(_ name: String, _ numbers: KeyValuePairs<String, Double>, class style: SVGClass? = nil, role: String? = nil,
                      _ extra: [(String, String)] = []) {
        body.append("<\(name)\(SVGDocument.attributes(numbers, style, role, extra))/>")
    }

    /// A text element; `anchor` is start, middle or end.
    mutating func add(text: String, x: Double, y: Double, class style: SVGClass? = .foreground, role: String? = nil,
                      anchor: String = "start", _ extra: [(String, String)] = []) {
        let anchored = anchor == "start" ? extra : [("text-anchor", anchor)] + extra
        body.append("<text\(SVGDocument.attributes(["x": x, "y": y], style, role, anchored))>\(SVGDocument.escape(text))</text>")
    }

    /// Raw markup: a group's start or end.
    mutating func add(raw markup: String) { body.append(markup) }

    var text: String {
        let size = "viewBox=\"0 0 \(SVGDocument.number(width)) \(SVGDocument.number(height))\" width=\"\(SVGDocument.number(width))\" height=\"\(SVGDocument.number(height))\""
        let head = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" \(size) font-family=\"sans-serif\" font-size=\"12\">",
                    "<title>\(SVGDocument.escape(title))</title>",
                    SVGClass.style]
        return (head + body + ["</svg>", ""]).joined(separator: "\n")
    }

    private static func attributes(_ numbers: KeyValuePairs<String, Double>, _ style: SVGClass?, _ role: String?,
                                   _ extra: [(String, String)]) -> String {
        var text = ""
        for (name, value) in numbers { text += " \(name)=\"\(number(value))\"" }
        let classes = [style?.rawValue, role].compactMap { $0 }
        if !classes.isEmpty { text += " class=\"\(classes.joined(separator: " "))\"" }
        text += (style?.attributes ?? []).map { " \($0.0)=\"\($0.1)\"" }.joined()
        for (name, value) in extra { text += " \(name)=\"\(escape(value))\"" }
        return text
    }

    /// A coordinate: at most two decimals, no trailing zeros, never "-0".
    ///
    ///     number(12.5)   → "12.5"
    ///     number(1/3)    → "0.33"
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// Text as XML character data or an attribute value: `&`, `<`, `>` and
    /// quotes escaped, and control characters (never in XML) left out.
    ///
    ///     escape("a < b & \"c\"")   → "a &lt; b &amp; &quot;c&quot;"
    static func escape(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && !(0x7F...0x9F).contains(scalar.value) { escaped.unicodeScalars.append(scalar) }
            }
        }
        return escaped
    }
}

/// The parts of a picture whose colour depends on the page: each has a CSS
/// class, switched by `prefers-color-scheme: dark`, and light colours as
/// attributes for renderers that ignore CSS.
enum SVGClass: String {
    case title, foreground = "fg", axis, zero, halo, haloText = "halo-text"

    var attributes: [(String, String)] {
        switch self {
        case .title: return [("fill", "#1f2328"), ("font-size", "14"), ("font-weight", "bold")]
        case .foreground: return [("fill", "#1f2328")]
        case .axis: return [("stroke", "#57606a"), ("stroke-width", "1")]
        case .zero: return [("stroke", "#8c959f"), ("stroke-width", "1"), ("stroke-dasharray", "3 3")]
        case .halo: return [("stroke", "#ffffff")]
        case .haloText: return [("stroke", "#ffffff"), ("stroke-width", "3"), ("stroke-linejoin", "round"), ("paint-order", "stroke")]
        }
    }

    static let style = """
        <style>
        text { font-family: sans-serif; }
        .title { font-size: 14px; font-weight: bold; }
        .fg, .title { fill: #1f2328; }
        .axis { stroke: #57606a; }
        .zero { stroke: #8c959f; }
        .halo, .halo-text { stroke: #ffffff; }
        @media (prefers-color-scheme: dark) {
          .fg, .title { fill: #e6edf3; }
        .axis { stroke: #9198a1; }
          .zero { stroke: #6e7681; }
          .halo, .halo-text { stroke: #0d1117; }
        }
        </style>
        """
}

/// Colours that read on white and on dark pages.
enum SVGColor {
    /// A series' colour, in the terminal's order: cyan, yellow, magenta, green, blue, red.
    static func series(_ index: Int) -> String {
        let colors = ["#0891b2", "#ca8a04", "#c026d3", "#16a34a", "#2563eb", "#dc2626"]
        return colors[((index % colors.count) + colors.count) % colors.count]
    }

    /// A region's fill: its series' colour, lightened when `light` (a map's
    /// cells, under marks); greys for regions without a series.
    static func region(_ region: RegionMap.Region, light: Bool) -> String {
        guard let series = region.series else {
            switch region.symbol {
            case "!": return "#6e7781"
            case "~": return "#afb8c1"
            default: return "#d0d7de"
            }
        }
        return light ? mix(self.series(series), "#ffffff", 0.55) : self.series(series)
    }

    /// matplotlib's viridis at `t` from 0 (dark purple) to 1 (yellow): its
    /// colours at every sixteenth, and straight between them.
    static func viridis(_ t: Double) -> String {
        let stops = ["#440154", "#48186a", "#472d7b", "#424086", "#3b528b", "#33638d", "#2c728e", "#26828e", "#21918c",
                     "#1fa088", "#28ae80", "#3fbc73", "#5ec962", "#84d44b", "#addc30", "#d8e219", "#fde725"]
        let position = max(0, min(1, t.isFinite ? t : 0)) * Double(stops.count - 1)
        let low = Int(position.rounded(.down)), high = min(stops.count - 1, low + 1)
        return mix(stops[high], stops[low], position - Double(low))
    }

    /// For the legend: the colour of the region a line is about, when it
    /// begins with the region's character and two spaces, as a basin's line
    /// does ("A  x = 1  f = 0"), to draw a square of it before the line.
    static func squares(_ regions: [RegionMap.Region]) -> (LegendLine) -> String? {
        var bySymbol: [Character: RegionMap.Region] = [:]
        for region in regions where bySymbol[region.symbol] == nil { bySymbol[region.symbol] = region }
        return { line in
            let text = Array(line.text.prefix(3))
            guard text.count == 3, text[1] == " ", text[2] == " ", let region = bySymbol[text[0]] else { return nil }
            return SVGColor.region(region, light: false)
        }
    }

    /// The colour of a value that is not a number.
    static let undefined = "#8c959f"

    /// `a` weighted by `share`, `b` by the rest.
    static func mix(_ a: String, _ b: String, _ share: Double) -> String {
        let (x, y) = (rgb(a), rgb(b))
        let channels = (0..<3).map { Int((Double(x[$0]) * share + Double(y[$0]) * (1 - share)).rounded()) }
        return "#" + channels.map { String(format: "%02x", max(0, min(255, $0))) }.joined()
    }

    private static func rgb(_ hex: String) -> [Int] {
        let digits = Array(hex.dropFirst())
        return (0..<3).map { Int(String(digits[2 * $0..<2 * $0 + 2]), radix: 16) ?? 0 }
    }
}
