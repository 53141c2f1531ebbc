import Calculus

/// The arguments of a built-in call, taken in order and by label, with
/// errors that point at the argument at fault.
///
///     descend(f, from: x0, step: 0.1)
///       positional: [f];  labelled: from, step
struct Arguments {
    let callSpan: SourceSpan
    let calleeSpan: SourceSpan
    private(set) var positional: [Syntax]
    private(set) var labelled: [(label: String, span: SourceSpan, value: Syntax)]

    init(_ arguments: [Syntax.Argument], callSpan: SourceSpan, calleeSpan: SourceSpan) {
        self.callSpan = callSpan
        self.calleeSpan = calleeSpan
        positional = arguments.filter { $0.label == nil }.map(\.value)
        labelled = arguments.compactMap { argument in
            argument.label.map { ($0, argument.labelSpan ?? argument.value.span, argument.value) }
        }
    }

    /// Refuses labels the built-in does not know and repeated labels.
    func check(_ name: String, allowed: [String], positionalCount: ClosedRange<Int>, usage: String) throws(Diagnostic) {
        var seen = Set<String>()
        for (label, span, value) in labelled {
            guard allowed.contains(label) else {
                var valueText = "0.9"
                if case .number(let x) = value.kind { valueText = NumberFormat.shortest(x) }
                let hint = Habits.option(for: label, valueText: valueText, allowed: allowed)
                    ?? closestName(label, in: allowed).map { "did you mean '\($0):'?" }
                    ?? (allowed.isEmpty ? "\(name) takes no named arguments" : "its options are " + allowed.map { $0 + ":" }.joined(separator: " "))
                throw Diagnostic("\(name) has no option '\(label):'", at: span, hint: hint)
            }
            guard seen.insert(label).inserted else {
                throw Diagnostic("option '\(label):' is given twice", at: span)
            }
        }
        guard positionalCount.contains(positional.count) else {
            throw .argumentCount(of: name, takes: Diagnostic.arguments(positionalCount, "unnamed"), given: positional.count,
                                 at: callSpan, hint: "use it as \(usage)")
        }
    }

    func value(_ label: String) -> Syntax? {
        labelled.first { $0.label == label }?.value
    }

    func labelSpan(_ label: String) -> SourceSpan? {
        labelled.first { $0.label == label }?.span
    }
}
