/// The input inside a form field.
public enum FormControl {
    case text(TextField)
    case area(TextArea, rows: Int)
    case select(SelectField)
    /// Read-only text (instructions); never focused.
    case note(String)
    /// A control the form only hosts (e.g. a table of rows).
    case embedded(any FormEmbeddedControl)

    public var isEmbedded: Bool { if case .embedded = self { return true } else { return false } }
}

/// One labelled row of a `Form`.
public struct FormField {
    public var id: String
    public var label: String
    public var mandatory: Bool
    /// Shown under the control in the error style.
    public var error: String?
    /// A dim line under the control (and its error): a counter, a hint.
    public var footer: String?
    public var control: FormControl

    public init(id: String, label: String, mandatory: Bool = false, error: String? = nil, footer: String? = nil,
                control: FormControl) {
        self.id = id; self.label = label; self.mandatory = mandatory; self.error = error; self.footer = footer
        self.control = control
    }

    /// Rows under the control: its error and footer lines.
    var extraRows: Int { (error == nil ? 0 : 1) + (footer == nil ? 0 : 1) }

    var isFocusable: Bool { if case .note = control { return false } else { return true } }

    public var value: String? {
        switch control {
        case .text(let t): return t.text
        case .area(let a, _): return a.text
        case .select(let s): return s.value
        case .note: return nil
        case .embedded(let e): return e.text
        }
    }
}

/// Labelled fields stacked vertically: ★ marks mandatory fields, an error line appears under
/// a field that has one, Tab/Shift-Tab (and Up/Down outside multi-line text) move the focus,
/// and the form scrolls to keep the focused field visible.
public struct Form: Widget {
    public var fields: [FormField]
    public private(set) var focusedIndex: Int
    public var theme: Theme
    private var scrollOffset = 0
    private var fieldRects: [Rect] = []
    private var bounds = Rect.zero

    public init(fields: [FormField], theme: Theme = .standard) {
        self.fields = fields; self.theme = theme
        self.focusedIndex = fields.firstIndex(where: \.isFocusable) ?? 0
    }

    public var focusedField: FormField? { fields.indices.contains(focusedIndex) ? fields[focusedIndex] : nil }

    public func value(of id: String) -> String? { fields.first { $0.id == id }?.value }

    /// Every field's value by id (notes excluded).
    public var values: [String: String] {
        var v: [String: String] = [:]
        for f in fields { if let value = f.value { v[f.id] = value } }
        return v
    }

    public mutating func setValue(_ value: String, for id: String) {
        guard let i = fields.firstIndex(where: { $0.id == id }) else { return }
        switch fields[i].control {
        case .text(var t): t.text = value; t.cursor = value.count; fields[i].control = .text(t)
        case .area(var a, let rows): a.text = value; fields[i].control = .area(a, rows: rows)
        case .select(var s): s.select(value: value); fields[i].control = .select(s)
        case .note: fields[i].control = .note(value)
        case .embedded(var e): e.setText(value); fields[i].control = .embedded(e)
        }
    }

    /// The focused field's text and cursor, when it is a text field or area.
    public var focusedText: (characters: [Character], cursor: Int)? {
        switch focusedField?.control {
        case .text(let t)?: return (t.characters, t.cursor)
        case .area(let a, _)?: return (a.buffer.characters, a.cursor)
        case .embedded(let e)?: return e.focusedText
        default: return nil
        }
    }

    /// Replaces characters `range` of the focused text field or area with `text` and puts
    /// the cursor after it (a completion accepted).
    public mutating func replaceFocusedText(_ range: Range<Int>, with text: String) {
        guard fields.indices.contains(focusedIndex) else { return }
        func replaced(_ chars: [Character]) -> String {
            String(chars[..<range.lowerBound]) + text + String(chars[range.upperBound...])
        }
        switch fields[focusedIndex].control {
        case .text(var t):
            t.text = replaced(t.characters); t.cursor = range.lowerBound + text.count
            fields[focusedIndex].control = .text(t)
        case .area(var a, let rows):
            a.text = replaced(a.buffer.characters); a.cursor = range.lowerBound + text.count
            fields[focusedIndex].control = .area(a, rows: rows)
        case .embedded(var e):
            e.replaceFocusedText(range, with: text)
            fields[focusedIndex].control = .embedded(e)
        default:
            break
        }
    }

