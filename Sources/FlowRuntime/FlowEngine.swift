import FlowKit
import Foundation
import GRDB

/// Runs sessions of flow versions node by node (DESIGN §4, §10, §11).
///
/// An actor: every trigger, reply and timer is handled one at a time up to its first
/// suspension (an HTTP call, a webhook delivery), so claiming a waiting session, checking
/// the duplicate guard and saving happen without another trigger slipping in between.
/// While one session awaits an HTTP answer, others proceed; `inFlight` keeps a session
/// that is mid-activation from being woken twice.
public actor FlowEngine {
    public let store: any SessionStore
    public let flows: any LiveFlowSource
    public let apps: any AppResolver
    public let clock: any RuntimeClock
    public let http: any HTTPClient
    public let options: EngineOptions

    /// Compiled versions by flow and version; versions never change once live.
    private var compiled: [FlowKey: CompiledFlow] = [:]
    var inFlight: Set<String> = []
    private var sequence = 0
    private var random = FastRandom()

    public init(store: any SessionStore, flows: any LiveFlowSource, apps: any AppResolver,
                clock: any RuntimeClock = SystemClock(), http: any HTTPClient = NetworkHTTPClient.shared,
                options: EngineOptions = EngineOptions()) {
        self.store = store
        self.flows = flows
        self.apps = apps
        self.clock = clock
        self.http = http
        self.options = options
    }

    /// The engine `serve` runs: the workspace's live flows (`WorkspaceFlowSource`, unless
    /// `flows` is given), its channel apps (`WorkspaceAppResolver`), and sessions, outbox
    /// and logbooks in its database (`DatabaseSessionStore`), saved after every step.
    public static func persistent(workspace: Workspace, flows: (any LiveFlowSource)? = nil,
                                  clock: any RuntimeClock = SystemClock(),
                                  http: any HTTPClient = NetworkHTTPClient.shared,
                                  options: EngineOptions = EngineOptions()) throws(WorkspaceError) -> FlowEngine {
        persistent(workspace: workspace, storage: try SQLiteRuntimeStorage(workspace: workspace), flows: flows,
                   clock: clock, http: http, options: options)
    }

    /// `persistent` on the runtime tables of `storage` (the workspace's database, SQLite
    /// or PostgreSQL).
    public static func persistent(workspace: Workspace, storage: any RuntimeStorage,
                                  flows: (any LiveFlowSource)? = nil,
                                  clock: any RuntimeClock = SystemClock(),
                                  http: any HTTPClient = NetworkHTTPClient.shared,
                                  options: EngineOptions = EngineOptions()) -> FlowEngine {
        FlowEngine(store: storage.sessions,
                   flows: flows ?? WorkspaceFlowSource(workspace: workspace),
                   apps: WorkspaceAppResolver(workspace: workspace, outbox: storage.outbox, http: http),
                   clock: clock, http: http, options: options)
    }

    // MARK: - Triggers

    /// Starts a session of `flow` (its `version` pins it) and runs it until it waits or
    /// ends. Refused when the flow is paused or the duplicate guard finds an active
    /// session with the same unique identifier.
    ///
    /// Like every entry point (trigger, reply), it returns once the session is on disk
    /// (`acknowledge()`); the wait happens off the actor, so other triggers run meanwhile
    /// and share the group commit.
    @discardableResult
    public nonisolated func startSession(flow: LiveFlow, trigger: TriggerPayload) async throws(RuntimeError) -> Session {
        let session = try await start(flow, trigger)
        do { try await acknowledge([session]) } catch {
            await endRefused([session.id], error)
            throw error
        }
        return session
    }

    /// `startSession` without waiting for the session to be on disk.
    func start(_ flow: LiveFlow, _ trigger: TriggerPayload) async throws(RuntimeError) -> Session {
        let program = compiledFlow(flow)
        guard flow.state == .running else {
            throw .flowPaused(flowId: flow.flowId, name: flow.document.name)
        }
        guard let startIndex = program.startIndex else { throw .invalidFlow("it has no Start node") }
        let now = clock.now
        let startID = program.nodes[startIndex].id
        var session = Session(id: newSessionID(), flowId: flow.flowId, version: flow.version,
                              currentNode: startID, variables: program.initialVariables,
                              outputs: [startID: trigger.outputs], createdAt: now, updatedAt: now)
        if let from = trigger.from, !from.isEmpty { session.customer = from }
        if let identifier = program.uniqueIdentifier {
            let key = identifier.render { [session] in
                session.value(of: $0, system: SystemValueContext(session: session, flowName: flow.document.name, now: now))
            }
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if !key.isEmpty {
                let existing: Session?
                do { existing = try store.activeSession(flowId: flow.flowId, uniqueKey: key) }
                catch { throw .database(error) }
                if let existing {
                    throw .duplicateSession(flowId: flow.flowId, key: key, existingSession: existing.id)
                }
                session.uniqueKey = key
                // Across processes the store's unique index decides (PostgreSQL).
                let holder: String?
                do { holder = try store.reserveUniqueKey(session) } catch { throw .database(error) }
                if let holder { throw .duplicateSession(flowId: flow.flowId, key: key, existingSession: holder) }
            }
        }
        let versionText = flow.version.map { "version \($0)" } ?? "draft"
        session.transcript.append(TranscriptEntry(time: now, node: startID, kind: .start,
                                                  text: "started (\(versionText)) by \(trigger.summary)"))
        emit(.started, session, trigger.summary)
        inFlight.insert(session.id)
        defer { inFlight.remove(session.id) }
        do {
            try await activate(&session, program)
        } catch {
            // A node with an effect outside the process waited for the database and it
            // failed: the trigger is refused, so the session must not run on later.
            if error.isStorageFailure, session.state.isActive { endRefused(&session, error) }
            throw error
        }
        return session
    }

    /// A trigger answered with an error after its sessions ran (what they saved could not
    /// be made durable): the sender was told it failed and may send it again, so none of
    /// them may go on. A waiting one would take the replies meant for the retry's session,
    /// a running one would be resumed and do its next effect twice. They end failed; the
    /// save stays queued and lands when the database is back. Finished ones stay finished.
    func endRefused(_ ids: [String], _ error: RuntimeError) {
        for id in ids where !inFlight.contains(id) {
            guard var session = try? store.session(id: id), session.state.isActive else { continue }
            endRefused(&session, error)
        }
    }

    func endRefused(_ session: inout Session, _ error: RuntimeError) {
        finish(&session, failure: "its trigger was refused (the sessions could not be saved: \(error)); "
            + "nothing more runs, the sender may send it again")
        try? save(&session)
    }

    /// Convenience for callers holding the parts rather than a `LiveFlow`.
    @discardableResult
    public nonisolated func startSession(document: FlowDocument, flowId: String, version: Int?,
                             trigger: TriggerPayload) async throws(RuntimeError) -> Session {
        try await startSession(flow: LiveFlow(flowId: flowId, version: version, document: document),
                               trigger: trigger)
    }

    /// `POST /inbound/{channel}`: to the session waiting on (channel, from) if there is
    /// one, else starts every live flow whose Start is an inbound message on (channel, to).
    public nonisolated func deliverInbound(channel: String, from: String, to: String,
                                           message: String) async throws(RuntimeError) -> TriggerResult {
        try await acknowledged(await inbound(channel: channel, from: from, to: to, message: message))
    }

    func inbound(channel: String, from: String, to: String, message: String) async throws(RuntimeError) -> TriggerResult {
        let waiting: Session?
        do { waiting = try store.waitingSession(channel: channel, address: from) }
        catch { throw .database(error) }
        if let candidate = waiting, !inFlight.contains(candidate.id), var session = try await claim(candidate) {
            let event: WakeEvent = session.waiting?.kind == .digits
                ? .digits(message) : .message(from: from, text: message)
            try await wake(&session, event)
            return TriggerResult(delivered: session)
        }
        let payload = TriggerPayload.inboundMessage(channel: channel, from: from, to: to, message: message)
        return try await startMatching(payload, what: "\(channel) messages to \(to)") { flow in
            let t = flow.trigger
            return t.kind == .inboundMessage && t.channel == channel && t.address == to
        }
    }

    /// `POST /hooks/{path}`: starts every live flow whose Start is a webhook on `path`
    /// (a webhook Start with an empty path answers on the flow id).
    /// A flow whose webhook Start has a signing secret starts only when `signature` (the
    /// `X-FlowCanvas-Signature` header) signs `rawBody`; else it is refused with 401.
    public nonisolated func triggerWebhook(path: String, body: JSONValue, rawBody: Data = Data(),
                                           signature: String? = nil) async throws(RuntimeError) -> TriggerResult {
        try await acknowledged(await webhook(path: path, body: body, rawBody: rawBody, signature: signature))
    }

    func webhook(path: String, body: JSONValue, rawBody: Data = Data(), signature: String? = nil) async throws(RuntimeError) -> TriggerResult {
        let wanted = path.hasPrefix("/") || path.hasSuffix("/")
            ? path.trimmingCharacters(in: CharacterSet(charactersIn: "/")) : path
        return try await startMatching(.webhook(body: body), what: "webhook path '\(wanted)'", refuse: { flow in
            guard let secret = flow.signingSecret else { return nil }
            return WebhookSignature.refusal(header: signature, body: rawBody, secret: secret).map(RuntimeError.badSignature)
        }) { flow in
            flow.trigger.kind == .webhook && flow.webhookPath == wanted
        }
    }

    /// `POST /events/{name}`: starts every live flow whose Start is that custom event.
    public nonisolated func triggerEvent(name: String, body: JSONValue) async throws(RuntimeError) -> TriggerResult {
        try await acknowledged(await event(name: name, body: body))
    }

    func event(name: String, body: JSONValue) async throws(RuntimeError) -> TriggerResult {
        try await startMatching(.event(body: body), what: "event '\(name)'") { flow in
            flow.trigger.kind == .customEvent && flow.trigger.event == name
        }
    }

    /// A (simulated) call from `from` to `to`: starts voice flows whose Start is an
    /// inbound call on `to`. Digits then arrive as inbound messages on channel `voice`.
    public nonisolated func startCall(from: String, to: String) async throws(RuntimeError) -> TriggerResult {
        try await acknowledged(await call(from: from, to: to))
    }

    func call(from: String, to: String) async throws(RuntimeError) -> TriggerResult {
        try await startMatching(.inboundCall(from: from, to: to), what: "calls to \(to)") { flow in
            flow.trigger.kind == .inboundCall && flow.trigger.address == to
        }
    }

    /// Delivers a message (or digits) to one particular waiting session — the customer's
    /// reply in a test run.
    @discardableResult
    public nonisolated func reply(toSession id: String, message: String) async throws(RuntimeError) -> Session {
        let session = try await replyNow(toSession: id, message: message)
        try await acknowledge([session])
        return session
    }

    func replyNow(toSession id: String, message: String) async throws(RuntimeError) -> Session {
        let loaded = try loadSession(id)
        guard loaded.state == .waiting, let wait = loaded.waiting, wait.kind != .timer,
              !inFlight.contains(id), var session = try await claim(loaded) else { throw .sessionNotWaiting(id) }
        let event: WakeEvent = wait.kind == .digits
            ? .digits(message) : .message(from: wait.address ?? "", text: message)
        try await wake(&session, event)
        return session
    }

    /// `refuse`: a reason a matching flow must not start for this request (a bad signature).
    private func startMatching(_ payload: TriggerPayload, what: String,
                               refuse: (CompiledFlow) -> RuntimeError? = { _ in nil },
                               _ matches: (CompiledFlow) -> Bool) async throws(RuntimeError) -> TriggerResult {
        let live: [LiveFlow]
        do { live = try flows.liveFlows() } catch { throw .database(error) }
        let candidates = live.filter { matches(compiledFlow($0)) }
        if candidates.isEmpty { throw .noMatchingFlow(what) }
        var result = TriggerResult()
        for flow in candidates {
            if let refusal = refuse(compiledFlow(flow)) {
                result.refused.append(refusal)
                continue
            }
            do { result.started.append(try await start(flow, payload)) }
            catch { result.refused.append(error) }
        }
        return result
    }

    /// Takes a waiting session for this process (`SessionStore.claimWaiting`); nil when
    /// another process took it first. Marked in flight meanwhile, so this process does
    /// not try twice while the claim is on its way.
    func claim(_ session: Session) async throws(RuntimeError) -> Session? {
        inFlight.insert(session.id)
        defer { inFlight.remove(session.id) }
        do { return try await store.claimWaiting(session) } catch { throw .database(error) }
    }

    // MARK: - Queries

    public func session(id: String) throws(RuntimeError) -> Session? {
        do { return try store.session(id: id) } catch { throw .database(error) }
    }

    // MARK: - Activation

    enum WakeEvent {
        case message(from: String, text: String)
        case digits(String)
        case timer
    }

    /// Wakes a waiting session with what it waited for and runs it on.
    func wake(_ session: inout Session, _ event: WakeEvent) async throws(RuntimeError) {
        let id = session.id
        inFlight.insert(id)
        defer { inFlight.remove(id) }
        guard let program = try compiledFlow(for: session) else {
            finish(&session, failure: "flow '\(session.flowId)' version \(session.version.map(String.init) ?? "draft") no longer exists")
            try save(&session)
            return
        }
        guard let nodeID = session.currentNode, let index = program.indexByID[nodeID] else {
            finish(&session, failure: "the node '\(session.currentNode ?? "")' it waited at no longer exists")
            try save(&session)
            return
        }
        session.state = .running
        session.waiting = nil
        session.timerDue = nil
        let result = wakeResult(program.program[index], nodeID: nodeID, event: event, &session)
        emit(.resumed, session, nodeID)
        apply(result, at: index, &session, program)
        try save(&session)
        try await activate(&session, program)
    }

    /// The outcome a waiting node takes when woken.
    private func wakeResult(_ node: CompiledNode, nodeID: String, event: WakeEvent,
                            _ session: inout Session) -> StepResult {
        switch (node, event) {
        case (.receive, .message(let from, let text)):
            session.outputs[nodeID] = ["message": .string(text), "from": .string(from)]
            return .outcome("received", .received, "from \(from): \(text)")
        case (.receive(_, let timeout), .timer):
            return .outcome("timeout", .timer, "no message within \(CanonicalJSON.formatNumber(timeout)) s")
        case (.collectInput(_, let maxDigits, _), .digits(let raw)), (.collectInput(_, let maxDigits, _), .message(_, let raw)):
            let digits = raw.trimmingCharacters(in: .whitespaces)
            session.outputs[nodeID] = ["digits": .string(digits)]
            let valid = !digits.isEmpty && digits.count <= maxDigits
                && digits.allSatisfy { "0123456789*#".contains($0) }
            return valid ? .outcome("collected", .received, "digits \(digits)")
                : .outcome("invalid", .received, "'\(digits)' is not up to \(maxDigits) keypad digits")
        case (.collectInput(_, _, let timeout), .timer):
            return .outcome("timeout", .timer, "no digits within \(CanonicalJSON.formatNumber(timeout)) s")
        case (.delay(let seconds), .timer):
            return .outcome("next", .timer, "waited \(CanonicalJSON.formatNumber(seconds)) s")
        default:
            return .fail("node '\(nodeID)' cannot take \(event)")
        }
    }

    /// Runs the session node by node until it waits, ends, fails or exhausts the step budget.
    ///
    /// Saved when it parks or ends, and before each node that reaches outside the process
    /// (http-request, send). Between two nodes that do not (set-variables, branch,
    /// evaluate, data-parser, log…) nothing is saved: the engine does not suspend there,
    /// so no other trigger can look, and after a crash the session resumes from its last
    /// save and runs those nodes again with the same result. Saving them too cost a copy
    /// of the whole session per step, most of the time of a short session.
    func activate(_ session: inout Session, _ program: CompiledFlow) async throws(RuntimeError) {
        var budget = options.stepBudget
        while session.state == .running {
            guard let nodeID = session.currentNode, let index = program.indexByID[nodeID] else {
                finish(&session, failure: "node '\(session.currentNode ?? "")' does not exist in this version")
                break
            }
            if budget == 0 {
                finish(&session, failure: "stopped after \(options.stepBudget) steps without waiting: the flow loops")
                break
            }
            budget -= 1
            if program.program[index].reachesOutside {
                // The call suspends the engine: other triggers must see this session
                // (duplicate guard, replies) while it waits on the outside world…
                try save(&session)
                // …and, saving every step, it is on disk at this node before the call:
                // after a crash the node runs again (at least once), never not at all.
                if options.persistEveryStep { try await durable() }
            }
            let result = await execute(index, &session, program)
            session.steps += 1
            apply(result, at: index, &session, program)
        }
        try save(&session)
    }

    /// What a node's execution decided.
    enum StepResult {
        /// Follow the connector of this outcome; the transcript gets `kind`: "outcome: detail".
        case outcome(String, TranscriptEntry.Kind, String)
        /// Follow the connector silently (the Start node).
        case proceed(String)
        /// Wait for a message/digits/timer; `timer` seconds from now.
        case park(SessionWait, timer: Double?, String)
        /// The session is done, with a flow outcome or none.
        case finish(outcome: String?, String)
        /// The session failed.
        case fail(String)
    }

    func apply(_ result: StepResult, at index: Int, _ session: inout Session, _ program: CompiledFlow) {
        let nodeID = program.nodes[index].id
        let now = clock.now
        session.updatedAt = now
        switch result {
        case .proceed(let outcome):
            follow(outcome, from: index, detail: nil, &session, program)
        case .outcome(let outcome, let kind, let detail):
            session.transcript.append(TranscriptEntry(time: now, node: nodeID, kind: kind,
                                                      text: detail.isEmpty ? outcome : outcome + ": " + detail))
            follow(outcome, from: index, detail: detail, &session, program)
        case .park(let wait, let timer, let detail):
            session.state = .waiting
            session.waiting = wait
            session.timerDue = timer.map { now.addingTimeInterval($0) }
            session.transcript.append(TranscriptEntry(time: now, node: nodeID, kind: .waiting, text: detail))
            emit(.waiting, session, detail)
        case .finish(let outcome, let detail):
            session.transcript.append(TranscriptEntry(time: now, node: nodeID, kind: .end, text: detail))
            session.state = .done
            session.outcome = outcome
            session.waiting = nil
            session.timerDue = nil
            emit(.done, session, outcome ?? "no outcome")
        case .fail(let reason):
            finish(&session, failure: reason)
        }
    }

    /// Moves to the node an outcome connects to. An unconnected `error` or `failed`
    /// outcome fails the session (a failure nobody handles is a failure, with the reason);
    /// any other unconnected outcome (a receive `timeout`, a branch's `none`) ends it
    /// `done` without a flow outcome, saying which outcome had no connector.
    private func follow(_ outcome: String, from index: Int, detail: String?, _ session: inout Session,
                        _ program: CompiledFlow) {
        if let target = program.targets[index][outcome] {
            session.currentNode = program.nodes[target].id
            return
        }
        let nodeID = program.nodes[index].id
        if outcome == "error" || outcome == "failed" {
            finish(&session, failure: "node '\(nodeID)' failed and its '\(outcome)' outcome has no connector"
                   + (detail.map { ": \($0)" } ?? ""))
            return
        }
        session.transcript.append(TranscriptEntry(time: clock.now, node: nodeID, kind: .end,
                                                  text: "ended: outcome '\(outcome)' has no connector"))
        session.state = .done
        session.outcome = nil
        emit(.done, session, "outcome '\(outcome)' of '\(nodeID)' has no connector")
    }

    func finish(_ session: inout Session, failure reason: String) {
        session.state = .failed
        session.failureReason = reason
        session.waiting = nil
        session.timerDue = nil
        session.updatedAt = clock.now
        session.transcript.append(TranscriptEntry(time: clock.now, node: session.currentNode, kind: .error, text: reason))
        emit(.failed, session, reason)
    }

    // MARK: - Helpers

    func save(_ session: inout Session) throws(RuntimeError) {
        do { try store.save(&session) } catch { throw .database(error) }
    }

    /// Waits until every save so far is on disk.
    func durable() async throws(RuntimeError) {
        do { try await store.durable() } catch { throw .database(error) }
    }

    /// Before answering a trigger, reply or timer: the sessions it touched are on disk
    /// (unless `EngineOptions.acknowledgeDurably` is off). Nonisolated: the wait does not
    /// hold, nor come back to, the actor.
    /// A session left waiting (or running) is made durable whatever the option says:
    /// the reply it waits for may come after a restart.
    nonisolated func acknowledge(_ sessions: [Session] = []) async throws(RuntimeError) {
        guard options.acknowledgeDurably || sessions.contains(where: { $0.state.isActive }) else { return }
        do { try await store.durable() } catch { throw .database(error) }
    }

    nonisolated func acknowledged(_ result: TriggerResult) async throws(RuntimeError) -> TriggerResult {
        if result.accepted {
            do { try await acknowledge(result.started + (result.delivered.map { [$0] } ?? [])) } catch {
                await endRefused(result.started.map(\.id), error)
                throw error
            }
        }
        return result
    }

    func loadSession(_ id: String) throws(RuntimeError) -> Session {
        let found: Session?
        do { found = try store.session(id: id) } catch { throw .database(error) }
        guard let found else { throw .unknownSession(id) }
        return found
    }

    private func emit(_ kind: SessionEvent.Kind, _ session: Session, _ detail: String) {
        guard let onEvent = options.onEvent else { return }
        onEvent(SessionEvent(kind: kind, sessionId: session.id, flowId: session.flowId, version: session.version,
                             node: session.currentNode, detail: detail))
    }

    private func newSessionID() -> String {
        switch options.sessionIDs {
        case .uuid: return SessionID.make(now: clock.now, random: &random)
        case .sequential(let prefix):
            sequence += 1
            return "\(prefix)\(sequence)"
        }
    }

    struct FlowKey: Hashable {
        var flowId: String
        var version: Int?
    }

    /// The compiled form of a flow version. A numbered version is compiled once; a draft
    /// (version nil) is recompiled whenever its document changed.
    func compiledFlow(_ flow: LiveFlow) -> CompiledFlow {
        let key = FlowKey(flowId: flow.flowId, version: flow.version)
        if let cached = compiled[key], flow.version != nil || cached.document == flow.document {
            return cached
        }
        let program = CompiledFlow(flow)
        compiled[key] = program
        return program
    }

    /// The version a session is pinned to: from the cache, else from the flow source.
    func compiledFlow(for session: Session) throws(RuntimeError) -> CompiledFlow? {
        if let cached = compiled[FlowKey(flowId: session.flowId, version: session.version)] { return cached }
        let flow: LiveFlow?
        do { flow = try flows.flow(id: session.flowId, version: session.version) }
        catch { throw .database(error) }
        return flow.map(compiledFlow)
    }
}
