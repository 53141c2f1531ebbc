/// The update rule of a descent, with its parameters.
///
///     gd         x ← x − η g
///     momentum   v ← β v + g;               x ← x − η v
///     nesterov   v ← β v + g;               x ← x − η (g + β v)
///     adam       m ← β₁ m + (1 − β₁) g;  s ← β₂ s + (1 − β₂) g²;
///                x ← x − η m̂ / (√ŝ + ε),  m̂ = m/(1 − β₁ᵗ), ŝ = s/(1 − β₂ᵗ)
///     linesearch x ← x − a g, a = η, η/2, η/4, … the first with f(x − a g) ≤ f(x) − 1e-4 a |g|²
///     newton     x ← x − η H⁻¹ g (f'/f'' in 1-D); a gradient step η g where H is not positive
///
/// Nesterov is written in the form that needs the gradient only at the
/// current point (as PyTorch does), so every method evaluates the gradient
/// once per step and the convergence test sees the true gradient there.
package enum Method: Hashable, Sendable {
    case gd
    case momentum(beta: Double)
    case nesterov(beta: Double)
    case adam(beta1: Double, beta2: Double, epsilon: Double)
    /// Backtracking (Armijo) line search along the gradient.
    case linesearch
    /// Newton's method: the step the curvature asks for.
    case newton

    package static let names = ["gd", "momentum", "nesterov", "adam", "linesearch", "newton"]

    /// The sufficient decrease a line search asks of each step: f must fall
    /// by at least this fraction of what the slope promises.
    package static let armijo = 1e-4
    package var name: String {
        switch self {
        case .gd: return "gd"
        case .momentum: return "momentum"
        case .nesterov: return "nesterov"
        case .adam: return "adam"
        case .linesearch: return "linesearch"
        case .newton: return "newton"
        }
    }

    /// The named parameters each method accepts, with their defaults.
    package static func parameters(of name: String) -> [(name: String, defaultValue: Double)] {
        switch name {
        case "momentum", "nesterov": return [("beta", 0.9)]
        case "adam": return [("beta1", 0.9), ("beta2", 0.999), ("eps", 1e-8)]
        default: return []
        }
    }

    /// Every parameter any method takes, each once: beta, beta1, beta2, eps.
    package static var allParameterNames: [String] {
        var seen = Set<String>()
        return names.flatMap { parameters(of: $0).map(\.name) }.filter { seen.insert($0).inserted }
    }

    /// Builds a method from its name and the parameters given (others default).
    package init?(name: String, parameters: [String: Double] = [:]) {
        func value(_ key: String) -> Double {
            parameters[key] ?? Method.parameters(of: name).first { $0.name == key }!.defaultValue
        }
        switch name {
        case "gd": self = .gd
        case "momentum": self = .momentum(beta: value("beta"))
        case "nesterov": self = .nesterov(beta: value("beta"))
        case "adam": self = .adam(beta1: value("beta1"), beta2: value("beta2"), epsilon: value("eps"))
        case "linesearch": self = .linesearch
        case "newton": self = .newton
        default: return nil
        }
    }

    /// `beta 0.9`: the method's parameters, if it has any.
    package var parameterDescription: String? {
        switch self {
        case .gd, .linesearch, .newton: return nil
        case .momentum(let beta), .nesterov(let beta): return "beta \(beta)"
        case .adam(let b1, let b2, let eps): return "beta1 \(b1), beta2 \(b2), eps \(eps)"
        }
    }
}
