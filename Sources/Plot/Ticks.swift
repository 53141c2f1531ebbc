import Foundation

/// "Nice" tick values for an axis: steps of 1, 2 or 5 times a power of
/// ten, about `count` of them, covering the range.
///
///     Ticks.nice(-5, 5, count: 5)    → [-4, -2, 0, 2, 4]
///     Ticks.nice(0, 18, count: 5)    → [0, 5, 10, 15]
package enum Ticks {
    package static func nice(_ low: Double, _ high: Double, count: Int = 5) -> [Double] {
        guard low.isFinite, high.isFinite else { return [] }
        if low == high { return [low] }
        let (a, b) = (min(low, high), max(low, high))
        let step = niceStep((b - a) / Double(max(1, count)))
        guard step > 0, step.isFinite else { return [a, b] }
        var ticks: [Double] = []
        var value = (a / step).rounded(.up) * step
        while value <= b + step * 1e-9 && ticks.count < 100 {
            // Snap values like 0.30000000000000004 to the step's grid, and -0 to 0.
            let snapped = (value / step).rounded() * step
            ticks.append(snapped == 0 ? 0 : snapped)
            value += step
        }
        return ticks
    }

    /// The nearest of 1, 2, 5 × 10^k at or above `raw`.
    package static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 0 }
        let exponent = floor(log10(raw))
        let base = pow(10, exponent)
        let fraction = raw / base
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        return nice * base
    }

    /// A tick label: short, and the same precision across an axis.
    package static func label(_ value: Double, step: Double) -> String {
        if value == 0 { return "0" }
        let magnitude = abs(value)
        let step = step > 0 ? step : magnitude
        if magnitude >= 1e6 || magnitude < 1e-4 {
            // As many digits as the step needs: 1.000001e+06 beside 1.000002e+06.
            let digits = max(2, min(15, Int(ceil(log10(magnitude / step)))))
            return trimmed(String(format: "%.\(digits)e", value))
        }
        let decimals = max(0, min(15, Int(-floor(log10(step)))))
        return trimmed(String(format: "%.\(decimals)f", value))
    }

    /// Labels of one axis in one format: as many decimals on each as the
    /// one that needs most (0.5, 1.0, 1.5, not 0.5, 1, 1.5).
    static func alike(_ ticks: [(value: Double, label: String)]) -> [(value: Double, label: String)] {
        guard ticks.allSatisfy({ !$0.label.contains("e") }) else { return ticks }
        let decimals = ticks.map { $0.label.split(separator: ".").dropFirst().first?.count ?? 0 }.max() ?? 0
        guard decimals > 0 else { return ticks }
        return ticks.map { ($0.value, String(format: "%.\(decimals)f", $0.value == 0 ? 0 : $0.value)) }
    }

    static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var mantissa = text
        var exponent = ""
        if let e = text.firstIndex(of: "e") {
            mantissa = String(text[..<e])
            exponent = String(text[e...])
        }
        while mantissa.hasSuffix("0") { mantissa.removeLast() }
        if mantissa.hasSuffix(".") { mantissa.removeLast() }
        return mantissa + exponent
    }
}
