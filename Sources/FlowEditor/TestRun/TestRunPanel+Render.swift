import FlowKit
import FlowRuntime
import Foundation
import TerminalUI

extension TestRunPanel {
    /// Width of the panel on a screen `width` columns wide: wider than the errors pane it
    /// replaces, so transcript lines stay readable, but the canvas keeps most of the room.
    public static func width(forScreen width: Int) -> Int {
        min(60, max(30, width * 2 / 5))
    }

    /// Rows of the bottom drawer (narrow screens) out of `body` rows above the status bar:
    /// about half, leaving the canvas at least six.
    public static func drawerHeight(forBody body: Int) -> Int {
        max(0, min(body - 6, max(8, body / 2)))
    }

    /// The status line: what the session is doing now.
    public var stateText: String {
        switch phase {
        case .setup:
            return trigger.problem.map { "cannot run: \($0)" } ?? "step 1: pick the trigger, Enter starts"
        case .running:
            return "running…"
        case .waitingForReply:
            let from = session?.waiting?.address.map { " from \($0)" } ?? ""
            let timeout = secondsToTimer.map { " · timeout in \(Self.seconds($0))" } ?? ""
            return "waiting for a reply\(from)\(timeout)"
        case .waitingForDigits:
            let timeout = secondsToTimer.map { " · timeout in \(Self.seconds($0))" } ?? ""
            return "waiting for keypad digits\(timeout)"
        case .waitingForTimer:
            return "waiting: timer due in \(Self.seconds(secondsToTimer ?? 0))"
        case .done(let outcome):
            return "done · " + (outcome.map { "outcome \($0)" } ?? "no flow outcome")
        case .failed(let reason):
            return "failed: \(reason)"
        }
    }

    static func seconds(_ s: Double) -> String { CanonicalJSON.formatNumber((s * 10).rounded() / 10) + " s" }

    /// The panel's keys for the status bar: its own last rows also show the stubs, save and
    /// `:` (the status bar has no room for them before Esc).
    public var hints: [KeyHint] {
        if commandPrompt != nil { return CommandLinePrompt.hints }
        return hintKeys.map(\.hint).filter { !["^B", "^O", ":", "Alt-x"].contains($0.key) }
    }

    /// Each hint with the key it stands for: a click on a hint in the panel presses it.
    var hintKeys: [(hint: KeyHint, key: Event?)] {
        let close = (KeyHint("Esc", "close"), Event?.some(.key(.escape)))
        let stub = httpNodes.isEmpty ? [] : [(KeyHint("^B", "stubs"), Event?.some(.ctrl("b")))]
        let save = [(KeyHint("^O", "save"), Event?.some(.ctrl("o")))]
        // Where `:` is typed into a field, the command line is Alt-x.
        let commands = [(KeyHint("Alt-x", "commands"), Event?.some(.key(.alt("x"))))]
        switch phase {
        case .setup:
            return [(KeyHint("Enter", "start"), .key(.enter)), (KeyHint("Tab", "field"), .key(.tab))] + stub + commands + [close]
        case .running:
            return [close]
        case .waitingForReply, .waitingForDigits:
            return [(KeyHint("Enter", "send"), .key(.enter)), (KeyHint("^T", "timeout"), .ctrl("t")),
                    (KeyHint("^R", "restart"), .ctrl("r")), (KeyHint("^V", "vars"), .ctrl("v")),
                    (KeyHint("^E", "trigger"), .ctrl("e"))] + stub + save + commands + [close]
        case .waitingForTimer:
            return [(KeyHint("w", "wait"), .char("w")), (KeyHint("digits", "seconds"), nil),
                    (KeyHint("r", "restart"), .char("r")), (KeyHint("v", "vars"), .char("v"))] + stub + save
                + [(KeyHint(":", "commands"), .char(":")), close]
        case .done, .failed:
            return [(KeyHint("r", "restart"), .char("r")), (KeyHint("e", "trigger"), .char("e")),
                    (KeyHint("v", "vars"), .char("v"))] + stub + save + [(KeyHint(":", "commands"), .char(":")), close]
        }
    }

    var title: String {
        "Test run · " + (version.map { "v\($0)" } ?? "draft")
    }

    public func render(into b: inout CellBuffer, in rect: Rect) {
        guard !rect.isEmpty else { return }
        hitAreas = TestRunHitAreas(panel: rect)
        b.fill(rect, style: theme.text)
        var pane = Pane(title: title, focused: true, theme: theme)
        pane.render(into: &b, in: rect)
        let inner = Pane.contentRect(of: rect)
        guard inner.width > 2, inner.height > 2 else { return }
        b.withClip(inner) { b in
            if phase == .setup { renderSetup(into: &b, inner) } else { renderRun(into: &b, inner) }
        }
    }

