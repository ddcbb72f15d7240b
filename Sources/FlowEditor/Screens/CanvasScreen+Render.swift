import FlowKit
import TerminalUI

extension CanvasScreen {
    /// Pane widths for a screen width: palette, canvas, errors.
    static func columns(width: Int) -> (palette: Int, errors: Int) {
        let palette = min(28, max(18, width / 5))
        let errors = min(40, max(22, width / 4))
        return (palette, errors)
    }

    public func render(into buffer: inout CellBuffer, size: Size) {
        lastFrameWidth = size.width
        layOutPanes(size: size)  // CanvasScreen+Panes.swift
        renderSidePanes(into: &buffer, size: size)
        renderCanvas(into: &buffer)
        renderPaneOverlays(into: &buffer, size: size)
        renderStatus(into: &buffer, size: size)
        renderModal(into: &buffer, size: size)
    }

    // MARK: Palette

    func renderPalette(into b: inout CellBuffer) {
        let focused = focus == .palette
        var title = "Palette"
        if !palette.filter.isEmpty { title += " /" + palette.filter }
        var pane = Pane(title: title, focused: focused, theme: theme)
        pane.render(into: &b, in: paletteRect)
        let inner = Pane.contentRect(of: paletteRect)
        guard !inner.isEmpty else { return }
        // The selected type's description under the list.
        let descWidth = max(1, inner.width - 1)
        let desc = palette.selectedType.map { TextLayout.wrap($0.description, width: descWidth) } ?? []
        let descRows = min(desc.count, 4, max(0, inner.height / 3))
        let listHeight = inner.height - (descRows > 0 ? descRows + 1 : 0)
        let rows = palette.rows
        if palette.selection < paletteScroll { paletteScroll = palette.selection }
        if palette.selection >= paletteScroll + listHeight { paletteScroll = palette.selection - listHeight + 1 }
        paletteScroll = max(0, min(paletteScroll, max(0, rows.count - listHeight)))
        paletteRowTypes = []
        b.withClip(inner) { b in
            for r in 0..<max(0, listHeight) where paletteScroll + r < rows.count {
                let i = paletteScroll + r, y = inner.y + r
                switch rows[i] {
                case .category(let name):
                    b.put(name, x: inner.x, y: y, maxWidth: inner.width, style: theme.paletteHeader)
                case .type(let t):
                    paletteRowTypes.append((y, t.type))
                    let selected = i == palette.selection
                    let style = selected ? (focused ? theme.selected : theme.selected.adding(.dim)) : theme.palette
                    if selected { b.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style) }
                    let icon = b.glyphs == .unicode ? t.icon : t.abbreviation
                    let x = b.put(icon, x: inner.x + 1, y: y, style: style)
                    b.put(t.title, x: max(x + 1, inner.x + 4), y: y, maxWidth: inner.maxX - inner.x - 4, style: style)
                }
            }
            if descRows > 0 {
                let top = inner.y + listHeight
                b.horizontalLine(x: inner.x, y: top, length: inner.width, style: theme.paneBorder)
                for (i, line) in desc.prefix(descRows).enumerated() {
                    b.put(line, x: inner.x, y: top + 1 + i, maxWidth: inner.width, style: theme.dimText)
                }
            }
        }
    }

    // MARK: Canvas

    func renderCanvas(into b: inout CellBuffer) {
        var pane = Pane(title: canvasTitle, focused: focus == .canvas, theme: theme)
        pane.render(into: &b, in: canvasRect)
        let inner = Pane.contentRect(of: canvasRect)
        guard !inner.isEmpty else { return }
        state.viewportSize = (inner.width, inner.height)
        // Badges are looked up by the ids of the nodes drawn, so a finding about a node deleted
        // since the last check shows nowhere (filtering them here by id was O(findings × nodes)
        // per frame: seconds per frame at 5,000 nodes once live validation kept them all).
        var deco = decorations
        deco.activeNode = testRunPanel?.activeNode
        if let panel = testRunPanel { (deco.pathNodes, deco.pathConnections) = panel.pathTaken }
        deco.blame = shownBlame?.marks  // BlameView.swift
        canvasView.render(state, into: &b, area: inner, theme: theme, decorations: deco)
        renderStepHeader(into: &b, area: inner)  // HistoryStepper.swift
        if showsMinimap { canvasView.renderMinimap(state, into: &b, area: inner, theme: theme, decorations: deco) }
        renderSearchResults(into: &b, area: inner)  // CanvasScreen+Search.swift
        // The latest message sits on the pane's bottom border, where it never hides the flow.
        if let text = message ?? blameUnderCursorHint ?? noteUnderCursorHint ?? connectorUnderCursorHint, canvasRect.width > 6 {
            b.withClip(canvasRect) { b in
                b.put(" " + text + " ", x: canvasRect.x + 1, y: canvasRect.maxY - 1, maxWidth: canvasRect.width - 2,
                      style: theme.highlight)
            }
        }
    }

    /// On a connector (full zoom, nothing else under the cursor): which one it is.
    var connectorUnderCursorHint: String? {
        guard modal == nil, state.mode == .normal, state.zoom.level == .full, state.nodeUnderCursor == nil,
              state.noteUnderCursor == nil, let c = canvasView.connection(at: state.cursor) else { return nil }
        return "\(c.from).\(c.outcome) → \(c.to) (x deletes it)"
    }

    var canvasTitle: String {
        switch state.mode {
        case .connecting(let from, let outcomes, let i):
            return "Connect \(from).\(outcomes[i]) → ?"
        case .finding(let q, let matches, let i):
            let pos = matches.isEmpty ? "no match" : "\(i + 1)/\(matches.count)"
            return "Find: \(q)_ (\(pos))"
        case .placing(let type):
            return "Place \(state.catalog.type(type)?.title ?? type)"
        case .moving(let node, _):
            return "Move \(node)"
        case .movingSelection:
            return "Move \(state.selection.count) selected"
        case .normal:
            return lifecycle.diff.map { "\($0.title): \($0.counts)" } ?? flowName
        }
    }

    // MARK: Errors & warnings

    func renderErrors(into b: inout CellBuffer) {
        if lifecycle.diff != nil { return renderChanges(into: &b) }  // DiffView.swift
        let focused = focus == .errors
        let e = findings.filter { $0.severity == .error }.count, w = findings.count - e
        let current = findingsAreCurrent
        let room = errorsRect.width - 4
        let long = current ? "Errors \(e) · Warnings \(w)" : "Errors & Warnings · checking\(b.glyphs.ellipsis)"
        let short = current ? "\(b.glyphs.errorMark) \(e) · \(b.glyphs.warningMark) \(w)" : "checking\(b.glyphs.ellipsis)"
        let title = DisplayWidth.of(long) <= room ? long : short
        var pane = Pane(title: title, focused: focused, theme: theme)
        pane.render(into: &b, in: errorsRect)
        let inner = Pane.contentRect(of: errorsRect)
        errorRowIndices = []
        guard !inner.isEmpty else { return }
        b.withClip(inner) { b in
            guard !findings.isEmpty else {
                if current {
                    // Wrapped: a narrow pane must not cut the one line that says all is well.
                    for (i, line) in TextLayout.wrap("No findings: the flow is valid.", width: inner.width).prefix(inner.height).enumerated() {
                        b.put(line, x: inner.x, y: inner.y + i, maxWidth: inner.width, style: theme.added)
                    }
                } else {
                    b.put("checking\(b.glyphs.ellipsis)", x: inner.x, y: inner.y, maxWidth: inner.width, style: theme.dimText)
                }
                return
            }
            // The selected finding's whole text, wrapped, below the list.
            let selected = findings[min(errorsSelection, findings.count - 1)]
            let detail = TextLayout.wrap(findingLine(selected), width: inner.width)
            let detailRows = min(detail.count, max(0, inner.height / 2 - 1))
            let listHeight = inner.height - (detailRows > 0 ? detailRows + 1 : 0)
            if errorsSelection < errorsScroll { errorsScroll = errorsSelection }
            if errorsSelection >= errorsScroll + listHeight { errorsScroll = errorsSelection - listHeight + 1 }
            errorsScroll = max(0, min(errorsScroll, max(0, findings.count - listHeight)))
            for r in 0..<max(0, listHeight) where errorsScroll + r < findings.count {
                let i = errorsScroll + r, y = inner.y + r
                let f = findings[i]
                errorRowIndices.append((y, i))
                let isSel = i == errorsSelection
                let mark = f.severity == .error ? b.glyphs.errorMark : b.glyphs.warningMark
                let base = f.severity == .error ? theme.error : theme.warning
                let style = isSel ? (focused ? theme.selected : theme.selected.adding(.dim)) : theme.text
                if isSel { b.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style) }
                let x = b.put(mark, x: inner.x, y: y, style: isSel ? style : base)
                b.put(" " + findingLine(f), x: x, y: y, maxWidth: inner.maxX - x, style: style)
            }
            if detailRows > 0 {
                let top = inner.y + listHeight
                b.horizontalLine(x: inner.x, y: top, length: inner.width, style: theme.paneBorder)
                for (i, line) in detail.prefix(detailRows).enumerated() {
                    b.put(line, x: inner.x, y: top + 1 + i, style: theme.dimText)
                }
            }
        }
    }

    // MARK: Status bar

    func renderStatus(into b: inout CellBuffer, size: Size) {
        var left = [flowName, documentLabel]
        if hasUnsavedChanges { left.append("●") }
        let hints: [KeyHint]
        switch (modal, focus) {
        case (.form?, _):
            hints = isReadOnly ? [KeyHint("Esc", "close")]
                : [KeyHint("Tab", "field"), KeyHint("^S", "apply"), KeyHint("^X^E", "$EDITOR"), KeyHint("^A/^E", "line"),
                   KeyHint("^U/^K/^W", "kill"), KeyHint("^Y", "yank"), KeyHint("Esc", "cancel")]
        case (.testRun(let panel)?, _):
            hints = panel.hints
        case (.tool(let t)?, _):
            hints = t.hints
        case (.some, _):
            hints = [KeyHint("Enter", "choose"), KeyHint("Esc", "cancel")]
        case (nil, .palette):
            let p = EditorKeymaps.palette
            hints = [KeyHint("type", "filter")] + [p.hint(.place, "place"), p.hint(.back, "canvas"),
                                                  EditorKeymaps.anywhere.hint(.nextPane, "pane")].compactMap { $0 }
        case (nil, .errors) where lifecycle.diff != nil:
            hints = DiffView.hints
        case (nil, .errors):
            let any = EditorKeymaps.anywhere
            hints = [EditorKeymaps.errors.hint(.jump, "jump"), any.hint(.nextPane, "pane"), any.hint(.save, "save"),
                     any.hint(.quit, "quit")].compactMap { $0 }
        case (nil, .canvas):
            let all = CanvasKeymap.hints(mode: state.mode, readOnly: isReadOnly)
            if case .shared = source { hints = all.filter { $0.key != "E" && $0.key != "H" } } else { hints = all }
        }
        var right = ["\(state.cursor.x),\(state.cursor.y)", state.mode.name]
        // Zoomed out, where the cursor is matters more than its cell: node i/N and the level.
        // (At full zoom the bar stays as it was, so the full-zoom goldens keep their meaning.)
        if state.zoom.level != .full { right.insert(contentsOf: [nodePosition, state.zoom.name], at: 1) }
        if case .connecting(_, let outcomes, let i) = state.mode { right.insert("outcome \(outcomes[i])", at: 0) }
        if let p = state.findPosition { right.insert(p.count == 0 ? "no match" : "match \(p.index)/\(p.count)", at: 0) }
        if let chosen = state.selection.statusText { right.insert(chosen, at: 0) }
        var bar = StatusBar(left: left, right: right, hints: hints, theme: theme)
        bar.render(into: &b, in: Rect(x: 0, y: size.height - 1, width: size.width, height: 1))
    }

    /// "node 3/40" on a node, else "40 nodes".
    var nodePosition: String {
        let nodes = state.document.nodes
        if let i = state.nodeIndexUnderCursor { return "node \(i + 1)/\(nodes.count)" }
        return "\(nodes.count) node\(nodes.count == 1 ? "" : "s")"
    }

    // MARK: Modal layers

    func renderModal(into b: inout CellBuffer, size: Size) {
        let area = Rect(x: 0, y: 0, width: size.width, height: size.height - 1)
        switch modal {
        case .form(var f)?: f.render(into: &b, in: area); modal = .form(f)
        case .help(var h)?:
            if let under = modalUnderHelp {  // drawn as it was, the help on top
                modal = under
                renderModal(into: &b, size: size)
                modalUnderHelp = modal
            }
            h.render(into: &b, in: area)
            modal = .help(h)
        case .quitPrompt(var d)?: d.render(into: &b, in: area); modal = .quitPrompt(d)
        case .conflict(var d)?: d.render(into: &b, in: area); modal = .conflict(d)
        case .restore(var d, let e)?: d.render(into: &b, in: area); modal = .restore(d, e)
        case .copyName(var i)?: i.render(into: &b, in: area); modal = .copyName(i)
        case .lifecycle(let m)?: modal = .lifecycle(renderLifecycleModal(m, into: &b, in: area))
        case .testRun(let panel)?: panel.render(into: &b, in: testRunRect); panel.renderOverlay(into: &b, in: area)
        case .tool(var t)?: renderTool(&t, into: &b, area: area); modal = .tool(t)
        case nil: break
        }
    }
}
