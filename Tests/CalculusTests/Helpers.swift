import Calculus
import Language

/// Reads `source` as a function body over `parameters`.
func expr(_ source: String, _ parameters: [String] = ["x"]) throws -> Expr {
    try Formula.parse(source, variables: parameters)
}

/// The printed, simplified derivative of `source` by `variable`.
func derivative(_ source: String, by variable: String = "x", _ parameters: [String] = ["x"]) throws -> String {
    ExpressionPrinter.print(Derivative.of(try expr(source, parameters), by: variable))
}

/// A small deterministic random generator, so property tests are repeatable.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Whether two numbers agree to a relative (or, near zero, absolute) tolerance.
func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    if a == b { return true }
    return Swift.abs(a - b) <= tolerance * Swift.max(1, Swift.abs(a), Swift.abs(b))
}
