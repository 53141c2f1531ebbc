import Testing
@testable import Calculus

/// "Did you mean …?": the closest known name to a mistyped one.
@Suite struct NameSuggestionTests {
    @Test func twoNeighbouringLettersSwappedAreOneEdit() {
        #expect(NameSuggestion.editDistance(Array("sni"), Array("sin")) == 1)
        #expect(NameSuggestion.editDistance(Array("rtae"), Array("rate")) == 1)
        // Two changes that are not a swap stay two.
        #expect(NameSuggestion.editDistance(Array("sxy"), Array("sin")) == 2)
    }

    @Test func aSwapOfNeighboursIsSuggested() {
        // Three letters allow one edit: sni is sin with two letters swapped.
        #expect(NameSuggestion.closest(to: "sni", in: ["sin", "ln", "f"]) == "sin")
    }
}
