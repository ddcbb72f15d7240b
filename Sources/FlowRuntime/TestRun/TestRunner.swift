import FlowKit
import Foundation

/// One step of a test run as it happened.
public struct RunStepReport: Codable, Equatable, Sendable {
    public var step: Int
    /// trigger, reply, wait or expect.
    public var action: String
    public var description: String
    /// false: an expectation failed, or an action could not be done (a reply with no
    /// session waiting, a refused trigger).
    public var ok: Bool
    /// Why it failed, or what happened.
    public var detail: String
    /// Transcript entries this step produced (session id, entry).
    public var transcript: [RunTranscriptLine]
}

public struct RunTranscriptLine: Codable, Equatable, Sendable {
    public var session: String
    public var entry: TranscriptEntry
}

/// The result of `flowcanvas run`: passed only if every step was ok.
public struct RunReport: Codable, Sendable {
    public var flowId: String
    public var version: Int?
    public var steps: [RunStepReport]
    public var sessions: [Session]
    public var outbox: [OutboxMessage]
    public var logs: [LogEntry]
    public var startedAt: Date

    public var passed: Bool { steps.allSatisfy(\.ok) }
    public var expectations: (passed: Int, failed: Int) {
        let expects = steps.filter { $0.action == "expect" }
        let ok = expects.filter(\.ok).count
        return (ok, expects.count - ok)
    }

    /// The report as the terminal shows it: each step, the transcript lines it produced
    /// (time relative to the start of the run), and a summary line.
    public var text: String {
        var out = ""
        for step in steps {
            let mark = step.action == "expect" ? (step.ok ? "✓" : "✗") : (step.ok ? ">" : "✗")
            out += "\(mark) \(step.description)"
            if !step.ok || (step.action != "expect" && !step.detail.isEmpty && step.transcript.isEmpty) {
                out += " — \(step.detail)"
            }
            out += "\n"
            for line in step.transcript {
                let seconds = Int(line.entry.time.timeIntervalSince(startedAt).rounded())
                let time = "+\(seconds)s".padding(toLength: 7, withPad: " ", startingAt: 0)
                let node = (line.entry.node ?? "-").padding(toLength: 14, withPad: " ", startingAt: 0)
                let session = sessions.count > 1 ? "[\(line.session)] " : ""
                out += "    \(time) \(session)\(node) \(line.entry.text)\n"
            }
        }
        let (ok, failed) = expectations
        let broken = steps.filter { !$0.ok && $0.action != "expect" }.count
        out += passed
            ? "PASS: \(ok) of \(ok + failed) expectations held\n"
            : "FAIL: \(ok) of \(ok + failed) expectations held" + (broken > 0 ? ", \(broken) step(s) could not run" : "") + "\n"
        return out
    }
}

/// Runs a script against one flow in process: memory sessions, a virtual clock, an
/// in-memory outbox for every channel (a test run never messages a real customer;
/// http-request nodes make their real calls unless a `stub` step stubbed them). Nothing is written to the workspace.
public struct TestRunner: Sendable {
    public var flow: LiveFlow
    public var http: any HTTPClient
    public var start: Date

    public init(flow: LiveFlow, http: any HTTPClient = NetworkHTTPClient.shared,
                start: Date = Date(timeIntervalSince1970: 1_767_225_600)) {
        var running = flow
        running.state = .running // a test run tries the flow whatever its live state
        self.flow = running
        self.http = http
        self.start = start
    }

