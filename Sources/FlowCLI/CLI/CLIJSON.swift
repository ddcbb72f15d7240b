import FlowKit
import Foundation

/// The CLI's `--json` outputs (DESIGN §7: the keys are part of the contract), written
/// canonically so scripts and tests can compare them byte for byte.
public enum CLIJSON {
    /// `list --json`
    public static func list(_ flows: [FlowSummary]) -> String {
        CanonicalJSON.encode(.array(flows.map { f in
            .object([
                "id": .string(f.id),
                "name": .string(f.name),
                "status": .string(f.status.rawValue),
                "state": f.state.map { .string($0.rawValue) } ?? .null,
                "liveVersion": f.liveVersion.map { .number(Double($0)) } ?? .null,
                "hasDraft": .bool(f.hasDraft),
            ])
        }))
    }

    /// `show --json`: the document (§3) plus `revision` (the draft's revision, 0 when
    /// there is no draft) and `version` (the version shown, null for the draft).
    /// A secret variable's default is masked (`export` writes it as is).
    public static func show(_ stored: StoredDocument) -> String {
        var document = stored.document
        document.settings.variables = document.settings.variables.map { v in
            var masked = v
            masked.default = v.shown(v.default)
            return masked
        }
        var object = documentObject(document)
        object["revision"] = .number(Double(stored.draftRevision))
        if case .version(let n) = stored.ref {
            object["version"] = .number(Double(n))
        } else {
            object["version"] = .null
        }
        return CanonicalJSON.encode(.object(object))
    }

    /// `validate --json`
    public static func validation(_ report: ValidationReport) -> String {
        func item(_ f: Finding) -> JSONValue {
            .object([
                "code": .string(f.code.rawValue),
                "node": f.node.map(JSONValue.string) ?? .null,
                "field": f.field.map(JSONValue.string) ?? .null,
                "message": .string(f.message),
            ])
        }
        return CanonicalJSON.encode(.object([
            "valid": .bool(report.isValid),
            "errors": .array(report.errors.map(item)),
            "warnings": .array(report.warnings.map(item)),
        ]))
    }

    /// `history --json`, newest first.
    public static func history(_ entries: [HistoryEntry]) -> String {
        CanonicalJSON.encode(.array(entries.map { e in
            .object([
                "version": e.version.map { .number(Double($0)) } ?? .null,
                "status": .string(e.status.rawValue),
                "basedOn": e.basedOn.map { .number(Double($0)) } ?? .null,
                "comment": .string(e.comment),
                "author": .string(e.author),
                "createdAt": .string(timestamp(e.createdAt)),
            ])
        }))
    }

    /// `diff --json`
    public static func diff(_ d: FlowDiff) -> String {
        func connection(_ c: Connection) -> JSONValue {
            .object(["from": .string(c.from), "outcome": .string(c.outcome), "to": .string(c.to)])
        }
        return CanonicalJSON.encode(.object([
            "addedNodes": .array(d.addedNodes.map(JSONValue.string)),
            "removedNodes": .array(d.removedNodes.map(JSONValue.string)),
            "changedNodes": .array(d.changedNodes.map {
                .object(["id": .string($0.id), "fields": .array($0.fields.map(JSONValue.string))])
            }),
            "addedConnections": .array(d.addedConnections.map(connection)),
            "removedConnections": .array(d.removedConnections.map(connection)),
            "settingsChanged": .bool(d.settingsChanged),
            "changedSettings": .array(d.changedSettings.map(JSONValue.string)),
            "addedNotes": .array(d.addedNotes.map(JSONValue.string)),
            "removedNotes": .array(d.removedNotes.map(JSONValue.string)),
            "changedNotes": .array(d.changedNotes.map {
                .object(["id": .string($0.id), "fields": .array($0.fields.map(JSONValue.string))])
            }),
        ]))
    }

    /// `prompts --json`: `{"prompts","languages":[{"code","required"}],"available":{prompt:{code:bool}}}`
    public static func prompts(_ table: PromptTable) -> String {
        CanonicalJSON.encode(.object([
            "prompts": .array(table.prompts.map(JSONValue.string)),
            "languages": .array(table.languages.map {
                .object(["code": .string($0.code), "required": .bool($0.required)])
            }),
            "available": .object(table.available.mapValues { .object($0.mapValues(JSONValue.bool)) }),
        ]))
    }

    /// `apps list --json`: `[{"name","channel","webhookURL","builtIn","signed"}]`; the outbox
    /// has a null channel (it serves every channel) and a null webhook. `signed` says whether
    /// the app has a signing secret; the secret itself is never printed.
    public static func apps(_ apps: [WorkspaceApp]) -> String {
        CanonicalJSON.encode(.array(apps.map { a in
            .object([
                "name": .string(a.name),
                "channel": a.channel.map(JSONValue.string) ?? .null,
                "webhookURL": a.webhookURL.map(JSONValue.string) ?? .null,
                "builtIn": .bool(a.isBuiltIn),
                "signed": .bool(a.hasSigningSecret),
            ])
        }))
    }

    /// `templates --json`: `[{"name","kind","summary"}]`
    public static func templates(_ templates: [FlowTemplate]) -> String {
        CanonicalJSON.encode(.array(templates.map {
            .object(["name": .string($0.name), "kind": .string($0.kind.rawValue), "summary": .string($0.summary)])
        }))
    }

    /// ISO 8601 in UTC, seconds precision: `2026-11-20T14:03:07Z`.
    public static func timestamp(_ date: Date) -> String {
        date.ISO8601Format()
    }

    /// The document as the canonical export writes it, as a JSON object.
    static func documentObject(_ document: FlowDocument) -> [String: JSONValue] {
        FlowCodec.jsonValue(of: document).objectValue ?? [:]
    }
}
