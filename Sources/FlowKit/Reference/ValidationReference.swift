import Foundation

/// docs/validation.md: every finding code with its severity, when it is reported, and
/// an example message produced by running the real validator (or, for voice prompts,
/// the voice compiler) on a small flow that has exactly that problem. The switch in
/// `when(_:)` and `example(_:)` is exhaustive, so a new code does not compile without
/// its documentation and example.
public enum ValidationReference {
    public struct Entry: Sendable {
        public let code: FindingCode
        public let when: String
        /// The finding the example flow produced; nil would mean the example is wrong
        /// (ValidationReferenceTests fails then).
        public let example: Finding?
    }

    public static func entries(catalog: NodeCatalog = .standard) -> [Entry] {
        FindingCode.allCases.map { code in
            let report = exampleReport(code, catalog: catalog)
            return Entry(code: code, when: when(code), example: report.findings.first { $0.code == code })
        }
    }

    public static func markdown(catalog: NodeCatalog = .standard) -> String {
        var out = MarkdownText()
        out.line("# Validation findings")
        out.line()
        out.line(MarkdownText.generatedNotice(command: "flowcanvas reference validation",
                                              sources: "FlowKit's FindingCode and the validator's own messages"))
        out.line()
        out.paragraph("""
            The validator runs on every Save, on `flowcanvas validate` and before Make Live. \
            Each finding has a stable `code`, a `severity`, the `node` (and `field`) it \
            concerns, and a message. **Errors** block Make Live (`validate` exits 1); \
            **warnings** do not. `validate --json` prints \
            `{"valid", "errors": [{"code", "node", "field", "message"}], "warnings": […]}`; \
            the editor lists findings in its errors pane (Enter jumps to the node). \
            `missing-prompt` and `unreadable-prompt` come from `flowcanvas compile` (voice \
            flows), which also runs every other check, and from Make Live; the editor's errors \
            pane and the flow list's FINDINGS show them too (the media folder is read again on \
            save, when a prompt or the voice settings change, and every few seconds while some \
            are shown).
            """)
        out.table(header: ["code", "severity", "reported when"], rows: entries(catalog: catalog).map {
            ["[`\($0.code.rawValue)`](#\($0.code.rawValue))", $0.code.defaultSeverity.rawValue, $0.when]
        })
        out.line("## Example messages")
        out.line()
        out.paragraph("Each message below is what the validator says about a small flow with that one problem.")
        for entry in entries(catalog: catalog) {
            out.line("### \(entry.code.rawValue)")
            out.line()
            out.paragraph("\(entry.code.defaultSeverity.rawValue) · \(entry.when)")
            if let f = entry.example {
                var place: [String] = []
                if let node = f.node { place.append("node `\(node)`") }
                if let field = f.field { place.append("field `\(field)`") }
                out.paragraph("> \(f.message)" + (place.isEmpty ? "" : "\n\n(\(place.joined(separator: ", ")))"))
            } else {
                out.paragraph("(no example)")
            }
        }
        return out.text
    }

    public static func when(_ code: FindingCode) -> String {
        switch code {
        case .noStart: return "the flow has no Start node"
        case .multipleStarts: return "the flow has more than one Start node"
        case .missingParameter: return "a mandatory (★) field of a node is empty"
        case .invalidParameter: return "a field's value is out of range or of the wrong kind (including a malformed expression)"
        case .noOutcomeConnected: return "a node that does not end the session has none of its outcomes connected"
        case .unassignedOutcome: return "one outcome of a node has no connector while others do"
        case .incompleteConnector: return "a connector names a node or an outcome that does not exist"
        case .duplicateConnector: return "one outcome is connected twice"
        case .unreachableNode: return "a node cannot be reached from Start"
        case .endWithoutOutcome: return "an End node reports no flow outcome"
        case .unknownFlowOutcome: return "an End node names an outcome that is not in `settings.outcomes`"
        case .unknownVariable: return "`$(x)` names no custom variable and no output of a node"
        case .missingUniqueIdentifier: return "the duplicate-session guard is on but `settings.uniqueIdentifier` is empty"
        case .voiceMissingDisconnect: return "a voice flow cannot reach a Disconnect node"
        case .missingPrompt: return "(voice `compile`) a prompt file is missing for a required language, or the media folder or languages are not set"
        case .unreadablePrompt: return "(voice `compile`) a prompt file is in a language folder but is not a readable WAV"
        }
    }