    public mutating func setError(_ error: String?, for id: String) {
        guard let i = fields.firstIndex(where: { $0.id == id }) else { return }
        fields[i].error = error
    }

    public mutating func setFooter(_ footer: String?, for id: String) {
        guard let i = fields.firstIndex(where: { $0.id == id }) else { return }
        fields[i].footer = footer
    }

    /// Moves the focus to the field with this id (if it can take focus).
    public mutating func focus(_ id: String) {
        if let i = fields.firstIndex(where: { $0.id == id && $0.isFocusable }) { focusedIndex = i }
    }

    private func labelWidth(total: Int) -> Int {
        let widest = fields.map { DisplayWidth.of($0.label) + ($0.mandatory ? 2 : 0) }.max() ?? 0
        return min(widest + 1, max(8, total / 3))
    }

    private func height(of field: FormField, controlWidth: Int, totalWidth: Int) -> Int {
        let base: Int
        switch field.control {
        case .text, .select: base = 1
        case .area(_, let rows): base = max(1, rows)
        case .embedded(let e): base = max(1, e.preferredRows)
        case .note(let text) where text.isEmpty && field.label.isEmpty:
            base = 0  // an empty unlabelled note (e.g. "no findings") takes no room
        case .note(let text):
            base = max(1, TextLayout.wrap(text, width: field.label.isEmpty ? totalWidth : controlWidth).count)
        }
        return base + field.extraRows
    }

    public mutating func render(into buffer: inout CellBuffer, in rect: Rect) {
        bounds = rect
        guard !rect.isEmpty else { return }
        let lw = labelWidth(total: rect.width)
        let cx = rect.x + lw + 1, cw = max(1, rect.width - lw - 1)
        // Layout in form coordinates, then scroll so the focused field is fully visible.
        var tops: [Int] = [], heights: [Int] = []
        var y = 0
        for f in fields {
            tops.append(y)
            let h = height(of: f, controlWidth: cw, totalWidth: rect.width)
            heights.append(h); y += h
        }
        if fields.indices.contains(focusedIndex) {
            let top = tops[focusedIndex], bottom = top + heights[focusedIndex]
            if top < scrollOffset { scrollOffset = top }
            if bottom > scrollOffset + rect.height { scrollOffset = min(top, bottom - rect.height) }
        }
        scrollOffset = max(0, min(scrollOffset, max(0, y - rect.height)))
        fieldRects = []
        let marker = buffer.glyphs.mandatory
        buffer.withClip(rect) { b in
            b.fill(rect, style: theme.text)
            for i in fields.indices {
                let fy = rect.y + tops[i] - scrollOffset
                let focused = i == focusedIndex
                var field = fields[i]
                let controlRows = heights[i] - field.extraRows
                let controlRect: Rect
                if case .note = field.control, field.label.isEmpty {
                    controlRect = Rect(x: rect.x, y: fy, width: rect.width, height: controlRows)
                } else {
                    controlRect = Rect(x: cx, y: fy, width: cw, height: controlRows)
                    let labelStyle = focused ? theme.fieldLabel.adding(.bold) : theme.fieldLabel
                    let end = b.put(field.label, x: rect.x, y: fy, maxWidth: lw - (field.mandatory ? 2 : 0), style: labelStyle)
                    if field.mandatory { b.put(marker, x: end + 1, y: fy, style: theme.mandatoryMarker) }
                }
                fieldRects.append(controlRect)
                guard fy + heights[i] > rect.y, fy < rect.maxY else { continue }
                switch field.control {
                case .text(var t): t.focused = focused; t.render(into: &b, in: controlRect); field.control = .text(t)
                case .area(var a, let rows): a.focused = focused; a.render(into: &b, in: controlRect); field.control = .area(a, rows: rows)
                case .select(var s): s.focused = focused; s.render(into: &b, in: controlRect); field.control = .select(s)
                case .embedded(var e): e.render(into: &b, in: controlRect, focused: focused, theme: theme); field.control = .embedded(e)
                case .note(let text):
                    for (r, line) in TextLayout.wrap(text, width: controlRect.width).enumerated() where r < controlRows {
                        b.put(line, x: controlRect.x, y: fy + r, style: theme.dimText)
                    }
                }
                if let error = field.error {
                    b.put(b.glyphs.errorMark + " " + error, x: controlRect.x, y: fy + controlRows,
                          maxWidth: controlRect.width, style: theme.error)
                }
                if let footer = field.footer {
                    b.put(footer, x: controlRect.x, y: fy + controlRows + (field.error == nil ? 0 : 1),
                          maxWidth: controlRect.width, style: theme.dimText)
                }
                fields[i] = field
            }
            // Popups last, so they cover the fields below.
            if fields.indices.contains(focusedIndex), case .select(var s) = fields[focusedIndex].control {
                s.renderPopup(into: &b, within: rect)
                fields[focusedIndex].control = .select(s)
            }
        }
    }

