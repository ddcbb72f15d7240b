import Foundation
import Testing
@testable import FlowCLI
import FlowKit

/// The report `import --from twilio-studio` prints, as text and as `--json`, for real
/// translations of the FlowKitTests Studio fixtures.
@Suite struct StudioImportFormatTests {
    static func translate(_ name: String, _ options: StudioImportOptions) throws -> StudioImport {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../FlowKitTests/Fixtures/TwilioStudio/\(name).json")
        return try TwilioStudioImport.translate(try Data(contentsOf: file), options: options)
    }

    @Test func theTextReportIsOneSummaryLineThenDropsAndWarnings() throws {
        let report = try Self.translate("rating-survey", StudioImportOptions(fallbackName: "rating-survey")).report
        #expect(CLIText.studioImport(report) == """
            Imported 'rating-survey' from Twilio Studio: 9 widgets → 13 nodes, 0 dropped, 2 templates left as text
              warning: node 'save-rating' field 'assignments.customer': Liquid left as text: {{contact.channel.address | remove: '+'}}
              warning: node 'thank-you' field 'message': Liquid left as text: {% if flow.variables.rating == '5' %}, {% endif %}

            """)
        let dropped = try Self.translate("opening-hours", StudioImportOptions(name: "Hours", dropUnsupported: true)).report
        #expect(CLIText.studioImport(dropped) == """
            Imported 'Hours' from Twilio Studio: 4 widgets → 6 nodes, 2 dropped, 0 templates left as text
              dropped: condition is_after_time of check_hours (split-based-on); rebuild it in the editor
              dropped: condition is_before_date of check_hours (split-based-on); rebuild it in the editor

            """)
    }

    @Test func theJSONReportCarriesTheFlowAndEveryCount() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("studio-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../FlowKitTests/Fixtures/TwilioStudio/unsupported-widgets.json")
        let (flow, report) = try Workspace(directory: dir).importStudioFlow(
            try Data(contentsOf: file), options: StudioImportOptions(name: "Agents", dropUnsupported: true))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(CLIJSON.studioImport(report, flow: flow).utf8)) as? [String: Any])
        #expect(json["id"] as? String == "agents" && json["name"] as? String == "Agents" && json["revision"] as? Int == 1)
        #expect(json["trigger"] as? String == "incomingMessage")
        #expect(json["widgets"] as? Int == 8 && json["nodes"] as? Int == 5 && json["templatesLeftAsText"] as? Int == 0)
        let dropped = try #require(json["dropped"] as? [[String: Any]])
        #expect(dropped.map { $0["widget"] as? String } == ["lookup_customer", "verify", "to_agent", "queue_call", "take_payment"])
        #expect(dropped.first?["type"] as? String == "run-function" && dropped.first?["condition"] is NSNull)
        #expect((json["warnings"] as? [Any])?.isEmpty == true)
    }
}
