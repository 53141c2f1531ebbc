/// Compiles inlined expressions into a `Program`.
///
///     let program = try Compiler.compile([body, dx, dy], inputs: ["x", "y"])
///
/// Every subexpression gets a value number: an instruction whose operation
/// and operands were already computed reuses that register (common
/// subexpression elimination), and each distinct constant takes one
/// register. Named values (`.symbol`) must be bound to numbers first.
public struct Compiler {
    private var instructions: [Program.Instruction] = []
    private var registers: [Double]
    private var inputIndex: [String: Int32] = [:]
    private var constantRegister: [UInt64: Int32] = [:]
    private var known: [Key: Int32] = [:]

    private struct Key: Hashable {
        var operation: Program.Operation
        var left: Int32
        var right: Int32
    }

    public static func compile(_ outputs: [Expr], inputs: [String]) throws(Diagnostic) -> Program {
        var compiler = Compiler(inputs: inputs)
        var outputRegisters: [Int32] = []
        for output in outputs {
            outputRegisters.append(try compiler.emit(output))
        }
        let fused = Compiler.fuse(compiler.instructions, outputs: Set(outputRegisters))
        return Program(instructions: fused, initialRegisters: compiler.registers,
                       inputCount: inputs.count, outputs: outputRegisters)
    }

    /// Folds a product that is used exactly once into the instruction that
    /// uses it (`a*b + c` becomes one `multiplyAdd`), so that a step
    /// dispatches fewer instructions. The values are unchanged: the fused
    /// instruction computes the same two roundings in the same order.
    static func fuse(_ code: [Program.Instruction], outputs: Set<Int32>) -> [Program.Instruction] {
        var uses: [Int32: Int] = [:]
        for instruction in code {
            uses[instruction.left, default: 0] += 1
            if instruction.operation.readsRight { uses[instruction.right, default: 0] += 1 }
        }
        func usedOnce(_ register: Int32) -> Bool { uses[register] == 1 && !outputs.contains(register) }

        var producer: [Int32: Int] = [:]
        var removed = Set<Int>()
        var result = code
        for (index, instruction) in code.enumerated() {
            defer { producer[instruction.target] = index }
            /// The index of a plain product in `register` that may be folded away.
            func product(in register: Int32) -> Int? {
                guard let at = producer[register], !removed.contains(at),
                      code[at].operation == .multiply || code[at].operation == .square,
                      usedOnce(register) else { return nil }
                return at
            }
            func fused(_ operation: Program.Operation, _ at: Int, extra: Int32) -> Program.Instruction {
                // A square a*a is the product of a register with itself.
                let right = code[at].operation == .square ? code[at].left : code[at].right
                return .init(operation: operation, target: instruction.target, left: code[at].left, right: right, extra: extra)
            }
            var replacement: (Program.Instruction, Int)?
            switch instruction.operation {
            case .add:
                if let at = product(in: instruction.left) {
                    replacement = (fused(.multiplyAdd, at, extra: instruction.right), at)
                } else if let at = product(in: instruction.right) {
                    replacement = (fused(.multiplyAdd, at, extra: instruction.left), at)
                }
            case .subtract:
                if let at = product(in: instruction.left) {
                    replacement = (fused(.multiplySubtract, at, extra: instruction.right), at)
                } else if let at = product(in: instruction.right) {
                    replacement = (fused(.subtractProduct, at, extra: instruction.left), at)
                }
            case .multiply where !usedOnce(instruction.target):
                // A product used once is better left for its user to fold.
                if let at = product(in: instruction.left) {
                    replacement = (fused(.multiply3, at, extra: instruction.right), at)
                } else if let at = product(in: instruction.right) {
                    replacement = (fused(.multiply3, at, extra: instruction.left), at)
                }
            default:
                break
            }
            if let (instruction, folded) = replacement {
                result[index] = instruction
                removed.insert(folded)
            }
        }
        return result.enumerated().filter { !removed.contains($0.offset) }.map(\.element)
    }

    private init(inputs: [String]) {
        registers = [Double](repeating: 0, count: inputs.count)
        for (i, name) in inputs.enumerated() { inputIndex[name] = Int32(i) }
    }