    /// Passes the event to the focused control.
    private mutating func routeToFocused(_ event: Event) -> Bool {
        guard fields.indices.contains(focusedIndex) else { return false }
        var consumed = false
        switch fields[focusedIndex].control {
        case .text(var t): consumed = t.handle(event); fields[focusedIndex].control = .text(t)
        case .area(var a, let rows): consumed = a.handle(event); fields[focusedIndex].control = .area(a, rows: rows)
        case .select(var s): consumed = s.handle(event); fields[focusedIndex].control = .select(s)
        case .embedded(var e): consumed = e.handle(event); fields[focusedIndex].control = .embedded(e)
        case .note: break
        }
        return consumed
    }

    /// Moves the focus to the next (+1) or previous (-1) focusable field.
    public mutating func moveFocus(_ step: Int, wrap: Bool = true) {
        guard fields.contains(where: \.isFocusable) else { return }
        var i = focusedIndex
        for _ in 0..<fields.count {
            i += step
            if i < 0 || i >= fields.count {
                guard wrap else { return }
                i = (i + fields.count) % fields.count
            }
            if fields[i].isFocusable {
                focusedIndex = i
                if case .embedded(var e) = fields[i].control {
                    e.enterFocus(forward: step > 0)
                    fields[i].control = .embedded(e)
                }
                return
            }
        }
    }

    public mutating func handle(_ event: Event) -> Bool {
        if case .mouse(let m) = event, m.action == .press {
            if routeToFocused(event) { return true }  // e.g. a click inside an open popup
            if let i = fieldRects.indices.first(where: { fieldRects[$0].contains(m.position) && fields[$0].isFocusable }) {
                focusedIndex = i
                return routeToFocused(event) || true
            }
            return false
        }
        if case .key(let k) = event {
            let isTab = k.key == .tab && k.modifiers.isEmpty
            if isTab || k.key == .backTab {
                // A hosted control moves between its own cells; the others only close popups.
                if focusedField?.control.isEmbedded == true {
                    if routeToFocused(event) { return true }
                } else {
                    _ = routeToFocused(event)
                }
                moveFocus(isTab ? 1 : -1)
                return true
            }
        }
        if routeToFocused(event) { return true }
        if case .key(let k) = event, k.modifiers.isEmpty {
            if k.key == .down { moveFocus(1, wrap: false); return true }
            if k.key == .up { moveFocus(-1, wrap: false); return true }
        }
        return false
    }
}
