/// Whether the person has asked to stop (Ctrl-C), for the symbolic work
/// that can take long on a large expression: finishing a derivative tries
/// several forms of every part of it, and each try simplifies.
///
/// The forms are all equal, so an interrupted finish keeps the form it has
/// reached, which is right, only longer; the cell then says it was
/// interrupted. The check is one call of a closure that reads an atomic
/// flag, made at each part, so a stop is seen within milliseconds.
package enum Interruption {
    /// Set once, before any work, by the front end that hears Ctrl-C.
    nonisolated(unsafe) package static var isRequested: @Sendable () -> Bool = { false }
}
