import Foundation
import FlowKit

/// Blame as the canvas draws it: a short tag per node, `v3 · alice · 2d` (the version
/// that last added or changed the node, its author and how long ago), on the box's bottom
/// border at full zoom and under the node's line at compact zoom where it fits.
public struct BlameMarks: Sendable, Equatable {
    /// Node id → its tag.
    public let tags: [String: String]
    /// Node id → a tighter tag for the compact zoom ("v3 2d alice").
    public let compactTags: [String: String]

    public init(_ blame: FlowBlame, now: Date) {
        var tags: [String: String] = [:], compact: [String: String] = [:]
        tags.reserveCapacity(blame.nodes.count)
        for line in blame.nodes {
            let version = line.origin.version.map { "v\($0)" } ?? "draft"
            let age = Self.age(from: line.origin.createdAt, to: now)
            let author = line.origin.author.isEmpty ? "?" : line.origin.author
            tags[line.id] = "\(version) · \(author) · \(age)"
            compact[line.id] = "\(version) \(age) \(author)"  // cut from the end: the author goes first
        }
        self.tags = tags
        compactTags = compact
    }

    /// "now", "5m", "3h", "2d", "6w", "2y": how long ago, in the largest whole unit.
    public static func age(from date: Date, to now: Date) -> String {
        let s = max(0, Int(now.timeIntervalSince(date)))
        switch s {
        case ..<60: return "now"
        case ..<3_600: return "\(s / 60)m"
        case ..<86_400: return "\(s / 3_600)h"
        case ..<(86_400 * 14): return "\(s / 86_400)d"
        case ..<(86_400 * 365): return "\(s / (86_400 * 7))w"
        default: return "\(s / (86_400 * 365))y"
        }
    }
}
