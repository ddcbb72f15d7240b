import FlowKit
import Foundation
import Testing
import TerminalUI
@testable import FlowEditor

/// Golden screens live in Tests/FlowEditorTests/Golden/NAME.txt, found relative to this
/// file (no Bundle.module). `GOLDEN_RECORD=1 swift test …` (re)writes them.
func assertScreenGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    let file = dir.appendingPathComponent(name + ".txt")
    let content = actual + "\n"
    if ProcessInfo.processInfo.environment["GOLDEN_RECORD"] == "1" {
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        do { try content.write(to: file, atomically: true, encoding: .utf8) } catch {
            Issue.record("could not write golden \(file.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
        Issue.record("golden file \(name).txt is missing; record it with GOLDEN_RECORD=1. Actual:\n\(content)",
                     sourceLocation: sourceLocation)
        return
    }
    if expected != content {
        let e = expected.components(separatedBy: "\n"), a = content.components(separatedBy: "\n")
        var out: [String] = []
        for i in 0..<max(e.count, a.count) {
            let el = i < e.count ? e[i] : "<none>", al = i < a.count ? a[i] : "<none>"
            out.append(el == al ? "\(i)   |\(el)|" : "\(i) - |\(el)|\n\(i) + |\(al)|")
        }
        Issue.record("screen differs from golden \(name).txt:\n\(out.joined(separator: "\n"))", sourceLocation: sourceLocation)
    }
}

/// A workspace in a fresh temporary directory, removed by `cleanUp`.
final class TempWorkspace {
    let directory: URL
    let workspace: Workspace

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("flowcanvas-editor-\(UUID().uuidString)", isDirectory: true)
        workspace = try Workspace(directory: directory, author: "tester")
    }

    func cleanUp() { try? FileManager.default.removeItem(at: directory) }

    /// A flow from a template; returns its id.
    @discardableResult
    func flow(_ name: String, template: String = "blank") throws -> String {
        try workspace.createFlow(named: name, template: template).id
    }
}

/// The frame the run loop would show for `screen` at w×h, as text.
func frameText(_ screen: Screen, _ w: Int, _ h: Int, glyphs: GlyphSet = .unicode) -> String {
    TerminalApp.frame(for: screen, size: Size(width: w, height: h), glyphs: glyphs).text()
}

extension Screen {
    /// Feeds events in order; returns the last action.
    @discardableResult
    func send(_ events: Event...) -> ScreenAction { send(events) }

    @discardableResult
    func send(_ events: [Event]) -> ScreenAction {
        var last = ScreenAction.none
        for e in events { last = handle(e) }
        return last
    }

    /// Types each character as a key.
    @discardableResult
    func type(_ text: String) -> ScreenAction { send(text.map { Event.char($0) }) }
}

extension ScreenAction {
    var isQuit: Bool { if case .quit = self { return true } else { return false } }
}

/// A valid messaging flow (Start → Send → End) that can be made live.
let validSMSDocument = FlowDocument(
    name: "Valid SMS",
    settings: FlowSettings(outcomes: [FlowOutcome(name: "resolved", kind: .success)]),
    nodes: [
        FlowNode(id: "start", type: "start", label: "Inbound SMS", x: 2, y: 2,
                 config: ["trigger": "inbound-message", "channel": "sms", "address": "+15550100"]),
        FlowNode(id: "reply", type: "send", label: "Reply", x: 32, y: 2,
                 config: ["channel": "sms", "to": "$(start.from)", "message": "Hello"]),
        FlowNode(id: "done", type: "end", label: "Resolved", x: 62, y: 2, config: ["outcome": "resolved"]),
    ],
    connections: [Connection(from: "start", outcome: "next", to: "reply"),
                  Connection(from: "reply", outcome: "sent", to: "done"),
                  Connection(from: "reply", outcome: "failed", to: "done")])
