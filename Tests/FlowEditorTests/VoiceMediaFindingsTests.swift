import FlowKit
import Foundation
import Testing
import TerminalUI
import TestSupport
@testable import FlowEditor

/// A voice flow's missing and unreadable prompts (Make Live refuses on them) show in the
/// Errors pane and the flow list's FINDINGS, and follow the media folder as it changes.
@Suite struct VoiceMediaFindingsTests {
    static let prompts = ["welcome.wav", "menu.wav", "invalid.wav", "transferring.wav", "transfer-failed.wav", "goodbye.wav"]

    func mediaFindings(_ s: CanvasScreen) -> [Finding] {
        s.findings.filter { VoiceCompiler.mediaCodes.contains($0.code) }
    }

    @Test func theErrorsPaneShowsMissingPromptsAndFollowsTheFolder() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try tw.flow("Menu", template: "ivr-menu")
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        // No media folder yet: one flow-level finding, as `compile` and Make Live report it.
        #expect(mediaFindings(s).map(\.field) == ["mediaFolder"])
        #expect(try mediaFindings(s) == tw.workspace.compile(id, .draft).findings.filter { VoiceCompiler.mediaCodes.contains($0.code) })
        #expect(frameText(s, 120, 30).contains("Flow settings: the media"))

        // The folder made in another window: the idle tick reads it again (not at once).
        let folder = try tw.workspace.mediaLibrary.create("ivr-menu", languages: ["en"])
        #expect(!s.recheckVoiceMediaIfDue(now: Date()), "not due yet")
        #expect(s.recheckVoiceMediaIfDue(now: Date().addingTimeInterval(CanvasScreen.voiceMediaRecheckSeconds + 1)))
        #expect(Set(mediaFindings(s).compactMap(\.node)).count == Self.prompts.count, "each node's prompt is missing")

        // Every prompt recorded (one of them not a WAV): only that one is left.
        _ = folder
        let en = tw.workspace.mediaDirectory.appendingPathComponent("ivr-menu/en")
        for p in Self.prompts { try WAVBytes().data.write(to: en.appendingPathComponent(p)) }
        try Data("ID3 not a wav".utf8).write(to: en.appendingPathComponent("menu.wav"))
        #expect(s.recheckVoiceMediaIfDue(now: Date().addingTimeInterval(2 * CanvasScreen.voiceMediaRecheckSeconds)))
        #expect(mediaFindings(s).map(\.code) == [.unreadablePrompt])
        try WAVBytes().data.write(to: en.appendingPathComponent("menu.wav"))
        #expect(s.recheckVoiceMediaIfDue(now: Date().addingTimeInterval(3 * CanvasScreen.voiceMediaRecheckSeconds)))
        #expect(mediaFindings(s).isEmpty)
        #expect(!s.recheckVoiceMediaIfDue(now: Date().addingTimeInterval(9 * CanvasScreen.voiceMediaRecheckSeconds)),
                "with no media findings the disk is not read on every tick")

        // An edit that names a prompt that is not there: found with the next check, no waiting.
        var node = try #require(s.document.nodes.first { $0.type == "play" })
        node.config["prompt"] = .string("nope.wav")
        s.state.flow.updateNode(node)
        s.validateNow()
        #expect(mediaFindings(s).map(\.node) == [node.id])
        #expect(s.decorations.severities[node.id] == .error, "the box is marked")
    }

    @Test func theFlowListCountsMissingPrompts() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try tw.flow("Menu", template: "ivr-menu")
        let (_, s) = openFlowList(tw)
        let counts = try #require(s.rows.first { $0.summary.id == id })
        let compiled = try tw.workspace.compile(id, .draft)
        #expect(counts.errors == compiled.errors.count)
        #expect(compiled.errors.contains { $0.code == .missingPrompt }, "the count includes the media folder's finding")
    }

    /// Prompts recorded in another shell change no table: the list reads the media folder again
    /// on the idle tick while the count includes media findings, and when it is shown again.
    @Test func theFlowListFollowsPromptsRecordedElsewhere() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try tw.flow("Menu", template: "ivr-menu")
        _ = try tw.flow("Texts", template: "blank")
        let (nav, s) = openFlowList(tw)
        func errors() -> Int? { s.rows.first { $0.summary.id == id }?.errors }
        let validatorErrors = try tw.workspace.validate(id, .draft).errors.count
        let withoutFolder = try #require(errors())
        #expect(withoutFolder == validatorErrors + 1, "the media folder's one finding")

        // The folder made in another shell: every prompt now missing, seen on a due tick only.
        let other = try Workspace(directory: tw.directory, author: "someone")
        _ = try other.mediaLibrary.create("ivr-menu", languages: ["en"])
        let start = Date()
        #expect(s.tick(now: start).isNone, "not due yet")
        #expect(errors() == withoutFolder)
        #expect(!s.tick(now: start.addingTimeInterval(FlowListScreen.voiceMediaRecheckSeconds + 1)).isNone)
        let allMissing = try tw.workspace.compile(id, .draft).errors.count
        #expect(allMissing == validatorErrors + Self.prompts.count && errors() == allMissing)
        #expect(renderFrame(nav, 100, 24).text().contains("\(allMissing)"))

        // Every prompt recorded: the count falls to the validator's, and the folder is not read
        // again on the idle tick once no media finding is left.
        let en = tw.workspace.mediaDirectory.appendingPathComponent("ivr-menu/en")
        for p in Self.prompts { try WAVBytes().data.write(to: en.appendingPathComponent(p)) }
        #expect(!s.tick(now: start.addingTimeInterval(2 * FlowListScreen.voiceMediaRecheckSeconds + 2)).isNone)
        let compiled = try tw.workspace.compile(id, .draft).errors.count
        #expect(errors() == validatorErrors && errors() == compiled)
        try FileManager.default.removeItem(at: en.appendingPathComponent("goodbye.wav"))
        #expect(s.tick(now: start.addingTimeInterval(10 * FlowListScreen.voiceMediaRecheckSeconds)).isNone)
        #expect(errors() == validatorErrors)

        // Back from a canvas the list checks every voice flow's prompts at once.
        try select(s, "Texts")
        s.send(.key(.enter))
        #expect(nav.top is CanvasScreen)
        _ = nav.handle(.char("q"))
        #expect(nav.top === s)
        #expect(errors() == validatorErrors + 1, "goodbye.wav is missing again")
    }

    func select(_ s: FlowListScreen, _ name: String) throws {
        let row = try #require(s.flows.firstIndex { $0.name == name })
        s.send(.key(.home))
        s.send(Array(repeating: Event.key(.down), count: row))
        #expect(s.selectedFlow?.name == name)
    }
}
