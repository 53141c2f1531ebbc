/// Compiles inlined expressions into a `Program`.
///
///     let program = try Compiler.compile([body, dx, dy], inputs: ["x", "y"])
///
/// Every subexpression gets a value number: an instruction whose operation
/// and operands were already computed reuses that register (common
/// subexpression elimination), and each distinct constant takes one
/// register. Named values (`.symbol`) must be bound to numbers first.
///
/// The body of a `mean(…)` or `sum(…)` over data goes into a `RowPass`: one
/// pass for every reduction over rows of the same length, so that f and its
/// gradient share one trip through the data. Parts of a body that are the
/// same on every row (`w`, `2b`) are computed once, outside the pass.
package struct Compiler {
    private var instructions: [Program.Instruction] = []
    private var registers: [Double]
    private var inputIndex: [String: Int32] = [:]
    private var constantRegister: [UInt64: Int32] = [:]
    private var known: [Key: Int32] = [:]
    /// Registers that hold a pass's total (phase 1), and so are known only after the passes.
    private var totalRegisters = Set<Int32>()
    private var passes: [PassBuilder] = []
    /// The pass whose row body is being emitted, or nil for the program's own code.
    private var mode: Int?

    private struct PassBuilder {
        var pass: RowPass
        var known: [Key: Int32] = [:]
        var broadcastOf: [Int32: Int32] = [:]
        var columnOf: [Column: Int32] = [:]
        var totalOf: [Int32: Int32] = [:]
        var meanOf: [Int32: Int32] = [:]

        mutating func newBlock() -> Int32 {
            defer { pass.blockRegisterCount += 1 }
            return Int32(pass.blockRegisterCount)
        }
    }

    private struct Key: Hashable {
        var operation: Program.Operation
        var left: Int32
        var right: Int32
    }

    package static func compile(_ outputs: [Expr], inputs: [String]) throws(Diagnostic) -> Program {
        var compiler = Compiler(inputs: inputs)
        var outputRegisters: [Int32] = []
        for output in outputs {
            // Forms that overflow on the way to a finite value are computed another way (see Stabilizer).
            outputRegisters.append(try compiler.emit(Stabilizer.stabilized(output)))
        }
        // A register a pass reads is used there, so no fusing folds it away.
        let broadcast = compiler.passes.flatMap { $0.pass.broadcasts.map(\.register) }
        let fused = Compiler.fuse(compiler.instructions, outputs: Set(outputRegisters + broadcast))
        guard !compiler.passes.isEmpty else {
            return Program(instructions: fused, initialRegisters: compiler.registers,
                           inputCount: inputs.count, outputs: outputRegisters)
        }
        // What needs a total runs after the passes; everything else before.
        var late = compiler.totalRegisters
        var before: [Program.Instruction] = [], after: [Program.Instruction] = []
        for instruction in fused {
            if instruction.operands.contains(where: late.contains) {
                late.insert(instruction.target)
                after.append(instruction)
            } else {
                before.append(instruction)
            }
        }
        var program = Program(instructions: before, initialRegisters: compiler.registers,
                              inputCount: inputs.count, outputs: outputRegisters)
        program.passes = compiler.passes.map { builder in
            var pass = builder.pass
            pass.code = Compiler.fuse(pass.code, outputs: Set(pass.totals.map(\.block)))
            return pass
        }
        program.finalInstructions = after
        return program
    }

    /// Folds a product that is used exactly once into the instruction that
    /// uses it (`a*b + c` becomes one `multiplyAdd`), so that a step
    /// dispatches fewer instructions. The values are unchanged: the fused
    /// instruction computes the same two roundings in the same order.
    static func fuse(_ code: [Program.Instruction], outputs: Set<Int32>) -> [Program.Instruction] {
        // A product used once is first left for its user to fold; one its
        // user did not fold (that user folded its other operand, or is no
        // sum) may then fold a product of its own, in a second pass.
        fuse(fuse(code, outputs: outputs, leavingProductsToUsers: true), outputs: outputs, leavingProductsToUsers: false)
    }

    private static func fuse(_ code: [Program.Instruction], outputs: Set<Int32>, leavingProductsToUsers: Bool) -> [Program.Instruction] {
        let uses = Program.Instruction.uses(in: code)
        func usedOnce(_ register: Int32) -> Bool { uses[register] == 1 && !outputs.contains(register) }

        var producer: [Int32: Int] = [:]
        var removed = Set<Int>()
        var result = code
        for (index, instruction) in code.enumerated() {
            defer { producer[instruction.target] = index }
            /// The index of a plain product in `register` that may be folded away.
            func product(in register: Int32) -> Int? {
                // Not one folded away, nor one that has itself become a fused instruction.
                guard let at = producer[register], !removed.contains(at), result[at] == code[at],
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
            case .multiply where !(leavingProductsToUsers && usedOnce(instruction.target)):
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

    /// A register holding the number: the program's own, or in a row body a block filled with it.
    private mutating func constant(_ value: Double) -> Int32 {
        if let p = mode {
            mode = nil
            defer { mode = p }
            return broadcast(constant(value), in: p)
        }
        if let register = constantRegister[value.bitPattern] { return register }
        let register = Int32(registers.count)
        registers.append(value)
        constantRegister[value.bitPattern] = register
        return register
    }

    private mutating func instruction(_ operation: Program.Operation, _ left: Int32, _ right: Int32 = 0) -> Int32 {
        let key = Key(operation: operation, left: left, right: right)
        if let p = mode {
            if let register = passes[p].known[key] { return register }
            let target = passes[p].newBlock()
            passes[p].pass.code.append(.init(operation: operation, target: target, left: left, right: right))
            passes[p].known[key] = target
            return target
        }
        if let register = known[key] { return register }
        let target = Int32(registers.count)
        registers.append(0)
        instructions.append(.init(operation: operation, target: target, left: left, right: right))
        known[key] = target
        return target
    }

    private mutating func emit(_ expr: Expr) throws(Diagnostic) -> Int32 {
        if let p = mode {
            if case .column(let column) = expr { return self.column(column, in: p) }
            // The same on every row: computed once, before the pass, and filled into a block.
            if expr.rowColumns.isEmpty {
                mode = nil
                defer { mode = p }
                let register = try emit(expr)
                if dependsOnTotal(register) {
                    throw Diagnostic("a mean or sum inside another one that depends on the function's parameters is not supported",
                                     hint: "write the inner one out, or name it as a value first")
                }
                return broadcast(register, in: p)
            }
        }
        switch expr {
        case .column(let column):
            throw Diagnostic("\(column.name) is a column of \(column.count) numbers; in a function, average or add it over the rows, as in mean(…) or sum(…)")
        case .reduce(let kind, let inner):
            return try reduce(kind, inner)
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
        case .apply(.ln, let arguments) where Expr.onePlus(arguments[0]) != nil:
            // ln(1 + u) as log1p(u): the 1 would round a tiny u away.
            return instruction(.log1p, try emit(Expr.onePlus(arguments[0])!))
        case .apply(let function, let arguments):
            let a = try emit(arguments[0])
            let b = arguments.count > 1 ? try emit(arguments[1]) : 0
            return instruction(Program.Operation(function), a, b)
        }
    }

    /// A reduction over the rows: its body in the pass for rows of that
    /// length, its total in a register of its own. A reduction that does not
    /// depend on the parameters (`mean(d.x)`) is a number, computed here.
    private mutating func reduce(_ kind: Reduction, _ inner: Expr) throws(Diagnostic) -> Int32 {
        guard let rows = inner.rowColumns.first?.count else {
            throw Diagnostic("\(kind.rawValue)(…) needs a column of data inside it, such as d.x")
        }
        if !inputIndex.keys.contains(where: { inner.depends(on: $0) }) {
            return constant(Expr.reduce(kind, inner).evaluate([:]))
        }
        let p: Int
        if let existing = passes.firstIndex(where: { $0.pass.rowCount == rows }) {
            p = existing
        } else {
            p = passes.count
            passes.append(PassBuilder(pass: RowPass(rowCount: rows)))
        }
        let saved = mode
        mode = p
        let block = try emit(inner)
        mode = saved
        let memo = kind == .mean ? passes[p].meanOf[block] : passes[p].totalOf[block]
        if let memo { return memo }
        let register = Int32(registers.count)
        registers.append(0)
        totalRegisters.insert(register)
        passes[p].pass.totals.append(.init(block: block, register: register, isMean: kind == .mean))
        if kind == .mean { passes[p].meanOf[block] = register } else { passes[p].totalOf[block] = register }
        return register
    }

    private mutating func column(_ column: Column, in p: Int) -> Int32 {
        if let register = passes[p].columnOf[column] { return register }
        let register = passes[p].newBlock()
        passes[p].pass.columns.append(column)
        passes[p].pass.columnRegisters.append(register)
        passes[p].columnOf[column] = register
        return register
    }

    private mutating func broadcast(_ register: Int32, in p: Int) -> Int32 {
        if let block = passes[p].broadcastOf[register] { return block }
        let block = passes[p].newBlock()
        passes[p].pass.broadcasts.append(.init(register: register, block: block))
        passes[p].broadcastOf[register] = block
        return block
    }

    /// Whether a register of the program's own code is known only after the passes.
    private func dependsOnTotal(_ register: Int32) -> Bool {
        if totalRegisters.contains(register) { return true }
        guard let instruction = instructions.first(where: { $0.target == register }) else { return false }
        return dependsOnTotal(instruction.left) || (instruction.operation.readsRight && dependsOnTotal(instruction.right))
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
