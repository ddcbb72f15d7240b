import Foundation

/// One thing the validator has to say about a flow: stable code, severity, where, and
/// a sentence a person understands.
public struct Finding: Codable, Equatable, Hashable, Sendable {
    public var code: FindingCode
    public var severity: Severity
    /// The node it concerns; nil for flow-level findings.
    public var node: String?
    /// The config field (or settings field) it concerns.
    public var field: String?
    public var message: String

    public init(code: FindingCode, severity: Severity? = nil, node: String? = nil, field: String? = nil, message: String) {
        self.code = code
        self.severity = severity ?? code.defaultSeverity
        self.node = node
        self.field = field
        self.message = message
    }
}

public enum Severity: String, Codable, Sendable, Comparable {
    case error, warning

    public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
}

/// DESIGN.md §5. The raw values are part of the CLI's JSON contract.
public enum FindingCode: String, Codable, Sendable, CaseIterable {
    case noStart = "no-start"
    case multipleStarts = "multiple-starts"
    case missingParameter = "missing-parameter"
    case invalidParameter = "invalid-parameter"
    case noOutcomeConnected = "no-outcome-connected"
    case unassignedOutcome = "unassigned-outcome"
    case incompleteConnector = "incomplete-connector"
    case duplicateConnector = "duplicate-connector"
    case unreachableNode = "unreachable-node"
    case endWithoutOutcome = "end-without-outcome"
    case unknownFlowOutcome = "unknown-flow-outcome"
    case unknownVariable = "unknown-variable"
    case missingUniqueIdentifier = "missing-unique-identifier"
    case voiceMissingDisconnect = "voice-missing-disconnect"
    case missingPrompt = "missing-prompt"
    case unreadablePrompt = "unreadable-prompt"

    public var defaultSeverity: Severity {
        switch self {
        case .unassignedOutcome, .unreachableNode, .endWithoutOutcome, .unknownVariable: return .warning
        default: return .error
        }
    }
}

public struct ValidationReport: Equatable, Sendable {
    public var findings: [Finding]

    public init(findings: [Finding]) { self.findings = findings }

    public var errors: [Finding] { findings.filter { $0.severity == .error } }
    public var warnings: [Finding] { findings.filter { $0.severity == .warning } }
    /// Valid means no errors; warnings never block Make Live.
    public var isValid: Bool { !findings.contains { $0.severity == .error } }

    public func findings(forNode id: String) -> [Finding] { findings.filter { $0.node == id } }
}
