import Calculus
import Descent

/// `advise(f, from: x0)`: the curvature at x0 from f's exact second
/// derivatives, and what it means for the step (see `StepAdvice`).
extension Interpreter {
    /// Whether an expression uses a function with a corner or a jump.
    static func hasCorner(_ expr: Expr) -> Bool {
        switch expr {
        case .apply(let function, let arguments):
            return [.abs, .sign, .min, .max].contains(function) || arguments.contains(where: hasCorner)
        case .sum(let items), .product(let items), .call(_, let items):
            return items.contains(where: hasCorner)
        case .power(let base, let exponent):
            return hasCorner(base) || hasCorner(exponent)
        default:
            return false
        }
    }

    func advise(_ arguments: Arguments) throws(Diagnostic) -> Value {
        let function = try self.function(arguments.positional[0], for: "advise")
        let point = try startingPoint(arguments, of: function, for: "advise")
        let parameters = function.parameters
        // The second derivatives symbolically, so that a quadratic's are exact.
        var seconds: [[FunctionValue]] = []
        for first in parameters {
            let firstDerivative = function.derivative(by: first, name: "diff(\(function.name), \(first))")
            seconds.append(parameters.map { firstDerivative.derivative(by: $0, name: "second") })
        }
        let hessian = seconds.map { row in row.map { $0(point) } }
        guard hessian.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
            throw Diagnostic("f's second derivatives are not finite at that point; advise from another one", at: arguments.callSpan)
        }
        // Quadratic when every third derivative vanishes and f has no corner
        // (abs, sign, min, max differentiate to pieces whose own derivatives vanish).
        let isQuadratic = !Interpreter.hasCorner(function.expanded) && seconds.joined().allSatisfy { second in
            parameters.allSatisfy { Derivative.of(second.expanded, by: $0) == .number(0) }
        }
        return .advice(AdviceValue(function: function, point: point, hessian: hessian,
                                   eigenvalues: Curvature.eigenvalues(ofSymmetric: hessian), isQuadratic: isQuadratic))
    }
}
