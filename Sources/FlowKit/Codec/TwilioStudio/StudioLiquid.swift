import Foundation

/// Translates the Liquid in Studio properties into FlowCanvas templates.
///
/// Only output tags that are a plain variable path (`{{flow.variables.k}}`,
/// `{{widgets.X.parsed.a[0].b}}`) have an equivalent; they become `$(…)`. Tags
/// (`{% if %}`), filters (`{{x | upcase}}`) and variables Studio alone knows
/// (`{{flow.flow_sid}}`) stay as the text they are, and each field that keeps some is
/// reported, so nothing is lost silently.
struct StudioLiquid {
    /// What a widget turned into, for `{{widgets.NAME.…}}`.
    struct WidgetNodes {
        var type: String
        /// The node that carries the widget's outputs: the http-request node of a
        /// make-http-request, the collect-input node of a gather.
        var id: String
        /// The receive node of a send-and-wait-for-reply.
        var replyID: String?
    }

    struct Translation {
        var text: String
        /// The Liquid pieces kept as text, in order of appearance.
        var leftAsText: [String]
        /// The `$(…)` reference when the whole text is exactly one translated reference
        /// (white space around it ignored), e.g. a split's input.
        var soleReference: String?
        /// Every translated reference, in order.
        var references: [String]
    }

    /// Webhook-started flows (Studio's REST API trigger) receive the contact's and the
    /// flow's addresses in the request body, not as a message's from/to.
    var webhookTrigger: Bool
    var widgets: [String: WidgetNodes]

    func translate(_ source: String) -> Translation {
        var out = ""
        var left: [String] = []
        var references: [String] = []
        var plainText = ""
        var rest = Substring(source)
        while let open = rest.range(of: "{") {
            let after = rest[open.upperBound...]
            let closer: String
            if after.hasPrefix("{") { closer = "}}" } else if after.hasPrefix("%") { closer = "%}" } else {
                out += rest[..<open.upperBound]
                plainText += rest[..<open.upperBound]
                rest = after
                continue
            }
            out += rest[..<open.lowerBound]
            plainText += rest[..<open.lowerBound]
            let bodyStart = after.index(after: after.startIndex)
            guard let close = rest[bodyStart...].range(of: closer) else {
                // An unclosed tag is text to Liquid too.
                out += rest[open.lowerBound...]
                left.append(String(rest[open.lowerBound...]))
                rest = rest[rest.endIndex...]
                break
            }
            let whole = String(rest[open.lowerBound..<close.upperBound])
            if closer == "}}", let reference = reference(for: String(rest[bodyStart..<close.lowerBound])) {
                out += "$(\(reference))"
                references.append(reference)
            } else {
                out += whole
                left.append(whole)
            }
            rest = rest[close.upperBound...]
        }
        out += rest
        plainText += rest
        let sole = references.count == 1 && left.isEmpty
            && plainText.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? references[0] : nil
        return Translation(text: out, leftAsText: left, soleReference: sole, references: references)
    }

    /// The FlowCanvas reference (without `$( )`) for a Liquid variable path, or nil.
    func reference(for expression: String) -> String? {
        var path = expression.trimmingCharacters(in: .whitespaces)
        if path.hasPrefix("-") { path.removeFirst() } // whitespace control: {{- x -}}
        if path.hasSuffix("-") { path.removeLast() }
        path = path.trimmingCharacters(in: .whitespaces)
        guard !path.isEmpty, !path.contains(where: { $0.isWhitespace || "|\"'(){}$".contains($0) }) else { return nil }
        let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.allSatisfy({ !$0.isEmpty }), Reference(validating: path) != nil else { return nil }
        func join(_ head: String, _ tail: ArraySlice<String>) -> String {
            ([head] + tail).joined(separator: ".")
        }
        switch parts[0] {
        case "trigger":
            guard parts.count == 3, ["message", "call"].contains(parts[1]) else { return nil }
            switch parts[2] {
            case "Body" where parts[1] == "message": return "start.message"
            case "From": return "start.from"
            case "To": return "start.to"
            default: return nil
            }
        case "contact":
            guard parts == ["contact", "channel", "address"] else { return nil }
            return webhookTrigger ? "start.body.to" : "start.from"
        case "flow":
            guard parts.count >= 2 else { return nil }
            switch Reference.baseName(parts[1]) {
            case "channel":
                guard parts == ["flow", "channel", "address"] else { return nil }
                return webhookTrigger ? "start.body.from" : "start.to"
            case "data":
                return join("start.body" + suffixIndexes(parts[1], "data"), parts[2...])
            case "variables":
                guard parts.count >= 3, parts[1] == "variables" else { return nil }
                return parts[2...].joined(separator: ".")
            default: return nil
            }
        case "widgets":
            guard parts.count >= 3, let w = widgets[parts[1]] else { return nil }
            let field = parts[2]
            switch (w.type, Reference.baseName(field)) {
            case ("send-and-wait-for-reply", "inbound"):
                guard let reply = w.replyID, parts.count == 4 else { return nil }
                switch parts[3] {
                case "Body": return "\(reply).message"
                case "From": return "\(reply).from"
                default: return nil
                }
            case ("make-http-request", "parsed"):
                return join("\(w.id).body" + suffixIndexes(field, "parsed"), parts[3...])
            case ("make-http-request", "body") where parts.count == 3 && field == "body":
                return "\(w.id).body"
            case ("make-http-request", "status_code") where parts.count == 3:
                return "\(w.id).status"
            case ("gather-input-on-call", "Digits") where parts.count == 3:
                return "\(w.id).digits"
            default: return nil
            }
        default:
            return nil
        }
    }

    /// `parsed[0]` → `[0]`: indexes written straight after a name that is renamed.
    private func suffixIndexes(_ part: String, _ name: String) -> String {
        String(part.dropFirst(name.count))
    }
}
