import Foundation
import Testing
@testable import Calculus
import TestSupport

/// Ctrl-C during the finishing of a derivative: the trying of forms stops,
/// and the form reached so far, equal to the finished one, is kept.
@Suite struct InterruptionTests {
    @Test func anInterruptedFinishStopsTryingFormsAndKeepsAnEqualOne() throws {
        let f = try expr("(x - 1)*(x - 2)*(x - 3)")
        let finished = Derivative.of(f, by: "x")
        #expect(ExpressionPrinter.print(finished) == "3x^2 - 12x + 11")
        // Only this test's thread hears the stop, so tests running beside it are untouched.
        let mine = pthread_self()
        let saved = Interruption.isRequested
        Interruption.isRequested = { pthread_equal(pthread_self(), mine) != 0 }
        let stopped = Derivative.of(f, by: "x")
        Interruption.isRequested = saved
        #expect(ExpressionPrinter.print(stopped) != "3x^2 - 12x + 11", "the forms were still tried")
        for x in [-2.5, 0.0, 1.5, 4.0] {
            #expect(close(stopped.evaluate(["x": x]), finished.evaluate(["x": x])), "at \(x)")
        }
    }
}
