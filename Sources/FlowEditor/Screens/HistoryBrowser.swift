import FlowKit
import Foundation
import TerminalUI

/// The version history of a flow (H): the working draft and every version, newest first,
/// in a box over the canvas. Enter/o opens an entry on the canvas (versions read-only),
/// e edits it (branches a draft), d marks an entry for a diff and d on another shows the
/// diff of the two on the canvas, Esc closes.
public struct HistoryBrowser {
    public enum Outcome: Equatable {
        case pending, closed
        case open(DocumentRef)
        /// Branch a working draft from version N (the draft entry: just open it).
        case edit(Int)
        /// Show the diff from the older to the newer of two entries.
        case diff(from: DocumentRef, to: DocumentRef)
        /// Step through the history from this entry: its own change on the canvas.
        case step(DocumentRef)
        /// `?`: the help over the list, which comes back when it closes.
        case help
    }

    public let flowName: String
    public private(set) var entries: [HistoryEntry]
    public private(set) var selection = 0
    /// The entry `d` marked first, waiting for the second.
    public private(set) var diffMark: Int?
    public var message: String?
    public var theme: Theme
    /// Time zone the times are shown in (tests pin it).
    public var timeZone: TimeZone
    private var scroll = 0

    public init(flowName: String, entries: [HistoryEntry], theme: Theme = .standard, timeZone: TimeZone = .current) {
        self.flowName = flowName
        self.entries = entries
        self.theme = theme
        self.timeZone = timeZone
    }

    public var selectedEntry: HistoryEntry? { entries.indices.contains(selection) ? entries[selection] : nil }

    public mutating func select(_ i: Int) { selection = min(max(0, i), max(0, entries.count - 1)) }

    static func ref(_ e: HistoryEntry) -> DocumentRef { e.version.map { .version($0) } ?? .draft }

    static func label(_ ref: DocumentRef) -> String {
        switch ref {
        case .draft: return "draft"
        case .version(let n): return "v\(n)"
        }
    }

    // MARK: - Keys

    public mutating func handle(_ event: Event) -> Outcome {
        guard case .key(let key) = event, let entry = selectedEntry else {
            if case .key(let k) = event, k.key == .escape { return .closed }
            return .pending
        }
        message = nil
        switch EditorKeymaps.history.action(for: key) {
        case .list(let move)?:
            select(move.apply(to: selection, count: entries.count))
        case .back?:
            if diffMark != nil { diffMark = nil; message = "diff cancelled"; return .pending }
            return .closed
        case .close?:
            return .closed
        case .help?:
            return .help
        case .open?:
            return .open(Self.ref(entry))
        case .edit?:
            guard let n = entry.version else { return .open(.draft) }
            return .edit(n)
        case .diff?:
            guard let first = diffMark else {
                diffMark = selection
                message = "\(Self.label(Self.ref(entry))) marked: d on another entry shows the diff (Esc cancels)"
                return .pending
            }
            guard first != selection else {
                message = "pick a different entry to compare with"
                return .pending
            }
            diffMark = nil
            // Entries are newest first: the lower row is the older side.
            let older = max(first, selection), newer = min(first, selection)
            return .diff(from: Self.ref(entries[older]), to: Self.ref(entries[newer]))
        case .step?:
            return .step(Self.ref(entry))
        case nil:
            break
        }
        return .pending
    }

    // MARK: - Drawing

    /// One row's cells: version, status, based on, author, time, comment.
    func columns(_ e: HistoryEntry) -> [String] {
        let version = e.version.map { "v\($0)" } ?? "draft"
        let status: String
        switch e.status {
        case .draft: status = "working"
        case .live: status = "live"
        case .previous: status = "previous"
        }
        let basedOn = e.basedOn.map { "v\($0)" } ?? "-"
        var comment = e.comment
        if e.status == .draft { comment = "working draft" + (e.revision.map { ", revision \($0)" } ?? "") }
        return [version, status, basedOn, e.author, LocalTime.text(e.createdAt, timeZone: timeZone), comment]
    }

    static let headers = ["Version", "Status", "Based on", "Author", "Saved / made live", "Comment"]
    static let widths = [8, 9, 9, 12, 18]

    public mutating func render(into buffer: inout CellBuffer, in area: Rect) {
        let width = min(area.width - 2, 110)
        let height = min(area.height - 2, max(8, entries.count + 6))
        guard width >= 30, height >= 6 else { return }
        let box = area.centred(Size(width: width, height: height))
        let inner = box.inset(top: 1, left: 2, bottom: 2, right: 2)
        buffer.withClip(box) { b in
            let hint = diffMark == nil ? "Enter/o open · e edit · d diff · s step · Esc close" : "d on another entry: diff · Esc cancel"
            ModalBox("History · \(flowName)", look: .panel, footer: hint).draw(box, into: &b, theme: theme)
            drawRow(Self.headers, y: inner.y, x: inner.x, width: inner.width, style: theme.paneTitle, into: &b)
            let listTop = inner.y + 1
            let listHeight = max(0, inner.height - 1)
            if entries.isEmpty {
                b.put("(no draft and no version)", x: inner.x, y: listTop, maxWidth: inner.width, style: theme.dimText)
            }
            if selection < scroll { scroll = selection }
            if selection >= scroll + listHeight { scroll = selection - listHeight + 1 }
            scroll = max(0, min(scroll, max(0, entries.count - listHeight)))
            for r in 0..<listHeight where scroll + r < entries.count {
                let i = scroll + r, y = listTop + r
                let e = entries[i]
                let selected = i == selection
                var style = e.status == .live ? theme.added : theme.text
                if selected { style = theme.selected }
                if selected { b.fill(Rect(x: inner.x - 1, y: y, width: inner.width + 2, height: 1), style: style) }
                if i == diffMark { b.put(b.glyphs == .unicode ? "◆" : "*", x: inner.x - 1, y: y, style: selected ? style : theme.highlight) }
                drawRow(columns(e), y: y, x: inner.x, width: inner.width, style: style, into: &b)
            }
            if let message {
                b.put(message, x: inner.x, y: box.maxY - 2, maxWidth: inner.width, style: theme.highlight)
            }
        }
    }

    private func drawRow(_ cells: [String], y: Int, x: Int, width: Int, style: Style, into b: inout CellBuffer) {
        var cx = x
        for (k, text) in cells.enumerated() {
            let w = k < Self.widths.count ? Self.widths[k] : max(0, x + width - cx)
            guard w > 0, cx < x + width else { break }
            b.put(text, x: cx, y: y, maxWidth: min(w - (k < Self.widths.count ? 1 : 0), x + width - cx), style: style)
            cx += w
        }
    }
}
