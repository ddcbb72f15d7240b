import FlowKit
import FlowRuntime
import Foundation

/// Step 1 of a test run: the trigger payload, as fields prefilled from the Start node.
///
/// - inbound-message: from (default +15550123), to (the Start's address), message;
/// - inbound-call: from, to (the Start's address);
/// - webhook / custom-event: the JSON body, as one line of text.
///
/// A document that cannot be run at all (no Start, two Starts) has a `problem` instead.
public struct TestRunTrigger: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        /// from, to, message or body.
        public var name: String
        public var text: String
    }

    /// The sender a test run pretends to be unless the user types another.
    public static let defaultCustomer = "+15550123"

    public var kind: TriggerKind
    /// The Start's channel (inbound messages); `voice` for calls.
    public var channel: String?
    public var fields: [Field]
    /// Why the flow cannot be run; nil when it can.
    public var problem: String?
    /// Said once above the fields, e.g. that the Start names no trigger.
    public var note: String?

    public init(document: FlowDocument) {
        let starts = document.nodes.filter { $0.type == "start" }
        let start = starts.first
        let config = start?.config ?? [:]
        let rawKind = config["trigger"]?.stringValue ?? ""
        kind = TriggerKind(rawValue: rawKind) ?? .inboundMessage
        if starts.isEmpty {
            problem = "the flow has no Start node: add one (a) to try it"
        } else if starts.count > 1 {
            problem = "the flow has \(starts.count) Start nodes (\(starts.map(\.id).joined(separator: ", "))): a run needs exactly one"
        } else if TriggerKind(rawValue: rawKind) == nil {
            note = rawKind.isEmpty ? "the Start names no trigger: tried as an inbound message"
                : "the Start's trigger '\(rawKind)' is unknown: tried as an inbound message"
        }
        let text = { (key: String) in (config[key]?.displayText ?? "").trimmingCharacters(in: .whitespaces) }
        switch kind {
        case .inboundMessage:
            let channel = text("channel")
            self.channel = channel.isEmpty ? "sms" : channel
            fields = [Field(name: "from", text: Self.defaultCustomer), Field(name: "to", text: text("address")),
                      Field(name: "message", text: "")]
        case .inboundCall:
            channel = "voice"
            fields = [Field(name: "from", text: Self.defaultCustomer), Field(name: "to", text: text("address"))]
        case .webhook, .customEvent:
            channel = nil
            fields = [Field(name: "body", text: "{}")]
        }
    }

    /// "inbound sms message to +15550100", "webhook on /orders", "custom event 'paid'".
    public func summary(document: FlowDocument) -> String {
        let config = document.nodes.first { $0.type == "start" }?.config ?? [:]
        let text = { (key: String) in (config[key]?.displayText ?? "").trimmingCharacters(in: .whitespaces) }
        switch kind {
        case .inboundMessage:
            let to = text("address")
            return "inbound \(channel ?? "sms") message" + (to.isEmpty ? "" : " to \(to)")
        case .inboundCall:
            let to = text("address")
            return "inbound call" + (to.isEmpty ? "" : " to \(to)")
        case .webhook:
            let path = text("path").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            return "webhook" + (path.isEmpty ? "" : " on /\(path)")
        case .customEvent:
            let event = text("event")
            return "custom event" + (event.isEmpty ? "" : " '\(event)'")
        }
    }

    public func value(_ name: String) -> String {
        fields.first { $0.name == name }?.text ?? ""
    }

    /// The payload the fields describe, or why it cannot be built (a body that is not JSON).
    public func payload() -> Result<TriggerPayload, TestRunProblem> {
        if let problem { return .failure(TestRunProblem(problem)) }
        switch kind {
        case .inboundMessage:
            return .success(.inboundMessage(channel: channel ?? "sms", from: value("from"), to: value("to"),
                                            message: value("message")))
        case .inboundCall:
            return .success(.inboundCall(from: value("from"), to: value("to")))
        case .webhook, .customEvent:
            let raw = value("body").trimmingCharacters(in: .whitespacesAndNewlines)
            let body: JSONValue
            if raw.isEmpty {
                body = [:]
            } else {
                do { body = try JSONDecoder().decode(JSONValue.self, from: Data(raw.utf8)) } catch {
                    return .failure(TestRunProblem("the body is not valid JSON: \(Self.reason(error))"))
                }
            }
            return .success(kind == .webhook ? .webhook(body: body) : .event(body: body))
        }
    }

    private static func reason(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context)? = error as? DecodingError {
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return underlying ?? context.debugDescription
        }
        return String(describing: error)
    }
}

/// One line saying why a test run cannot start or go on.
public struct TestRunProblem: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
