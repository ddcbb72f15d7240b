import FlowKit
import Foundation
import Testing
import TerminalUI
import TestSupport
@testable import FlowEditor

/// A messaging flow with settings in every tab.
let settingsDocument: FlowDocument = {
    var d = validSMSDocument
    d.name = "Settings demo"
    d.description = "Answers order questions"
    d.settings = FlowSettings(
        preventDuplicateSessions: true, uniqueIdentifier: "$(start.from)", logbooks: ["orders", "audit"],
        outcomes: [FlowOutcome(name: "resolved", kind: .success), FlowOutcome(name: "api-failed", kind: .failure)],
        variables: [CustomVariable(name: "apiBase", default: "https://api.example.com", externalized: true),
                    CustomVariable(name: "greeting", default: "Hi")])
    d.nodes.append(FlowNode(id: "failed-end", type: "end", label: "Failed", x: 62, y: 10, config: ["outcome": "resolved"]))
    d.connections = [Connection(from: "start", outcome: "next", to: "reply"),
                     Connection(from: "reply", outcome: "sent", to: "done"),
                     Connection(from: "reply", outcome: "failed", to: "failed-end")]
    return d
}()

@Suite struct SettingsEditorTests {
    func open(_ doc: FlowDocument = settingsDocument) throws -> (TempWorkspace, CanvasScreen, String) {
        let tw = try TempWorkspace()
        let id = try tw.workspace.createFlow(named: doc.name, document: doc).id
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        _ = frameText(s, 100, 30)
        return (tw, s, id)
    }

    // MARK: Goldens, one per tab

    @Test func goldenTabs() throws {
        let (tw, s, _) = try open(); defer { tw.cleanUp() }
        s.send(.char("S"))
        #expect(s.modalName == "settings")
        assertScreenGolden(renderFrame(s, 100, 30), "settings-general")
        s.send(.key(.pageDown))
        assertScreenGolden(renderFrame(s, 100, 30), "settings-logbooks")
        s.send(.key(.pageDown))
        assertScreenGolden(renderFrame(s, 100, 30), "settings-outcomes")
        s.send(.key(.pageDown))
        assertScreenGolden(renderFrame(s, 100, 30), "settings-variables")
        s.send(.key(.pageDown))
        #expect(frameText(s, 100, 30).contains("General"), "a messaging flow has no Voice tab: PgDn wraps to General")
        s.send(.key(.escape))
        #expect(s.modalName == nil && s.document == settingsDocument)
    }

    /// A voice flow using `media/demo` (en: welcome 2.5 s, goodbye 1 s; es: welcome 3 s),
    /// with a second folder `media/other` to choose.
    func openVoice(mediaFolder: String? = "media/demo") throws -> (TempWorkspace, CanvasScreen) {
        let tw = try TempWorkspace()
        let library = tw.workspace.mediaLibrary
        try library.create("demo", languages: ["en", "es"])
        try library.create("other", languages: ["en"])
        try WAVBytes(frames: 20_000).write(to: library.root.appendingPathComponent("demo/en/welcome.wav"))
        try WAVBytes(frames: 8_000).write(to: library.root.appendingPathComponent("demo/en/goodbye.wav"))
        try WAVBytes(channels: 2, sampleRate: 16_000, frames: 48_000).write(to: library.root.appendingPathComponent("demo/es/welcome.wav"))
        try WAVBytes(frames: 4_000).write(to: library.root.appendingPathComponent("other/en/goodbye.wav"))
        let doc = FlowDocument(
            name: "Voice demo", kind: .voice,
            settings: FlowSettings(outcomes: [FlowOutcome(name: "done", kind: .success)], mediaFolder: mediaFolder,
                                   languages: [FlowLanguage(code: "en", required: true), FlowLanguage(code: "es", required: false)]),
            nodes: [FlowNode(id: "start", type: "start", label: "Call", x: 2, y: 2, config: ["trigger": "inbound-call", "address": "+1555"]),
                    FlowNode(id: "hello", type: "play", label: "Welcome", x: 32, y: 2, config: ["prompt": "welcome"]),
                    FlowNode(id: "bye", type: "play", label: "Goodbye", x: 62, y: 2, config: ["prompt": "goodbye"])])
        let id = try tw.workspace.createFlow(named: "Voice demo", document: doc).id
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        s.send(.char("S"), .key(.pageUp))
        return (tw, s)
    }

    @Test func goldenVoiceTabWithPromptTable() throws {
        let (tw, s) = try openVoice(); defer { tw.cleanUp() }
        assertScreenGolden(renderFrame(s, 100, 30), "settings-voice")
        assertScreenGolden(renderFrame(s, 80, 24), "settings-voice-80x24")
        let editor = try #require(settingsEditor(s))
        #expect(editor.tab == .voice)
        #expect(editor.promptTable.available["goodbye"] == ["en": true, "es": false])
        #expect(editor.promptTable.available["welcome"] == ["en": true, "es": true])
        #expect(editor.promptTable.durations["welcome"] == ["en": 2.5, "es": 3.0])
        #expect(editor.mediaChoices.map(\.label) == ["none", "demo", "other"])

        // A required toggle and a new language change the preview at once.
        s.send(.key(.tab), .key(.down), .key(.tab), .char(" "))  // es: required
        #expect(settingsEditor(s)?.editedSettings.languages.last == FlowLanguage(code: "es", required: true))
        s.send(.ctrl("s"))
        #expect(s.document.settings.languages == [FlowLanguage(code: "en", required: true), FlowLanguage(code: "es", required: true)])
        #expect(s.document.settings.mediaFolder == "media/demo")
    }