    private mutating func constant(_ value: Double) -> Int32 {
        if let register = constantRegister[value.bitPattern] { return register }
        let register = Int32(registers.count)
        registers.append(value)
        constantRegister[value.bitPattern] = register
        return register
    }

    private mutating func instruction(_ operation: Program.Operation, _ left: Int32, _ right: Int32 = 0) -> Int32 {
        let key = Key(operation: operation, left: left, right: right)
        if let register = known[key] { return register }
        let target = Int32(registers.count)
        registers.append(0)
        instructions.append(.init(operation: operation, target: target, left: left, right: right))
        known[key] = target
        return target
    }

    private mutating func emit(_ expr: Expr) throws(Diagnostic) -> Int32 {
        switch expr {
        case .number(let value):
            return constant(value)
        case .constant(let name):
            return constant(BuiltinNames.constants[name] ?? .nan)
        case .variable(let name):
            guard let register = inputIndex[name] else {
                throw Diagnostic("'\(name)' is not a parameter of this function")
            }
            return register
        case .symbol(let name):
            throw Diagnostic("'\(name)' has no value")
        case .call(let name, _):
            throw Diagnostic("call of '\(name)' was not expanded")
        case .sum(let terms):
            guard !terms.isEmpty else { return constant(0) }
            // Subtract negative terms instead of adding their negation.
            var positive: [Expr] = []
            var negative: [Expr] = []
            for term in terms {
                let (isNegative, magnitude) = ExpressionPrinter.splitSign(term)
                if isNegative { negative.append(magnitude) } else { positive.append(term) }
            }
            var accumulator: Int32
            if let first = positive.first {
                accumulator = try emit(first)
                for term in positive.dropFirst() { accumulator = instruction(.add, accumulator, try emit(term)) }
            } else {
                accumulator = try emitNegated(negative.removeFirst())
            }
            for term in negative { accumulator = instruction(.subtract, accumulator, try emit(term)) }
            return accumulator
        case .product(let factors):
            guard !factors.isEmpty else { return constant(1) }
            var numerator: [Expr] = []
            var denominator: [Expr] = []
            for factor in factors {
                if case .power(let base, .number(let n)) = factor, n < 0 {
                    denominator.append(n == -1 ? base : .power(base, .number(-n)))
                } else {
                    numerator.append(factor)
                }
            }
            var accumulator: Int32
            if numerator == [.number(-1)] && !denominator.isEmpty {
                accumulator = constant(-1)
            } else if let first = numerator.first {
                if first == .number(-1), numerator.count > 1 {
                    accumulator = try emit(numerator[1])
                    for factor in numerator.dropFirst(2) { accumulator = instruction(.multiply, accumulator, try emit(factor)) }
                    accumulator = instruction(.negate, accumulator)
                } else {
                    accumulator = try emit(first)
                    for factor in numerator.dropFirst() { accumulator = instruction(.multiply, accumulator, try emit(factor)) }
                }
            } else {
                accumulator = constant(1)
            }
            for factor in denominator { accumulator = instruction(.divide, accumulator, try emit(factor)) }
            return accumulator
        case .power(let base, let exponent):
            let b = try emit(base)
            if exponent == .number(2) { return instruction(.square, b) }
            if exponent == .number(1) { return b }
            return instruction(.power, b, try emit(exponent))
        case .apply(let function, let arguments):
            let a = try emit(arguments[0])
            let b = arguments.count > 1 ? try emit(arguments[1]) : 0
            return instruction(Program.Operation(function), a, b)
        }
    }

    /// `-term`, folding the sign into a numeric coefficient (`-2(1 - x)` is
    /// one multiplication by -2, not a multiplication and a negation).
    private mutating func emitNegated(_ term: Expr) throws(Diagnostic) -> Int32 {
        if case .product(let factors) = term, let index = factors.firstIndex(where: { $0.numberValue != nil }) {
            var negated = factors
            negated[index] = .number(-factors[index].numberValue!)
            return try emit(.product(negated))
        }
        if case .number(let value) = term { return constant(-value) }
        return instruction(.negate, try emit(term))
    }
}
