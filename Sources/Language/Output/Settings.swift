import Calculus
import Plot

/// How values are shown: saved with a session and changed with `:set`.
///
///     :set precision 4      numbers to 4 significant digits
///     :set charset ascii    plots in plain characters
package struct Settings: Hashable, Sendable {
    /// Significant digits of numbers shown.
    package var precision: Int = 6
    /// How plots are drawn: braille (unicode), blocks or plain ASCII.
    package var charset: Charset = .unicode
    /// Rows of a descent table shown at each end before eliding the middle.
    package var rows: Int = 5
    /// Columns available for plots: the terminal's width (not saved).
    package var width: Int = 80
    /// How cells re-run by an edit are shown: `compact`, a line each (plots and
    /// tables drawn again only for the last), or `full` (not saved).
    package var rerun: RerunStyle = .compact

    package enum RerunStyle: String, Sendable, Hashable, CaseIterable {
        case compact, full
    }

    package init() {}

    /// The settings `:set` knows, in the order it lists them.
    package static let names = ["precision", "charset", "rows", "rerun"]

    /// The values a setting takes, where they are a fixed few (for completion and help).
    package static func choices(of name: String) -> [String]? {
        switch name {
        case "charset": return Charset.allCases.map(\.rawValue)
        case "rerun": return RerunStyle.allCases.map(\.rawValue)
        default: return nil
        }
    }

    /// Sets one setting from text, or says why not.
    package mutating func set(_ name: String, to text: String) throws(Diagnostic) {
        switch name {
        case "precision":
            guard let digits = Int(text), (1...17).contains(digits) else {
                throw Diagnostic("precision must be a whole number from 1 to 17")
            }
            precision = digits
        case "charset":
            // braille is what the unicode plots are drawn in, so it names them too.
            guard let chosen = Charset(rawValue: text == "braille" ? "unicode" : text) else {
                throw Diagnostic("charset must be unicode (braille), block or ascii")
            }
            charset = chosen
        case "rows":
            guard let count = Int(text), count >= 1, count <= 100_000 else {
                throw Diagnostic("rows must be a whole number from 1 to 100000")
            }
            rows = count
        case "rerun":
            guard let style = RerunStyle(rawValue: text) else {
                throw Diagnostic("rerun must be compact (a line for each cell an edit re-runs) or full (everything drawn again)")
            }
            rerun = style
        default:
            let hint = closestName(name, in: Settings.names).map { " (did you mean '\($0)'?)" } ?? ""
            throw Diagnostic("unknown setting '\(name)'\(hint); the settings are " + Settings.names.joined(separator: ", "))
        }
    }

    package func value(of name: String) -> String? {
        switch name {
        case "precision": return String(precision)
        case "charset": return charset.rawValue
        case "rows": return String(rows)
        case "rerun": return rerun.rawValue
        default: return nil
        }
    }
}

/// How a long computation talks to whoever started it: it asks whether to
/// stop (Ctrl-C) between steps, and tells how far it got.
package struct RunControl: Sendable {
    package var shouldStop: @Sendable () -> Bool
    package var progress: (@Sendable (_ steps: Int, _ f: Double) -> Void)?
    /// For work counted in runs (`basins`): how many of how many are done, and of what.
    package var counting: (@Sendable (_ done: Int, _ total: Int, _ what: String) -> Void)?

    package init(shouldStop: @escaping @Sendable () -> Bool = { false },
                progress: (@Sendable (_ steps: Int, _ f: Double) -> Void)? = nil,
                counting: (@Sendable (_ done: Int, _ total: Int, _ what: String) -> Void)? = nil) {
        self.shouldStop = shouldStop
        self.progress = progress
        self.counting = counting
    }
}

func closestName(_ name: String, in candidates: some Sequence<String>) -> String? {
    NameSuggestion.closest(to: name, in: candidates)
}
