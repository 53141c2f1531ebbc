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
public struct Program: Sendable {
    public enum Operation: UInt8, Sendable {
        case add, subtract, multiply, divide, negate, square, power
        case sin, cos, tan, asin, acos, atan, sinh, cosh, tanh
        case exp, ln, log10, log2, sqrt, abs, sign, min, max
    }

    public struct Instruction: Sendable, Hashable {
        public var operation: Operation
        public var target: Int32
        public var left: Int32
        public var right: Int32
    }

    public internal(set) var instructions: [Instruction]
    /// The register file's starting contents: inputs first (zero until
    /// set), then constants, then temporaries.
    public internal(set) var initialRegisters: [Double]
    public let inputCount: Int
    /// The register holding each output.
    public internal(set) var outputs: [Int32]

    public var registerCount: Int { initialRegisters.count }

    /// Evaluates with the given inputs, returning every output. Allocates;
    /// loops should use an `Evaluator`.
    public func evaluate(_ inputs: [Double]) -> [Double] {
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
    public final class Evaluator {
        public let program: Program
        private let registers: UnsafeMutablePointer<Double>
        private let code: UnsafeMutablePointer<Instruction>
        private let codeCount: Int
        private let outputRegisters: UnsafeMutablePointer<Int32>

        public init(_ program: Program) {
            self.program = program
            registers = .allocate(capacity: max(1, program.registerCount))
            registers.initialize(from: program.initialRegisters, count: program.registerCount)
            codeCount = program.instructions.count
            code = .allocate(capacity: max(1, codeCount))
            code.initialize(from: program.instructions, count: codeCount)
            outputRegisters = .allocate(capacity: max(1, program.outputs.count))
            outputRegisters.initialize(from: program.outputs, count: program.outputs.count)
        }

        deinit {
            registers.deallocate()
            code.deallocate()
            outputRegisters.deallocate()
        }

        /// The first output at the given inputs.
        @inline(__always)
        public func value(_ inputs: UnsafePointer<Double>) -> Double {
            execute(inputs)
            return registers[Int(outputRegisters[0])]
        }

        /// Writes every output to `outputs`.
        @inline(__always)
        public func run(_ inputs: UnsafePointer<Double>, _ outputs: UnsafeMutablePointer<Double>) {
            execute(inputs)
            for i in 0..<program.outputs.count {
                outputs[i] = registers[Int(outputRegisters[i])]
            }
        }

        @inline(__always)
        private func execute(_ inputs: UnsafePointer<Double>) {
            let r = registers
            for i in 0..<program.inputCount { r[i] = inputs[i] }
            var pc = 0
            while pc < codeCount {
                let op = code[pc]
                let a = r[Int(op.left)]
                let t = Int(op.target)
                switch op.operation {
                case .add: r[t] = a + r[Int(op.right)]
                case .subtract: r[t] = a - r[Int(op.right)]
                case .multiply: r[t] = a * r[Int(op.right)]
                case .divide: r[t] = a / r[Int(op.right)]
                case .negate: r[t] = -a
                case .square: r[t] = a * a
                case .power: r[t] = Expr.power(a, r[Int(op.right)])
                case .sin: r[t] = Foundation.sin(a)
                case .cos: r[t] = Foundation.cos(a)
                case .tan: r[t] = Foundation.tan(a)
                case .asin: r[t] = Foundation.asin(a)
                case .acos: r[t] = Foundation.acos(a)
                case .atan: r[t] = Foundation.atan(a)
                case .sinh: r[t] = Foundation.sinh(a)
                case .cosh: r[t] = Foundation.cosh(a)
                case .tanh: r[t] = Foundation.tanh(a)
                case .exp: r[t] = Foundation.exp(a)
                case .ln: r[t] = Foundation.log(a)
                case .log10: r[t] = Foundation.log10(a)
                case .log2: r[t] = Foundation.log2(a)
                case .sqrt: r[t] = a.squareRoot()
                case .abs: r[t] = Swift.abs(a)
                case .sign: r[t] = ElementaryFunction.sign.apply(a)
                case .min: r[t] = ElementaryFunction.min.apply(a, r[Int(op.right)])
                case .max: r[t] = ElementaryFunction.max.apply(a, r[Int(op.right)])
                }
                pc += 1
            }
        }
    }
}
