import Foundation

/// `draft` until a version was made live, then `live` (DESIGN §6).
public enum FlowStatus: String, Codable, Sendable {
    case draft, live
}

/// Whether a live flow starts new sessions.
public enum FlowState: String, Codable, Sendable {
    case running, paused
}

/// A flow as the flow list shows it.
public struct FlowSummary: Equatable, Sendable {
    public var id: String
    public var name: String
    public var kind: FlowKind
    public var createdAt: Date
    /// nil until the flow was made live.
    public var state: FlowState?
    public var liveVersion: Int?
    /// Number of the newest version (the live one: there is no rollback).
    public var latestVersion: Int?
    /// The working draft's revision, nil when there is no draft.
    public var draftRevision: Int?
    public var draftUpdatedAt: Date?

    public var status: FlowStatus { liveVersion == nil ? .draft : .live }
    public var hasDraft: Bool { draftRevision != nil }
}

/// Which document of a flow: its working draft or a numbered version.
public enum DocumentRef: Equatable, Hashable, Sendable, CustomStringConvertible {
    case draft
    case version(Int)

    /// `"draft"` or a version number, as the CLI takes them.
    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t == "draft" { self = .draft; return }
        guard let n = Int(t), n >= 1 else { return nil }
        self = .version(n)
    }

    public var description: String {
        switch self {
        case .draft: return "draft"
        case .version(let n): return "version \(n)"
        }
    }

    /// "v3" or "draft".
    public var shortName: String {
        switch self {
        case .draft: return "draft"
        case .version(let n): return "v\(n)"
        }
    }
}

/// A document as stored, with where it came from.
public struct StoredDocument: Equatable, Sendable {
    public var flowID: String
    public var ref: DocumentRef
    public var document: FlowDocument
    /// The working draft's revision, or 0 when the flow has no draft (for a version too:
    /// it is what `save --expect-revision` must name next).
    public var draftRevision: Int
    /// The version a draft was branched from, or the version a version was made from.
    public var basedOn: Int?
}

/// What Save returns: the new revision and what the validator found.
public struct SaveResult: Equatable, Sendable {
    public var revision: Int
    public var report: ValidationReport
}

/// One row of the history, newest first.
public struct HistoryEntry: Equatable, Sendable {
    public enum Status: String, Codable, Sendable {
        case draft, live, previous
    }
    /// nil for the working draft.
    public var version: Int?
    public var status: Status
    public var basedOn: Int?
    public var comment: String
    public var author: String
    /// For the draft, when it was last saved.
    public var createdAt: Date
    /// The draft's revision (nil for versions).
    public var revision: Int?

    public init(version: Int?, status: Status, basedOn: Int? = nil, comment: String = "", author: String = "",
                createdAt: Date, revision: Int? = nil) {
        self.version = version
        self.status = status
        self.basedOn = basedOn
        self.comment = comment
        self.author = author
        self.createdAt = createdAt
        self.revision = revision
    }
}

/// A numbered version with everything Make Live recorded.
public struct FlowVersion: Equatable, Sendable {
    public var flowID: String
    public var number: Int
    public var document: FlowDocument
    public var comment: String
    public var author: String
    public var createdAt: Date
    public var basedOn: Int?
    /// channel → app name.
    public var apps: [String: String]
    /// externalized variable → value.
    public var variables: [String: String]
}

/// A live flow as the runtime needs it: its live version and whether it runs.
public struct LiveVersion: Equatable, Sendable {
    public var id: String
    public var name: String
    public var state: FlowState
    public var version: FlowVersion
}

/// What Make Live takes besides the flow.
public struct MakeLiveRequest: Equatable, Sendable {
    public var comment: String
    /// channel → app; channels the flow uses and this leaves out get `outbox`.
    public var apps: [String: String]
    /// externalized variable → value; variables left out get their default.
    public var variables: [String: String]
    /// Apps to add in the same transaction (the wizard's "New app…"): stored only when
    /// Make Live succeeds.
    public var newApps: [WorkspaceApp]
    /// Refuse (`conflict`) unless the working draft is still at this revision: it was not
    /// changed by someone else since the caller looked at it.
    public var expectedRevision: Int?

    public init(comment: String = "", apps: [String: String] = [:], variables: [String: String] = [:],
                newApps: [WorkspaceApp] = [], expectedRevision: Int? = nil) {
        self.comment = comment
        self.apps = apps
        self.variables = variables
        self.newApps = newApps
        self.expectedRevision = expectedRevision
    }
}

/// A named sender for one channel (DESIGN §11). `outbox` is built in for every channel.
public struct WorkspaceApp: Equatable, Sendable {
    public static let outboxName = "outbox"

    public var name: String
    /// nil for the built-in outbox, which serves every channel.
    public var channel: String?
    public var webhookURL: String?
    /// The secret its posts are signed with (never printed; see `hasSigningSecret`).
    public var signingSecret: String?

    public var isBuiltIn: Bool { channel == nil }
    public var hasSigningSecret: Bool { !(signingSecret ?? "").isEmpty }

    public init(name: String, channel: String?, webhookURL: String?, signingSecret: String? = nil) {
        self.name = name
        self.channel = channel
        self.webhookURL = webhookURL
        self.signingSecret = signingSecret.flatMap { $0.isEmpty ? nil : $0 }
    }

    public static let outbox = WorkspaceApp(name: outboxName, channel: nil, webhookURL: nil)
}

public enum ExportFormat: String, CaseIterable, Sendable {
    case json, mermaid, dot
}
