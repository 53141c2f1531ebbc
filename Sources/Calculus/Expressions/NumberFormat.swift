import Foundation

/// How numbers are written for people.
///
///     shortest(0.1)          →  "0.1"       (never "0.1000000000000000055")
///     shortest(3)            →  "3"         (never "3.0")
///     significant(1.2e-6, 6) →  "1.2e-06"
///     significant(2/3, 6)    →  "0.666667"
package enum NumberFormat {
    /// The shortest text that reads back as the same double, in plain or
    /// scientific notation, and whole numbers without a decimal point.
    package static func shortest(_ value: Double) -> String {
        if let special = special(value) { return special }
        if value == value.rounded(), Swift.abs(value) < 1e15 {
            return String(Int64(value))
        }
        return trimmed(value.description)
    }

    /// At most `digits` significant digits, like C's `%g`, trailing zeros
    /// removed; whole numbers below 1e15 are written out in full.
    package static func significant(_ value: Double, _ digits: Int) -> String {
        if let special = special(value) { return special }
        if value == value.rounded(), Swift.abs(value) < 1e15 {
            return String(Int64(value))
        }
        let digits = Swift.max(1, Swift.min(digits, 17))
        return trimmed(String(format: "%.\(digits)g", value))
    }

    /// Numbers inside expressions: up to 15 significant digits, so that
    /// `0.1 + 0.2` prints as `0.3` while every value a user typed reads back.
    package static func expression(_ value: Double) -> String {
        if let special = special(value) { return special }
        let short = shortest(value)
        let compact = significant(value, 15)
        return compact.count < short.count ? compact : short
    }

    private static func special(_ value: Double) -> String? {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return "0" }
        return nil
    }

    /// Removes trailing zeros of the fraction ("2.500" → "2.5", "1.0e-06" → "1e-06").
    private static func trimmed(_ text: String) -> String {
        var mantissa = text
        var exponent = ""
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = String(text[..<e])
            exponent = String(text[e...]).lowercased()
        }
        if mantissa.contains(".") {
            while mantissa.hasSuffix("0") { mantissa.removeLast() }
            if mantissa.hasSuffix(".") { mantissa.removeLast() }
        }
        return mantissa + exponent
    }
}
