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
}
