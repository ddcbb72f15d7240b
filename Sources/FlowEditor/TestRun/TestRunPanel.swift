import FlowCanvasView
import FlowKit
import FlowRuntime
import Foundation
import TerminalUI

/// The editor's test-run panel (`T` on the canvas): pick a trigger payload, then play the
/// customer against the document as it is on screen (unsaved edits included), on a
/// virtual clock, with nothing written anywhere.
///
/// Engine calls are async (an http-request node makes a real call). The panel launches
/// each one as a task and waits for it at most `syncWait` seconds, which covers every
/// flow without HTTP (they run in microseconds), so the next frame already shows the
/// result. Anything slower shows "running…" and the canvas screen's `tick()` polls
/// (`poll()`), redrawing when the answer is in; the HTTP node's own timeout bounds the
/// wait, and Esc closes the panel at any time (the abandoned call finishes unseen).
public final class TestRunPanel {
    public enum Phase: Equatable, Sendable {
        /// Step 1: choosing the trigger payload.
        case setup
        /// The engine is working (an HTTP call takes a while).
        case running
        case waitingForReply
        case waitingForDigits
        /// A delay, or nothing but a timer left to wait for.
        case waitingForTimer
        case done(outcome: String?)
        case failed(String)
    }

    /// What the screen should do after a key.
    public enum Response: Equatable, Sendable {
        case keep
        case close
        /// An editor action from the panel's command line that is not a test-run one: the
        /// screen closes the panel and runs it.
        case perform(EditorAction)
        /// A transcript step was clicked: show its node on the canvas.
        case showNode(String)
        /// `+` / `-`: the canvas zooms in (true) or out.
        case zoomCanvas(in: Bool)
    }

    public let document: FlowDocument
    public let flowId: String
    /// The version being tried; nil for the working draft.
    public let version: Int?
    public private(set) var trigger: TestRunTrigger
    public private(set) var fieldIndex = 0
    var fieldEditors: [TextField]
    /// The reply (or digits, or seconds to wait) being typed.
    var input = TextField()
    public internal(set) var showVariables = false
    /// Why the last action did not happen; cleared by the next key.
    public internal(set) var problem: String?
    /// Transcript lines scrolled back from the bottom (0: the newest are shown).
    var scrollBack = 0
    public var theme: Theme
    /// How long an action may hold the UI thread before the panel shows "running…".
    public var syncWait: Double
    let http: any HTTPClient

    private(set) var runtime: TestRunEngine?
    private var job: TestRunJob?
    private var lastPayload: TriggerPayload?
    /// The session as the last finished engine call left it.
    public private(set) var session: Session?
    /// Why the run could not even start (the engine refused the trigger).
    private var startFailure: String?
    /// Errors in the document when the panel opened (a run may fail where they are).
    public let errorCount: Int
    /// Where the canvas cursor was when the panel opened (the screen parks it meanwhile).
    var cursorBeforeRun: GridPoint?
    /// Stubbed http-request nodes (the canvas screen keeps them for the editing session).
    public let stubs: HTTPStubTable
    /// What was done since the run started, as script steps (Ctrl-O saves them).
    public internal(set) var recorded: [RunStep] = []
    /// The stub form (Ctrl-B) or the save prompt (Ctrl-O), over the screen.
    var stubForm: TestRunStubForm?
    var savePrompt: InputDialog?
    /// The `:` command line opened from the panel (TestRunCommand.swift).
    var commandPrompt: CommandLinePrompt?
    /// Set by `+` / `-` for `handle` to answer with (the canvas zooms, not the panel).
    private var pendingZoom: Bool?
    let catalog: NodeCatalog
    /// Where the last frame drew the clickable parts (TestRunPanel+Mouse.swift).
    var hitAreas = TestRunHitAreas()
    /// What the last stub or save did (shown where a problem would be).
    public internal(set) var notice: String?
    public internal(set) var savedScriptPath: String?

    public init(document: FlowDocument, flowId: String, version: Int?, catalog: NodeCatalog = .standard,
                http: any HTTPClient = NetworkHTTPClient.shared, syncWait: Double = 0.5, theme: Theme = .standard,
                stubs: HTTPStubTable = HTTPStubTable()) {
        self.stubs = stubs
        self.catalog = catalog
        self.document = document
        self.flowId = flowId
        self.version = version
        self.http = http
        self.syncWait = syncWait
        self.theme = theme
        trigger = TestRunTrigger(document: document)
        fieldEditors = trigger.fields.map { TextField(text: $0.text, theme: theme) }
        errorCount = Validator(catalog: catalog).validate(document).errors.count
        focusField(0)
    }

    // MARK: - State

