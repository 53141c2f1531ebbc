import Calculus
/// The parsed form of a cell's expression, exactly as written, with the
/// span of every node kept for error messages. Sums and products are kept
/// as flat chains so that a long line of terms never makes a deep tree.
///
///     2x + f'(3)   →   chain(2 * x, [(+, call(derivative(f, 1), [3]))])
package struct Syntax: Hashable, Sendable {
    package indirect enum Kind: Hashable, Sendable {
        case number(Double)
        case name(String)
        /// Text in quotes: only a file's path, as in csv("points.csv").
        case text(String)
        case negate(Syntax)
        /// `first op rest[0].operand op rest[1].operand …` at one precedence level.
        case chain(first: Syntax, rest: [Link])
        case power(base: Syntax, exponent: Syntax)
        case call(callee: Syntax, arguments: [Argument])
        case index(Syntax, Syntax)
        case field(Syntax, name: String)
        case derivative(Syntax, order: Int)
        case vector([Syntax])
        case range(Syntax, Syntax)
    }

    package struct Link: Hashable, Sendable {
        package var op: BinaryOperator
        package var operand: Syntax
        package var opSpan: SourceSpan
    }

    package enum BinaryOperator: String, Hashable, Sendable {
        case add = "+", subtract = "-", multiply = "*", divide = "/"
    }

    package struct Argument: Hashable, Sendable {
        package var label: String?
        package var labelSpan: SourceSpan?
        package var value: Syntax

        package init(label: String? = nil, labelSpan: SourceSpan? = nil, value: Syntax) {
            self.label = label
            self.labelSpan = labelSpan
            self.value = value
        }
    }

    package var kind: Kind
    package var span: SourceSpan

    package init(_ kind: Kind, _ span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    /// The bare name, when this node is just a name.
    package var nameValue: String? {
        if case .name(let name) = kind { return name }
        return nil
    }
}

/// One parsed cell: a definition or an expression.
///
///     f(x) = x^2 + 2     →  .function(name: "f", parameters: ["x"], body: …)
///     rate = 0.1         →  .value(name: "rate", body: 0.1)
///     f'(-4)             →  .expression(…)
package enum CellSyntax: Hashable, Sendable {
    case function(name: String, nameSpan: SourceSpan, parameters: [Parameter], body: Syntax)
    case value(name: String, nameSpan: SourceSpan, body: Syntax)
    case expression(Syntax)

    package struct Parameter: Hashable, Sendable {
        package var name: String
        package var span: SourceSpan
    }

    /// The name this cell defines, if it is a definition.
    package var definedName: String? {
        switch self {
        case .function(let name, _, _, _), .value(let name, _, _): return name
        case .expression: return nil
        }
    }

    package var body: Syntax {
        switch self {
        case .function(_, _, _, let body), .value(_, _, let body), .expression(let body): return body
        }
    }
}

extension Syntax {
    /// The tree with every number written before parentheses read as a
    /// product, as in algebra: `k(x + 1)` is `k * (x + 1)`, and `k(x + 1)^2`
    /// is `k * (x + 1)^2`, when `k` stands for a number. A cell's tree is
    /// resolved once, where what its names stand for is known (the notebook's
    /// values, and a function's parameters in its body), so that what walks
    /// it afterwards (evaluation, building a formula, translating to Python)
    /// meets plain products and calls only.
    package func resolvingImplicitProducts(isNumber: (String) -> Bool) -> Syntax {
        func resolve(_ node: Syntax) -> Syntax { node.resolvingImplicitProducts(isNumber: isNumber) }
        if let product = implicitProduct(isNumber: isNumber) { return resolve(product) }
        var node = self
        switch kind {
        case .number, .name, .text:
            return self
        case .negate(let operand):
            node.kind = .negate(resolve(operand))
        case .chain(let first, let rest):
            node.kind = .chain(first: resolve(first), rest: rest.map { Link(op: $0.op, operand: resolve($0.operand), opSpan: $0.opSpan) })
        case .power(let base, let exponent):
            node.kind = .power(base: resolve(base), exponent: resolve(exponent))
        case .call(let callee, let arguments):
            node.kind = .call(callee: resolve(callee), arguments: arguments.map {
                Argument(label: $0.label, labelSpan: $0.labelSpan, value: resolve($0.value))
            })
        case .index(let base, let index):
            node.kind = .index(resolve(base), resolve(index))
        case .field(let base, let name):
            node.kind = .field(resolve(base), name: name)
        case .derivative(let inner, let order):
            node.kind = .derivative(resolve(inner), order: order)
        case .vector(let items):
            node.kind = .vector(items.map { resolve($0) })
        case .range(let low, let high):
            node.kind = .range(resolve(low), resolve(high))
        }
        return node
    }

    /// This node as a product, when it is a number before parentheses; nil otherwise.
    private func implicitProduct(isNumber: (String) -> Bool) -> Syntax? {
        func product(_ factor: Syntax, _ rest: Syntax) -> Syntax {
            Syntax(.chain(first: factor, rest: [Link(op: .multiply, operand: rest, opSpan: factor.span)]), span)
        }
        switch kind {
        case .call(let callee, let arguments):
            guard let name = callee.nameValue, arguments.count == 1, arguments[0].label == nil, isNumber(name) else { return nil }
            return product(callee, arguments[0].value)
        case .power(let base, let exponent):
            guard case .call(let callee, let arguments) = base.kind, let name = callee.nameValue, arguments.count == 1,
                  arguments[0].label == nil, isNumber(name) else { return nil }
            return product(callee, Syntax(.power(base: arguments[0].value, exponent: exponent), span))
        default:
            return nil
        }
    }
}
