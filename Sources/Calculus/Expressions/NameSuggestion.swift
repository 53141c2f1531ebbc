/// Finds the known name closest to a mistyped one, for "did you mean …?".
///
///     NameSuggestion.closest(to: "rat", in: ["rate", "r", "f"])  →  "rate"
package enum NameSuggestion {
    package static func closest(to name: String, in candidates: some Sequence<String>) -> String? {
        let typed = Array(name.lowercased())
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != name {
            let distance = editDistance(typed, Array(candidate.lowercased()))
            // A one-letter name is too short for a typo to be guessed (x is not
            // a misspelt e); two letters allow one slip (ff for f, fo for foo).
            let allowed = typed.count == 1 ? 0 : typed.count == 2 ? 1 : Swift.max(1, Swift.min(typed.count, candidate.count) / 3)
            guard distance <= allowed else { continue }
            // Between equally close names, one that starts as typed: sn(1) meant sin, not ln.
            func rank(_ name: String) -> (Int, Int, String) {
                (editDistance(typed, Array(name.lowercased())), name.lowercased().first == typed.first ? 0 : 1, name)
            }
            if best == nil || rank(candidate) < rank(best!.name) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// Levenshtein distance, with a swap of two neighbours counted as one edit.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = Swift.min(current[j], previousPrevious[j - 2] + 1)
                }
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
