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
public struct RowPass: Sendable {
    /// Rows per block: enough to make the dispatch negligible, few enough that a
    /// pass's registers stay in the first-level cache.
    public static let blockSize = 256

    /// The columns read, and the block register each is seen through.
    public internal(set) var columns: [Column] = []
    public internal(set) var columnRegisters: [Int32] = []
    /// Program registers whose values fill a block register before the pass.
    public internal(set) var broadcasts: [Broadcast] = []
    /// The instructions, over block registers.
    public internal(set) var code: [Program.Instruction] = []
    /// What is added up, and where the total goes.
    public internal(set) var totals: [Total] = []
    public internal(set) var blockRegisterCount = 0
    /// The rows of every column here.
    public let rowCount: Int

    public struct Broadcast: Sendable, Hashable {
        public var register: Int32
        public var block: Int32
    }

    public struct Total: Sendable, Hashable {
        public var block: Int32
        public var register: Int32
        /// Whether the total is divided by the rows taken: a mean.
        public var isMean: Bool
    }

    init(rowCount: Int) { self.rowCount = rowCount }

    /// Runs the instructions over one block of `count` rows; `pointers[i]` is block register i.
    @usableFromInline
    static func run(_ code: UnsafeBufferPointer<Program.Instruction>, _ pointers: UnsafeMutablePointer<UnsafeMutablePointer<Double>>, count: Int) {
        for op in code {
            let t = pointers[Int(op.target)], a = pointers[Int(op.left)]
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

    /// The sum of `count` numbers, in four running parts (which lets the
    /// additions overlap) combined at the end; the same order every time.
    @usableFromInline
    static func total(_ values: UnsafePointer<Double>, count: Int) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var j = 0
        while j + 4 <= count {
            s0 += values[j]
            s1 += values[j + 1]
            s2 += values[j + 2]
            s3 += values[j + 3]
            j += 4
        }
        while j < count {
            s0 += values[j]
            j += 1
        }
        return (s0 + s1) + (s2 + s3)
    }
}
