import FlowKit
import FlowRuntime
import Foundation
import TerminalUI

/// How the test-run panel words a session: transcript lines and variables.
enum TestRunTranscript {
    struct Line: Equatable {
        var kind: TranscriptEntry.Kind
        /// "+0s → ask: sent: sms to +15550123 via outbox: Order number?"
        var text: String
        /// The node the entry is about, if any (a click on it shows the node).
        var node: String? = nil
    }

    /// A mark per kind of entry, so messages out (→) and in (←) stand out from steps.
    static func mark(_ kind: TranscriptEntry.Kind, glyphs: GlyphSet) -> String {
        let unicode = glyphs == .unicode
        switch kind {
        case .start: return unicode ? "▶" : ">"
        case .step, .info: return unicode ? "·" : "-"
        case .sent: return unicode ? "→" : ">"
        case .received: return unicode ? "←" : "<"
        case .waiting: return unicode ? "…" : "~"
        case .timer: return "~"
        case .end: return unicode ? "■" : "#"
        case .error: return glyphs.errorMark
        }
    }

    static func lines(_ entries: [TranscriptEntry], since start: Date, glyphs: GlyphSet) -> [Line] {
        entries.map { e in
            let seconds = Int(e.time.timeIntervalSince(start).rounded())
            let node = e.node.map { "\($0): " } ?? ""
            return Line(kind: e.kind, text: "+\(seconds)s \(mark(e.kind, glyphs: glyphs)) \(node)\(e.text)", node: e.node)
        }
    }

    /// Variables first (`name = value`), then node outputs (`node.field = value`), each sorted.
    static func variables(_ session: Session) -> [String] {
        var out = session.variables.keys.sorted().map { "\($0) = \(describe(session.variables[$0]!))" }
        for node in session.outputs.keys.sorted() {
            let fields = session.outputs[node]!
            out += fields.keys.sorted().map { "\(node).\($0) = \(describe(fields[$0]!))" }
        }
        return out
    }

    /// Text quoted, everything else as compact JSON.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return "'\(s)'"
        case .null: return "null"
        default: return value.displayText
        }
    }

    /// Wraps `text` to `width` with following lines indented by `indent` columns.
    static func wrap(_ text: String, width: Int, indent: Int = 2) -> [String] {
        guard width > indent + 4 else { return [TextLayout.prefix(text, width: max(1, width))] }
        let first = TextLayout.wrap(text, width: width)
        guard first.count > 1 else { return first }
        // Rewrap everything after the first line at the narrower width.
        let rest = first.dropFirst().joined(separator: " ")
        let pad = String(repeating: " ", count: indent)
        return [first[0]] + TextLayout.wrap(rest, width: width - indent).map { pad + $0 }
    }
}
