import FlowKit
import Foundation

/// What each node type does when a session reaches it (DESIGN §4).
extension FlowEngine {
    func execute(_ index: Int, _ session: inout Session, _ program: CompiledFlow) async -> StepResult {
        let node = program.nodes[index]
        // Non-escaping: reads the session as it is at each call (set-variables sees its
        // own earlier assignments).
        func look(_ reference: Reference) -> JSONValue? {
            let system = reference.parts.first == SystemValue.head
                ? SystemValueContext(session: session, flowName: program.document.name, now: clock.now) : nil
            return SessionValues.lookup(reference, variables: session.variables, outputs: session.outputs, system: system)
        }
        switch program.program[index] {
        case .start:
            return .proceed("next")

        case .send(let channel, let to, let from, let message):
            return await send(node: node, channel: channel, to: to.render(look), from: from?.render(look) ?? "",
                              text: message.render(look), &session, program)

        case .receive(let channel, let timeout):
            guard let address = session.customer else {
                return .fail("node '\(node.id)' has no customer address to wait on: the trigger had no sender and nothing was sent")
            }
            return .park(SessionWait(kind: .message, channel: channel, address: address), timer: timeout,
                         "waiting for a \(channel) message from \(address) (timeout \(CanonicalJSON.formatNumber(timeout)) s)")

        case .http(let method, let url, let headers, let body, let timeout):
            let request = (url: url.render(look).trimmingCharacters(in: .whitespaces),
                           headers: headers.map { ($0.0, $0.1.render(look)) },
                           body: body?.render(look))
            return await httpRequest(node: node, method: method, url: request.url, headers: request.headers,
                                     body: request.body, timeout: timeout, &session)

        case .branch(let branches):
            for branch in branches {
                guard let op = branch.op else {
                    return .fail("branch '\(branch.name)' of node '\(node.id)' has the unknown operator '\(branch.opName)'")
                }
                let operand = branch.value.render(look)
                if op.holds(look(branch.variable), operand) {
                    return .outcome(branch.name, .step, "\(branch.variable.raw) \(op.rawValue) '\(operand)'")
                }
            }
            return .outcome("none", .step, "no branch held")

        case .evaluate(let parsed):
            switch parsed {
            case .failure(let error):
                return .outcome("error", .step, "the expression does not parse: \(error)")
            case .success(let expression):
                do {
                    let value = try expression.evaluate(look)
                    if case .bool(let b) = value { return .outcome(b ? "true" : "false", .step, "") }
                    return .outcome("error", .step, "the expression gave \(Self.describe(value)), not true or false")
                } catch {
                    return .outcome("error", .step, error.description)
                }
            }

        case .setVariables(let assignments):
            var detail = ""
            for a in assignments {
                let value = a.sole.flatMap(look) ?? .string(a.template.render(look))
                session.variables[a.name] = value
                if !detail.isEmpty { detail += ", " }
                detail += "\(a.name) = \(Self.describe(value))"
            }
            return .outcome("next", .step, detail)

        case .delay(let seconds):
            if seconds <= 0 { return .outcome("next", .step, "no wait") }
            return .park(SessionWait(kind: .timer), timer: seconds, "waiting \(CanonicalJSON.formatNumber(seconds)) s")

        case .dataParser(let source, let sole, let fields):
            let json: JSONValue?
            if let sole, let value = look(sole) {
                if case .string(let text) = value { json = JSONColumns.parse(text) } else { json = value }
            } else {
                json = JSONColumns.parse(source.render(look))
            }
            guard let json else { return .outcome("error", .step, "the source is not JSON") }
            var out: [String: JSONValue] = [:]
            var missing: [String] = []
            for (name, path) in fields {
                if let value = JSONPath.lookup(path, in: json) { out[name] = value } else { missing.append("\(name) (\(path))") }
            }
            session.outputs[node.id] = out
            if !missing.isEmpty { return .outcome("error", .step, "nothing found for " + missing.joined(separator: ", ")) }
            return .outcome("success", .step, out.keys.sorted().map { "\($0) = \(Self.describe(out[$0]!))" }.joined(separator: ", "))

        case .log(let logbook, let message):
            let text = message.render(look)
            do {
                try store.appendLog(LogEntry(logbook: logbook, flowId: session.flowId, sessionId: session.id,
                                             node: node.id, message: text, time: clock.now))
            } catch {
                return .fail("the logbook '\(logbook)' could not be written: \(error)")
            }
            return .outcome("next", .info, "[\(logbook)] \(text)")

        case .play(let prompt):
            return .outcome("done", .sent, "played prompt \(prompt)")

        case .collectInput(let prompt, let maxDigits, let timeout):
            guard let caller = session.customer else {
                return .fail("node '\(node.id)' has no caller to collect digits from")
            }
            return .park(SessionWait(kind: .digits, channel: "voice", address: caller), timer: timeout,
                         "played prompt \(prompt); waiting for up to \(maxDigits) digits (timeout \(CanonicalJSON.formatNumber(timeout)) s)")

        case .transfer(let to):
            let target = to.render(look).trimmingCharacters(in: .whitespaces)
            if target.isEmpty { return .outcome("failed", .step, "no number to transfer to") }
            return .outcome("connected", .step, "transferred to \(target) (simulated)")

        case .disconnect:
            return .finish(outcome: nil, "disconnected")

        case .end(let outcome):
            return .finish(outcome: outcome, outcome.map { "ended with outcome \($0)" } ?? "ended without a flow outcome")

        case .unsupported(let type):
            return .fail("node '\(node.id)' has the type '\(type)', which the runtime cannot run")
        }
    }

