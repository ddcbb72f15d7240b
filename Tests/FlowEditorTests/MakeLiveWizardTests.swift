@testable import FlowCanvasView
import FlowKit
import Foundation
import Testing
import TerminalUI
@testable import FlowEditor

/// The Make Live wizard (L) driven by key events against a real workspace.
@Suite struct MakeLiveWizardTests {
    typealias F = LifecycleFixtures

    /// A flow whose draft is `twoChannels`, an SMS app besides the outbox, and its canvas.
    func setUp(_ tw: TempWorkspace) throws -> (id: String, screen: CanvasScreen) {
        let id = try tw.flow("Orders")
        try tw.workspace.saveDraft(id, document: F.twoChannels)
        try tw.workspace.addApp(name: "twilio-sms", channel: "sms", webhookURL: "http://127.0.0.1:9/sms")
        try tw.workspace.addApp(name: "mail", channel: "email", webhookURL: "http://127.0.0.1:9/mail")
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        s.state.cursor = GridPoint(0, 20)  // on empty canvas: no box selected in the goldens
        return (id, s)
    }

    @Test func everyStepThenConfirmMakesVersionOneLiveWithTheChoices() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let (id, s) = try setUp(tw)

        s.send(.char("L"))
        let wizard = try #require(s.makeLiveWizard)
        #expect(wizard.steps == [.apps, .variables, .comment, .summary])
        #expect(wizard.channels == ["sms", "whatsapp"])
        #expect(wizard.appOptions(for: "sms") == ["outbox", "twilio-sms"], "only apps of that channel, and the outbox")
        #expect(wizard.appOptions(for: "whatsapp") == ["outbox"])
        #expect(try tw.workspace.document(id).draftRevision == 3, "L saved first")
        assertScreenGolden(renderFrame(s, 100, 30), "make-live-apps")

        // (a) apps: Right picks twilio-sms for sms; whatsapp stays on the outbox.
        s.send(.key(.right))
        #expect(s.makeLiveWizard?.request.apps == ["sms": "twilio-sms", "whatsapp": "outbox"])
        s.send(.key(.enter))
        #expect(s.makeLiveWizard?.step == .variables)
        assertScreenGolden(renderFrame(s, 100, 30), "make-live-variables")

        // (b) variables: prefilled with the default; replace it.
        #expect(s.makeLiveWizard?.request.variables == ["apiBase": "https://test.example.com"])
        s.send(.ctrl("u"))
        s.type("https://prod.example.com")
        s.send(.key(.enter))
        #expect(s.makeLiveWizard?.step == .comment)

        // (c) comment
        s.type("first release")
        assertScreenGolden(renderFrame(s, 100, 30), "make-live-comment")
        s.send(.key(.enter))
        #expect(s.makeLiveWizard?.step == .summary)
        assertScreenGolden(renderFrame(s, 100, 30), "make-live-summary")
        #expect(try tw.workspace.flow(id).liveVersion == nil, "nothing is written before Confirm")

        // (d) Confirm
        s.send(.key(.enter))
        #expect(s.modalName == nil)
        #expect(s.source == .version(1, isLive: true) && s.isReadOnly)
        let frame = frameText(s, 100, 30)
        #expect(frame.contains("v1 · Live"))
        #expect(frame.contains("v1 is live (sms → twilio-sms, whatsapp → outbox)"))

        let history = try tw.workspace.history(id)
        #expect(history.count == 1)
        #expect(history[0].version == 1 && history[0].status == .live && history[0].comment == "first release")
        #expect(history[0].author == "tester")
        let v1 = try tw.workspace.version(id, 1)
        #expect(v1.apps == ["sms": "twilio-sms", "whatsapp": "outbox"])
        #expect(v1.variables == ["apiBase": "https://prod.example.com"])
        #expect(v1.document.nodes.map(\.id) == s.document.nodes.map(\.id))

