/// A problem with a notebook command or a session file, as opposed to a
/// cell's source (those are `Diagnostic`s, with a column).
public struct NotebookError: Error, Hashable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
