import FlowKit
import FlowRuntime
import Foundation
import TerminalUI

/// The test run's HTTP stub form: for one http-request node, its real call or a stub
/// (status, headers, JSON body, latency). The panel keeps the answers in its
/// `HTTPStubTable`, which the canvas screen holds for the editing session.
struct TestRunStubForm {
    enum Outcome: Equatable { case pending, cancelled, applied(node: String, HTTPStub?) }

    static let labels = ["Node", "Answer", "Status", "Body (JSON)", "Headers", "Latency (s)"]
    static let modes = ["stub", "real call"]

    let nodes: [String]
    var nodeField: SelectField
    var modeField: SelectField
    var texts: [TextField]  // status, body, headers, latency
    var focus = 0
    var error: String?
    /// Where the last frame drew the form (for clicks).
    var box = Rect.zero
    let table: HTTPStubTable
    var theme: Theme

    init(nodes: [String], table: HTTPStubTable, theme: Theme) {
        self.nodes = nodes
        self.table = table
        self.theme = theme
        nodeField = SelectField(options: nodes, theme: theme)
        modeField = SelectField(options: Self.modes, theme: theme)
        texts = (0..<4).map { _ in TextField(theme: theme) }
        load()
        focusField(0)
    }

    var node: String { nodeField.value ?? "" }

    /// The fields show the node's stub (or a 200 with an empty object for a real call).
    mutating func load() {
        let stub = table.stub(for: node)
        modeField.select(value: stub == nil ? "real call" : "stub")
        let s = stub ?? HTTPStub(status: 200, body: .object([:]))
        let values = [String(s.status), CanonicalJSON.encode(s.body, indent: false),
                      s.headers.keys.sorted().map { "\($0): \(s.headers[$0]!)" }.joined(separator: "; "),
                      CanonicalJSON.formatNumber(s.latency)]
        texts = values.map { TextField(text: $0, theme: theme) }
        focusField(focus)
    }

    mutating func focusField(_ i: Int) {
        focus = (i + Self.labels.count) % Self.labels.count
        nodeField.focused = focus == 0
        modeField.focused = focus == 1
        for k in texts.indices { texts[k].focused = focus == k + 2 }
    }

