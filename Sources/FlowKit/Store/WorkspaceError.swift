import Foundation
import TerminalText

/// Everything the workspace refuses, with the one-line message a user sees and the
/// process exit code the CLI uses (DESIGN §7): 1 refused, 2 usage or environment.
public enum WorkspaceError: Error, Equatable, Sendable, CustomStringConvertible {
    // Usage (exit 2)
    case noSuchFlow(String)
    case noSuchVersion(flow: String, version: Int)
    case noSuchTemplate(String)
    case invalidName(String)
    case invalidArgument(String)
    case unknownApp(String)
    case unknownChannel(String)
    case unknownVariable(flow: String, variable: String)
    case channelNotUsed(flow: String, channel: String)
    // Environment (exit 2)
    case unreadableFile(path: String, reason: String)
    case unwritableFile(path: String, reason: String)
    case databaseLocked(path: String)
    case readOnlyDatabase(path: String)
    case permissionDenied(path: String)
    case databaseFailure(path: String, reason: String)
    /// The database server cannot be reached now (refused, dropped, shutting down or
    /// starting up): a condition that passes, so `serve` answers 503 rather than 500.
    case databaseUnreachable(location: String, reason: String)
    /// A database whose schema is newer than this binary knows (`migration` is one it lacks).
    case newerSchema(location: String, migration: String)
    /// A part of FlowCanvas (the runtime, the editor) not yet available on this backend.
    case notYetOnBackend(what: String, location: String)
    // Refused (exit 1)
    case flowExists(String)
    case appExists(String)
    case builtInApp(String)
    case appInUse(app: String, flow: String)
    case appChannelMismatch(app: String, appChannel: String, channel: String)
    case noDraft(flow: String)
    case draftExists(flow: String, revision: Int)
    case conflict(flow: String, expected: Int, current: Int)
    case notLive(flow: String)
    case validationFailed(flow: String, report: ValidationReport)
    case importRefused(FlowImportError)
    case onlyDraft(flow: String)
    /// A name, label or id with a control character (`FlowDocument.controlCharacterProblem`).
    case invalidText(String)
    /// `workspace copy` fills only an empty database; `tables` hold rows.
    case targetNotEmpty(location: String, tables: [String])

    public var exitCode: Int32 {
        switch self {
        case .noSuchFlow, .noSuchVersion, .noSuchTemplate, .invalidName, .invalidArgument, .unknownApp,
             .unknownChannel, .unknownVariable, .channelNotUsed,
             .unreadableFile, .unwritableFile, .databaseLocked, .readOnlyDatabase, .permissionDenied,
             .databaseFailure, .databaseUnreachable, .newerSchema, .notYetOnBackend:
            return 2
        case .flowExists, .appExists, .builtInApp, .appInUse, .appChannelMismatch, .noDraft, .draftExists,
             .conflict, .notLive, .validationFailed, .importRefused, .onlyDraft, .invalidText, .targetNotEmpty:
            return 1
        }
    }

    /// One line, except an unsupported-node import refusal, which DESIGN §4 spells as a
    /// first line followed by one line per offending node.
    public var message: String {
        // User values are escaped and cut (TerminalText.value); paths only escaped.
        func q(_ text: String) -> String { TerminalText.value(text) }
        func p(_ path: String) -> String { TerminalText.escaped(path) }
        switch self {
        case .noSuchFlow(let name):
            return "no flow named '\(q(name))'"
        case .noSuchVersion(let flow, let version):
            return "flow '\(q(flow))' has no version \(version)"
        case .noSuchTemplate(let name):
            return "no template named '\(q(name))' (see 'flowcanvas templates')"
        case .invalidName(let why):
            return why
        case .invalidArgument(let why):
            return why
        case .unknownApp(let name):
            return "no app named '\(q(name))' (see 'flowcanvas apps list')"
        case .unknownChannel(let name):
            return "unknown channel '\(q(name))' (channels: \(NodeCatalog.standard.channels.joined(separator: ", ")))"
        case .unknownVariable(let flow, let variable):
            return "flow '\(q(flow))' has no externalized variable named '\(q(variable))'"
        case .channelNotUsed(let flow, let channel):
            return "flow '\(q(flow))' does not use the channel '\(q(channel))'"
        case .unreadableFile(let path, let reason):
            return "cannot read \(p(path)): \(TerminalText.escaped(reason))"
        case .unwritableFile(let path, let reason):
            return "cannot write \(p(path)): \(TerminalText.escaped(reason))"
        case .databaseLocked(let path):
            return "the workspace database \(p(path)) is locked by another process; try again"
        case .readOnlyDatabase(let path):
            return "the workspace database \(p(path)) is read-only"
        case .permissionDenied(let path):
            return "permission denied: \(p(path))"
        case .databaseFailure(let path, let reason):
            return "workspace database \(p(path)): \(TerminalText.escaped(reason))"
        case .databaseUnreachable(let location, let reason):
            // The problem first: the editor's status line may cut the end off.
            return "cannot reach the workspace database (\(TerminalText.escaped(reason))): \(p(location))"
        case .newerSchema(let location, let migration):
            return "workspace database \(p(location)) has a newer schema ('\(q(migration))') than this flowcanvas knows; upgrade flowcanvas"
        case .notYetOnBackend(let what, let location):
            return "\(what): not yet available on the workspace database \(p(location)) (SQLite workspaces only for now)"
        case .flowExists(let name):
            return "a flow named '\(q(name))' already exists"
        case .appExists(let name):
            return "an app named '\(q(name))' already exists"
        case .builtInApp(let name):
            return "'\(q(name))' is the built-in app and cannot be removed"
        case .appInUse(let app, let flow):
            return "app '\(q(app))' is bound to the live version of flow '\(q(flow))'"
        case .appChannelMismatch(let app, let appChannel, let channel):
            return "app '\(q(app))' sends on \(q(appChannel)), not \(q(channel))"
        case .noDraft(let flow):
            return "flow '\(q(flow))' has no working draft (start one with 'flowcanvas edit \(q(flow)) --from N')"
        case .draftExists(let flow, let revision):
            return "flow '\(q(flow))' already has a working draft (revision \(revision)); make it live or discard it first"
        case .conflict(let flow, let expected, let current):
            if current == 0 {
                return "conflict: the working draft of '\(q(flow))' is gone (made live or discarded) since revision \(expected); reload before saving"
            }
            return "conflict: the working draft of '\(q(flow))' is at revision \(current), not \(expected); someone else saved it, reload before saving"
        case .notLive(let flow):
            return "flow '\(q(flow))' is not live; make it live first"
        case .validationFailed(let flow, let report):
            let e = report.errors.count
            return "cannot make '\(q(flow))' live: \(e) error\(e == 1 ? "" : "s") remain"
        case .importRefused(let error):
            return error.message
        case .invalidText(let why):
            return why
        case .targetNotEmpty(let location, let tables):
            let shown = tables.prefix(5).map(q).joined(separator: ", ") + (tables.count > 5 ? ", …" : "")
            return "the database \(p(location)) is not empty (rows in \(shown)); workspace copy fills only an empty database, nothing was copied"
        case .onlyDraft(let flow):
            return "flow '\(q(flow))' has no version; its working draft cannot be discarded (delete the flow instead)"
        }
    }

    public var description: String { message }

    /// The database is unreachable for now (`databaseUnreachable`): worth retrying later.
    public var isUnreachable: Bool {
        if case .databaseUnreachable = self { return true }
        return false
    }
}