    private func send(node: FlowNode, channel: String, to rawTo: String, from: String, text: String,
                      _ session: inout Session, _ program: CompiledFlow) async -> StepResult {
        let to = rawTo.trimmingCharacters(in: .whitespaces)
        if to.isEmpty { return .outcome("failed", .sent, "no recipient: 'to' is empty") }
        if channel == "sms" && text.count > 1024 {
            return .outcome("failed", .sent, "the message has \(text.count) characters; sms allows 1024")
        }
        let appName = program.flow.appBindings[channel] ?? OutboxDelivery.appName
        let delivery: (any MessageDelivery)?
        do { delivery = try apps.delivery(forApp: appName) } catch {
            return .outcome("failed", .sent, "app '\(appName)' could not be read: \(error)")
        }
        guard let delivery else {
            return .outcome("failed", .sent, "no app named '\(appName)' (bound to \(channel))")
        }
        // The first recipient becomes the customer a later `receive` waits on, when the
        // trigger did not name one (a webhook-started reminder).
        if session.customer == nil { session.customer = to }
        let message = OutboundMessage(channel: channel, to: to, from: from, message: text, app: appName,
                                      sessionId: session.id, flowId: session.flowId, time: clock.now,
                                      idempotencyKey: OutboundMessage.idempotencyKey(session: session.id, node: node.id,
                                                                                     step: session.steps))
        switch await delivery.deliver(message) {
        case .sent:
            return .outcome("sent", .sent, "\(channel) to \(to) via \(appName): \(text)")
        case .failed(let reason):
            return .outcome("failed", .sent, "\(channel) to \(to) via \(appName): \(reason)")
        }
    }

    private func httpRequest(node: FlowNode, method: String, url urlText: String, headers: [(String, String)],
                             body: String?, timeout: Double, _ session: inout Session) async -> StepResult {
        let usable = URL(string: urlText).flatMap { url in
            ["http", "https"].contains(url.scheme?.lowercased() ?? "") && url.host != nil ? url : nil
        }
        // A stubbed node answers whatever its URL: in a test run an externalized base URL
        // (set at Make Live) is still empty, and the stub is there to stand in for the API.
        guard let url = usable ?? (http.answers(node: node.id) ? URL(string: "http://stubbed.invalid/")! : nil) else {
            session.outputs[node.id] = ["status": 0, "body": "", "headers": [:]]
            return .outcome("error", .info, "'\(urlText)' is not an http:// or https:// URL")
        }
        var headers = headers
        var data: Data?
        if let body, !body.isEmpty {
            data = Data(body.utf8)
            let hasType = headers.contains { $0.0.lowercased() == "content-type" }
            if !hasType && JSONColumns.parse(body) != nil { headers.append(("Content-Type", "application/json")) }
        }
        let spec = HTTPRequestSpec(method: method, url: url, headers: headers, body: data,
                                   timeoutSeconds: timeout > 0 ? timeout : 10, node: node.id)
        let call = "\(method) \(urlText)"
        do {
            let response = try await http.send(spec)
            let text = String(decoding: response.body, as: UTF8.self)
            let bodyValue = JSONColumns.parse(response.body) ?? .string(text)
            session.outputs[node.id] = [
                "status": .number(Double(response.status)),
                "body": bodyValue,
                "headers": .object(response.headers.mapValues { .string($0) }),
            ]
            let outcome = (200..<300).contains(response.status) ? "success" : "error"
            return .outcome(outcome, .info, "\(call) → HTTP \(response.status)")
        } catch let error as HTTPCallError {
            session.outputs[node.id] = ["status": 0, "body": "", "headers": [:]]
            if case .timedOut = error { return .outcome("timeout", .info, "\(call): \(error)") }
            return .outcome("error", .info, "\(call): \(error)")
        } catch {
            session.outputs[node.id] = ["status": 0, "body": "", "headers": [:]]
            return .outcome("error", .info, "\(call): \(error)")
        }
    }

    /// A value as the transcript shows it: text quoted, JSON compact.
    public static func describe(_ value: JSONValue) -> String {
        if case .string(let s) = value { return "'\(s)'" }
        if case .null = value { return "null" }
        return value.displayText
    }
}
