import Calculus

/// One cell of the notebook: its stable number, the name it defines (or
/// `_N`), its source, and what it last showed.
///
///     [3] rate = 0.1      id 3, name "rate", dependencies [], output "rate = 0.1"
///     [5] f'(rate)        id 5, name "_5",   dependencies ["f", "rate"]
public struct Cell: Sendable {
    public let id: Int
    public internal(set) var name: String
    public internal(set) var source: String
    public internal(set) var output: String = ""
    public internal(set) var state: State = .pending

    var syntax: CellSyntax?
    var parseError: Diagnostic?
    /// Every name the source uses (other cells' names, resolved `ans`).
    var dependencies: Set<String> = []
    /// Keys of a loaded session's cell that this version does not know, kept for saving.
    var extra: [(String, JSONValue)] = []

    public enum State: Sendable {
        case pending
        case value(Value)
        case failed(Diagnostic)
        /// Could not run because the named cell failed.
        case blocked(String)
    }

    public var isDefinition: Bool { syntax?.definedName != nil }

    public var value: Value? {
        if case .value(let value) = state { return value }
        return nil
    }

    public var isHealthy: Bool {
        if case .value = state { return true }
        return false
    }

    public var error: Diagnostic? {
        switch state {
        case .failed(let diagnostic): return diagnostic
        case .blocked(let upstream): return Diagnostic("could not run because '\(upstream)' failed",
                                                       hint: "fix '\(upstream)' and this cell runs again")
        default: return nil
        }
    }

    /// The cell `ans` stands for here: the latest result before this cell when it was entered.
    var ans: String?

    init(id: Int, source: String, previousName: String?) {
        self.id = id
        self.source = source
        self.name = "_\(id)"
        parse(previousName: previousName)
    }

    /// Parses the source, and finds the name it defines and the names it uses.
    mutating func parse(previousName: String?) {
        ans = previousName
        do {
            let parsed = try Parser.parseCell(CellSource.code(of: source))
            syntax = parsed
            parseError = nil
            name = parsed.definedName ?? "_\(id)"
            dependencies = CellSource.references(of: parsed, ans: previousName)
            if let problem = Cell.reservedNameProblem(parsed) { refuse(problem) }
        } catch {
            syntax = nil
            parseError = error
            name = Cell.definedName(in: source) ?? "_\(id)"
            dependencies = []
        }
    }

    /// Why a definition may not take its name: constants, built-ins, and
    /// the names results get automatically.
    static func reservedNameProblem(_ syntax: CellSyntax) -> Diagnostic? {
        let name: String, span: SourceSpan
        switch syntax {
        case .function(let defined, let nameSpan, _, _), .value(let defined, let nameSpan, _):
            (name, span) = (defined, nameSpan)
        case .expression:
            return nil
        }
        if BuiltinNames.constants[name] != nil {
            return Diagnostic("'\(name)' is a constant and cannot be redefined", at: span)
        }
        if CellSource.isBuiltin(name) {
            return Diagnostic("'\(name)' is a built-in function and cannot be redefined", at: span,
                              hint: "choose another name")
        }
        if name == "ans" || (name.hasPrefix("_") && Int(name.dropFirst()) != nil) {
            return Diagnostic("'\(name)' names a result automatically and cannot be defined", at: span)
        }
        return nil
    }

    /// Marks the cell as failing with `problem` before it runs; it then
    /// defines nothing and is named after its number.
    mutating func refuse(_ problem: Diagnostic) {
        syntax = nil
        parseError = problem
        name = "_\(id)"
        dependencies = []
    }

    /// The name a source that does not parse seems to define (`f(x) = x^^2` → "f"),
    /// so that fixing it later replaces this cell rather than adding another.
    static func definedName(in source: String) -> String? {
        let code = CellSource.code(of: source)
        guard let equals = code.firstIndex(of: "="), let tokens = try? Lexer.tokenize(String(code[..<equals])),
              case .identifier(let name)? = tokens.first?.kind, !CellSource.isBuiltin(name) else { return nil }
        let kinds = tokens.map(\.kind)
        if kinds.count == 2 { return name }
        if kinds.count >= 4, kinds[1] == .leftParen, kinds[kinds.count - 2] == .rightParen { return name }
        return nil
    }
}

/// Reading a cell's source: comments, and the names it refers to.
enum CellSource {
    /// The source without its comment: `x0 = -4  # start` → `x0 = -4`.
    static func code(of source: String) -> String {
        guard let hash = source.firstIndex(of: "#") else { return source }
        return String(source[..<hash])
    }

    static func isBlank(_ source: String) -> Bool {
        code(of: source).allSatisfy(\.isWhitespace)
    }

    /// Names with a fixed meaning, which no cell can define (so no cell depends on them).
    static func isBuiltin(_ name: String) -> Bool {
        BuiltinNames.constants[name] != nil || ElementaryFunction(named: name) != nil
            || Builtin(rawValue: name) != nil || Notebook.otherBuiltins.contains(name)
    }

    /// The names a cell uses, other than parameters, labels, method names and built-ins.
    /// `ans` is replaced by the name of the cell before this one.
    static func references(of cell: CellSyntax, ans: String?) -> Set<String> {
        var names = Set<String>()
        var bound = Set<String>()
        if case .function(_, _, let parameters, _) = cell { bound = Set(parameters.map(\.name)) }
        collect(cell.body, bound: bound, into: &names)
        if names.remove("ans") != nil, let ans { names.insert(ans) }
        return names.filter { !isBuiltin($0) }
    }

    private static func collect(_ syntax: Syntax, bound: Set<String>, into names: inout Set<String>) {
        switch syntax.kind {
        case .number: return
        case .name(let name):
            if !bound.contains(name) { names.insert(name) }
        case .negate(let inner), .derivative(let inner, _), .field(let inner, _):
            collect(inner, bound: bound, into: &names)
        case .chain(let first, let rest):
            collect(first, bound: bound, into: &names)
            for link in rest { collect(link.operand, bound: bound, into: &names) }
        case .power(let a, let b), .index(let a, let b), .range(let a, let b):
            collect(a, bound: bound, into: &names)
            collect(b, bound: bound, into: &names)
        case .vector(let items):
            for item in items { collect(item, bound: bound, into: &names) }
        case .call(let callee, let arguments):
            collect(callee, bound: bound, into: &names)
            for argument in arguments where argument.label != "method" {
                collect(argument.value, bound: bound, into: &names)
            }
        }
    }
}
