import FlowKit
import Foundation
import TerminalUI

/// One row of the flow list: the flow, its last edit, and its draft's findings (nil
/// without a draft).
struct FlowListRow: Equatable {
    var entry: FlowListEntry
    var errors: Int?
    var warnings: Int?
    var summary: FlowSummary { entry.summary }
}

/// The flow list's columns. Narrow terminals drop the least needed first (who, then when,
/// then the findings …); the name takes what is left.
enum FlowListColumn: CaseIterable {
    case name, status, state, live, draft, findings, edited, by

    var title: String {
        switch self {
        case .name: return "NAME"
        case .status: return "STATUS"
        case .state: return "STATE"
        case .live: return "LIVE"
        case .draft: return "DRAFT"
        case .findings: return "FINDINGS"
        case .edited: return "EDITED"
        case .by: return "BY"
        }
    }

    /// Fixed width (the name's is its minimum).
    var width: Int {
        switch self {
        case .name: return 14
        case .status: return 6
        case .state: return 7
        case .live: return 4
        case .draft: return 5
        case .findings: return 8
        case .edited: return 8
        case .by: return 8
        }
    }

    /// The order columns go in when the width runs out.
    static let dropOrder: [FlowListColumn] = [.by, .edited, .findings, .draft, .live, .state]

    /// The columns that fit `width` (each after the name takes one more cell before it),
    /// with the name's width.
    static func layout(width: Int) -> (columns: [FlowListColumn], nameWidth: Int) {
        var columns = allCases
        func fixed() -> Int { columns.dropFirst().reduce(0) { $0 + $1.width + 1 } }
        var drop = dropOrder[...]
        while width - fixed() < FlowListColumn.name.width, let next = drop.popFirst() {
            columns.removeAll { $0 == next }
        }
        return (columns, max(FlowListColumn.name.width, width - fixed()))
    }

    func cell(_ row: FlowListRow, now: Date, glyphs: GlyphSet) -> String {
        let f = row.summary
        switch self {
        case .name: return f.name
        case .status: return f.status == .live ? "Live" : "Draft"
        case .state: return f.state?.rawValue ?? "-"
        case .live: return f.liveVersion.map { "v\($0)" } ?? "-"
        case .draft: return f.draftRevision.map { "r\($0)" } ?? "-"
        case .findings:
            guard let errors = row.errors, let warnings = row.warnings else { return "" }
            if errors == 0 && warnings == 0 { return "ok" }
            return [errors > 0 ? "\(glyphs.errorMark)\(errors)" : nil, warnings > 0 ? "\(glyphs.warningMark)\(warnings)" : nil]
                .compactMap { $0 }.joined(separator: " ")
        case .edited: return RelativeTime.ago(row.entry.lastEditedAt, now: now)
        case .by: return row.entry.lastEditedBy
        }
    }

    /// The header and the rows, each cut and padded to its column.
    static func lines(_ rows: [FlowListRow], width: Int, now: Date, glyphs: GlyphSet) -> (header: String, rows: [String]) {
        let (columns, nameWidth) = layout(width: width)
        func line(_ cells: [String]) -> String {
            zip(columns, cells).map { column, text in
                let w = column == .name ? nameWidth : column.width
                return TextLayout.pad(TextLayout.truncate(text, to: w, ellipsis: glyphs.ellipsis), to: w)
            }.joined(separator: " ")
        }
        return (line(columns.map(\.title)), rows.map { r in line(columns.map { $0.cell(r, now: now, glyphs: glyphs) }) })
    }
}

/// "just now", "5m ago", "3h ago", "2d ago", "4mo ago", "1y ago".
enum RelativeTime {
    static func ago(_ date: Date, now: Date) -> String {
        let s = max(0, Int(now.timeIntervalSince(date)))
        if s < 60 { return "just now" }
        if s < 3600 { return "\(s / 60)m ago" }
        if s < 86_400 { return "\(s / 3600)h ago" }
        if s < 30 * 86_400 { return "\(s / 86_400)d ago" }
        if s < 365 * 86_400 { return "\(s / (30 * 86_400))mo ago" }
        return "\(s / (365 * 86_400))y ago"
    }
}
