import Foundation

/// Tick values and labels for an axis.
package enum Ticks {
    /// Ticks as matplotlib's AutoLocator puts them (MaxNLocator with steps
    /// of 1, 2, 2.5, 5 and 10 times a power of ten), so that a picture here
    /// and the one an exported script draws have the same ticks: the
    /// largest such step that leaves at most `bins` intervals, each tick in
    /// [low, high].
    ///
    ///     Ticks.auto(-4, 6, bins: 9)    → [-4, -2, 0, 2, 4, 6]
    ///     Ticks.auto(-2, 2, bins: 9)    → [-2, -1.5, -1, …, 2]
    package static func auto(_ low: Double, _ high: Double, bins: Int) -> [Double] {
        placed(low, high, bins: bins).values
    }

    /// The ticks of `auto` and the step between them, as the round number
    /// it is (the difference of two ticks near 1000 is not).
    package static func placed(_ low: Double, _ high: Double, bins: Int) -> (values: [Double], step: Double) {
        guard low.isFinite, high.isFinite else { return ([], 0) }
        if low == high { return ([low], 0) }
        let (vmin, vmax) = (min(low, high), max(low, high))
        let n = Double(max(1, bins))
        // matplotlib's scale_range: a power of ten near the step, and an offset for a range far from 0.
        let span = vmax - vmin, middle = (vmax + vmin) / 2
        let offset = abs(middle) / span < 100 ? 0 : copysign(pow(10, floor(log10(abs(middle)))), middle)
        let scale = pow(10, floor(log10(span / n)))
        let (a, b) = (vmin - offset, vmax - offset)
        let base = [1, 2, 2.5, 5, 10]
        let steps = (base.dropLast().map { $0 / 10 } + base + [base[1] * 10]).map { $0 * scale }
        let raw = (b - a) / n
        let largest = steps.firstIndex { $0 >= raw } ?? steps.count - 1
        // Whether a remainder is, to rounding, a whole number of steps (matplotlib's _Edge_integer).
        func tolerance(_ step: Double) -> Double {
            offset > 0 ? min(0.4999, max(1e-10, pow(10, log10(offset / step) - 12))) : 1e-10
        }
        for step in steps[...largest].reversed() {
            let start = floor(a / step) * step
            let tol = tolerance(step)
            func below(_ x: Double) -> Double {
                let d = floor(x / step), m = x - d * step
                return abs(m / step - 1) < tol ? d + 1 : d
            }
            func above(_ x: Double) -> Double {
                let d = floor(x / step), m = x - d * step
                return abs(m / step) < tol ? d : d + 1
            }
            let (first, last) = (below(a - start), above(b - start))
            guard first <= last, last - first < 1000 else { continue }
            let ticks = stride(from: first, through: last, by: 1).map { $0 * step + start }
            // Ticks in view, with room for rounding; snapped to the step's grid (0.3, not 0.30000000000000004).
            let slack = step * 1e-9
            let inView = ticks.filter { $0 >= a - slack && $0 <= b + slack }
            if inView.count >= 2 || step == steps[0] {
                return (inView.map { value in
                    let snapped = (value / step).rounded() * step + offset
                    return snapped == 0 ? 0 : snapped
                }, step)
            }
        }
        return ([vmin, vmax], vmax - vmin)
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
            // A step of 2.5 × 10^k needs one digit more than its power: 1.025e-05, not 1.03e-05.
            let mantissa = step / pow(10, floor(log10(step)))
            let extra = (0...3).first { d in
                let shifted = mantissa * pow(10, Double(d))
                return (shifted - shifted.rounded()).magnitude <= shifted * 1e-9
            } ?? 3
            let digits = max(2, min(15, Int(ceil(log10(magnitude / step))) + extra))
            return trimmed(String(format: "%.\(digits)e", value))
        }
        // As many decimals as the step has: 0.5 → 1, 2.5 → 1, 0.25 → 2, 20 → 0.
        let decimals = (0...15).first { d in
            let scaled = step * pow(10, Double(d))
            return abs(scaled - scaled.rounded()) <= scaled * 1e-9
        } ?? 15
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
