import FlowKit

/// The results of the last `/` search after Enter: cycled with Ctrl-N / Ctrl-P, selected as
/// a whole, listed and marked by the screen (issue 11).
extension CanvasState {
    /// The ids marked as search matches on the canvas now: the live matches while finding,
    /// else the kept results.
    public var markedMatches: [String] {
        if case .finding(_, let matches, _) = mode { return matches }
        return searchResults
    }

    /// Ctrl-N / Ctrl-P: the next / previous result of the last search.
    public mutating func cycleResults(_ step: Int) {
        let live = searchResults.filter { id in document.node(withID: id) != nil || document.notes.contains { $0.id == id } }
        guard !live.isEmpty else { message = "no search results: / searches (Enter keeps the results)"; return }
        searchResults = live
        searchIndex = ((searchIndex + step) % live.count + live.count) % live.count
        let id = live[searchIndex]
        recordJump()
        highlighted = id
        if document.node(withID: id) != nil {
            focus(node: id)
        } else if let note = document.notes.first(where: { $0.id == id }) {
            cursor = GridPoint(note.x + 1, note.y + 1)
            scrollToCursor()
        }
        message = "result \(searchIndex + 1)/\(live.count): \(document.node(withID: id)?.label ?? "note \(id)")"
    }

    /// Selects every match of the find in progress (or of the last one), ending the find.
    public mutating func selectMatches() {
        let ids = markedMatches
        if case .finding = mode { handle(.confirm) }
        guard !ids.isEmpty else { message = "no matches to select"; return }
        select(ids)
        message = selectionMessage(ids.count == 1 ? "selected the match" : "selected all \(ids.count) matches")
    }
}
