/// A small interactive tour of the widgets, for checking a terminal by hand:
/// `TerminalUIDemo.run()` from any executable. Not part of the product UI.
public enum TerminalUIDemo {
    /// Runs the demo on the real terminal; returns the process exit status.
    public static func run() -> Int32 {
        let backend: NcursesBackend
        do { backend = try NcursesBackend() } catch let e as TerminalError {
            print(e.description)
            return e.exitCode
        } catch { return 2 }
        let recorder = FrameRecorder(backend)
        let app = TerminalApp(backend: recorder)
        let outcome = app.run(root: DemoScreen(glyphs: backend.glyphs))
        backend.shutdown()
        if case .signal(let s) = outcome { NcursesBackend.reraise(s) }
        // Bytes written per frame (first one is the full screen), for checking output cost.
        let perFrame = recorder.frames.map { "\($0.bytes ?? -1)B/\($0.cells)c" }.joined(separator: " ")
        print("demo done, \(backend.totalBytes) bytes written; frames: \(perFrame)")
        return 0
    }
}

final class DemoScreen: Screen {
    let minimumSize = Size(width: 60, height: 16)
    var list: ListView
    var form: Form
    var dialog: ModalDialog?
    var focus = 0  // 0 list, 1 form
    var log: [String] = []
    /// The event log redraws on every key; switch it off (Ctrl-L) to measure a key's own cost.
    var logEvents = true

    init(glyphs: GlyphSet) {
        list = ListView(items: [.header("Messaging"), ListItem("Send SMS", detail: "sms"), ListItem("Send Email", detail: "email"),
                                .header("Logic"), ListItem("Branch", detail: "if"), ListItem("Wait"), ListItem("日本語ラベル")],
                        isFilterable: true, focused: true)
        form = Form(fields: [
            FormField(id: "label", label: "Label", mandatory: true, control: .text(TextField(text: "Welcome"))),
            FormField(id: "channel", label: "Channel", control: .select(SelectField(options: ["sms", "email", "voice"]))),
            FormField(id: "body", label: "Body", mandatory: true, error: "must not be empty", control: .area(TextArea(), rows: 3)),
        ])
    }

    func render(into buffer: inout CellBuffer, size: Size) {
        let listRect = Rect(x: 0, y: 0, width: 26, height: size.height - 1)
        var pane = Pane(title: "Palette", focused: focus == 0)
        pane.render(into: &buffer, in: listRect)
        list.focused = focus == 0
        list.render(into: &buffer, in: Pane.contentRect(of: listRect))
        let formRect = Rect(x: 26, y: 0, width: size.width - 26, height: size.height - 8)
        var formPane = Pane(title: "Form", focused: focus == 1)
        formPane.render(into: &buffer, in: formRect)
        form.render(into: &buffer, in: Pane.contentRect(of: formRect).inset(left: 1))
        let logRect = Rect(x: 26, y: size.height - 8, width: size.width - 26, height: 7)
        var logPane = Pane(title: "Events")
        logPane.render(into: &buffer, in: logRect)
        for (i, line) in log.suffix(5).enumerated() { buffer.put(line, x: logRect.x + 2, y: logRect.y + 1 + i, maxWidth: logRect.width - 3) }
        buffer.drawPath([Point(x: 20, y: 3), Point(x: 30, y: 3)], style: Style(foreground: .yellow))
        var bar = StatusBar(left: ["demo", "\(size.width)\(buffer.glyphs.times)\(size.height)"], right: ["F2 dialog"],
                            hints: [KeyHint("Tab", "focus"), KeyHint("q", "quit")])
        bar.render(into: &buffer, in: Rect(x: 0, y: size.height - 1, width: size.width, height: 1))
        if var d = dialog { d.render(into: &buffer, in: buffer.bounds); dialog = d }
    }

    func handle(_ event: Event) -> ScreenAction {
        if logEvents { log.append(describe(event)) }
        if var d = dialog {
            _ = d.handle(event)
            dialog = d.outcome == .pending ? d : nil
            if let chosen = d.chosenButton, chosen == "Quit" { return .quit }
            return .none
        }
        if event == .ctrl("l") { logEvents.toggle(); return .none }
        if event == .key(.function(2)) {
            dialog = ModalDialog(title: "Unsaved changes", message: "Quit and lose the changes to this demo?", buttons: ["Quit", "Stay"], focusedButton: 1)
            return .none
        }
        if focus == 0, list.handle(event) { return .none }
        if focus == 1, event != .key(.tab), event != .key(.backTab), form.handle(event) { return .none }
        switch event {
        case .key(KeyEvent(.tab, [])), .key(KeyEvent(.backTab, [])): focus = 1 - focus
        case .char("q"), .ctrl("c"): return .quit
        default: break
        }
        return .none
    }

    private func describe(_ e: Event) -> String {
        switch e {
        case .key(let k): return "key \(k)"
        case .mouse(let m): return "mouse \(m.action) \(m.button) at \(m.x),\(m.y)"
        case .resize(let w, let h): return "resize \(w)x\(h)"
        case .paste(let text): return "paste of \(text.count) characters"
        }
    }
}

/// Forwards to the ncurses backend and keeps each frame's output cost.
final class FrameRecorder: TerminalBackend {
    let inner: NcursesBackend
    var frames: [(bytes: Int?, cells: Int)] = []
    init(_ inner: NcursesBackend) { self.inner = inner }
    var size: Size { inner.size }
    var glyphs: GlyphSet { inner.glyphs }
    func present(_ buffer: CellBuffer) {
        inner.present(buffer)
        frames.append((inner.lastFrameBytes, inner.lastChangedCells))
    }
    func readEvent(timeoutMs: Int) -> Event? { inner.readEvent(timeoutMs: timeoutMs) }
    func takePendingSignal() -> Int32? { inner.takePendingSignal() }
    func suspend(_ body: () throws -> Void) rethrows { try inner.suspend(body) }
    func shutdown() { inner.shutdown() }
}
