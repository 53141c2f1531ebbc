import LineEditor
import Language
import Notebook

/// Connects the notebook's completion candidates to the line editor.
struct CompletionSource {
    let notebook: Notebook

    func candidates(_ line: String, cursor: Int) -> Completion.Candidates {
        let (word, matches) = notebook.completions(for: line, cursor: cursor)
        return Completion.Candidates(word: word, matches: matches)
    }
}
