@testable import FlowCanvasView
import FlowKit
import Foundation
import Testing
import TerminalUI
@testable import FlowEditor

/// The Make Live wizard's "New app…", its summary of the change against the live
/// version, and its stale-draft refusal (issue 12).
@Suite struct MakeLiveNewAppTests {
    typealias F = LifecycleFixtures

    func setUp(_ tw: TempWorkspace) throws -> (id: String, screen: CanvasScreen) {
        let id = try tw.flow("Orders")
        try tw.workspace.saveDraft(id, document: F.twoChannels)
        try tw.workspace.addApp(name: "twilio-sms", channel: "sms", webhookURL: "http://127.0.0.1:9/sms")
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        s.state.cursor = GridPoint(0, 20)
        return (id, s)
    }

    @Test func aNewAppMadeInTheWizardIsStoredOnlyWhenMakeLiveCompletes() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let (id, s) = try setUp(tw)
        s.send(.char("L"))
        // whatsapp (second row): Right to "New app…", the wizard's last option.
        s.send(.key(.down))
        s.send(.key(.right))
        #expect(s.makeLiveWizard?.request.apps["whatsapp"] == MakeLiveWizard.newAppOption)
        // Meanwhile sms keeps its choice.
        s.send(.key(.up))
        s.send(.key(.right))
        s.send(.key(.enter))
        #expect(renderFrame(s, 100, 30).text().contains("New app for whatsapp"))
        s.type("twilio-sms")  // taken
        s.send(.key(.enter))
        s.type("not a url")
        s.send(.key(.enter))
        var text = renderFrame(s, 100, 30).text()
        #expect(text.contains("New app for whatsapp") && text.contains("webhook must be an http"))
        s.send(.ctrl("u"))
        s.type("https://hooks.example.com/wa")
        s.send(.key(.enter))
        text = renderFrame(s, 100, 30).text()
        #expect(text.contains("already exists") || text.contains("twilio-sms"), "the taken name is refused")
        s.send(.key(.backTab))
        s.send(.ctrl("u"))
        s.type("wa-sender")
        s.send(.key(.tab))
        s.send(.key(.enter))
        let wizard = try #require(s.makeLiveWizard)
        #expect(wizard.step == .apps, "back on the apps step with the new app chosen")
        #expect(wizard.request.apps == ["sms": "twilio-sms", "whatsapp": "wa-sender"])
        #expect(try tw.workspace.apps().map(\.name) == ["outbox", "twilio-sms"], "not stored yet")

        s.send(.key(.enter))  // variables
        s.send(.key(.enter))  // comment
        s.type("with a new app")
        s.send(.key(.enter))
        text = renderFrame(s, 100, 40).text()
        #expect(text.contains("New app: wa-sender (whatsapp) → https://hooks.example.com/wa"))
        #expect(text.contains("Change: first version"))
        s.send(.key(.enter))
        #expect(try tw.workspace.flow(id).liveVersion == 1)
        #expect(try tw.workspace.app(named: "wa-sender").webhookURL == "https://hooks.example.com/wa")
        #expect(try tw.workspace.version(id, 1).apps == ["sms": "twilio-sms", "whatsapp": "wa-sender"])
    }

    @Test func escDropsTheNewApp() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let (id, s) = try setUp(tw)
        s.send(.char("L"))
        s.send(.key(.left))  // sms wraps to "New app…"
        s.send(.key(.enter))
        s.type("dropped")
        s.send(.key(.tab))
        s.type("https://x.example.com")
        s.send(.key(.escape))
        #expect(s.makeLiveWizard?.request.apps["sms"] == "outbox", "Esc goes back to the earlier choice")
        s.send(.key(.left))
        s.send(.key(.enter))
        s.type("kept-a-moment")
        s.send(.key(.tab))
        s.type("https://x.example.com")
        s.send(.key(.enter))
        #expect(s.makeLiveWizard?.newApps.count == 1)
        s.send(.key(.escape))  // Esc on the wizard's first step cancels: nothing stored
        #expect(s.makeLiveWizard == nil)
        #expect(try tw.workspace.apps().map(\.name) == ["outbox", "twilio-sms"])
        #expect(try tw.workspace.flow(id).liveVersion == nil)
    }

    @Test func theSummaryShowsTheChangeAgainstTheLiveVersion() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let (id, s) = try setUp(tw)
        try tw.workspace.makeLive(id, MakeLiveRequest(comment: "v1", apps: ["sms": "outbox"],
                                                      variables: ["apiBase": "https://test.example.com"]))
        var doc = F.twoChannels
        let first = doc.nodes.firstIndex { $0.type == "send" }!
        doc.nodes[first].label = "Renamed send"
        doc.nodes[first].config["message"] = .string("changed words")
        try tw.workspace.saveDraft(id, document: doc, expectedRevision: 0)
        let s2 = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        s2.send(.char("L"))
        // Unreviewed changes open the review first (issue 17); L goes on to the wizard.
        if s2.makeLiveWizard == nil { s2.send(.char("L")) }
        #expect(s2.makeLiveWizard != nil)
        s2.send(.key(.right))  // sms: outbox → twilio-sms
        s2.send(.key(.enter))
        s2.send(.ctrl("u"))
        s2.type("https://prod.example.com")
        s2.send(.key(.enter), .key(.enter))
        let lines = try #require(s2.makeLiveWizard?.summaryLines)
        #expect(lines.contains("Change against v1:"))
        #expect(lines.contains("  ~ nodes: Renamed send"))
        #expect(lines.contains("  app sms: outbox → twilio-sms"))
        #expect(lines.contains("  apiBase: https://test.example.com → https://prod.example.com"))
        _ = s
    }

    @Test func aDraftChangedByAnotherProcessIsRefusedWithReload() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let (id, s) = try setUp(tw)
        s.send(.char("L"))
        let revision = try tw.workspace.document(id).draftRevision
        // Another process saves the draft while the wizard is open.
        let other = try Workspace(directory: tw.directory, author: "other")
        var changed = F.twoChannels
        changed.description = "changed elsewhere"
        try other.saveDraft(id, document: changed, expectedRevision: revision)
        s.send(.key(.enter), .key(.enter), .key(.enter), .key(.enter))
        #expect(s.modalName == "conflict")
        #expect(renderFrame(s, 100, 30).text().contains("Make Live refused"))
        #expect(try tw.workspace.flow(id).liveVersion == nil, "nothing was made live")
        s.send(.key(.enter))  // Reload has the focus
        #expect(s.document.description == "changed elsewhere")
    }
}
