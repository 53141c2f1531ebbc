import Foundation

/// An expression (or several sharing their work, such as a function and
/// its gradient) compiled into straight-line code over a register file.
///
///     compile [x^2 + 2, 2x] over (x):
///       r0 = x        inputs
///       r1 = 2        constants, filled once
///       r2 = r0 * r0
///       r3 = r2 + r1  → output 0
///       r4 = r1 * r0  → output 1
///
/// Why registers and not a tree of closures: the instructions sit in one
/// contiguous array and the registers in one buffer, so a step of a descent
/// is a tight loop over a few dozen instructions with no name lookups, no
/// allocation, no reference counting and no recursion; and compiling the
/// value and every partial derivative into one program lets identical
/// subexpressions (the `y - x^2` that Rosenbrock's gradient uses twice) be
/// computed once.
///
/// `Program`, its evaluator and its instructions are public, unlike the rest
/// of this module, and only so that the evaluator's loop can be inlined into
/// the descent loop: the compiler does not inline an `@inlinable` method of a
/// `package` type into another module. Their members stay `package`.
public struct Program: Sendable {
    public enum Operation: UInt8, Sendable {
        case add, subtract, multiply, divide, negate, square, power
        /// Fused forms, made by `Compiler`'s peephole pass from a product used
        /// once: `left*right + extra`, `left*right - extra`, `extra - left*right`,
        /// `left*right*extra`. Each is computed in the same order as unfused
        /// (no fused multiply-add), so results are identical.
        case multiplyAdd, multiplySubtract, subtractProduct, multiply3
        case sin, cos, tan, asin, acos, atan, sinh, cosh, tanh
        case exp, ln, log10, log2, sqrt, abs, sign, min, max
        /// ln(1 + a), made by `Compiler` from `ln(1 + u)`: exact where a is
        /// tiny (ln(1 + exp(-40)) is 4.2e-18, not the 0 of ln(1.0)).
        case log1p
    }

    public struct Instruction: Sendable, Hashable {
        package init(operation: Operation, target: Int32, left: Int32, right: Int32, extra: Int32 = 0) {
            self.operation = operation
            self.target = target
            self.left = left
            self.right = right
            self.extra = extra
        }

        @usableFromInline package var operation: Operation
        @usableFromInline package var target: Int32
        @usableFromInline package var left: Int32
        @usableFromInline package var right: Int32
        /// The third operand of the fused operations.
        @usableFromInline package var extra: Int32 = 0
    }

    package internal(set) var instructions: [Instruction]
    /// For a function over data: the passes over the rows, run after
    /// `instructions`, and the instructions that use their totals.
    package internal(set) var passes: [RowPass] = []
    package internal(set) var finalInstructions: [Instruction] = []

    /// The register file's starting contents: inputs first (zero until
    /// set), then constants, then temporaries.
    package internal(set) var initialRegisters: [Double]
    package let inputCount: Int
    /// The register holding each output.
    package internal(set) var outputs: [Int32]

    package var registerCount: Int { initialRegisters.count }

    /// The same program in storage of its own. Threads that each make many
    /// evaluators from one program would otherwise all count references to
    /// the same arrays, and those shared counters make two cores barely
    /// faster than one.
    package func unshared() -> Program {
        var copy = self
        copy.instructions = instructions.map { $0 }
        copy.initialRegisters = initialRegisters.map { $0 }
        copy.outputs = outputs.map { $0 }
        copy.finalInstructions = finalInstructions.map { $0 }
        return copy
    }

    /// Evaluates with the given inputs, returning every output. Allocates;
    /// loops should use an `Evaluator`.
    package func evaluate(_ inputs: [Double]) -> [Double] {
        let evaluator = Evaluator(self)
        var results = [Double](repeating: 0, count: outputs.count)
        inputs.withUnsafeBufferPointer { input in
            results.withUnsafeMutableBufferPointer { output in
                evaluator.run(input.baseAddress!, output.baseAddress!)
            }
        }
        return results
    }