    public var phase: Phase {
        if runtime == nil { return .setup }
        if job != nil { return .running }
        guard let session else { return .failed(startFailure ?? "the run did not start") }
        switch session.state {
        case .running: return .running
        case .waiting:
            switch session.waiting?.kind {
            case .message?: return .waitingForReply
            case .digits?: return .waitingForDigits
            case .timer?, nil: return .waitingForTimer
            }
        case .done: return .done(outcome: session.outcome)
        case .failed: return .failed(session.failureReason ?? "no reason recorded")
        }
    }

    /// The node the canvas highlights: where the session waits, or where it ended.
    public var activeNode: String? { runtime == nil ? nil : session?.currentNode }

    /// Seconds on the virtual clock since the run started.
    public var clockSeconds: Double {
        guard let runtime else { return 0 }
        return runtime.clock.now.timeIntervalSince(runtime.startedAt)
    }

    /// Seconds until the session's timer (a delay, or a reply's timeout) falls due.
    public var secondsToTimer: Double? {
        guard let runtime, let due = session?.timerDue else { return nil }
        return max(0, due.timeIntervalSince(runtime.clock.now))
    }

    /// The text being typed at the bottom of the panel.
    public var inputText: String { input.text }

    /// Whether typed characters go into the input line (a reply or digits is awaited), so
    /// the panel's commands need Ctrl.
    var typingReply: Bool { phase == .waitingForReply || phase == .waitingForDigits }

    /// One line per transcript entry, as the panel shows them (before wrapping).
    public var transcript: [String] {
        guard let session, let runtime else { return [] }
        return TestRunTranscript.lines(session.transcript, since: runtime.startedAt, glyphs: .unicode).map(\.text)
    }

    /// `name = value` for every variable and node output, as `v` shows them.
    public var variableLines: [String] { session.map(TestRunTranscript.variables) ?? [] }

    /// Messages the flow sent, in order (the in-memory outbox).
    public var sentMessages: [String] { runtime?.outbox.messages.map(\.message) ?? [] }

    // MARK: - Keys

    public func handle(_ event: Event) -> Response {
        if commandPrompt != nil { return handleCommandPrompt(event) }
        if case .mouse(let m) = event { return handleMouse(m) }
        if stubForm != nil || savePrompt != nil { handleOverlay(event); return .keep }
        guard case .key(let key) = event else { return .keep }
        if EditorKeymaps.testRunAll.action(for: key) == .close { return .close }
        problem = nil
        notice = nil
        pendingZoom = nil
        if let k = EditorKeymaps.testRunAll.action(for: key), k == .stubs || k == .saveScript { overlayCommand(k); return .keep }
        // Alt-x: the command line in every phase, also where `:` is typed into a field.
        if EditorKeymaps.testRunAll.action(for: key) == .commands { openCommandPrompt(); return .keep }
        if scrollKey(key) { return .keep }
        switch phase {
        case .setup: handleSetupKey(key)
        case .running: problem = "still running (an HTTP call?): wait, or Esc to close"
        case .waitingForReply, .waitingForDigits: handleReplyKey(key)
        case .waitingForTimer: handleTimerKey(key)
        case .done, .failed: if let k = EditorKeymaps.testRunDone.action(for: key) { command(k) }
        }
        if let zoom = pendingZoom { return .zoomCanvas(in: zoom) }
        return .keep
    }

    private func handleSetupKey(_ key: KeyEvent) {
        switch EditorKeymaps.testRunSetup.action(for: key) {
        case .start?: start()
        case .nextField?: focusField(fieldIndex + 1)
        case .previousField?: focusField(fieldIndex - 1)
        default:
            guard fieldEditors.indices.contains(fieldIndex) else { return }
            _ = fieldEditors[fieldIndex].handle(.key(key))
            trigger.fields[fieldIndex].text = fieldEditors[fieldIndex].text
        }
    }

    private func handleReplyKey(_ key: KeyEvent) {
        switch EditorKeymaps.testRunReply.action(for: key) {
        case .sendReply?: sendReply()
        case .passTimeout?: waitPastTimer(seconds: nil)
        case let k?: command(k)
        case nil: _ = input.handle(.key(key))
        }
    }

    private func handleTimerKey(_ key: KeyEvent) {
        switch EditorKeymaps.testRunTimer.action(for: key) {
        case .wait?:
            let typed = input.text.trimmingCharacters(in: .whitespaces)
            if typed.isEmpty { waitPastTimer(seconds: nil); return }
            guard let seconds = Double(typed), seconds >= 0 else { problem = "'\(typed)' is not a number of seconds"; return }
            waitPastTimer(seconds: seconds)
        case let k?:
            command(k)
        case nil:
            // The seconds to wait: digits and a point, and the field's editing keys.
            if let c = key.character, c.isNumber || c == "." { input.insert(String(c)); return }
            switch key.key {
            case .backspace, .left, .right, .home, .end, .delete: _ = input.handle(.key(key))
            default: break
            }
        }
    }

