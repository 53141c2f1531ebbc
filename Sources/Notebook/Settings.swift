import Calculus

/// The notebook's settings, saved with a session and changed with `:set`.
public struct Settings: Codable, Hashable, Sendable {
    /// Significant digits of numbers shown.
    public var precision: Int = 6
    /// How plots are drawn: "unicode" (braille) or "ascii".
    public var charset: String = "unicode"
    /// Rows of a descent table shown at each end before eliding the middle.
    public var rows: Int = 5
    /// Columns available for plots: the terminal's width (not saved).
    public var width: Int = 80

    public init() {}

    public static let names = ["precision", "charset", "rows"]

    /// Sets one setting from text, or says why not.
    public mutating func set(_ name: String, to text: String) throws(NotebookError) {
        switch name {
        case "precision":
            guard let digits = Int(text), (1...17).contains(digits) else {
                throw NotebookError("precision must be a whole number from 1 to 17")
            }
            precision = digits
        case "charset":
            guard ["unicode", "block", "ascii"].contains(text) else {
                throw NotebookError("charset must be unicode (braille), block or ascii")
            }
            charset = text
        case "rows":
            guard let count = Int(text), count >= 1, count <= 100_000 else {
                throw NotebookError("rows must be a whole number from 1 to 100000")
            }
            rows = count
        default:
            let hint = closestName(name, in: Settings.names).map { " (did you mean '\($0)'?)" } ?? ""
            throw NotebookError("unknown setting '\(name)'\(hint); the settings are " + Settings.names.joined(separator: ", "))
        }
    }

    public func value(of name: String) -> String? {
        switch name {
        case "precision": return String(precision)
        case "charset": return charset
        case "rows": return String(rows)
        default: return nil
        }
    }

    private enum CodingKeys: String, CodingKey { case precision, charset, rows }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        precision = try container.decodeIfPresent(Int.self, forKey: .precision) ?? 6
        charset = try container.decodeIfPresent(String.self, forKey: .charset) ?? "unicode"
        rows = try container.decodeIfPresent(Int.self, forKey: .rows) ?? 5
    }
}

/// How a long computation talks to whoever started it: it asks whether to
/// stop (Ctrl-C) between steps, and tells how far it got.
public struct RunControl: Sendable {
    public var shouldStop: @Sendable () -> Bool
    public var progress: (@Sendable (_ steps: Int, _ f: Double) -> Void)?

    public init(shouldStop: @escaping @Sendable () -> Bool = { false },
                progress: (@Sendable (_ steps: Int, _ f: Double) -> Void)? = nil) {
        self.shouldStop = shouldStop
        self.progress = progress
    }
}

/// A problem with a notebook command or a session file, as opposed to a
/// cell's source (those are `Diagnostic`s, with a column).
public struct NotebookError: Error, Hashable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}


func closestName(_ name: String, in candidates: some Sequence<String>) -> String? {
    NameSuggestion.closest(to: name, in: candidates)
}