    // MARK: Step 1

    private func renderSetup(into b: inout CellBuffer, _ r: Rect) {
        var y = r.y
        b.put("Step 1 · trigger", x: r.x, y: y, maxWidth: r.width, style: theme.paneTitle.adding(.bold))
        y += 1
        for line in TextLayout.wrap(trigger.summary(document: document), width: r.width) {
            b.put(line, x: r.x, y: y, style: theme.dimText)
            y += 1
        }
        if let note = trigger.note {
            for line in TextLayout.wrap(note, width: r.width) {
                b.put(line, x: r.x, y: y, style: theme.warning)
                y += 1
            }
        }
        y += 1
        if trigger.problem == nil {
            let labelWidth = (trigger.fields.map { DisplayWidth.of($0.name) }.max() ?? 4) + 1
            // A blank row between fields when there is room; packed when not (the 80×24
            // drawer), so every field (the message last) stays on screen.
            let step = fieldEditors.count * 2 <= r.maxY - 2 - y ? 2 : 1
            for i in fieldEditors.indices where y < r.maxY - 2 {
                let focused = i == fieldIndex
                b.put(focused ? b.glyphs.pointer : " ", x: r.x, y: y, style: theme.selected)
                b.put(trigger.fields[i].name, x: r.x + 1, y: y, maxWidth: labelWidth, style: theme.fieldLabel)
                let x = r.x + 2 + labelWidth
                fieldEditors[i].render(into: &b, in: Rect(x: x, y: y, width: max(1, r.maxX - x), height: 1))
                hitAreas.fields.append((y: y, index: i))
                y += step
            }
        }
        var notes: [(String, Style)] = []
        if let p = trigger.problem { notes.append(("\(b.glyphs.errorMark) \(p)", theme.error)) }
        if errorCount > 0 && trigger.problem == nil {
            notes.append(("\(b.glyphs.warningMark) the flow has \(errorCount) error\(errorCount == 1 ? "" : "s"): the run may fail where \(errorCount == 1 ? "it is" : "they are")",
                          theme.warning))
        }
        if let problem { notes.append(("\(b.glyphs.errorMark) \(problem)", theme.error)) }
        notes += stubNotes.map { ($0, theme.dimText) }
        if let notice { notes.append((notice, theme.dimText)) }
        for (text, style) in notes {
            for line in TextLayout.wrap(text, width: r.width) where y < r.maxY - 1 {
                b.put(line, x: r.x, y: y, style: style)
                y += 1
            }
        }
        renderHints(into: &b, r)
    }

    // MARK: Running

    private func renderRun(into b: inout CellBuffer, _ r: Rect) {
        var y = r.y
        let stateStyle: Style
        switch phase {
        case .done: stateStyle = theme.added.adding(.bold)
        case .failed: stateStyle = theme.error.adding(.bold)
        case .running: stateStyle = theme.highlight
        default: stateStyle = theme.warning.adding(.bold)
        }
        for line in TextLayout.wrap(stateText, width: r.width).prefix(3) {
            b.put(line, x: r.x, y: y, style: stateStyle)
            y += 1
        }
        let at = activeNode.map { id in
            let label = document.node(withID: id)?.label ?? ""
            return label.isEmpty || label == id ? "at \(id)" : "at \(label) (\(id))"
        } ?? "not started"
        b.put("\(at) · clock +\(Self.seconds(clockSeconds))", x: r.x, y: y, maxWidth: r.width, style: theme.dimText)
        y += 1
        b.horizontalLine(x: r.x, y: y, length: r.width, style: theme.paneBorder)
        y += 1

        // Bottom up: hints, input line, problem, variables; the transcript gets the rest.
        var bottom = r.maxY - hintRows(width: r.width)
        if typingReply || phase == .waitingForTimer {
            bottom -= 1
            renderInput(into: &b, Rect(x: r.x, y: bottom, width: r.width, height: 1))
            hitAreas.inputRow = bottom
        }
        if let text = problem.map({ "\(b.glyphs.errorMark) \($0)" }) ?? notice {
            let lines = TextLayout.wrap(text, width: r.width).prefix(2)
            bottom -= lines.count
            for (i, line) in lines.enumerated() { b.put(line, x: r.x, y: bottom + i, style: problem == nil ? theme.dimText : theme.error) }
        }
        if showVariables {
            let vars = variableLines.flatMap { TestRunTranscript.wrap($0, width: r.width) }
            let rows = min(max(1, vars.count), max(1, (bottom - y) / 2 - 1))
            bottom -= rows + 1
            b.horizontalLine(x: r.x, y: bottom, length: r.width, style: theme.paneBorder)
            b.put(" Variables ", x: r.x + 1, y: bottom, style: theme.paneTitle)
            if vars.isEmpty { b.put("(none yet)", x: r.x, y: bottom + 1, style: theme.dimText) }
            for (i, line) in vars.prefix(rows).enumerated() {
                b.put(line, x: r.x, y: bottom + 1 + i, style: theme.text)
            }
            if vars.count > rows {
                b.put(" \(b.glyphs.scrollDown) \(vars.count - rows) more ", x: r.maxX - 12, y: bottom, style: theme.dimText)
            }
        }
        renderTranscript(into: &b, Rect(x: r.x, y: y, width: r.width, height: max(0, bottom - y)))
        renderHints(into: &b, r)
    }