    /// The findings of the example flow for `code`.
    public static func exampleReport(_ code: FindingCode, catalog: NodeCatalog = .standard) -> ValidationReport {
        let validator = Validator(catalog: catalog)
        var doc = ExampleFlows.smsReply()
        switch code {
        case .noStart:
            doc.nodes.removeAll { $0.id == "start" }
            doc.connections.removeAll { $0.from == "start" }
        case .multipleStarts:
            var second = doc.nodes[0]
            second.id = "start-2"
            doc.nodes.append(second)
            doc.connections.append(Connection(from: "start-2", outcome: "next", to: "reply"))
        case .missingParameter:
            doc.update("reply") { $0.config["message"] = .string("") }
        case .invalidParameter:
            doc.update("reply") { $0.config["channel"] = .string("pigeon") }
        case .noOutcomeConnected:
            doc.connections.removeAll { $0.from == "reply" }
        case .unassignedOutcome:
            doc.connections.removeAll { $0.from == "reply" && $0.outcome == "failed" }
        case .incompleteConnector:
            doc.connections.append(Connection(from: "reply", outcome: "bounced", to: "done"))
        case .duplicateConnector:
            doc.connections.append(Connection(from: "reply", outcome: "sent", to: "gave-up"))
        case .unreachableNode:
            doc.nodes.append(FlowNode(id: "orphan", type: "end", label: "Orphan", config: ["outcome": .string("resolved")]))
        case .endWithoutOutcome:
            doc.update("done") { $0.config["outcome"] = nil }
        case .unknownFlowOutcome:
            doc.update("done") { $0.config["outcome"] = .string("vanished") }
        case .unknownVariable:
            doc.update("reply") { $0.config["message"] = .string("Hello $(nickname)") }
        case .missingUniqueIdentifier:
            doc.settings.preventDuplicateSessions = true
            doc.settings.uniqueIdentifier = ""
        case .voiceMissingDisconnect:
            var voice = ExampleFlows.voiceWelcome()
            voice.nodes.removeAll { $0.id == "hang-up" }
            voice.connections.removeAll { $0.to == "hang-up" }
            voice.nodes.append(FlowNode(id: "done", type: "end", label: "Done", config: ["outcome": .string("resolved")]))
            voice.connections.append(Connection(from: "welcome", outcome: "done", to: "done"))
            voice.connections.append(Connection(from: "welcome", outcome: "error", to: "done"))
            return validator.validate(voice)
        case .missingPrompt:
            return VoiceCompiler.compile(ExampleFlows.voiceWelcome(), mediaFolder: nil, catalog: catalog)
        case .unreadablePrompt:
            // A media folder whose en/welcome.wav is text, made for the example and removed.
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowcanvas-example-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let en = folder.appendingPathComponent("en")
            try? FileManager.default.createDirectory(at: en, withIntermediateDirectories: true)
            try? Data("not audio\n".utf8).write(to: en.appendingPathComponent("welcome.wav"))
            return VoiceCompiler.compile(ExampleFlows.voiceWelcome(), mediaFolder: folder, catalog: catalog)
        }
        return validator.validate(doc)
    }
}

/// The small, valid flows the validation examples start from.
public enum ExampleFlows {
    /// Inbound SMS → reply → End `resolved` (sent) / End `gave-up` (failed).
    public static func smsReply() -> FlowDocument {
        FlowDocument(
            name: "Example",
            settings: FlowSettings(outcomes: [FlowOutcome(name: "resolved", kind: .success),
                                              FlowOutcome(name: "gave-up", kind: .failure)]),
            nodes: [
                FlowNode(id: "start", type: "start", label: "Inbound SMS", config: [
                    "trigger": .string("inbound-message"), "channel": .string("sms"), "address": .string("+15550100"),
                ]),
                FlowNode(id: "reply", type: "send", label: "Reply", config: [
                    "channel": .string("sms"), "to": .string("$(start.from)"), "message": .string("Thanks, we got: $(start.message)"),
                ]),
                FlowNode(id: "done", type: "end", label: "Resolved", config: ["outcome": .string("resolved")]),
                FlowNode(id: "gave-up", type: "end", label: "Gave up", config: ["outcome": .string("gave-up")]),
            ],
            connections: [
                Connection(from: "start", outcome: "next", to: "reply"),
                Connection(from: "reply", outcome: "sent", to: "done"),
                Connection(from: "reply", outcome: "failed", to: "gave-up"),
            ]
        )
    }

    /// Inbound call → play `welcome` → Disconnect (both outcomes).
    public static func voiceWelcome() -> FlowDocument {
        FlowDocument(
            name: "Voice example",
            kind: .voice,
            settings: FlowSettings(outcomes: [FlowOutcome(name: "resolved", kind: .success)],
                                   languages: [FlowLanguage(code: "en", required: true)]),
            nodes: [
                FlowNode(id: "start", type: "start", label: "Inbound call", config: [
                    "trigger": .string("inbound-call"), "address": .string("+15550100"),
                ]),
                FlowNode(id: "welcome", type: "play", label: "Welcome", config: ["prompt": .string("welcome.wav")]),
                FlowNode(id: "hang-up", type: "disconnect", label: "Hang up"),
            ],
            connections: [
                Connection(from: "start", outcome: "next", to: "welcome"),
                Connection(from: "welcome", outcome: "done", to: "hang-up"),
                Connection(from: "welcome", outcome: "error", to: "hang-up"),
            ]
        )
    }
}

extension FlowDocument {
    fileprivate mutating func update(_ id: String, _ change: (inout FlowNode) -> Void) {
        guard let i = nodeIndex(withID: id) else { return }
        change(&nodes[i])
    }
}