    public func run(_ script: RunScript) async -> RunReport {
        let clock = VirtualClock(start: start)
        let store = MemorySessionStore()
        let outbox = MemoryOutbox()
        let stubs = HTTPStubTable()
        let engine = FlowEngine(store: store, flows: StaticFlowSource([flow]),
                                apps: SingleDeliveryResolver(outbox), clock: clock,
                                http: StubbingHTTPClient(table: stubs, fallback: http),
                                options: EngineOptions(persistEveryStep: false, sessionIDs: .sequential(prefix: "s")))
        var reports: [RunStepReport] = []
        var current: String?
        var seen: [String: Int] = [:]

        for (i, step) in script.steps.enumerated() {
            var report = RunStepReport(step: i + 1, action: "", description: "", ok: true, detail: "", transcript: [])
            switch step {
            case .trigger(let t):
                report.action = "trigger"
                let payload = payload(t)
                report.description = "trigger: \(payload.summary)"
                do {
                    let session = try await engine.startSession(flow: flow, trigger: payload)
                    current = session.id
                    report.detail = "session \(session.id) started"
                } catch {
                    report.ok = false
                    report.detail = error.description
                }
            case .reply(let text):
                report.action = "reply"
                report.description = "reply: \(text)"
                if let id = current {
                    do { try await engine.reply(toSession: id, message: text) } catch {
                        report.ok = false
                        let state = (try? store.session(id: id))?.map { $0.state.rawValue } ?? "gone"
                        report.detail = "the session is not waiting for a reply (it is \(state))"
                        _ = error
                    }
                } else {
                    report.ok = false
                    report.detail = "no session yet: trigger one first"
                }
            case .wait(let seconds):
                report.action = "wait"
                report.description = "wait \(CanonicalJSON.formatNumber(seconds)) s"
                do { try await engine.advanceClock(by: seconds) } catch {
                    report.ok = false
                    report.detail = error.description
                }
            case .stub(let node, let stub):
                report.action = "stub"
                report.description = "stub \(node): HTTP \(stub.status)"
                if let n = flow.document.node(withID: node), n.type == "http-request" {
                    stubs.set(stub, for: node)
                } else {
                    report.ok = false
                    report.detail = "the flow has no http-request node '\(node)'"
                }
            case .expect(let e):
                report.action = "expect"
                report.description = "expect \(e.summary)"
                let session = current.flatMap { try? store.session(id: $0) } ?? nil
                let failures = check(e, session: session, outbox: outbox.messages)
                report.ok = failures.isEmpty
                report.detail = failures.joined(separator: "; ")
            }
            // Transcript lines produced by this step, from every session.
            for session in ((try? store.sessions(flowId: nil, state: nil, limit: nil)) ?? []).reversed() {
                guard let full = try? store.session(id: session.id) else { continue }
                let from = seen[full.id] ?? 0
                if full.transcript.count > from {
                    report.transcript += full.transcript[from...].map { RunTranscriptLine(session: full.id, entry: $0) }
                    seen[full.id] = full.transcript.count
                }
            }
            reports.append(report)
        }
        let sessions = ((try? store.sessions(flowId: nil, state: nil, limit: nil)) ?? [])
            .reversed().compactMap { try? store.session(id: $0.id) }
        return RunReport(flowId: flow.flowId, version: flow.version, steps: reports, sessions: sessions,
                         outbox: outbox.messages, logs: (try? store.logs(logbook: nil)) ?? [], startedAt: start)
    }

    /// The trigger kind is the flow's; channel and `to` default to its Start's.
    func payload(_ t: RunTrigger) -> TriggerPayload {
        let start = flow.document.nodes.first { $0.type == "start" }
        let config = start?.config ?? [:]
        let kind = TriggerKind(rawValue: config["trigger"]?.stringValue ?? "") ?? .inboundMessage
        let address = config["address"]?.displayText
        switch kind {
        case .inboundMessage:
            return TriggerPayload(kind: kind, channel: t.channel ?? config["channel"]?.displayText ?? "sms",
                                  from: t.from ?? "+15550199", to: t.to ?? address ?? "",
                                  message: t.message ?? "", body: t.body)
        case .inboundCall:
            return TriggerPayload(kind: kind, channel: "voice", from: t.from ?? "+15550199",
                                  to: t.to ?? address ?? "", message: t.message, body: t.body)
        case .webhook, .customEvent:
            return TriggerPayload(kind: kind, channel: t.channel, from: t.from, to: t.to, message: t.message,
                                  body: t.body ?? [:])
        }
    }

    /// The failed parts of an expectation, empty if it holds.
    func check(_ e: RunExpectation, session: Session?, outbox: [OutboxMessage]) -> [String] {
        var failures: [String] = []
        let needsSession = e.node != nil || e.at != nil || e.state != nil || e.outcome != nil || e.variable != nil
        guard let session else {
            if needsSession { failures.append("no session was started") }
            if let m = e.messageSent, !outbox.contains(where: { Self.matches(m, $0) }) {
                failures.append("no such message was sent")
            }
            return failures
        }
        if let node = e.node, !session.visitedNodes.contains(node) {
            failures.append("node \(node) was not reached (path: \(session.visitedNodes.joined(separator: " → ")))")
        }
        if let at = e.at, session.currentNode != at {
            failures.append("the session is at \(session.currentNode ?? "nothing"), not \(at)")
        }
        if let state = e.state, session.state != state {
            let why = session.failureReason.map { " (\($0))" } ?? ""
            failures.append("the session is \(session.state.rawValue)\(why), not \(state.rawValue)")
        }
        if let expected = e.outcome, session.outcome != expected {
            failures.append("the outcome is \(session.outcome ?? "none") (state \(session.state.rawValue)), not \(expected ?? "none")")
        }
        if let name = e.variable {
            let value = session.value(of: CompiledNode.reference(name))
            if let value {
                if let wanted = e.equals, value != wanted, value.displayText != wanted.displayText {
                    failures.append("\(name) is \(FlowEngine.describe(value)), not \(FlowEngine.describe(wanted))")
                }
            } else {
                failures.append("\(name) is not set")
            }
        }
        if let m = e.messageSent, !outbox.contains(where: { Self.matches(m, $0) }) {
            let sent = outbox.map { "to \($0.to): '\($0.message)'" }
            failures.append("no such message was sent" + (sent.isEmpty ? " (none was sent)" : " (sent: \(sent.joined(separator: "; ")))"))
        }
        return failures
    }

    static func matches(_ m: RunExpectation.Sent, _ sent: OutboxMessage) -> Bool {
        if let to = m.to, sent.to != to { return false }
        if let channel = m.channel, sent.channel != channel { return false }
        if let text = m.contains, !sent.message.contains(text) { return false }
        if let exact = m.message, sent.message != exact { return false }
        return true
    }
}
