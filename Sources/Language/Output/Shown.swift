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

    package init(head: String?, rest: String, coloredRest: String? = nil) {
        self.head = head
        self.rest = rest
        self.coloredRest = coloredRest
    }

    package var plain: String { (head ?? "") + rest }
    /// The whole with colour, where the rest has any.
    package var colored: String? { coloredRest.map { (head ?? "") + $0 } }
}