    private func renderTranscript(into b: inout CellBuffer, _ r: Rect) {
        guard r.height > 0, let session else { return }
        let start = session.createdAt
        hitAreas.transcript = r
        var rows: [(String, Style)] = []
        var rowNodes: [String?] = []
        for line in TestRunTranscript.lines(session.transcript, since: start, glyphs: b.glyphs) {
            let style: Style
            switch line.kind {
            case .sent: style = theme.text.adding(.bold)
            case .received: style = theme.highlight
            case .error: style = theme.error
            case .end: style = theme.added
            case .waiting, .timer: style = theme.warning
            default: style = theme.dimText
            }
            let wrapped = TestRunTranscript.wrap(line.text, width: r.width)
            rows += wrapped.map { ($0, style) }
            rowNodes += Array(repeating: line.node, count: wrapped.count)
        }
        let maxBack = max(0, rows.count - r.height)
        scrollBack = min(scrollBack, maxBack)
        let first = max(0, rows.count - r.height - scrollBack)
        for (i, row) in rows[first..<min(rows.count, first + r.height)].enumerated() {
            b.put(row.0, x: r.x, y: r.y + i, style: row.1)
            if let node = rowNodes[first + i] { hitAreas.transcriptNodes.append((y: r.y + i, node: node)) }
        }
        if first > 0 {
            b.put(b.glyphs.scrollUp, x: r.maxX - 1, y: r.y, style: theme.dimText)
        }
        if scrollBack > 0 {
            b.put(b.glyphs.scrollDown, x: r.maxX - 1, y: r.maxY - 1, style: theme.dimText)
        }
    }

    private func renderInput(into b: inout CellBuffer, _ r: Rect) {
        let prompt: String
        switch phase {
        case .waitingForDigits: prompt = "digits"
        case .waitingForTimer: prompt = "wait s"
        default: prompt = "reply"
        }
        let x = b.put("\(prompt) \(b.glyphs.pointer) ", x: r.x, y: r.y, style: theme.fieldLabel.adding(.bold))
        input.focused = true
        if phase == .waitingForTimer {
            input.placeholder = ""
            if input.text.isEmpty {
                b.put("w: to the timer", x: x, y: r.y, maxWidth: r.maxX - x, style: theme.dimText)
                return
            }
        }
        input.render(into: &b, in: Rect(x: x, y: r.y, width: max(1, r.maxX - x), height: 1))
    }

    /// The hints laid out in lines of `width`, never splitting one (each stays clickable).
    private func hintLines(width: Int) -> [[(text: String, key: Event?)]] {
        var lines: [[(text: String, key: Event?)]] = [[]]
        var used = 0
        for (hint, key) in hintKeys {
            let text = "\(hint.key) \(hint.label)"
            let w = DisplayWidth.of(text)
            if !lines[lines.count - 1].isEmpty, used + 3 + w > width {
                lines.append([])
                used = 0
            }
            used += (lines[lines.count - 1].isEmpty ? 0 : 3) + w
            lines[lines.count - 1].append((text, key))
        }
        return lines
    }

    private func hintRows(width: Int) -> Int {
        hintLines(width: width).count
    }

    /// The hints on the panel's last rows; each one's cells are where a click presses its key.
    private func renderHints(into b: inout CellBuffer, _ r: Rect) {
        let lines = hintLines(width: r.width)
        for (i, line) in lines.enumerated() {
            let y = r.maxY - lines.count + i
            var x = r.x
            for (k, hint) in line.enumerated() {
                if k > 0 { x = b.put(" · ", x: x, y: y, style: theme.dimText) }
                let end = b.put(hint.text, x: x, y: y, maxWidth: max(0, r.maxX - x), style: theme.dimText)
                if let key = hint.key { hitAreas.hints.append((Rect(x: x, y: y, width: end - x, height: 1), key)) }
                x = end
            }
        }
    }
}
