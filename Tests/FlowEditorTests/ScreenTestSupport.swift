import FlowKit
import Foundation
import Testing
import TestSupport
import TerminalUI
@testable import FlowEditor

/// Screen goldens (characters and style runs) in Tests/FlowEditorTests/Golden/NAME.txt
/// (see `GoldenFile`).
func assertScreenGolden(_ buffer: CellBuffer, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    assertScreenGolden(buffer.snapshot(), name, sourceLocation: sourceLocation)
}

func assertScreenGolden(_ screen: ScreenSnapshot, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    GoldenFile.check(screen, name, directory: GoldenFile.directory(besides: #filePath), sourceLocation: sourceLocation)
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

/// The frame the run loop would show for `screen` on a w×h terminal (drawn through
/// TerminalUI's `TestBackend`, as `TerminalApp.run` draws it).
func renderFrame(_ screen: Screen, _ w: Int, _ h: Int, glyphs: GlyphSet = .unicode) -> CellBuffer {
    TestBackend(width: w, height: h, glyphs: glyphs).draw(screen)
}

/// The characters of that frame, for `#expect(… .contains(…))`.
func frameText(_ screen: Screen, _ w: Int, _ h: Int, glyphs: GlyphSet = .unicode) -> String {
    renderFrame(screen, w, h, glyphs: glyphs).text()
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