    /// Runs a `Program` repeatedly without allocating: it owns one register
    /// file. Not for sharing between threads; make one per thread.
    ///
    /// Its loop is `@inlinable` so that callers in other modules (the
    /// descent loop, through `kernel`) get it inlined and specialised, not called.
    public final class Evaluator {
        package let program: Program
        @usableFromInline let registers: UnsafeMutablePointer<Double>
        @usableFromInline let code: UnsafeMutablePointer<Instruction>
        @usableFromInline let codeCount: Int
        @usableFromInline let inputCount: Int
        @usableFromInline let outputRegisters: UnsafeMutablePointer<Int>
        @usableFromInline package let outputCount: Int
        /// The passes over data, if any, and the code after them.
        @usableFromInline let hasPasses: Bool
        @usableFromInline let finalCode: UnsafeMutablePointer<Instruction>
        @usableFromInline let finalCount: Int
        private let passStates: [PassState]
        /// The rows a pass takes (a mini-batch), or nil for every row.
        private var rows: [Int]?

        package init(_ program: Program) {
            self.program = program
            registers = .allocate(capacity: max(1, program.registerCount))
            registers.initialize(from: program.initialRegisters, count: program.registerCount)
            codeCount = program.instructions.count
            code = .allocate(capacity: max(1, codeCount))
            code.initialize(from: program.instructions, count: codeCount)
            inputCount = program.inputCount
            outputCount = program.outputs.count
            outputRegisters = .allocate(capacity: max(1, outputCount))
            outputRegisters.initialize(from: program.outputs.map { Int($0) }, count: outputCount)
            hasPasses = !program.passes.isEmpty
            finalCount = program.finalInstructions.count
            finalCode = .allocate(capacity: max(1, finalCount))
            finalCode.initialize(from: program.finalInstructions, count: finalCount)
            passStates = program.passes.map(PassState.init)
        }

        deinit {
            registers.deallocate()
            code.deallocate()
            outputRegisters.deallocate()
            finalCode.deallocate()
        }

        /// Takes only these rows of the data (a mini-batch; a mean is then over
        /// them), or every row again with nil.
        package func useRows(_ rows: [Int]?) {
            self.rows = rows
        }

        /// The working memory of one pass: its block registers and where each is.
        private final class PassState {
            let pass: RowPass
            let memory: UnsafeMutablePointer<Double>
            let pointers: UnsafeMutablePointer<UnsafeMutablePointer<Double>>
            /// How each instruction runs (see `RowPass.plan()`).
            let steps: [RowPass.Step]
            var sums: [Double]
            /// The totals summed after the block's instructions: those no instruction feeds.
            let separate: [(index: Int, block: Int32)]

            init(_ pass: RowPass) {
                self.pass = pass
                // One block for every register, and one more per column to gather a batch's rows into.
                // The blocks start half a page from where the columns start in theirs: a store
                // slows a later load whose address matches it in its last 12 bits, and the
                // columns (page-aligned arrays) would otherwise match the blocks by chance,
                // making a pass two or three times slower in some runs.
                let blocks = pass.blockRegisterCount + pass.columns.count
                let page = PassState.spacing
                // The blocks, and a page more to move their start within a page.
                allocation = .allocate(capacity: blocks * PassState.stride + page)
                allocation.initialize(repeating: 0, count: blocks * PassState.stride + page)
                let columnOffset = pass.columns.first.map { column in
                    column.values.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) / 8 % page }
                } ?? 0
                let here = Int(bitPattern: allocation) / 8 % page
                memory = allocation + ((columnOffset + PassState.offset - here) % page + page) % page
                pointers = .allocate(capacity: max(1, pass.blockRegisterCount))
                for i in 0..<pass.blockRegisterCount { pointers[i] = memory + i * PassState.stride }
                steps = pass.plan()
                sums = [Double](repeating: 0, count: pass.totals.count)
                let fusedTotals = Set(steps.map(\.total))
                separate = pass.totals.enumerated().filter { !fusedTotals.contains($0.offset) }.map { ($0.offset, $0.element.block) }
            }

