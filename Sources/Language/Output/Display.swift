import Foundation
import Calculus
import Descent

/// How values are shown to people.
///
///     rate = 0.1        text "rate = 0.1"          json 0.1
///     f(x) = x^2 + 2    text "f(x) = x^2 + 2"      json "x^2 + 2"
///     f'                text "f'(x) = 2x"          json "2x"
package enum Display {
    /// The value as plain text: `rate = 0.1`.
    package static func text(_ value: Value, name: String?, settings: Settings) -> String {
        shown(value, name: name, settings: settings).plain
    }

    /// The value in parts: the name it defines (when `name` is given) and the rest.
    package static func shown(_ value: Value, name: String?, settings: Settings) -> Shown {
        var shown = parts(value, name: name, settings: settings)
        if shown.plain.contains("\n") { shown.summary = summary(value, name: name, shown: shown, settings: settings) }
        return shown
    }

    /// The value in one line, from the value's own parts: its title, and for a run how it ended.
    private static func summary(_ value: Value, name: String?, shown: Shown, settings: Settings) -> Shown.Summary? {
        let named = { (text: String) in (name.map { $0 + ": " } ?? "") + text }
        switch value {
        case .run(let run):
            return .whole(named(PathTable.title(run, settings: settings) + " … " + run.run.summary))
        case .figure(let figure):
            return .picture(named(figure.title ?? "a plot"))
        case .basins(let basins):
            return .picture(named(basins.figure.title ?? "a map of basins"))
        case .sweep(let sweep):
            return .opening(named(SweepTable.title(sweep, settings: settings)))
        case .advice(let advice):
            return .opening(named(AdviceText.title(advice, settings: settings)))
        case .table(let table):
            return .opening(named(DataTable.title(table)))
        case .text(let text, _):
            return .opening(named(text.prefix { $0 != "\n" }.description))
        case .number, .vector, .points, .function, .gradient, .range:
            // One line, but for a note under a number that is not finite: the number is the line.
            return .opening(shown.plain.prefix { $0 != "\n" }.description)
        }
    }

    private static func parts(_ value: Value, name: String?, settings: Settings) -> Shown {
        let format = { (x: Double) in NumberFormat.significant(x, settings.precision) }
        // A definition shows its name first: `rate = 0.1`, or `r: ` before a table.
        func named(_ body: String, _ separator: String = " = ", colored: String? = nil) -> Shown {
            guard let name else { return Shown(head: nil, rest: body, coloredRest: colored) }
            return Shown(head: name, rest: separator + body, coloredRest: colored.map { separator + $0 })
        }
        switch value {
        case .number(let x):
            return named(format(x) + note(for: [x]))
        case .vector(let parts):
            // A long vector (a run's path) shows its ends; --json has every part.
            let shown = parts.count <= 12 ? parts.map(format)
                : parts.prefix(5).map(format) + ["…"] + parts.suffix(5).map(format)
            let count = parts.count > 12 ? "  (\(parts.count) values)" : ""
            return named("(" + shown.joined(separator: ", ") + ")" + count + note(for: parts))
        case .function(let function):
            // `f(x) = x^2 + 2` names itself; its head is the signature.
            guard name != nil else { return Shown(head: nil, rest: function.description) }
            return Shown(head: function.signature, rest: " = " + ExpressionPrinter.print(function.shown))
        case .gradient(let gradient):
            return named(gradient.description, ": ")
        case .range(let a, let b):
            return named(format(a) + ".." + format(b))
        case .points(let points):
            let shown = points.count <= 12 ? points.map(Optional.some) : points.prefix(5).map(Optional.some) + [nil] + points.suffix(5).map(Optional.some)
            let text = shown.map { point in
                point.map { "(" + $0.map(format).joined(separator: ", ") + ")" } ?? "…"
            }.joined(separator: ", ")
            return named(text + (points.count > 12 ? "  (\(points.count) points)" : ""))
        case .run(let run):
            return named(PathTable.render(run, settings: settings), ": ")
        case .sweep(let sweep):
            return named(SweepTable.render(sweep, settings: settings), ": ")
        case .text(let text, _):
            return named(text, ": ")
        case .figure(let figure):
            return named(figure.plain, ":\n", colored: figure.colored)
        case .basins(let basins):
            return named(basins.figure.plain, ":\n", colored: basins.figure.colored)
        case .advice(let advice):
            return named(AdviceText.render(advice, settings: settings), ": ")
        case .table(let table):
            return named(DataTable.render(table, settings: settings), ": ")
        }
    }

    /// Why a result is not a finite number, in a line a learner can act on.
    private static func note(for numbers: [Double]) -> String {
        if numbers.contains(where: \.isNaN) {
            return "\nnote: nan means not a number: an argument is outside a function's domain (ln or sqrt of a negative number, 0/0, …)"
        }
        if numbers.contains(where: \.isInfinite) {
            return "\nnote: inf is infinite: a division by zero, ln(0), or a number too large for a double"
        }
        return ""
    }
}
