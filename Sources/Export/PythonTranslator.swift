import Calculus
import DataFiles
import Descent
import Language
import Plot

/// A notebook translated to Python (numpy and matplotlib): the helpers it
/// needs (each method as a loop, each kind of plot), then one piece of code
/// per cell.
///
///     f(x) = x^2 + 2                          def f(x):
///                                                 return x**2 + 2
///     r = descend(f, from: x0, step: rate)    r = descend(f, grad_f, x0, step=rate)
///                                             show("r", r)
package struct PythonProgram: Sendable {
    /// The helpers the cells call, as Python source.
    package var helpers: String
    /// Each cell's code, in the notebook's order; a cell that could not be
    /// translated (or had failed) is a comment saying so.
    package var cells: [(id: Int, code: String)]
    /// Whether some cell draws a figure (and so the script needs matplotlib).
    package var drawsFigures: Bool

    /// One script a person reads from the top: the notebook's cells first,
    /// each under its source as a comment, in one function; then only the
    /// helpers they call; then the call that runs the cells (Python finds
    /// a helper when a cell runs, so the helpers may come after).
    package func script(title: String, sources: [Int: String]) -> String {
        var text = PythonTranslator.comment(title) + "\n"
        text += "# Run it with python3 (numpy and matplotlib); each plot is saved as a PNG beside it.\n"
        text += "# The notebook's cells come first; the helpers they call (each descent method as a loop,\n"
        text += "# each kind of plot) are at the end of the file.\n\n\n"
        text += "def notebook():\n"
        text += "    \"\"\"The notebook's cells, in order.\"\"\"\n"
        for cell in cells {
            let source = sources[cell.id] ?? ""
            if CellSource.isNote(source) {
                // A note is prose: it stays a comment, between the cells it explains.
                text += "\n" + PythonProgram.indented(PythonTranslator.comment(CellSource.noteText(source))) + "\n"
                continue
            }
            let commented = PythonTranslator.comment(source)
            text += "\n    # [\(cell.id)]\n" + PythonProgram.indented(commented + "\n" + cell.code) + "\n"
        }
        text += "\n\n# ---- The helpers the cells call ----\n\n"
        text += helpers.trimmingLineBreaks + "\n\n\n"
        text += "if __name__ == \"__main__\":\n    notebook()\n"
        return text
    }

    /// Python lines one level in; blank lines stay blank.
    static func indented(_ code: String) -> String {
        code.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
    }
}