            deinit {
                allocation.deallocate()
                pointers.deallocate()
            }

            /// A page, in doubles: the distance between blocks.
            static let spacing = 512
            /// Blocks follow each other; the first starts half a page past the first column's offset in its page.
            static let stride = RowPass.blockSize
            static let offset = spacing / 2
            let allocation: UnsafeMutablePointer<Double>

            func gatherBlock(_ column: Int) -> UnsafeMutablePointer<Double> {
                memory + (pass.blockRegisterCount + column) * PassState.stride
            }
        }

        /// Every pass over the data, each total into its register, and the code that uses them.
        @usableFromInline
        func runPassesAndFinal() {
            for state in passStates { run(state) }
            Evaluator.run(finalCode, finalCode + finalCount, registers)
        }

        private func run(_ state: PassState) {
            let pass = state.pass
            let size = RowPass.blockSize
            for broadcast in pass.broadcasts {
                let block = state.pointers[Int(broadcast.block)]
                let value = registers[Int(broadcast.register)]
                for j in 0..<size { block[j] = value }
            }
            for k in state.sums.indices { state.sums[k] = 0 }
            let count = rows?.count ?? pass.rowCount
            Evaluator.withBases(pass.columns, [], at: 0) { bases in
                state.steps.withUnsafeBufferPointer { steps in
                    var start = 0
                    while start < count {
                        let length = Swift.min(size, count - start)
                        for (i, register) in pass.columnRegisters.enumerated() {
                            if let rows {
                                let gathered = state.gatherBlock(i)
                                for j in 0..<length { gathered[j] = bases[i][rows[start + j]] }
                                state.pointers[Int(register)] = gathered
                            } else {
                                state.pointers[Int(register)] = UnsafeMutablePointer(mutating: bases[i] + start)
                            }
                        }
                        state.sums.withUnsafeMutableBufferPointer { sums in
                            RowPass.run(steps, state.pointers, count: length, sums: sums.baseAddress!)
                        }
                        for (k, block) in state.separate {
                            state.sums[k] += RowPass.total(state.pointers[Int(block)], count: length)
                        }
                        start += length
                    }
                }
            }
            for (k, total) in pass.totals.enumerated() {
                registers[Int(total.register)] = total.isMean ? state.sums[k] / Double(count) : state.sums[k]
            }
        }

        /// The columns' numbers where they are, for as long as `body` runs.
        private static func withBases(_ columns: [Column], _ bases: [UnsafePointer<Double>], at index: Int,
                                      _ body: ([UnsafePointer<Double>]) -> Void) {
            guard index < columns.count else { return body(bases) }
            columns[index].values.withUnsafeBufferPointer { buffer in
                withBases(columns, bases + [buffer.baseAddress!], at: index + 1, body)
            }
        }

        /// The first output at the given inputs.
        @inlinable
        package func value(_ inputs: UnsafePointer<Double>) -> Double {
            execute(inputs)
            recoverOverflow()
            return registers[outputRegisters[0]]
        }

        /// Writes every output to `outputs`.
        @inlinable
        package func run(_ inputs: UnsafePointer<Double>, _ outputs: UnsafeMutablePointer<Double>) {
            execute(inputs)
            recoverOverflow()
            for i in 0..<outputCount {
                outputs[i] = registers[outputRegisters[i]]
            }
        }

        /// Every output at the given inputs, into `outputs` (as many as the program has).
        package func run(_ inputs: [Double], into outputs: inout [Double]) {
            precondition(inputs.count == inputCount && outputs.count == outputCount, "one input per input, one output per output")
            inputs.withUnsafeBufferPointer { input in
                outputs.withUnsafeMutableBufferPointer { output in run(input.baseAddress!, output.baseAddress!) }
            }
        }

        /// Where the inputs go: the first registers. A loop may keep its
        /// point here and call `execute()`, saving a copy at every step.
        @inlinable
        package var inputs: UnsafeMutablePointer<Double> { registers }

        /// The program as plain pointers, for a loop in another module that
        /// runs it at every step (the descent loop): `Kernel.run()` is inlined
        /// into that loop, and what it reads is loaded once, not from the
        /// evaluator at every step.
        @inlinable
        package var kernel: Kernel {
            Kernel(evaluator: self, registers: registers, code: code, end: code + codeCount,
                   outputRegisters: outputRegisters, hasPasses: hasPasses)
        }

        /// See `kernel`. Valid while its evaluator lives.
        public struct Kernel {
            @usableFromInline unowned(unsafe) let evaluator: Evaluator
            @usableFromInline let registers: UnsafeMutablePointer<Double>
            @usableFromInline let code: UnsafeMutablePointer<Instruction>
            @usableFromInline let end: UnsafeMutablePointer<Instruction>
            @usableFromInline let outputRegisters: UnsafeMutablePointer<Int>
            @usableFromInline let hasPasses: Bool

            @inlinable
            init(evaluator: Evaluator, registers: UnsafeMutablePointer<Double>, code: UnsafeMutablePointer<Instruction>,
                 end: UnsafeMutablePointer<Instruction>, outputRegisters: UnsafeMutablePointer<Int>, hasPasses: Bool) {
                self.evaluator = evaluator
                self.registers = registers
                self.code = code
                self.end = end
                self.outputRegisters = outputRegisters
                self.hasPasses = hasPasses
            }

            /// Runs the program on the inputs already in the evaluator's `inputs`, in doubles alone (as `execute()`).
            @inlinable @inline(always)
            package func run() {
                Evaluator.run(code, end, registers)
                if hasPasses { evaluator.runPassesAndFinal() }
            }

            /// Output `i` of the last `run()`.
            @inlinable @inline(always)
            package func output(_ i: Int) -> Double { registers[outputRegisters[i]] }
        }

        /// Output `i` of the last `execute()`.
        @inlinable @inline(__always)
        package func output(_ i: Int) -> Double { registers[outputRegisters[i]] }

        @inlinable
        func execute(_ inputs: UnsafePointer<Double>) {
            for i in 0..<inputCount { registers[i] = inputs[i] }
            execute()
        }

        /// Runs the program on the inputs already in `inputs`, in doubles
        /// alone: a loop that calls it checks what it needs (the descent loop
        /// its gradient's length) and calls `recoverOverflow()` only then.
        @inlinable @inline(__always)
        package func execute() {
            Evaluator.run(code, code + codeCount, registers)
            if hasPasses { runPassesAndFinal() }
        }

        /// An output that is infinite or NaN may be so only on the way
        /// (exp(1600)/exp(1600)): such outputs are computed again in wide
        /// numbers (see `WideNumber`), and replaced where that is finite.
        /// Returns whether every output is finite now.
        @inlinable
        @discardableResult
        package func recoverOverflow() -> Bool {
            for i in 0..<outputCount where !registers[outputRegisters[i]].isFinite {
                return recomputeWide()
            }
            return true
        }

        @usableFromInline
        func recomputeWide() -> Bool {
            guard let wide = program.wideOutputs(registers) else { return false }
            for (i, value) in wide.enumerated() where value.isFinite { registers[outputRegisters[i]] = value }
            return wide.allSatisfy(\.isFinite)
        }

        @inlinable @inline(__always)
        static func run(_ code: UnsafeMutablePointer<Instruction>, _ end: UnsafeMutablePointer<Instruction>,
                        _ r: UnsafeMutablePointer<Double>) {
            var instruction = code
            while instruction < end {
                let op = instruction.pointee
                instruction += 1
                let a = r[Int(op.left)]
                let t = Int(op.target)
                switch op.operation {
                case .add: r[t] = a + r[Int(op.right)]
                case .subtract: r[t] = a - r[Int(op.right)]
                case .multiply: r[t] = a * r[Int(op.right)]
                case .divide: r[t] = a / r[Int(op.right)]
                case .negate: r[t] = -a
                case .square: r[t] = a * a
                case .multiplyAdd: r[t] = a * r[Int(op.right)] + r[Int(op.extra)]
                case .multiplySubtract: r[t] = a * r[Int(op.right)] - r[Int(op.extra)]
                case .subtractProduct: r[t] = r[Int(op.extra)] - a * r[Int(op.right)]
                case .multiply3: r[t] = a * r[Int(op.right)] * r[Int(op.extra)]
                // Every case named, none left to a default: the switch is then one jump
                // through a table, with no range check before it.
                case .power, .sin, .cos, .tan, .asin, .acos, .atan, .sinh, .cosh, .tanh, .exp, .ln, .log10, .log2, .sqrt,
                     .abs, .sign, .min, .max, .log1p:
                    r[t] = Evaluator.slow(op.operation, a, r[Int(op.right)])
                }
            }
        }

        /// The elementary functions, out of line: each costs far more than a
        /// call, and keeping them out keeps the loop above small.
        @usableFromInline
        static func slow(_ operation: Operation, _ a: Double, _ b: Double) -> Double {
            if operation == .power { return Expr.power(a, b) }
            if operation == .log1p { return Foundation.log1p(a) }
            guard let function = operation.elementary else {
                preconditionFailure("arithmetic is handled in the loop")
            }
            return function.apply(a, b)
        }
    }
}

