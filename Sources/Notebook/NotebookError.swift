/// A problem with a notebook command or a session file, as opposed to a
/// cell's source (those are `Diagnostic`s, with a column).
package struct NotebookError: Error, Hashable, Sendable {
    package var message: String
    package init(_ message: String) { self.message = message }
}