/// Translates the cells of a notebook to Python, reading each cell's
/// syntax so that the script uses the notebook's own names (change `rate`
/// and the descent after it changes too), and its value where the syntax
/// says too little (the grid a map was drawn on). What it cannot translate
/// is written as the number the notebook computed, or as a comment.
package struct PythonTranslator {
    /// The notebook name of each value, function and table, and its Python name.
    private var pythonNames: [String: String] = [:]
    /// Python names taken, so that no two notebook names meet in one.
    private var taken: Set<String> = PythonTranslator.reserved
    /// What each notebook name held when it was defined.
    private var values: [String: Value] = [:]
    /// Functions written so far: a gradient (`grad_f`), a Hessian, a derivative, keyed by what they are.
    private var written: [String: String] = [:]
    private var sections: Set<String> = ["core"]
    private var figures = false
    /// Where the exported file is: data paths are written relative to it.
    private let folder: String?
    private let currentFolder: String

    /// Names Python, numpy and the helpers use (every name the helpers define, too).
    static let reserved: Set<String> = PythonRuntime.definedNames.union([
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
        "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "print", "len", "range", "list",
        "np", "plt", "matplotlib", "math", "sys", "os", "show", "descend", "sweep", "basins", "advise", "nderiv", "slope",
        "csv", "table", "finish", "print_table", "Run", "Table", "fig", "plot_curves", "plot_convergence", "plot_map",
        "plot_data", "plot_basins", "abs", "min", "max", "sum", "type", "id", "object", "map", "filter", "open", "str",
        "int", "float", "dict", "set", "tuple", "iter", "next", "vars", "format", "input", "round", "pow", "hash",
    ])

    package init(folder: String? = nil, currentFolder: String = ".") {
        self.folder = folder
        self.currentFolder = currentFolder
    }

    /// The whole notebook. `helpers` gives the Python of the named helper
    /// sections (and of what they need).
    package mutating func translate(_ cells: [ExportCell], helpers: (Set<String>) -> String) -> PythonProgram {
        var out: [(Int, String)] = []
        for cell in cells {
            out.append((cell.id, translate(cell)))
        }
        return PythonProgram(helpers: helpers(sections), cells: out, drawsFigures: figures)
    }

    // MARK: - One cell

    fileprivate struct Untranslatable: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// The code of one cell: definitions first (gradients it needs), then the statement, then `show`.
    private mutating func translate(_ cell: ExportCell) -> String {
        cellID = cell.id
        if cell.isNote { return "" }
        guard let value = cell.value, let syntax = cell.syntax else {
            let why = cell.error ?? "it did not run"
            return PythonTranslator.comment("not translated: in the notebook this cell failed (\(why))")
        }
        var lines: [String] = []
        do throws(Untranslatable) {
            switch syntax {
            case .function(let name, _, let parameters, _):
                guard case .function(let function) = value else { throw Untranslatable("not a function") }
                let python = define(name)
                lines += functionDefinition(python, parameters.map(\.name), body: function)
                values[name] = value
            case .value(let name, _, let body):
                let code = try statement(body, value: value, into: &lines, cellName: name)
                let python = define(name)
                values[name] = value
                switch value {
                case .function(let function):
                    // d = f': a function under a new name.
                    lines += functionDefinition(python, function.parameters, body: function)
                case .gradient(let gradient):
                    lines += gradientDefinition(python, gradient.of)
                case .figure, .text, .basins:
                    lines.append(code)
                default:
                    lines.append("\(python) = \(code)")
                    lines.append("show(\(PythonTranslator.string(cell.name)), \(python))")
                }
                if case .figure = value { figures = true }
            case .expression(let body):
                let code = try statement(body, value: value, into: &lines, cellName: nil)
                switch value {
                case .function(let function):
                    let python = functionName(forExpression: body, function: function)
                    lines += functionDefinition(python, function.parameters, body: function)
                case .gradient(let gradient):
                    _ = self.gradient(of: gradient.of, into: &lines)
                case .figure, .text, .basins:
                    if !code.isEmpty { lines.append(code) }
                default:
                    lines.append("show(\(PythonTranslator.string("[\(cell.id)]")), \(code))")
                }
            }
        } catch {
            return fallback(cell, value: value, reason: error.reason)
        }
        return lines.joined(separator: "\n")
    }

    /// A cell the translator cannot write as code: its number, or a comment.
    private mutating func fallback(_ cell: ExportCell, value: Value, reason: String) -> String {
        let literal: String?
        switch value {
        case .number(let x): literal = PythonPrinter.number(x)
        case .vector(let parts): literal = "np.array([" + parts.map(PythonPrinter.number).joined(separator: ", ") + "])"
        default: literal = nil
        }
        guard let literal else {
            return PythonTranslator.comment("not translated: \(reason)")
        }
        var lines = [PythonTranslator.comment("the number the notebook computed (\(reason)):")]
        if case .value(let name, _, _) = cell.syntax {
            let python = define(name)
            values[name] = value
            lines.append("\(python) = \(literal)")
            lines.append("show(\(PythonTranslator.string(cell.name)), \(python))")
        } else {
            lines.append("show(\(PythonTranslator.string("[\(cell.id)]")), \(literal))")
        }
        return lines.joined(separator: "\n")
    }

    // MARK: - Names

    /// The Python name for a notebook name, made now if it has none.
    private mutating func define(_ name: String) -> String {
        if let python = pythonNames[name] { return python }
        var python = name.replacingOccurrences(of: "'", with: "_prime")
        if python == "pi" || python == "e" { python += "_" }
        while taken.contains(python) { python += "_" }
        taken.insert(python)
        pythonNames[name] = python
        return python
    }

    /// A fresh Python name for something the notebook does not name: `grad_f`, `df`.
    private mutating func fresh(_ wanted: String) -> String {
        var python = wanted
        while taken.contains(python) { python += "_" }
        taken.insert(python)
        return python
    }

    private func python(_ name: String) -> String {
        pythonNames[name] ?? name
    }

    private var printer: PythonPrinter {
        let names = pythonNames
        return PythonPrinter { names[$0] ?? $0.replacingOccurrences(of: "'", with: "_prime") }
    }

    /// Where `written` keeps the Python function for a derivative of f: by
    /// what f is, so that f' written as a cell, f'(x0) and a descent of f
    /// share one `def`. In one variable the gradient is f'.
    private func derivativeKey(_ function: FunctionValue, order: Int) -> String {
        "derivative \(order) of " + printer.print(function.expanded)
    }

    private func gradientKey(_ function: FunctionValue) -> String {
        function.parameters.count == 1 ? derivativeKey(function, order: 1) : "gradient of " + printer.print(function.expanded)
    }

    /// `f'` written as a cell: `df`; `diff(g, w)`: `dg_dw`.
    private mutating func functionName(forExpression body: Syntax, function: FunctionValue) -> String {
        let key = "function:" + function.name
        if let name = written[key] { return name }
        var wanted = "d_" + function.name
        if case .derivative(let inner, let order) = body.kind, let base = inner.nameValue {
            wanted = (order == 1 ? "d" : "d\(order)") + python(base)
            if case .function(let original)? = values[base] {
                // f' written as a cell is the function later cells' f'(x0) and descents of f use.
                let name = fresh(wanted)
                written[key] = name
                written[derivativeKey(original, order: order)] = name
                pythonNames[function.name] = name
                return name
            }
        } else if case .call(let callee, let arguments) = body.kind, callee.nameValue == "diff", arguments.count == 2,
                  let base = arguments[0].value.nameValue, let variable = arguments[1].value.nameValue {
            wanted = "d\(python(base))_d\(variable)"
        }
        let name = fresh(wanted.filter { $0.isLetter || $0.isNumber || $0 == "_" })
        written[key] = name
        pythonNames[function.name] = name
        return name
    }

    // MARK: - Functions

    /// The parameters of a function, with each table it averages over as a
    /// keyword defaulting to that table, so a mini-batch can be passed in its place.
    private func parameterList(_ parameters: [String], _ function: FunctionValue) -> String {
        let tables = PythonTranslator.tables(in: function.expanded)
        return (parameters.map(python) + tables.map { "\(python($0))=\(python($0))" }).joined(separator: ", ")
    }

    private static func tables(in expr: Expr) -> [String] {
        var owners: [String] = []
        for column in expr.dataColumns {
            guard let dot = column.name.lastIndex(of: ".") else { continue }
            let owner = String(column.name[..<dot])
            if !owners.contains(owner) { owners.append(owner) }
        }
        return owners
    }

    /// `def f(x): return …`, from the body as shown (it calls the other
    /// functions by name), or from the inlined body when it calls a function
    /// the script does not have.
    private mutating func functionDefinition(_ python: String, _ parameters: [String], body function: FunctionValue) -> [String] {
        for parameter in parameters where pythonNames[parameter] == nil { pythonNames[parameter] = parameter }
        let usesUnknown = function.shown.calledNames.contains { values[$0] == nil }
        let body = usesUnknown ? function.expanded : function.shown
        return ["def \(python)(\(parameterList(parameters, function))):",
                "    return " + printer.print(body)]
    }

    /// `def grad_g(w, b): return np.array([…, …])`, or `f'` for one variable.
    private mutating func gradientDefinition(_ python: String, _ function: FunctionValue) -> [String] {
        let partials = function.parameters.map { Derivative.of(function.expanded, by: $0) }
        let body = partials.count == 1 ? printer.print(partials[0])
            : "np.array([" + partials.map { printer.print($0) }.joined(separator: ", ") + "])"
        written[gradientKey(function)] = python
        return ["def \(python)(\(parameterList(function.parameters, function))):", "    return " + body]
    }

    /// The name of f's gradient in the script, written into `lines` first if the script has none yet.
    private mutating func gradient(of function: FunctionValue, into lines: inout [String]) -> String {
        if let name = written[gradientKey(function)] { return name }
        let name = fresh("grad_" + python(function.name))
        lines += gradientDefinition(name, function)
        return name
    }

    /// The name of f's Hessian (f'' in one variable), written into `lines` first if need be.
    private mutating func hessian(of function: FunctionValue, into lines: inout [String]) -> String {
        let key = "hessian of " + printer.print(function.expanded)
        if let name = written[key] { return name }
        let name = fresh("hess_" + python(function.name))
        let first = function.parameters.map { Derivative.of(function.expanded, by: $0) }
        let rows = first.map { partial in function.parameters.map { Derivative.of(partial, by: $0) } }
        let body = rows.count == 1 ? printer.print(rows[0][0])
            : "np.array([" + rows.map { "[" + $0.map { printer.print($0) }.joined(separator: ", ") + "]" }.joined(separator: ", ") + "])"
        lines += ["def \(name)(\(parameterList(function.parameters, function))):", "    return " + body]
        written[key] = name
        return name
    }

    // MARK: - Expressions

    /// The Python for a cell's expression; definitions it needs go into `lines` first.
    private mutating func statement(_ syntax: Syntax, value: Value, into lines: inout [String], cellName: String?) throws(Untranslatable) -> String {
        if case .call(let callee, let arguments) = syntax.kind, let name = callee.nameValue, values[name] == nil,
           let builtin = Builtin(rawValue: name) {
            return try call(builtin, arguments, value: value, span: syntax, into: &lines, cellName: cellName)
        }
        switch value {
        case .function, .gradient:
            return ""
        default:
            return try expression(syntax, into: &lines)
        }
    }

    /// A cell's expression as Python, parenthesized by the same precedence as `ExpressionPrinter`'s.
    private mutating func expression(_ syntax: Syntax, into lines: inout [String], level: Precedence = .top) throws(Untranslatable) -> String {
        func wrap(_ text: String, _ own: Precedence) -> String { own.parenthesized(text, in: level) }
        switch syntax.kind {
        case .number(let x):
            return wrap(PythonPrinter.number(x), x < 0 ? .unary : .atom)
        case .name(let name):
            if values[name] != nil { return python(name) }
            if name == "pi" { return "np.pi" }
            if name == "e" { return "np.e" }
            throw Untranslatable("'\(name)' is not a name the script has")
        case .text(let text):
            return PythonTranslator.string(text)
        case .negate(let operand):
            return wrap("-" + (try expression(operand, into: &lines, level: .unary)), .unary)
        case .chain(let first, let rest):
            let additive = rest.first.map { $0.op == .add || $0.op == .subtract } ?? true
            let own: Precedence = additive ? .sum : .product
            var text = try expression(first, into: &lines, level: own)
            for link in rest {
                // a - (b + c) and a/(b*c): the right operand of - and / is one operand.
                let right = link.op == .subtract || link.op == .divide ? own.tighter : own
                text += (additive ? " \(link.op.rawValue) " : link.op.rawValue) + (try expression(link.operand, into: &lines, level: right))
            }
            return wrap(text, own)
        case .power(let base, let exponent):
            let text = (try expression(base, into: &lines, level: .atom)) + "**" + (try expression(exponent, into: &lines, level: .unary))
            return wrap(text, .power)
        case .vector(let items):
            return "np.array([" + (try items.map { (item) throws(Untranslatable) in try expression(item, into: &lines) }).joined(separator: ", ") + "])"
        case .range(let low, let high):
            return "(" + (try expression(low, into: &lines)) + ", " + (try expression(high, into: &lines)) + ")"
        case .field(let base, let name):
            guard case .name(let owner) = base.kind, let held = values[owner] else { throw Untranslatable("a part of something the script does not have") }
            switch held {
            case .run where ["x", "f", "steps", "status", "start", "step"].contains(name):
                return python(owner) + "." + name
            case .table(let table) where table.names.contains(name):
                return python(owner) + "." + name
            default:
                throw Untranslatable("the part '\(name)' is not in the script")
            }
        case .index(let base, let index):
            let text = try expression(base, into: &lines, level: .atom)
            if case .number(let n) = index.kind, n == n.rounded(), n >= 1 {
                return text + "[\(Int(n) - 1)]"
            }
            return text + "[int(" + (try expression(index, into: &lines)) + ") - 1]"
        case .derivative(let inner, let order):
            guard let name = inner.nameValue, case .function(let function)? = values[name], function.parameters.count == 1 else {
                throw Untranslatable("a derivative of something the script does not have")
            }
            return try derivativeName(of: function, order: order, base: name, into: &lines)
        case .call(let callee, let arguments):
            guard arguments.allSatisfy({ $0.label == nil }) else { throw Untranslatable("a call with labels") }
            let parts = try arguments.map { (argument) throws(Untranslatable) in try expression(argument.value, into: &lines) }
            if let name = callee.nameValue {
                if case .function? = values[name] { return python(name) + "(" + parts.joined(separator: ", ") + ")" }
                if values[name] == nil, name == "min" || name == "max", parts.count == 1 {
                    // min(v), max(v): of a vector's parts.
                    return "np.\(name)(" + parts[0] + ")"
                }
                if values[name] == nil, let function = ElementaryFunction(rawValue: name) {
                    return PythonPrinter.numpyName(function) + "(" + parts.joined(separator: ", ") + ")"
                }
                if values[name] == nil, let builtin = Builtin(rawValue: name) {
                    switch builtin {
                    case .sum: return "np.sum(" + parts.joined(separator: ", ") + ")"
                    case .mean: return "np.mean(" + parts.joined(separator: ", ") + ")"
                    case .count: return "len(" + parts.joined(separator: ", ") + ")"
                    case .norm: return "np.linalg.norm(" + parts.joined(separator: ", ") + ")"
                    default: break
                    }
                }
                throw Untranslatable("a call of '\(name)'")
            }
            if case .derivative = callee.kind {
                return (try expression(callee, into: &lines, level: .atom)) + "(" + parts.joined(separator: ", ") + ")"
            }
            if case .call(let inner, let innerArguments) = callee.kind, inner.nameValue == "grad", innerArguments.count == 1,
               let name = innerArguments[0].value.nameValue, case .function(let function)? = values[name] {
                // grad(E)(0, 0)
                return gradient(of: function, into: &lines) + "(" + parts.joined(separator: ", ") + ")"
            }
            throw Untranslatable("a call the script cannot make")
        }
    }

    /// `df`, the Python function for f' (written into `lines` first if the script has none yet).
    private mutating func derivativeName(of function: FunctionValue, order: Int, base: String, into lines: inout [String]) throws(Untranslatable) -> String {
        let key = derivativeKey(function, order: order)
        if let name = written[key] { return name }
        let derived: FunctionValue
        do { derived = try function.derivative(order: order, baseName: base) } catch { throw Untranslatable(error.message) }
        let name = fresh((order == 1 ? "d" : "d\(order)") + python(base))
        lines += ["def \(name)(\(parameterList(derived.parameters, derived))):", "    return " + printer.print(derived.shown)]
        written[key] = name
        written["function:" + derived.name] = name
        return name
    }

    // MARK: - Built-ins

    private mutating func call(_ builtin: Builtin, _ arguments: [Syntax.Argument], value: Value, span: Syntax,
                               into lines: inout [String], cellName: String?) throws(Untranslatable) -> String {
        let positional = arguments.filter { $0.label == nil }.map(\.value)
        func labelled(_ label: String) -> Syntax? { arguments.first { $0.label == label }?.value }
        func function(_ syntax: Syntax) throws(Untranslatable) -> (FunctionValue, String) {
            guard let name = syntax.nameValue, case .function(let function)? = values[name] else {
                throw Untranslatable("\(builtin.rawValue) of a function the script does not name")
            }
            return (function, python(name))
        }
        switch builtin {
        case .diff, .grad:
            return ""
        case .slope:
            sections.insert("slope")
            return "slope(" + (try positional.map { (p) throws(Untranslatable) in try pointTuple(p, into: &lines) }).joined(separator: ", ") + ")"
        case .nderiv:
            sections.insert("nderiv")
            let (_, f) = try function(positional[0])
            var text = "nderiv(\(f), " + (try expression(positional[1], into: &lines))
            if let h = labelled("h") { text += ", h=" + (try expression(h, into: &lines)) }
            return text + ")"
        case .explain:
            guard case .text(let text, _) = value else { return "" }
            return PythonTranslator.comment(text)
        case .descend:
            let (f, name) = try function(positional[0])
            var options = try descentOptions(arguments, f, into: &lines)
            if let batch = labelled("batch") {
                sections.insert("stochastic")
                options.append("batch=" + (try expression(batch, into: &lines)))
                if let seed = labelled("seed") { options.append("seed=" + (try expression(seed, into: &lines))) }
                guard let table = PythonTranslator.tables(in: f.expanded).first else { throw Untranslatable("a stochastic run over no data") }
                options.append("data=(\(PythonTranslator.string(python(table))), \(python(table)))")
            }
            sections.insert("descend")
            let start = try pointTuple(labelled("from")!, into: &lines)
            // Newton without step: takes the whole step the curvature asks for, as descent does.
            let step = labelled("step") == nil && labelled("method")?.nameValue == "newton"
                ? "" : ", step=" + (try expression(labelled("step"), or: "0.1", into: &lines))
            let grad = gradient(of: f, into: &lines)
            return "descend(\(name), \(grad), \(start)\(step)" + options.map { ", " + $0 }.joined() + ")"
        case .sweep:
            let (f, name) = try function(positional[0])
            let options = try descentOptions(arguments, f, into: &lines)
            sections.insert("sweep")
            let grad = gradient(of: f, into: &lines)
            guard case .sweep(let sweep) = value else { throw Untranslatable("a sweep that gave no runs") }
            var text = "sweep(\(name), \(grad), "
            if sweep.overStarts {
                guard let from = labelled("from"), case .vector(let items) = from.kind else { throw Untranslatable("a sweep's starts") }
                text += "starts=[" + (try items.map { (s) throws(Untranslatable) in try pointTuple(s, into: &lines) }).joined(separator: ", ") + "]"
                text += ", step=" + (try expression(labelled("step"), or: "0.1", into: &lines))
            } else {
                text += try pointTuple(labelled("from")!, into: &lines)
                guard let steps = labelled("steps") else { throw Untranslatable("a sweep without steps:") }
                let list: String
                if case .vector(let items) = steps.kind {
                    list = "[" + (try items.map { (s) throws(Untranslatable) in try expression(s, into: &lines) }).joined(separator: ", ") + "]"
                } else {
                    list = "list(" + (try expression(steps, into: &lines)) + ")"
                }
                text += ", steps=" + list
            }
            return text + options.map { ", " + $0 }.joined() + ")"
        case .basins:
            let (f, name) = try function(positional[0])
            guard case .basins(let basins) = value else { throw Untranslatable("basins that gave no map") }
            var options = try descentOptions(arguments, f, into: &lines)
            sections.formUnion(["basins", "plot_basins"])
            figures = true
            let grad = gradient(of: f, into: &lines)
            let ranges = try positional.dropFirst().map { (r) throws(Untranslatable) in try expression(r, into: &lines) }
            let counts = f.parameters.count == 1 ? [basins.map.columns] : [basins.map.columns, basins.map.rows]
            let newton = labelled("method")?.nameValue == "newton"
            let step = try expression(labelled("step"), or: PythonPrinter.number(newton ? 1 : Interpreter.basinStep), into: &lines)
            options.insert("step=" + step, at: 0)
            let call = "basins(\(name), \(grad), [" + ranges.joined(separator: ", ") + "], \(counts)" + options.map { ", " + $0 }.joined() + ")"
            let variable = cellName != nil ? define(cellName!) : fresh("b")
            return [
                "\(variable) = \(call)",
                "show(\(PythonTranslator.string(cellName ?? "[\(cellID)]")), \(variable))",
                "finish(plot_basins(\(variable)\(f.parameters.count == 1 ? ", f=\(name)" : "")), \(PythonTranslator.string(figureName)))",
            ].joined(separator: "\n")
        case .advise:
            let (f, _) = try function(positional[0])
            sections.insert("advise")
            let hess = hessian(of: f, into: &lines)
            guard let from = labelled("from") else { throw Untranslatable("advise without from:") }
            return "advise(\(hess), \(try pointTuple(from, into: &lines)))"
        case .norm, .sum, .mean, .count:
            return try expression(span, into: &lines)
        case .table:
            if positional.isEmpty {
                sections.insert("data")
                let columns = try arguments.map { (argument) throws(Untranslatable) -> String in
                    "\(argument.label ?? "x")=" + (try expression(argument.value, into: &lines))
                }
                return "table(" + columns.joined(separator: ", ") + ")"
            }
            guard let run = positional[0].nameValue, case .run? = values[run] else { throw Untranslatable("a table of something not a run") }
            sections.insert("path_table")
            return "print_table(\(python(run)))"
        case .csv:
            sections.insert("data")
            guard case .text(let path) = positional[0].kind else { throw Untranslatable("csv of a path not in quotes") }
            return "csv(" + PythonTranslator.string(relativePath(path)) + ")"
        case .plot:
            figures = true
            return try plot(arguments, value: value, into: &lines)
        }
    }

    /// The cell being translated, and the name its figure is saved under.
    private var cellID = 0
    private var figureName: String { "\(cellID)" }

    /// The options a descent shares with a sweep and basins, as Python keywords.
    private mutating func descentOptions(_ arguments: [Syntax.Argument], _ function: FunctionValue,
                                         into lines: inout [String]) throws(Untranslatable) -> [String] {
        var options: [String] = []
        var method = "gd"
        for argument in arguments {
            guard let label = argument.label else { continue }
            switch label {
            case "method":
                guard let name = argument.value.nameValue else { throw Untranslatable("a method not named") }
                method = name
                options.append("method=" + PythonTranslator.string(name))
                sections.insert(name)
            case "beta", "beta1", "beta2", "eps", "tol":
                options.append(label + "=" + (try expression(argument.value, into: &lines)))
            case "max":
                options.append("max_steps=" + (try expression(argument.value, into: &lines)))
            default:
                continue
            }
        }
        if method == "gd" { sections.insert("gd") }
        // Newton's step is the gradient over the curvature: it needs the Hessian.
        if method == "newton" { options.append("hess=" + hessian(of: function, into: &lines)) }
        return options
    }

    /// An option's Python, or `fallback` when it is not given.
    private mutating func expression(_ syntax: Syntax?, or fallback: String, into lines: inout [String]) throws(Untranslatable) -> String {
        guard let syntax else { return fallback }
        return try expression(syntax, into: &lines)
    }

    /// `(0, 0)` or `x0`: a point as a tuple (a number stays a number).
    private mutating func pointTuple(_ syntax: Syntax, into lines: inout [String]) throws(Untranslatable) -> String {
        if case .vector(let items) = syntax.kind {
            return "(" + (try items.map { (item) throws(Untranslatable) in try expression(item, into: &lines) }).joined(separator: ", ") + ")"
        }
        return try expression(syntax, into: &lines)
    }

    /// A data file's path as the script should name it: relative to the
    /// exported file's folder when the data are at or under it, else in full.
    private func relativePath(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : PythonTranslator.normalized(currentFolder + "/" + path)
        guard let folder else { return path }
        let base = PythonTranslator.normalized(folder)
        if absolute.hasPrefix(base + "/") { return String(absolute.dropFirst(base.count + 1)) }
        return absolute
    }

    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == "..", !parts.isEmpty { parts.removeLast(); continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// A Python string literal, whatever the text holds: quotes, backslashes,
    /// line breaks and every other control character are escaped, so the
    /// literal ends where it should and the line with it.
    static func string(_ text: String) -> String {
        PrintableText.quoted(text) { scalar in
            guard PrintableText.isControl(scalar) else { return nil }
            let hex = String(scalar.value, radix: 16)
            return scalar.value <= 0xFF ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
    }

    /// Text as Python comment lines, `# ` before each: a line break Python
    /// knows (`\n`, `\r`) starts a new comment line, and any other control
    /// character is shown escaped, so nothing in the text becomes code.
    package static func comment(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" }
            .map { "# " + PrintableText.escaped(String($0)) }.joined(separator: "\n")
    }
}

extension Expr {
    /// The names of user functions called anywhere in the expression.
    var calledNames: Set<String> {
        switch self {
        case .number, .constant, .symbol, .variable, .column: return []
        case .call(let name, let items): return items.reduce([name]) { $0.union($1.calledNames) }
        case .reduce(_, let inner): return inner.calledNames
        case .sum(let items), .product(let items), .apply(_, let items): return items.reduce([]) { $0.union($1.calledNames) }
        case .power(let base, let exponent): return base.calledNames.union(exponent.calledNames)
        }
    }
}

// MARK: - Plots

extension PythonTranslator {
    /// `plot(…)` as one of the figure helpers, then `finish` (saved beside a
    /// script, shown in a notebook). The same cases as `Interpreter.plot`.
    fileprivate mutating func plot(_ arguments: [Syntax.Argument], value: Value, into lines: inout [String]) throws(Untranslatable) -> String {
        let positional = arguments.filter { $0.label == nil }.map(\.value)
        var functions: [(FunctionValue, String)] = []
        var ranges: [String] = []
        var runs: [(String, RunValue)] = []
        var sweeps: [(String, SweepValue)] = []
        var tables: [String] = []
        for syntax in positional {
            if case .range = syntax.kind {
                ranges.append(try expression(syntax, into: &lines))
                continue
            }
            // f', f'': the derivative's own function, written once.
            if case .derivative(let inner, let order) = syntax.kind, let base = inner.nameValue,
               case .function(let function)? = values[base], function.parameters.count == 1 {
                let derived: FunctionValue
                do { derived = try function.derivative(order: order, baseName: base) } catch { throw Untranslatable(error.message) }
                functions.append((derived, try derivativeName(of: function, order: order, base: python(base), into: &lines)))
                continue
            }
            // sin, cos, exp: numpy's own, labelled as descent labels them.
            if let name = syntax.nameValue, values[name] == nil, let elementary = ElementaryFunction(named: name) {
                let x = Expr.variable("x"), body = Expr.apply(elementary, [x])
                functions.append((FunctionValue(name: elementary.rawValue, parameters: ["x"], shown: body, expanded: body, values: [:]),
                                  PythonPrinter.numpyName(elementary)))
                continue
            }
            guard let name = syntax.nameValue, let held = values[name] else {
                throw Untranslatable("a plot of something the script does not name")
            }
            switch held {
            case .function(let function):
                // A function over data averages over its rows, so it takes one point at a time.
                let averages = !PythonTranslator.tables(in: function.expanded).isEmpty
                functions.append((function, averages ? "np.vectorize(\(python(name)))" : python(name)))
            case .run(let run): runs.append((python(name), run))
            case .sweep(let sweep): sweeps.append((python(name), sweep))
            case .table(let table):
                tables.append(python(name) + (table.names.count >= 2 && table.names.prefix(2) != ["x", "y"]
                    ? ", columns=(" + table.names.prefix(2).map(PythonTranslator.string).joined(separator: ", ") + ")" : ""))
            case .range: ranges.append(python(name))
            default: throw Untranslatable("a plot of \(held.kindDescription)")
            }
        }
        // path: r, path: s (a sweep) or path: (r1, r2)
        var path: String?
        var paths: [String] = []
        var pathRuns: [RunValue] = []
        if let pathSyntax = arguments.first(where: { $0.label == "path" })?.value {
            let items: [Syntax]
            if case .vector(let parts) = pathSyntax.kind { items = parts } else { items = [pathSyntax] }
            for item in items {
                guard let name = item.nameValue, let held = values[name] else { throw Untranslatable("a path the script does not name") }
                switch held {
                case .run(let run):
                    paths.append(python(name))
                    pathRuns.append(run)
                case .sweep(let sweep):
                    paths.append(python(name) + ".runs")
                    pathRuns += sweep.runs.map { RunValue(function: sweep.function, run: $0) }
                default: throw Untranslatable("a path that is not a run")
                }
            }
            if items.count == 1, case .run = values[items[0].nameValue ?? ""] { path = paths[0] }
        }
        func label(_ function: FunctionValue) -> String { PythonTranslator.string(function.label) }
        let call: String
        if let table = tables.first {
            sections.insert("plot_data")
            let curves = functions.map { "(\($1), \(label($0)))" }
            call = "plot_data(\(table)" + (curves.isEmpty ? "" : ", functions=[" + curves.joined(separator: ", ") + "]") + ")"
        } else if functions.isEmpty {
            sections.insert("plot_convergence")
            var all = runs.map { ($0.0, PythonTranslator.string($0.0)) }
            for (name, sweep) in sweeps {
                all += sweep.runs.indices.map { ("\(name).runs[\($0)]", "None") }
            }
            let title = plotTitle(value) ?? "f against the step number"
            call = "plot_convergence([" + all.map(\.0).joined(separator: ", ") + "], [" + all.map(\.1).joined(separator: ", ")
                + "], " + PythonTranslator.string(title) + ")"
        } else if functions[0].0.parameters.count == 2 {
            sections.insert("plot_map")
            let (function, name) = functions[0]
            var box = ranges
            if box.count == 1 { box.append(box[0]) }
            if box.isEmpty { box = PythonTranslator.box(around: pathRuns, axes: 2, default: (-5, 5), pad: 1) }
            var text = "plot_map(\(name), \(box[0]), \(box[1]), names=(" + function.parameters.map(PythonTranslator.string).joined(separator: ", ")
                + ",), title=\(label(function))"
            if let path { text += ", path=\(path)" } else if !paths.isEmpty { text += ", paths=" + pathList(paths) }
            call = text + ")"
        } else {
            sections.insert("plot_curves")
            let range = ranges.first ?? PythonTranslator.box(around: pathRuns, axes: 1, default: (-10, 10), pad: 1)[0]
            var text = "plot_curves([" + functions.map { "(\($1), \(label($0)))" }.joined(separator: ", ") + "], \(range)"
            if functions.count == 1 { text += ", title=\(label(functions[0].0))" }
            if let path { text += ", path=\(path)" } else if !paths.isEmpty { text += ", paths=" + pathList(paths) }
            call = text + ")"
        }
        return "fig = \(call)\nfinish(fig, \(PythonTranslator.string(figureName)))"
    }

    /// Several paths as one list: `[r1, r2]`, or a sweep's runs.
    private func pathList(_ paths: [String]) -> String {
        paths.count == 1 ? paths[0] : "[" + paths.joined(separator: ", ") + "]"
    }

    /// The figure's title as the notebook drew it: its first line.
    private func plotTitle(_ value: Value) -> String? {
        guard case .figure(let figure) = value, let first = figure.plain.split(separator: "\n").first else { return nil }
        return first.contains("│") || first.contains("|") ? nil : String(first)
    }

    /// The ranges a plot without ranges takes from its paths, as `Interpreter.plot` does.
    static func box(around runs: [RunValue], axes: Int, default whole: (Double, Double), pad minimum: Double) -> [String] {
        (0..<axes).map { axis in
            let values = runs.flatMap { $0.run.path.rows.map { $0.x[axis] } }.filter(\.isFinite)
            guard let low = values.min(), let high = values.max() else {
                return "(\(PythonPrinter.number(whole.0)), \(PythonPrinter.number(whole.1)))"
            }
            let pad = Swift.max((high - low) * 0.25, minimum)
            return "(\(PythonPrinter.number(low - pad)), \(PythonPrinter.number(high + pad)))"
        }
    }
}
