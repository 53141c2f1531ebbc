import Foundation
import Calculus
import Descent

/// A value as shown to a person, in parts, so that nothing is parsed back
/// out of the text: the name a definition gives (coloured on a terminal)
/// and the rest, plain and, where it has colour of its own (a plot), coloured.
///
///     rate = 0.1          head "rate",  rest " = 0.1"
///     f(x) = x^2 + 2      head "f(x)",  rest " = x^2 + 2"
///     _3 = 18             head nil,     rest "18"
package struct Shown: Sendable, Hashable {
    package var head: String?
    package var rest: String
    package var coloredRest: String?
    /// A value of several lines in one, for a cell that an edit re-ran; nil
    /// when the value shows in one line anyway.
    package var summary: Summary?

    /// A long value in one line, made from the value (never cut from its text).
    package enum Summary: Sendable, Hashable {
        /// The whole story: a run's title and how it ended.
        ///     `r: gd on f from -4, step 0.9 … converged after 12 steps (…)`
        case whole(String)
        /// A picture's title; the picture itself is drawn again on request.
        case picture(String)
        /// The first line of a table or text; the rest is shown on request.
        case opening(String)
    }

    package init(head: String?, rest: String, coloredRest: String? = nil, summary: Summary? = nil) {
        self.head = head
        self.rest = rest
        self.coloredRest = coloredRest
        self.summary = summary
    }

    package var plain: String { (head ?? "") + rest }
    /// The whole with colour, where the rest has any.
    package var colored: String? { coloredRest.map { (head ?? "") + $0 } }
}