    /// Restart, edit the trigger, show the variables, `:`: the keys shared by the phases.
    private func command(_ key: TestRunKey) {
        switch key {
        case .restart: restart()
        case .editTrigger: editTrigger()
        case .toggleVariables: showVariables.toggle()
        case .commands: openCommandPrompt()
        case .zoomIn: pendingZoom = true
        case .zoomOut: pendingZoom = false
        default: break
        }
    }

    private func scrollKey(_ key: KeyEvent) -> Bool {
        guard phase != .setup else { return false }
        let action = EditorKeymaps.testRunAll.action(for: key) ?? (typingReply ? nil : EditorKeymaps.testRunLines.action(for: key))
        switch action {
        case .scrollBack?: scrollBack += 5
        case .scrollForward?: scrollBack = max(0, scrollBack - 5)
        case .lineBack?: scrollBack += 1
        case .lineForward?: scrollBack = max(0, scrollBack - 1)
        default: return false
        }
        return true
    }

    func focusField(_ index: Int) {
        guard !fieldEditors.isEmpty else { return }
        fieldIndex = (index + fieldEditors.count) % fieldEditors.count
        for i in fieldEditors.indices { fieldEditors[i].focused = i == fieldIndex }
    }

    // MARK: - Actions

    /// Enter on step 1: a fresh runtime, the session started with the payload.
    public func start() {
        switch trigger.payload() {
        case .failure(let p):
            problem = p.message
        case .success(let payload):
            lastPayload = payload
            run(payload)
        }
    }

    private func run(_ payload: TriggerPayload) {
        let runtime = TestRunEngine(flow: LiveFlow(flowId: flowId, version: version, document: document),
                                    http: StubbingHTTPClient(table: stubs, fallback: http))
        recorded = stubSteps + [.trigger(RunTrigger(from: payload.from, to: payload.to, message: payload.message,
                                                    channel: payload.channel, body: payload.body))]
        self.runtime = runtime
        session = nil
        startFailure = nil
        scrollBack = 0
        input = TextField(theme: theme)
        input.focused = true
        begin(runtime.start(payload))
    }

    /// `r`: the same trigger again on a fresh runtime (clock, sessions and outbox reset).
    public func restart() {
        guard let lastPayload else { return start() }
        run(lastPayload)
    }

    /// `e`: back to step 1, keeping what was typed there.
    public func editTrigger() {
        runtime = nil
        job = nil
        session = nil
        startFailure = nil
        input = TextField(theme: theme)
        focusField(fieldIndex)
    }

    func sendReply() {
        guard let runtime, let session else { return }
        let text = input.text
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            problem = phase == .waitingForDigits ? "type the digits first" : "type the customer's reply first"
            return
        }
        input.text = ""
        input.cursor = 0
        scrollBack = 0
        recorded.append(.reply(text))
        begin(runtime.reply(session: session.id, text))
    }

    /// `w`: moves the virtual clock by `seconds`, or just past the session's timer.
    func waitPastTimer(seconds: Double?) {
        guard let runtime, let session else { return }
        let amount: Double
        if let seconds {
            amount = seconds
        } else if let due = secondsToTimer {
            amount = due
        } else {
            problem = "no timer is pending: nothing to wait for"
            return
        }
        input.text = ""
        input.cursor = 0
        scrollBack = 0
        recorded.append(.wait(amount))
        begin(runtime.advance(session: session.id, by: amount))
    }

    private func begin(_ job: TestRunJob) {
        self.job = job
        if syncWait > 0 { job.wait(upTo: syncWait) }
        _ = poll()
    }

    /// Takes in the result of the engine call in flight, if it is done. Returns true when
    /// something changed (the screen redraws).
    @discardableResult
    public func poll() -> Bool {
        guard let job, let result = job.result else { return false }
        self.job = nil
        switch result {
        case .success(let s):
            session = s
        case .failure(let error):
            if session == nil { startFailure = error.description } else { problem = error.description }
        }
        return true
    }

    /// Blocks at most `seconds` until the engine call in flight has an answer, without taking
    /// it in (tests check that `poll()`, through `tick()`, then does). True when answered.
    func waitForAnswer(upTo seconds: Double) -> Bool {
        guard let job else { return false }
        return job.wait(upTo: seconds) != nil
    }

    /// Waits for the engine call in flight (tests; the UI polls instead).
    public func settled() async {
        if let task = job?.task { await task.value }
        poll()
    }

    /// The run is waiting on the engine.
    public var isBusy: Bool { job != nil }
}