        // The canvas stays read-only until E branches a draft from the live version.
        s.send(.char("x"))
        #expect(s.document.nodes.count == 3)
        s.send(.char("E"))
        #expect(!s.isReadOnly && s.source == .draft(basedOn: 1))
        #expect(try tw.workspace.history(id).first?.status == .draft)
        #expect(try tw.workspace.history(id).first?.basedOn == 1)
    }

    @Test func escGoesBackOneStepAndCancelsFromTheFirst() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let (id, s) = try setUp(tw)
        s.send(.char("L"))
        s.send(.key(.enter), .key(.enter))
        #expect(s.makeLiveWizard?.step == .comment)
        s.type("oops")
        s.send(.key(.escape))
        #expect(s.makeLiveWizard?.step == .variables)
        s.send(.key(.escape))
        #expect(s.makeLiveWizard?.step == .apps)
        s.send(.key(.escape))
        #expect(s.modalName == nil && !s.isReadOnly)
        #expect(frameText(s, 100, 30).contains("Make Live cancelled"))
        #expect(try tw.workspace.flow(id).liveVersion == nil)

        // On the summary, Back (b) returns to the comment, which kept its text.
        s.send(.char("L"))
        s.send(.key(.enter), .key(.enter))
        s.type("kept")
        s.send(.key(.enter))
        #expect(s.makeLiveWizard?.step == .summary)
        s.send(.char("b"))
        #expect(s.makeLiveWizard?.step == .comment && s.makeLiveWizard?.request.comment == "kept")
    }

    @Test func aFlowWithoutChannelsOrVariablesAsksOnlyForTheComment() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try tw.flow("Hook")
        var doc = F.twoChannels
        doc.settings.variables = []
        doc.nodes[0].config = ["trigger": "webhook", "path": "orders"]
        doc.nodes[1].type = "log"
        doc.nodes[1].config = ["logbook": "orders", "message": "hi"]
        doc.connections = [Connection(from: "start", outcome: "next", to: "wa"), Connection(from: "wa", outcome: "next", to: "done")]
        try tw.workspace.saveDraft(id, document: doc)
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        s.send(.char("L"))
        #expect(s.makeLiveWizard?.steps == [.comment, .summary])
        s.type("hook only")
        s.send(.key(.enter), .key(.enter))
        #expect(try tw.workspace.history(id).first?.comment == "hook only")
        #expect(try tw.workspace.version(id, 1).apps == [:])
    }

    @Test func errorsRefuseMakeLiveAndFillTheErrorsPane() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try tw.flow("Blank")  // the blank template: Start has no address
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        s.state.cursor = GridPoint(0, 20)
        s.send(.char("L"))
        #expect(s.modalName == "make-live-refused")
        let errors = s.findings.filter { $0.severity == .error }
        #expect(!errors.isEmpty && errors.contains { $0.node == "start" && $0.field == "address" })
        #expect(s.focus == .errors)
        assertScreenGolden(renderFrame(s, 100, 30), "make-live-refused")
        #expect(frameText(s, 100, 30).contains("\(errors.count) error\(errors.count == 1 ? "" : "s") block"))
        s.send(.key(.enter))
        #expect(s.modalName == nil && s.focus == .errors)
        #expect(try tw.workspace.flow(id).liveVersion == nil)
        #expect(try tw.workspace.document(id).draftRevision == 2, "it saved first")

        // Fix the finding through the errors pane and the form, then L opens the wizard.
        s.jumpToSelectedFinding()
        s.send(.key(.enter))
        #expect(s.form?.focusedFieldID == "address")
        s.type("+15550199")
        s.send(.ctrl("s"))
        s.send(.char("L"))
        #expect(s.modalName == "make-live")
        s.send(.key(.enter), .key(.enter), .key(.enter))
        #expect(try tw.workspace.flow(id).liveVersion == 1)
        #expect(try tw.workspace.version(id, 1).document.node(withID: "start")?.config["address"] == "+15550199")
    }

    @Test func voiceFlowsAreRefusedOnTheirCompileFindings() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try tw.flow("IVR", template: "ivr-menu")
        let compile = try tw.workspace.compile(id, .draft)
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        s.send(.char("L"))
        if compile.errors.isEmpty {
            #expect(s.modalName == "make-live")
        } else {
            #expect(s.modalName == "make-live-refused")
            #expect(s.findings.filter { $0.severity == .error }.count == compile.errors.count)
            #expect(s.findings.contains { $0.code == .missingPrompt } == compile.errors.contains { $0.code == .missingPrompt })
            #expect(try tw.workspace.flow(id).liveVersion == nil)
        }
    }

    @Test func aReadOnlyVersionIsNotMadeLive() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try LifecycleFixtures.twoVersions(tw)
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id, version: 1)
        s.send(.char("L"))
        #expect(s.modalName == nil)
        #expect(s.message == "v1 is read-only: E branches a draft from it, then L makes that live")
    }
}