extension Program.Instruction {
    /// The registers the instruction reads.
    var operands: [Int32] {
        [left] + (operation.readsRight ? [right] : []) + (operation.readsExtra ? [extra] : [])
    }

    /// How many instructions of `code` read each register.
    static func uses(in code: [Program.Instruction]) -> [Int32: Int] {
        var uses: [Int32: Int] = [:]
        for instruction in code {
            for register in instruction.operands { uses[register, default: 0] += 1 }
        }
        return uses
    }
}

extension Program.Operation {
    /// The built-in function this operation computes, if it is one.
    var elementary: ElementaryFunction? {
        switch self {
        case .sin: return .sin
        case .cos: return .cos
        case .tan: return .tan
        case .asin: return .asin
        case .acos: return .acos
        case .atan: return .atan
        case .sinh: return .sinh
        case .cosh: return .cosh
        case .tanh: return .tanh
        case .exp: return .exp
        case .ln: return .ln
        case .log10: return .log10
        case .log2: return .log2
        case .sqrt: return .sqrt
        case .abs: return .abs
        case .sign: return .sign
        case .min: return .min
        case .max: return .max
        default: return nil
        }
    }

    /// The operation that computes a built-in function.
    init(_ function: ElementaryFunction) {
        self = Program.Operation.allElementary.first { $0.elementary == function }!
    }

    static let allElementary: [Program.Operation] = [.sin, .cos, .tan, .asin, .acos, .atan, .sinh, .cosh, .tanh,
                                                     .exp, .ln, .log10, .log2, .sqrt, .abs, .sign, .min, .max]

    /// Whether the operation reads its `extra` operand.
    var readsExtra: Bool {
        switch self {
        case .multiplyAdd, .multiplySubtract, .subtractProduct, .multiply3: return true
        default: return false
        }
    }

    /// Whether the operation reads its `right` operand.
    var readsRight: Bool {
        switch self {
        case .add, .subtract, .multiply, .divide, .power, .min, .max,
             .multiplyAdd, .multiplySubtract, .subtractProduct, .multiply3: return true
        default: return false
        }
    }
}