    @Test func choosingAnotherMediaFolderUpdatesTheTableAndIsApplied() throws {
        let (tw, s) = try openVoice(); defer { tw.cleanUp() }
        s.send(.key(.right))  // demo → other
        let editor = try #require(settingsEditor(s))
        #expect(editor.editedSettings.mediaFolder == "media/other")
        #expect(editor.promptTable.available["welcome"] == ["en": false, "es": false])
        #expect(editor.promptTable.durations["goodbye"] == ["en": 0.5])
        let text = frameText(s, 100, 30)
        #expect(text.contains("< other >") && text.contains("prompts: en 1"))
        s.send(.key(.left), .key(.left))  // other → demo → none
        #expect(settingsEditor(s)?.editedSettings.mediaFolder == nil)
        s.send(.char("o"))  // a letter jumps to the folder it starts
        #expect(settingsEditor(s)?.editedSettings.mediaFolder == "media/other")
        s.send(.ctrl("s"))
        #expect(s.modalName == nil)
        #expect(s.document.settings.mediaFolder == "media/other")
    }

    @Test func aFolderOutsideTheLibraryStaysChosenUntilChanged() throws {
        let (tw, s) = try openVoice(mediaFolder: "/srv/prompts"); defer { tw.cleanUp() }
        let editor = try #require(settingsEditor(s))
        #expect(editor.mediaChoices.map(\.label) == ["none", "demo", "other", "/srv/prompts"])
        #expect(editor.editedSettings.mediaFolder == "/srv/prompts")
        #expect(frameText(s, 100, 30).contains("missing → /srv/prompts"))
        s.send(.ctrl("s"))
        #expect(s.document.settings.mediaFolder == "/srv/prompts", "opening and applying changes nothing")
    }

    // MARK: Scenarios

