/// A grid of character cells, each holding a fine grid of dots, plus
/// characters written over them (markers, labels).
///
///     var canvas = Canvas(columns: 40, rows: 10, charset: .unicode)
///     canvas.line(from: (0, 0), to: (79, 39), series: 0)   // in dot coordinates
///     canvas.render()   // ["⠀⠀…⣀⠤⠒⠉", …]
///
/// Dot (0, 0) is the top-left. Each cell remembers which series drew most
/// of its dots, for colour.
package struct Canvas: Sendable {
    package let columns: Int
    package let rows: Int
    package let charset: Charset

    private var dots: [UInt8]            // bit mask of the lit dots in each cell
    private var owner: [Int8]            // the series that last drew in the cell, -1 none
    private var travelled: [Int: Int] = [:]   // dots walked along each series, for its dash pattern
    private var lastDot: [Int: (Int, Int)] = [:]   // where each dashed series' last segment ended
    private var overlay: [Character?]    // a character written over the cell
    private var overlayOwner: [Int8]

    package init(columns: Int, rows: Int, charset: Charset) {
        self.columns = max(1, columns)
        self.rows = max(1, rows)
        self.charset = charset
        let count = self.columns * self.rows
        dots = Array(repeating: 0, count: count)
        owner = Array(repeating: -1, count: count)
        overlay = Array(repeating: nil, count: count)
        overlayOwner = Array(repeating: -1, count: count)
    }

    /// Width and height in dots.
    package var dotWidth: Int { columns * charset.resolution.x }
    package var dotHeight: Int { rows * charset.resolution.y }

    /// Lights one dot; dots outside the canvas are ignored.
    package mutating func set(_ x: Int, _ y: Int, series: Int = 0) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let (rx, ry) = charset.resolution
        let cell = (y / ry) * columns + x / rx
        dots[cell] |= Canvas.bit(dx: x % rx, dy: y % ry, charset: charset)
        owner[cell] = Int8(clamping: series)
    }

    /// A straight line between two dots (Bresenham), clipped to the canvas
    /// first, so a curve shooting far off the canvas costs no more than one
    /// across it.
    ///
    /// Dots have no colour of their own, so the second, third and fourth
    /// curves of a figure are dashed, dotted and dash-dotted (`Canvas.dashes`):
    /// without colour (`NO_COLOR`, a pipe) they are still told apart along
    /// their whole length, not only by a letter where they leave the plot.
    /// ASCII draws each curve with a character of its own instead.
    package mutating func line(from a: (Int, Int), to b: (Int, Int), series: Int = 0) {
        guard let (start, end) = clip(a, b) else { return }
        var (x0, y0) = start
        let (x1, y1) = end
        let dx = abs(x1 - x0), sx = x0 < x1 ? 1 : -1
        let dy = -abs(y1 - y0), sy = y0 < y1 ? 1 : -1
        var error = dx + dy
        let pattern = charset == .ascii ? [] : Canvas.dashes(series: series)
        let period = pattern.reduce(0, +)
        while true {
            if period == 0 {
                set(x0, y0, series: series)
            } else if lastDot[series].map({ $0 == (x0, y0) }) != true {
                // The pattern runs on along the curve, from one segment to the next
                // (whose first dot is the last one's end, counted once).
                var phase = travelled[series, default: 0] % period, lit = false
                for (index, length) in pattern.enumerated() {
                    if phase < length { lit = index % 2 == 0; break }
                    phase -= length
                }
                if lit { set(x0, y0, series: series) }
                travelled[series, default: 0] += 1
                lastDot[series] = (x0, y0)
            }
            if x0 == x1 && y0 == y1 { break }
            let e2 = 2 * error
            if e2 >= dy { error += dy; x0 += sx }
            if e2 <= dx { error += dx; y0 += sy }
        }
    }

    /// The part of a segment inside the canvas, or nil.
    private func clip(_ a: (Int, Int), _ b: (Int, Int)) -> ((Int, Int), (Int, Int))? {
        guard let (start, end) = Clipping.segment(from: (Double(a.0), Double(a.1)), to: (Double(b.0), Double(b.1)),
                                                  box: (0, 0, Double(dotWidth - 1), Double(dotHeight - 1))) else { return nil }
        return ((Int(start.0.rounded()), Int(start.1.rounded())), (Int(end.0.rounded()), Int(end.1.rounded())))
    }

    /// Writes a character over the cell holding dot (x, y).
    package mutating func mark(_ x: Int, _ y: Int, _ character: Character, series: Int? = nil) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let (rx, ry) = charset.resolution
        let cell = (y / ry) * columns + x / rx
        overlay[cell] = character
        overlayOwner[cell] = Int8(clamping: series ?? -1)
    }

    /// Writes a character into a cell by cell coordinates.
    package mutating func put(column: Int, row: Int, _ character: Character, series: Int? = nil) {
        guard column >= 0, row >= 0, column < columns, row < rows else { return }
        overlay[row * columns + column] = character
        overlayOwner[row * columns + column] = Int8(clamping: series ?? -1)
    }

    package func isEmpty(column: Int, row: Int) -> Bool {
        let cell = row * columns + column
        return dots[cell] == 0 && overlay[cell] == nil
    }

    /// The rows of text, coloured per series when `color` is on.
    package func render(color: Bool = false) -> [String] {
        (0..<rows).map { row in
            var line = ""
            for column in 0..<columns {
                let cell = row * columns + column
                let character: Character
                let series: Int8
                if let over = overlay[cell] {
                    character = over
                    series = overlayOwner[cell]
                } else {
                    series = owner[cell]
                    character = charset == .ascii && dots[cell] != 0
                        ? Canvas.asciiGlyph(series: Int(series)) : Canvas.glyph(dots[cell], charset: charset)
                }
                line += color && series >= 0 ? Palette.paint(String(character), series: Int(series)) : String(character)
            }
            return line
        }
    }

    /// Dots on and off along a curve: none for the first (solid), then
    /// dashed, dotted and dash-dotted; the fifth and later are solid again.
    package static func dashes(series: Int) -> [Int] {
        switch series {
        case 1: return [4, 4]
        case 2: return [1, 3]
        case 3: return [5, 3, 1, 3]
        default: return []
        }
    }

    /// In ASCII each series draws with its own character, so that curves
    /// can be told apart without colour; the axes (series -1) are dotted.
    package static func asciiGlyph(series: Int) -> Character {
        let glyphs: [Character] = ["*", "+", "#", "o", "%", "x"]
        return series < 0 ? "." : glyphs[series % glyphs.count]
    }

    // Braille dot numbering: column 0 rows 0-2 are dots 1-3, row 3 is dot 7;
    // column 1 rows 0-2 are dots 4-6, row 3 is dot 8.
    private static let brailleBits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    private static func bit(dx: Int, dy: Int, charset: Charset) -> UInt8 {
        switch charset {
        case .unicode: return brailleBits[dx][dy]
        case .block: return dy == 0 ? 1 : 2
        case .ascii: return 1
        }
    }

    private static func glyph(_ mask: UInt8, charset: Charset) -> Character {
        switch charset {
        case .unicode:
            return mask == 0 ? " " : Character(Unicode.Scalar(0x2800 + UInt32(mask))!)
        case .block:
            switch mask {
            case 1: return "▀"
            case 2: return "▄"
            case 3: return "█"
            default: return " "
            }
        case .ascii:
            return mask == 0 ? " " : "*"
        }
    }
}
