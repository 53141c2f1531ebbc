/// The part of a program that goes over the rows of data: the body of each
/// `mean(…)` and `sum(…)` over columns of one length, all computed in one
/// pass, then each added up into a register of the program.
///
///     mean((w*d.x + b - d.y)^2) with its gradient, over 1,000,000 rows:
///       per block of rows   r = w*x + b - y,  r^2,  r*x     (block registers)
///       added into          f, ∂f/∂w, ∂f/∂b                 (program registers)
///
/// Why blocks: the instructions run a block of rows at a time, each one a
/// tight loop over a few hundred numbers that stay in the cache, so the
/// cost of deciding what an instruction does is paid once per block, not
/// once per row, and no array as long as the data is ever made. Numbers
/// that are the same on every row (w, b, 2) are filled into a block once.
package struct RowPass: Sendable {
    /// Rows per block: enough to make the dispatch negligible, few enough that a
    /// pass's registers stay in the first-level cache.
    package static let blockSize = 256

    /// The columns read, and the block register each is seen through.
    package internal(set) var columns: [Column] = []
    package internal(set) var columnRegisters: [Int32] = []
    /// Program registers whose values fill a block register before the pass.
    package internal(set) var broadcasts: [Broadcast] = []
    /// The instructions, over block registers.
    package internal(set) var code: [Program.Instruction] = []
    /// What is added up, and where the total goes.
    package internal(set) var totals: [Total] = []
    package internal(set) var blockRegisterCount = 0
    /// The rows of every column here.
    package let rowCount: Int

    package struct Broadcast: Sendable, Hashable {
        package var register: Int32
        package var block: Int32
    }

    package struct Total: Sendable, Hashable {
        package var block: Int32
        package var register: Int32
        /// Whether the total is divided by the rows taken: a mean.
        package var isMean: Bool
    }

    init(rowCount: Int) { self.rowCount = rowCount }

    /// For each instruction, the total its result is added into while it is
    /// computed (a product or difference that a mean takes: one loop, not
    /// two), or -1.
    func fusedTotals() -> [Int] {
        code.map { op in
            guard [.multiply, .subtract].contains(op.operation) else { return -1 }
            return totals.firstIndex { $0.block == op.target } ?? -1
        }
    }

    /// Runs the instructions over one block of `count` rows; `pointers[i]` is
    /// block register i. An instruction with a fused total adds its results
    /// into `sums` as it goes.
    @usableFromInline
    static func run(_ code: UnsafeBufferPointer<Program.Instruction>, _ pointers: UnsafeMutablePointer<UnsafeMutablePointer<Double>>,
                    count: Int, fused: UnsafeBufferPointer<Int>, sums: UnsafeMutablePointer<Double>) {
        for (index, op) in code.enumerated() {
            let t = pointers[Int(op.target)], a = pointers[Int(op.left)]
            let total = fused[index]
            if total >= 0 {
                let b = pointers[Int(op.right)]
                sums[total] += op.operation == .multiply ? productAndTotal(t, a, b, count) : differenceAndTotal(t, a, b, count)
                continue
            }
            switch op.operation {
            case .add:
                let b = pointers[Int(op.right)]
                for j in 0..<count { t[j] = a[j] + b[j] }
            case .subtract:
                let b = pointers[Int(op.right)]
                for j in 0..<count { t[j] = a[j] - b[j] }
            case .multiply:
                let b = pointers[Int(op.right)]
                for j in 0..<count { t[j] = a[j] * b[j] }
            case .divide:
                let b = pointers[Int(op.right)]
                for j in 0..<count { t[j] = a[j] / b[j] }
            case .negate:
                for j in 0..<count { t[j] = -a[j] }
            case .square:
                for j in 0..<count { t[j] = a[j] * a[j] }
            case .multiplyAdd:
                let b = pointers[Int(op.right)], c = pointers[Int(op.extra)]
                for j in 0..<count { t[j] = a[j] * b[j] + c[j] }
            case .multiplySubtract:
                let b = pointers[Int(op.right)], c = pointers[Int(op.extra)]
                for j in 0..<count { t[j] = a[j] * b[j] - c[j] }
            case .subtractProduct:
                let b = pointers[Int(op.right)], c = pointers[Int(op.extra)]
                for j in 0..<count { t[j] = c[j] - a[j] * b[j] }
            case .multiply3:
                let b = pointers[Int(op.right)], c = pointers[Int(op.extra)]
                for j in 0..<count { t[j] = a[j] * b[j] * c[j] }
            case .power:
                let b = pointers[Int(op.right)]
                for j in 0..<count { t[j] = Expr.power(a[j], b[j]) }
            default:
                let b = pointers[Int(op.right)]
                let function = op.operation.elementary!
                for j in 0..<count { t[j] = function.apply(a[j], b[j]) }
            }
        }
    }

    /// t = a * b, returning the sum of t (in the same eight running parts as `total`).
    @inline(__always)
    static func productAndTotal(_ t: UnsafeMutablePointer<Double>, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int) -> Double {
        var s0 = SIMD2<Double>(), s1 = SIMD2<Double>(), s2 = SIMD2<Double>(), s3 = SIMD2<Double>()
        var j = 0
        while j + 8 <= count {
            let v0 = SIMD2(a[j], a[j + 1]) * SIMD2(b[j], b[j + 1])
            let v1 = SIMD2(a[j + 2], a[j + 3]) * SIMD2(b[j + 2], b[j + 3])
            let v2 = SIMD2(a[j + 4], a[j + 5]) * SIMD2(b[j + 4], b[j + 5])
            let v3 = SIMD2(a[j + 6], a[j + 7]) * SIMD2(b[j + 6], b[j + 7])
            t[j] = v0[0]; t[j + 1] = v0[1]; t[j + 2] = v1[0]; t[j + 3] = v1[1]
            t[j + 4] = v2[0]; t[j + 5] = v2[1]; t[j + 6] = v3[0]; t[j + 7] = v3[1]
            s0 += v0; s1 += v1; s2 += v2; s3 += v3
            j += 8
        }
        var rest = 0.0
        while j < count {
            t[j] = a[j] * b[j]
            rest += t[j]
            j += 1
        }
        let sum = (s0 + s1) + (s2 + s3)
        return (sum[0] + sum[1]) + rest
    }

    /// t = a - b, returning the sum of t.
    @inline(__always)
    static func differenceAndTotal(_ t: UnsafeMutablePointer<Double>, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int) -> Double {
        var s0 = SIMD2<Double>(), s1 = SIMD2<Double>(), s2 = SIMD2<Double>(), s3 = SIMD2<Double>()
        var j = 0
        while j + 8 <= count {
            let v0 = SIMD2(a[j], a[j + 1]) - SIMD2(b[j], b[j + 1])
            let v1 = SIMD2(a[j + 2], a[j + 3]) - SIMD2(b[j + 2], b[j + 3])
            let v2 = SIMD2(a[j + 4], a[j + 5]) - SIMD2(b[j + 4], b[j + 5])
            let v3 = SIMD2(a[j + 6], a[j + 7]) - SIMD2(b[j + 6], b[j + 7])
            t[j] = v0[0]; t[j + 1] = v0[1]; t[j + 2] = v1[0]; t[j + 3] = v1[1]
            t[j + 4] = v2[0]; t[j + 5] = v2[1]; t[j + 6] = v3[0]; t[j + 7] = v3[1]
            s0 += v0; s1 += v1; s2 += v2; s3 += v3
            j += 8
        }
        var rest = 0.0
        while j < count {
            t[j] = a[j] - b[j]
            rest += t[j]
            j += 1
        }
        let sum = (s0 + s1) + (s2 + s3)
        return (sum[0] + sum[1]) + rest
    }

    /// The sum of `count` numbers, in eight running parts (so that the
    /// additions overlap instead of each waiting for the last) combined at
    /// the end; the same order every time.
    @usableFromInline
    static func total(_ values: UnsafePointer<Double>, count: Int) -> Double {
        var s0 = SIMD2<Double>(), s1 = SIMD2<Double>(), s2 = SIMD2<Double>(), s3 = SIMD2<Double>()
        var j = 0
        // Pairs read one number at a time: a column's rows need not be aligned for a vector load.
        while j + 8 <= count {
            s0 += SIMD2(values[j], values[j + 1])
            s1 += SIMD2(values[j + 2], values[j + 3])
            s2 += SIMD2(values[j + 4], values[j + 5])
            s3 += SIMD2(values[j + 6], values[j + 7])
            j += 8
        }
        var rest = 0.0
        while j < count {
            rest += values[j]
            j += 1
        }
        let sum = (s0 + s1) + (s2 + s3)
        return (sum[0] + sum[1]) + rest
    }
}