    @Test func renamingAnOutcomeRenamesEveryEndNodeInOneUndoableEdit() throws {
        let (tw, s, _) = try open(); defer { tw.cleanUp() }
        let before = s.document
        s.send(.char("S"), .key(.pageDown), .key(.pageDown))
        #expect(settingsEditor(s)?.tab == .outcomes)
        s.send(.ctrl("u"))
        s.type("answered")
        s.send(.key(.tab), .key(.right))  // kind: success → failure
        s.send(.ctrl("s"))
        #expect(s.modalName == nil)
        #expect(s.document.settings.outcomes == [FlowOutcome(name: "answered", kind: .failure),
                                                 FlowOutcome(name: "api-failed", kind: .failure)])
        #expect(s.document.node(withID: "done")?.config["outcome"] == "answered")
        #expect(s.document.node(withID: "failed-end")?.config["outcome"] == "answered")
        #expect(s.message?.contains("2 End nodes renamed") == true)
        #expect(s.state.flow.undoName == "edit flow settings")
        s.send(.char("u"))
        #expect(s.document == before, "one undo restores the settings and both End nodes")
    }

    @Test func addAVariableThenSaveStoresItInTheDraft() throws {
        let (tw, s, id) = try open(); defer { tw.cleanUp() }
        s.send(.char("S"), .key(.pageDown), .key(.pageDown), .key(.pageDown))
        #expect(settingsEditor(s)?.tab == .variables)
        s.send(.key(.down), .ctrl("n"))  // a new row after "greeting"
        s.type("orderId")
        s.send(.key(.tab))
        s.type("42")
        s.send(.key(.tab), .char(" "))  // externalized
        s.send(.ctrl("s"))
        #expect(s.modalName == nil)
        s.send(.char("s"))
        let stored = try tw.workspace.document(id).document
        #expect(stored.settings.variables == [
            CustomVariable(name: "apiBase", default: "https://api.example.com", externalized: true),
            CustomVariable(name: "greeting", default: "Hi"),
            CustomVariable(name: "orderId", default: "42", externalized: true)])
    }

    @Test func theSecretColumnMasksTheDefaultAndIsStored() throws {
        let (tw, s, id) = try open(); defer { tw.cleanUp() }
        s.send(.char("S"), .key(.pageDown), .key(.pageDown), .key(.pageDown))
        s.send(.key(.down), .ctrl("n"))  // a new row after "greeting"
        s.type("apiToken")
        s.send(.key(.tab))
        s.type("tok-98765")
        #expect(frameText(s, 100, 30).contains("tok-98765"), "not secret yet: shown")
        s.send(.key(.tab), .key(.tab), .char(" "))  // past Externalized, Secret on
        let frame = frameText(s, 100, 30)
        #expect(!frame.contains("tok-98765"), "a secret's default is dots on screen")
        #expect(frame.contains("•••••••••"))
        s.send(.ctrl("s"))
        #expect(s.modalName == nil)
        s.send(.char("s"))
        let stored = try tw.workspace.document(id).document
        #expect(stored.settings.variables.last == CustomVariable(name: "apiToken", default: "tok-98765", secret: true))
    }

    @Test func logbooksAddRenameDeleteAndRenameCarriesToLogNodes() throws {
        var doc = settingsDocument
        doc.nodes.append(FlowNode(id: "log", type: "log", label: "Log", x: 2, y: 14, config: ["logbook": "audit", "message": "x"]))
        let (tw, s, _) = try open(doc); defer { tw.cleanUp() }
        s.send(.char("S"), .key(.pageDown))
        s.send(.key(.down), .ctrl("u"))
        s.type("trail")                 // audit → trail
        s.send(.key(.up), .ctrl("d"))   // delete orders
        s.send(.ctrl("n"))
        s.type("billing")
        s.send(.ctrl("s"))
        #expect(s.document.settings.logbooks == ["trail", "billing"])
        #expect(s.document.node(withID: "log")?.config["logbook"] == "trail")
    }

    @Test func generalTabRenamesTheFlowOnSaveAndChecksTheIdentifier() throws {
        let (tw, s, id) = try open(); defer { tw.cleanUp() }
        _ = try tw.workspace.createFlow(named: "Taken", template: "blank")
        s.send(.char("S"), .ctrl("u"))
        s.type("Taken")
        s.send(.ctrl("s"))
        #expect(settingsEditor(s)?.error == "General: a flow named \"Taken\" already exists")
        s.send(.ctrl("u"))
        s.type("Orders bot")
        // Unique identifier: a malformed template is refused.
        s.send(.key(.tab), .key(.tab), .key(.tab))
        s.send(.ctrl("u"))
        s.type("$(start.from")
        s.send(.ctrl("s"))
        #expect(settingsEditor(s)?.error?.hasPrefix("General: unique identifier:") == true)
        #expect(frameText(s, 100, 30).contains("unclosed $("))
        s.type(")")
        s.send(.ctrl("s"))
        #expect(s.modalName == nil)
        #expect(s.document.name == "Orders bot" && s.flowName == "Settings demo", "the store's name changes on Save")
        s.send(.char("s"))
        #expect(s.flowName == "Orders bot")
        #expect(try tw.workspace.flow(id).name == "Orders bot")
        #expect(try tw.workspace.document(id).document.name == "Orders bot")
    }

    @Test func theUniqueIdentifierCompletesWhatExistsAsASessionStarts() throws {
        let (tw, s, _) = try open(); defer { tw.cleanUp() }
        s.send(.char("S"), .key(.tab), .key(.tab), .key(.tab), .ctrl("u"))
        s.type("$(")
        let names = try #require(settingsEditor(s)?.completion).items.map(\.name)
        #expect(names.contains("start.from") && names.contains("apiBase") && names.contains("system.customer"))
        #expect(!names.contains { $0.hasPrefix("reply.") }, "no later node's outputs: they do not exist yet")
        s.type("system.cu")
        #expect(frameText(s, 100, 30).contains("system.customer"), "the list is drawn")
        s.send(.key(.tab))
        #expect(settingsEditor(s)?.completion == nil)
        s.send(.key(.escape))  // the list is closed: Esc cancels the settings
        #expect(s.modalName == nil)
        s.send(.char("S"), .key(.tab), .key(.tab), .key(.tab), .ctrl("u"))
        s.type("$(start.fr")
        s.send(.key(.enter))
        s.send(.ctrl("s"))
        #expect(s.document.settings.uniqueIdentifier == "$(start.from)")
    }

    @Test func escCancelsAndDuplicateNamesAreRefused() throws {
        let (tw, s, _) = try open(); defer { tw.cleanUp() }
        s.send(.char("S"), .key(.pageDown), .key(.pageDown))
        s.send(.key(.down), .ctrl("u"))
        s.type("resolved")
        s.send(.ctrl("s"))
        #expect(settingsEditor(s)?.error == "Flow Outcomes: the flow outcome \"resolved\" is listed twice")
        s.send(.key(.escape))
        #expect(s.modalName == nil && s.document == settingsDocument && !s.state.flow.canUndo)
    }

    @Test func variableNamesMustBeReferenceable() {
        #expect(SettingsRules.isReferenceable("apiBase") && SettingsRules.isReferenceable("order_id"))
        #expect(!SettingsRules.isReferenceable("a.b") && !SettingsRules.isReferenceable("has space")
                && !SettingsRules.isReferenceable("x[0]"))
    }
}

/// The settings editor on screen, if open.
func settingsEditor(_ s: CanvasScreen) -> SettingsEditor? {
    if case .tool(.settings(let e))? = s.modal { return e } else { return nil }
}
