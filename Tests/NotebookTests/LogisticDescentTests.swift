import Foundation
import Testing
@testable import Notebook
@testable import Language

struct LogisticDescentTests {
    @Test func aDescentOfTheLogisticFarOutFindsItFlatNotBroken() {
        let notebook = Notebook()
        notebook.enter(lines: ["s(x) = 1/(1 + exp(-x))", "r = descend(s, from: -800, step: 0.1)"])
        let output = notebook.output(of: "r") ?? ""
        #expect(!output.contains("not finite") && !output.contains("diverged"), "\(output)")
        #expect(output.contains("the gradient is zero there"), "\(output)")
    }
}
