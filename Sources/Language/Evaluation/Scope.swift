import Calculus

/// The names a cell can see while it runs: every other cell's latest
/// value. Answers the Calculus module's questions about names (for reading
/// function bodies and expanding calls).
struct Scope: NameScope, FunctionResolver {
    let lookup: (String) -> Value?
    /// Every name defined: asked for only when a name is not found, since
    /// listing a large notebook's names at every cell would cost its size.
    let names: () -> [String]

    var knownNames: [String] { names() }

    func meaning(of name: String) -> NameMeaning? {
        if let (base, order) = Scope.splitPrimes(name), order > 0 {
            guard case .function(let function)? = lookup(base) else { return nil }
            return function.parameters.count == 1 ? .function(arity: 1)
                : .other("a function of \(function.parameters.count) variables, whose derivative needs diff(\(base), …)")
        }
        switch lookup(name) {
        case nil: return nil
        case .number?: return .number
        case .function(let function)?: return .function(arity: function.parameters.count)
        case .table(let table)?: return .table(Dictionary(uniqueKeysWithValues: zip(table.names, table.columns)))
        case let other?: return .other(other.kindDescription)
        }
    }

    func definition(of name: String) -> FunctionDefinition? {
        function(named: name)?.definition
    }

    /// A user function by name, derivatives (`f'`, `f''`) included.
    func function(named name: String) -> FunctionValue? {
        guard let (base, order) = Scope.splitPrimes(name),
              case .function(let function)? = lookup(base) else { return nil }
        guard order > 0 else { return function }
        guard function.parameters.count == 1 else { return nil }
        return try? function.derivative(order: order, baseName: base)
    }

    /// The numbers of the named values an expanded body uses.
    func values(for expr: Expr) throws(Diagnostic) -> [String: Double] {
        var values: [String: Double] = [:]
        for symbol in expr.symbols {
            guard case .number(let value)? = lookup(symbol) else {
                throw Diagnostic("'\(symbol)' is not a number")
            }
            values[symbol] = value
        }
        return values
    }

    /// `f''` → ("f", 2).
    static func splitPrimes(_ name: String) -> (String, Int)? {
        let base = name.prefix { $0 != "'" }
        let order = name.count - base.count
        guard !base.isEmpty, name.dropFirst(base.count).allSatisfy({ $0 == "'" }) else { return nil }
        return (String(base), order)
    }
}
