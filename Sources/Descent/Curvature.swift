import Calculus
import Foundation

/// How f curves at a point: its Hessian (the matrix of second derivatives)
/// and that matrix's eigenvalues, which say whether a flat spot is a
/// minimum, a maximum or a saddle, and how large a step stays stable.
///
///     f(x, y) = x^2 + 10y^2    Hessian [[2, 0], [0, 20]]    eigenvalues [2, 20]
///     f(x) = -x^2              Hessian [[-2]]               a maximum
package enum Curvature {
    /// The Hessian of f at x, from central differences of the compiled
    /// gradient, made symmetric. Each difference uses a step of about the
    /// cube root of the double's precision times x's size, which balances
    /// truncation and rounding; on a quadratic the gradient is linear, so
    /// the differences are exact but for rounding (about 1e-10 relative).
    /// `gradient`, if given, evaluates the objective's gradient (a run's own, say).
    package static func hessian(of objective: Objective, at x: [Double], gradient: Program.Evaluator? = nil) -> [[Double]] {
        let n = x.count
        let flat = flatHessian(of: objective, at: x, gradient: gradient)
        return (0..<n).map { i in Array(flat[(i * n)..<(i * n + n)]) }
    }

    /// The Hessian row after row in one array (`[i * n + j]`): a basin map
    /// classifies thousands of ends, and an array per row was much of that.
    static func flatHessian(of objective: Objective, at x: [Double], gradient: Program.Evaluator?) -> [Double] {
        let n = x.count
        var matrix = [Double](repeating: 0, count: n * n)
        // One evaluator for every difference.
        let gradient = gradient ?? Program.Evaluator(objective.gradient)
        var up = [Double](repeating: 0, count: n), down = up
        var point = x
        for i in 0..<n {
            let h = 6e-6 * Swift.max(1, Swift.abs(x[i]))
            let forward = x[i] + h, backward = x[i] - h
            point[i] = forward
            gradient.run(point, into: &up)
            point[i] = backward
            gradient.run(point, into: &down)
            point[i] = x[i]
            let width = forward - backward
            for j in 0..<n { matrix[i * n + j] = (up[j] - down[j]) / width }
        }
        for i in 0..<n {
            for j in (i + 1)..<n {
                let mean = (matrix[i * n + j] + matrix[j * n + i]) / 2
                matrix[i * n + j] = mean
                matrix[j * n + i] = mean
            }
        }
        return matrix
    }

    /// The eigenvalues of f's Hessian at x, smallest first.
    package static func eigenvalues(of objective: Objective, at x: [Double], gradient: Program.Evaluator? = nil) -> [Double] {
        var matrix = flatHessian(of: objective, at: x, gradient: gradient)
        return eigenvalues(ofFlat: &matrix, n: x.count)
    }

    /// The eigenvalues of a symmetric matrix, smallest first, by cyclic
    /// Jacobi rotations. The matrices here are small (one row per variable
    /// of f), and Jacobi is short, needs no library, and is accurate to the
    /// double's precision for symmetric matrices; each sweep zeroes every
    /// off-diagonal entry in turn, and a few sweeps converge. Not finite
    /// entries give NaN eigenvalues.
    package static func eigenvalues(ofSymmetric matrix: [[Double]]) -> [Double] {
        var flat = matrix.flatMap { $0 }
        return eigenvalues(ofFlat: &flat, n: matrix.count)
    }

    /// The same, on the matrix row after row in one array, which it uses up.
    static func eigenvalues(ofFlat a: inout [Double], n: Int) -> [Double] {
        guard n > 0 else { return [] }
        guard a.allSatisfy(\.isFinite) else { return [Double](repeating: .nan, count: n) }
        for _ in 0..<100 {
            var off = 0.0, total = 0.0
            for i in 0..<n {
                for j in 0..<n {
                    total += a[i * n + j] * a[i * n + j]
                    if i != j { off += a[i * n + j] * a[i * n + j] }
                }
            }
            if off <= 1e-30 * total || off == 0 { break }
            for p in 0..<n {
                for q in (p + 1)..<n where a[p * n + q] != 0 {
                    // The rotation that zeroes a[p][q] (Golub and Van Loan, 8.5.2).
                    let theta = (a[q * n + q] - a[p * n + p]) / (2 * a[p * n + q])
                    let t = (theta >= 0 ? 1 : -1) / (Swift.abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {
                        let akp = a[k * n + p], akq = a[k * n + q]
                        a[k * n + p] = c * akp - s * akq
                        a[k * n + q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p * n + k], aqk = a[q * n + k]
                        a[p * n + k] = c * apk - s * aqk
                        a[q * n + k] = s * apk + c * aqk
                    }
                }
            }
        }
        return (0..<n).map { a[$0 * n + $0] }.sorted()
    }
}

/// What kind of flat spot a point where the gradient vanishes is, by the
/// signs of the Hessian's eigenvalues (the second derivative in 1-D).
///
///     x^2 at 0          minimum   every eigenvalue positive
///     -x^2 at 0         maximum   every eigenvalue negative
///     x^2 - y^2 at 0    saddle    both signs
///     x^3 at 0          flat      a zero eigenvalue decides nothing
package enum FlatSpot: String, Sendable, Hashable, CaseIterable {
    case minimum, maximum, saddle, flat

    /// An eigenvalue within a billionth of the largest (or of 1) counts as
    /// zero: differences of a gradient leave noise far below that.
    package init(eigenvalues: [Double]) {
        let scale = Swift.max(1, eigenvalues.map { Swift.abs($0) }.filter(\.isFinite).max() ?? 1)
        let zero = 1e-9 * scale
        let positive = eigenvalues.contains { $0 > zero }, negative = eigenvalues.contains { $0 < -zero }
        switch (positive, negative) {
        case (true, true): self = .saddle
        case (true, false): self = eigenvalues.allSatisfy { $0 > zero } ? .minimum : .flat
        case (false, true): self = eigenvalues.allSatisfy { $0 < -zero } ? .maximum : .flat
        case (false, false): self = .flat
        }
    }

    /// The kind of the point where a run stopped on f. A run stops where the
    /// gradient is short, not zero, so a curvature that reads as a minimum is
    /// checked: f must not fall a little further away (ten times as far as
    /// the curvature says the bottom lies, along each variable). x^3, stopped
    /// just right of 0, curves up there but falls beyond: flat, not a minimum.
    /// `gradient` and `value`, if given, evaluate the objective's gradient and its value with the gradient.
    package init(of objective: Objective, at x: [Double], gradient: Program.Evaluator? = nil, value: Program.Evaluator? = nil) {
        let eigenvalues = Curvature.eigenvalues(of: objective, at: x, gradient: gradient)
        self.init(eigenvalues: eigenvalues)
        guard self == .minimum, let smallest = eigenvalues.first else { return }
        let evaluator = value ?? Program.Evaluator(objective.value)
        var outputs = [Double](repeating: 0, count: x.count + 1)
        evaluator.run(x, into: &outputs)
        let f = outputs[0], gradientLength = outputs.withUnsafeBufferPointer { Length.of(UnsafeBufferPointer(rebasing: $0.dropFirst())) }
        let reach = Swift.max(10 * gradientLength / smallest, 1e-6 * Swift.max(1, x.reduce(0) { Swift.max($0, Swift.abs($1)) }))
        let allowance = 1e-12 * Swift.max(1, Swift.abs(f))
        var probe = x
        for i in x.indices {
            for direction in [-1.0, 1.0] {
                probe[i] = x[i] + direction * reach
                evaluator.run(probe, into: &outputs)
                if outputs[0] < f - allowance { self = .flat; return }
            }
            probe[i] = x[i]
        }
    }
}
