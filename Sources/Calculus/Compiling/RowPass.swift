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
    /// Rows per block: enough to make the dispatch negligible and to read
    /// each column in long runs, few enough that a pass's registers (8 KB
    /// each) stay in the second-level cache. Before a line's residual was one
    /// loop, the MSE step of `make bench` took 1.27–1.34x the hand-written
    /// loop with 256 rows, 1.15–1.22x with 512, 1.10–1.22x with 1024,
    /// 1.16–1.23x with 2048, 1.30–1.42x with 4096.
    package static let blockSize = 1024

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

    /// How one instruction runs over a block, chosen once per pass by `plan()`.
    package struct Step: Sendable {
        package var form: Form
        /// The instruction, with a number that is the same on every row as its `left` operand where the form takes one.
        package var instruction: Program.Instruction
        /// The total its results are added into as they are computed (an
        /// index into `totals`), or -1.
        package var total: Int
        /// For `affineMinusWithTotal`, the block subtracted.
        package var minus: Int32 = -1
    }

    package enum Form: UInt8, Sendable {
        /// Every operand a block of rows.
        case blocks
        /// A product or difference added into its total as it is computed (one loop, not two).
        case withTotal
        /// The same, where no later instruction reads the results: only their total is kept.
        case totalOnly
        /// `s*b`, s the same on every row (a number or a parameter, broadcast).
        case scaled
        /// `s*b + c`.
        case scaledPlus
        /// `s*b + c`, c the same on every row too (`w*d.x + b`).
        case scaledPlusScalar
        /// `(s*b + c) - d`, added into its total: a `scaledPlusScalar` and the
        /// difference that alone reads it, in one loop (`Step.minus` is d).
        case affineMinusWithTotal
        /// An instruction the next form computes within its own loop.
        case folded
    }

    /// Each instruction's step. A number the same on every row is read once
    /// per block instead of from a block at every row, results only added up
    /// are not stored, and a line's residual (`w*d.x + b - d.y`) is one loop:
    /// the MSE's step reads and writes 5 numbers a row instead of 10, in two
    /// loops instead of three.
    func plan() -> [Step] {
        let scalars = Set(broadcasts.map(\.block))
        let uses = Program.Instruction.uses(in: code)
        var fusedTotals = Set<Int>()
        let steps = code.map { op -> Step in
            if [.multiply, .subtract].contains(op.operation), let total = totals.firstIndex(where: { $0.block == op.target }) {
                fusedTotals.insert(total)
                return Step(form: .withTotal, instruction: op, total: total)
            }
            var scaled = op
            if op.operation == .multiply || op.operation == .multiplyAdd, !scalars.contains(op.left), scalars.contains(op.right) {
                (scaled.left, scaled.right) = (op.right, op.left)
            }
            guard scalars.contains(scaled.left), !scalars.contains(scaled.right) else { return Step(form: .blocks, instruction: op, total: -1) }
            switch op.operation {
            case .multiply: return Step(form: .scaled, instruction: scaled, total: -1)
            case .multiplyAdd:
                return Step(form: scalars.contains(op.extra) ? .scaledPlusScalar : .scaledPlus, instruction: scaled, total: -1)
            default: return Step(form: .blocks, instruction: op, total: -1)
            }
        }
        // A total summed from its block after the instructions reads that block too.
        let summedAfter = Set(totals.indices.filter { !fusedTotals.contains($0) }.map { totals[$0].block })
        var planned = steps.map { step in
            var step = step
            if step.form == .withTotal, uses[step.instruction.target] == nil, !summedAfter.contains(step.instruction.target) {
                step.form = .totalOnly
            }
            return step
        }
        // w*x + b, then that minus y with a total, where nothing else reads w*x + b: one loop.
        for (k, step) in planned.enumerated() where step.form == .scaledPlusScalar && uses[step.instruction.target] == 1 {
            let made = step.instruction.target
            guard !totals.contains(where: { $0.block == made }),
                  let m = planned.indices.first(where: { $0 > k && planned[$0].form == .withTotal && planned[$0].instruction.left == made }),
                  planned[m].instruction.operation == .subtract else { continue }
            var fused = step.instruction
            fused.target = planned[m].instruction.target
            planned[m] = Step(form: .affineMinusWithTotal, instruction: fused, total: planned[m].total, minus: planned[m].instruction.right)
            planned[k].form = .folded
        }
        return planned
    }

    /// Runs the steps over one block of `count` rows; `pointers[i]` is
    /// block register i. A step with a total adds its results into `sums`.
    @usableFromInline
    static func run(_ steps: UnsafeBufferPointer<Step>, _ pointers: UnsafeMutablePointer<UnsafeMutablePointer<Double>>,
                    count: Int, sums: UnsafeMutablePointer<Double>) {
        for step in steps {
            let op = step.instruction
            let t = pointers[Int(op.target)], a = pointers[Int(op.left)]
            switch step.form {
            case .blocks:
                break
            case .withTotal:
                sums[step.total] += productOrDifferenceAndTotal(op, t, a, pointers[Int(op.right)], count, storing: true)
                continue
            case .totalOnly:
                sums[step.total] += productOrDifferenceAndTotal(op, t, a, pointers[Int(op.right)], count, storing: false)
                continue
            case .scaled:
                let s = a[0], b = pointers[Int(op.right)]
                for j in 0..<count { t[j] = s * b[j] }
                continue
            case .scaledPlus:
                let s = a[0], b = pointers[Int(op.right)], c = pointers[Int(op.extra)]
                for j in 0..<count { t[j] = s * b[j] + c[j] }
                continue
            case .scaledPlusScalar:
                let s = a[0], b = pointers[Int(op.right)], c = pointers[Int(op.extra)][0]
                for j in 0..<count { t[j] = s * b[j] + c }
                continue
            case .affineMinusWithTotal:
                let s = a[0], b = pointers[Int(op.right)], c = pointers[Int(op.extra)][0], d = pointers[Int(step.minus)]
                sums[step.total] += differenceAndTotal(t, b, d, count, storing: true, affine: true, s: s, c: c)
                continue
            case .folded:
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

    /// The product or difference `op` makes, returning its sum; `storing`
    /// is a constant at each call, so that each gets a loop of its own.
    @inline(always)
    static func productOrDifferenceAndTotal(_ op: Program.Instruction, _ t: UnsafeMutablePointer<Double>, _ a: UnsafePointer<Double>,
                                            _ b: UnsafePointer<Double>, _ count: Int, storing: Bool) -> Double {
        op.operation == .multiply
            ? productAndTotal(t, a, b, count, storing: storing) : differenceAndTotal(t, a, b, count, storing: storing)
    }

    /// t = a * b, returning the sum of t (in the same eight running parts as
    /// `total`); with `storing` false, only the sum.
    @inline(always)
    static func productAndTotal(_ t: UnsafeMutablePointer<Double>, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int,
                                storing: Bool) -> Double {
        var s0 = SIMD2<Double>(), s1 = SIMD2<Double>(), s2 = SIMD2<Double>(), s3 = SIMD2<Double>()
        var j = 0
        while j + 8 <= count {
            let v0 = SIMD2(a[j], a[j + 1]) * SIMD2(b[j], b[j + 1])
            let v1 = SIMD2(a[j + 2], a[j + 3]) * SIMD2(b[j + 2], b[j + 3])
            let v2 = SIMD2(a[j + 4], a[j + 5]) * SIMD2(b[j + 4], b[j + 5])
            let v3 = SIMD2(a[j + 6], a[j + 7]) * SIMD2(b[j + 6], b[j + 7])
            if storing {
                t[j] = v0[0]; t[j + 1] = v0[1]; t[j + 2] = v1[0]; t[j + 3] = v1[1]
                t[j + 4] = v2[0]; t[j + 5] = v2[1]; t[j + 6] = v3[0]; t[j + 7] = v3[1]
            }
            s0 += v0; s1 += v1; s2 += v2; s3 += v3
            j += 8
        }
        var rest = 0.0
        while j < count {
            let v = a[j] * b[j]
            if storing { t[j] = v }
            rest += v
            j += 1
        }
        let sum = (s0 + s1) + (s2 + s3)
        return (sum[0] + sum[1]) + rest
    }

    /// t = a - b, returning the sum of t; with `storing` false, only the
    /// sum. With `affine`, t = (s*a + c) - b (a line's residual,
    /// `w*d.x + b - d.y`, in one loop instead of two).
    @inline(always)
    static func differenceAndTotal(_ t: UnsafeMutablePointer<Double>, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int,
                                   storing: Bool, affine: Bool = false, s: Double = 1, c: Double = 0) -> Double {
        @inline(always) func left(_ j: Int) -> SIMD2<Double> {
            affine ? SIMD2(s * a[j] + c, s * a[j + 1] + c) : SIMD2(a[j], a[j + 1])
        }
        var s0 = SIMD2<Double>(), s1 = SIMD2<Double>(), s2 = SIMD2<Double>(), s3 = SIMD2<Double>()
        var j = 0
        while j + 8 <= count {
            let v0 = left(j) - SIMD2(b[j], b[j + 1])
            let v1 = left(j + 2) - SIMD2(b[j + 2], b[j + 3])
            let v2 = left(j + 4) - SIMD2(b[j + 4], b[j + 5])
            let v3 = left(j + 6) - SIMD2(b[j + 6], b[j + 7])
            if storing {
                t[j] = v0[0]; t[j + 1] = v0[1]; t[j + 2] = v1[0]; t[j + 3] = v1[1]
                t[j + 4] = v2[0]; t[j + 5] = v2[1]; t[j + 6] = v3[0]; t[j + 7] = v3[1]
            }
            s0 += v0; s1 += v1; s2 += v2; s3 += v3
            j += 8
        }
        var rest = 0.0
        while j < count {
            let v = (affine ? s * a[j] + c : a[j]) - b[j]
            if storing { t[j] = v }
            rest += v
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