    /// The stub the fields describe, or why not.
    func stub() -> Result<HTTPStub?, TestRunProblem> {
        if modeField.value == "real call" { return .success(nil) }
        guard let status = Int(texts[0].text.trimmingCharacters(in: .whitespaces)), (100...599).contains(status) else {
            return .failure(TestRunProblem("the status must be an HTTP status from 100 to 599"))
        }
        let bodyText = texts[1].text.trimmingCharacters(in: .whitespaces)
        var body = JSONValue.null
        if !bodyText.isEmpty {
            guard let parsed = try? JSONParser.parse(Data(bodyText.utf8)) else {
                return .failure(TestRunProblem("the body is not JSON (quote text: \"like this\")"))
            }
            body = parsed
        }
        var headers: [String: String] = [:]
        for part in texts[2].text.split(separator: ";") where !part.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let colon = part.firstIndex(of: ":") else {
                return .failure(TestRunProblem("a header is \"Name: value\", not '\(part.trimmingCharacters(in: .whitespaces))'"))
            }
            headers[part[..<colon].trimmingCharacters(in: .whitespaces)] = part[part.index(after: colon)...]
                .trimmingCharacters(in: .whitespaces)
        }
        let latencyText = texts[3].text.trimmingCharacters(in: .whitespaces)
        guard let latency = latencyText.isEmpty ? 0 : Double(latencyText), latency >= 0 else {
            return .failure(TestRunProblem("the latency must be a number of seconds ≥ 0"))
        }
        return .success(HTTPStub(status: status, headers: headers, body: body, latency: latency))
    }

    mutating func handle(_ event: Event) -> Outcome {
        if case .mouse(let m) = event { return handleMouse(m) }
        guard case .key(let k) = event else { return .pending }
        // An open list (Space or a click opened it) is modal: its keys choose, Enter takes.
        if nodeField.isOpen {
            let before = node
            _ = nodeField.handle(event)
            if node != before { load() }
            return .pending
        }
        if modeField.isOpen { _ = modeField.handle(event); return .pending }
        switch EditorKeymaps.testRunStub.action(for: k, typing: focus >= 2) {
        case .cancel?: return .cancelled
        case .nextField?: focusField(focus + 1)
        case .previousField?: focusField(focus - 1)
        case .apply?:
            switch stub() {
            case .success(let s): return .applied(node: node, s)
            case .failure(let p): error = p.message
            }
        case nil:
            error = nil
            switch focus {
            case 0:
                let before = node
                _ = nodeField.handle(event)
                if node != before { load() }
            case 1: _ = modeField.handle(event)
            default: _ = texts[focus - 2].handle(event)
            }
        }
        return .pending
    }

    /// A click on a row focuses its field (a choice opens its list, a text field puts the
    /// cursor there); "Enter keep" and "Esc close" in the footer do what their keys do.
    mutating func handleMouse(_ m: MouseEvent) -> Outcome {
        guard m.action == .press, m.button == .left else { return .pending }
        // An open list takes the click first (choosing, or closing it).
        if nodeField.isOpen {
            let before = node
            _ = nodeField.handle(.mouse(m))
            if node != before { load() }
            return .pending
        }
        if modeField.isOpen { _ = modeField.handle(.mouse(m)); return .pending }
        guard box.contains(m.position) else { return .pending }
        if m.y == box.maxY - 1, let footer = Self.footerKeys(box: box).first(where: { $0.0.contains(m.position) }) {
            return handle(.key(footer.1))
        }
        let row = m.y - (box.y + 2)
        guard Self.labels.indices.contains(row) else { return .pending }
        error = nil
        focusField(row)
        switch row {
        case 0: _ = nodeField.handle(.mouse(m))
        case 1: _ = modeField.handle(.mouse(m))
        default: _ = texts[row - 2].handle(.mouse(m))
        }
        return .pending
    }

    static let footer = "Enter keep · Esc close"

    /// The footer's two hints, where `ModalBox` draws the footer (right-aligned on the frame).
    static func footerKeys(box: Rect) -> [(Rect, Key)] {
        let start = box.maxX - 2 - DisplayWidth.of(" \(footer) ") + 1
        let keep = "Enter keep", close = "Esc close"
        let closeX = start + DisplayWidth.of(keep + " · ")
        return [(Rect(x: start, y: box.maxY - 1, width: DisplayWidth.of(keep), height: 1), .enter),
                (Rect(x: closeX, y: box.maxY - 1, width: DisplayWidth.of(close), height: 1), .escape)]
    }

    mutating func render(into b: inout CellBuffer, in area: Rect) {
        let width = min(area.width - 2, 70)
        let height = Self.labels.count + (error == nil ? 4 : 5)
        guard width >= 30, area.height >= height else { return }
        let box = area.centred(Size(width: width, height: height))
        self.box = box
        let labelWidth = 13
        b.withClip(box) { b in
            ModalBox("HTTP stubs (test runs only)", footer: Self.footer).draw(box, into: &b, theme: theme)
            b.put("\(nodes.count) http-request node\(nodes.count == 1 ? "" : "s"); a stub answers instead of the call.",
                  x: box.x + 2, y: box.y + 1, maxWidth: width - 4, style: theme.dialog)
            for (i, label) in Self.labels.enumerated() {
                b.put(label, x: box.x + 2, y: box.y + 2 + i, style: i == focus ? theme.dialogTitle : theme.dialog)
            }
            if let error {
                b.put(b.glyphs.errorMark + " " + error, x: box.x + 2, y: box.y + 2 + Self.labels.count,
                      maxWidth: width - 4, style: theme.dialog.adding(.bold))
            }
        }
        let fieldWidth = width - 4 - labelWidth
        let x = box.x + 2 + labelWidth
        nodeField.render(into: &b, in: Rect(x: x, y: box.y + 2, width: min(fieldWidth, 30), height: 1))
        modeField.render(into: &b, in: Rect(x: x, y: box.y + 3, width: 14, height: 1))
        for i in texts.indices {
            texts[i].render(into: &b, in: Rect(x: x, y: box.y + 4 + i, width: fieldWidth, height: 1))
        }
        nodeField.renderPopup(into: &b, within: area)
        modeField.renderPopup(into: &b, within: area)
    }
}
