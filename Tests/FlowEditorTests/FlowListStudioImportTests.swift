import FlowKit
import Foundation
import Testing
@testable import FlowEditor

extension FlowListScreenTests {
    /// The import dialog is not told the format: a file with top-level `states` and
    /// `initial_state` is imported as a Twilio Studio flow named after the file.
    @Test func importDialogRecognisesATwilioStudioDefinition() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../FlowKitTests/Fixtures/TwilioStudio/rating-survey.json")
        let file = tw.directory.appendingPathComponent("Ratings.json")
        try Data(contentsOf: fixture).write(to: file)
        let (_, s) = openFlowList(tw)
        s.send(.char("i"))
        s.type(file.path)
        s.send(.key(.enter))
        #expect(s.modalName == "import-name", "the name is asked next, the file's base name offered")
        s.send(.key(.enter))
        #expect(s.modalName == nil)
        #expect(s.message == "imported 'Ratings'")
        let stored = try tw.workspace.document("Ratings").document
        #expect(stored.nodes.contains { $0.id == "ask-rating-reply" && $0.type == "receive" })
    }

    /// A Trigger connecting several events: the CLI asks for `--trigger`; the editor offers
    /// the connected events in words and imports starting on the one chosen.
    @Test func aTriggerWithSeveralEventsIsChosenInTheImportDialog() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let file = try copyStudioFixture("text-or-call", to: tw)
        let (nav, s) = openFlowList(tw)
        s.send(.char("i"))
        s.type(file.path)
        s.send(.key(.enter))
        #expect(s.modalName == "import-trigger", "the events are offered, not the CLI's --trigger refusal")
        let text = renderFrame(nav, 100, 30).text()
        #expect(text.contains("incoming message") && text.contains("incoming call"))
        #expect(text.contains("incomingMessage") && text.contains("incomingCall"), "the names --trigger takes, beside")
        #expect(!text.contains("REST API"), "incomingRequest is not connected in this file")
        #expect(!text.contains("--trigger"))

        // ? opens the help at the chooser's keys.
        s.send(.char("?"))
        #expect(helpTop(nav).contains(EditorKeymaps.importTrigger.title))
        s.send(.key(.escape))
        #expect(s.modalName == "import-trigger")

        s.send(.key(.down))  // incoming call
        s.send(.key(.enter))
        #expect(s.modalName == "import-name")
        s.send(.ctrl("u"))
        s.type("Calls")
        s.send(.key(.enter))
        #expect(s.modalName == nil)
        #expect(s.message == "imported 'Calls'")
        let calls = try tw.workspace.document("Calls").document
        #expect(calls.kind == .voice && calls.node(withID: "start")?.config["trigger"] == "inbound-call")

        // The first event, taken by Enter at once, starts a messaging flow.
        s.send(.char("i"))
        s.type(file.path)
        s.send(.key(.enter), .key(.enter))
        s.send(.ctrl("u"))
        s.type("Texts")
        s.send(.key(.enter))
        let texts = try tw.workspace.document("Texts").document
        #expect(texts.kind == .messaging && texts.node(withID: "start")?.config["trigger"] == "inbound-message")
    }

    @Test func escapeInTheTriggerChooserStoresNothing() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let file = try copyStudioFixture("text-or-call", to: tw)
        let (_, s) = openFlowList(tw)
        s.send(.char("i"))
        s.type(file.path)
        s.send(.key(.enter))
        #expect(s.modalName == "import-trigger")
        s.send(.key(.escape))
        #expect(s.modalName == nil)
        #expect(s.message == "import cancelled: nothing was stored")
        #expect(try tw.workspace.flows().isEmpty)
    }

    /// A refusal that does not depend on the trigger (an unsupported widget) comes before
    /// the choice, as the CLI gives it before asking for --trigger.
    @Test func unsupportedWidgetsAreRefusedBeforeTheTriggerIsAsked() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: studioFixture("text-or-call"))) as! [String: Any]
        var states = json["states"] as! [[String: Any]]
        states.append(["name": "pay", "type": "capture-payments", "transitions": [], "properties": ["offset": ["x": 0, "y": 400]]])
        json["states"] = states
        let file = tw.directory.appendingPathComponent("pay.json")
        try JSONSerialization.data(withJSONObject: json).write(to: file)
        let (_, s) = openFlowList(tw)
        s.send(.char("i"))
        s.type(file.path)
        s.send(.key(.enter))
        #expect(s.modalName == "import-refused")
        #expect(try tw.workspace.flows().isEmpty)
    }

    func studioFixture(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../FlowKitTests/Fixtures/TwilioStudio/\(name).json")
    }

    func copyStudioFixture(_ name: String, to tw: TempWorkspace) throws -> URL {
        let file = tw.directory.appendingPathComponent("\(name).json")
        try Data(contentsOf: studioFixture(name)).write(to: file)
        return file
    }
}
