import FlowKit
import Foundation
import Testing
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
}
