import Foundation
import Testing
@testable import FlowKit

@Suite struct CodecImportTests {
    /// The refusal for `text`, or a test failure if it was accepted.
    func refusal(_ text: String) -> FlowImportError? {
        do {
            let doc = try FlowCodec.importDocument(Data(text.utf8))
            Issue.record("accepted a document that should be refused: \(doc.name)")
            return nil
        } catch {
            return error
        }
    }

    func node(_ id: String, _ type: String, x: Int? = nil) -> String {
        let position = x.map { #", "x": \#($0), "y": 1"# } ?? ""
        return #"{"id": "\#(id)", "type": "\#(type)"\#(position)}"#
    }

    @Test func truncatedJSONSaysWhere() {
        let text = "{\"format\": \"flowcanvas/1\",\n  \"name\": \"x\",\n  \"nodes\": ["
        let error = refusal(text)
        #expect(error?.reason == .malformedJSON)
        #expect(error?.message == "malformed JSON at line 3, column 13: unexpected end of input (the file is truncated)")
    }

    @Test func truncatedInsideAStringSaysWhereTheStringBegan() {
        let error = refusal("{\"format\": \"flowcanvas/1\",\n\"name\": \"Order st")
        #expect(error?.message == "malformed JSON at line 2, column 9: unterminated string (the file is truncated)")
    }

    @Test func missingCommaSaysWhere() {
        let error = refusal("{\n  \"format\": \"flowcanvas/1\"\n  \"name\": \"x\"\n}")
        #expect(error?.message == #"malformed JSON at line 3, column 3: expected ',' or '}' after the value of "format", found '"'"#)
    }

    @Test func emptyFileIsMalformed() {
        #expect(refusal("  \n")?.message == "malformed JSON at line 2, column 1: the document is empty")
    }

    @Test func trailingGarbageIsMalformed() {
        #expect(refusal("{\"format\": \"flowcanvas/1\"} x")?.message
            == "malformed JSON at line 1, column 28: unexpected 'x' after the end of the document")
    }

    @Test func everyMalformedMessageIsOneLine() {
        for text in ["{", "[1,]", "{\"a\" 1}", "\"\u{01}\"", "01", "{\"a\": tru}", "\"\\ud800\"", "\"\\q\""] {
            let error = refusal(text)
            #expect(error?.reason == .malformedJSON, "\(text)")
            #expect(error?.message.contains("\n") == false, "\(text)")
        }
    }

    @Test func invalidUTF8IsMalformed() {
        var data = Data(#"{"format": "flowcanvas/1", "name": "caf"#.utf8)
        data.append(contentsOf: [0xE9, 0x22, 0x7D]) // Latin-1 é, then "}
        do {
            _ = try FlowCodec.importDocument(data)
            Issue.record("accepted invalid UTF-8")
        } catch {
            #expect(error.message == "malformed JSON at line 1, column 36: a string is not valid UTF-8")
        }
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        let data = Data([0xEF, 0xBB, 0xBF] + Array(#"{"format": "flowcanvas/1", "name": "BOM"}"#.utf8))
        #expect(try FlowCodec.importDocument(data).name == "BOM")
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let error = refusal(String(repeating: "[", count: 5000))
        #expect(error?.message.hasSuffix("nesting deeper than 512 levels") == true)
    }

    @Test func missingFormat() {
        let error = refusal(#"{"name": "x", "nodes": []}"#)
        #expect(error?.reason == .wrongFormat)
        #expect(error?.message == "no format given (expected flowcanvas/1)")
    }

    @Test func aStudioDefinitionWhereFlowcanvasIsExpectedSaysHowToImportIt() {
        let error = refusal(#"{"description": "x", "states": [], "initial_state": "Trigger"}"#)
        #expect(error?.reason == .wrongFormat)
        #expect(error?.message == "a Twilio Studio definition, not flowcanvas/1: 'flowcanvas import FILE' translates it")
    }

    @Test func wrongFormat() {
        #expect(refusal(#"{"format": "flowcanvas/2", "nodes": []}"#)?.message
            == "unsupported format 'flowcanvas/2' (expected flowcanvas/1)")
        #expect(refusal(#"{"format": 1, "nodes": []}"#)?.message
            == #"unsupported format: "format" must be the string flowcanvas/1, not the number 1"#)
    }

    @Test func documentMustBeAnObject() {
        #expect(refusal("[]")?.message == "the document must be a JSON object, not an array")
    }

    @Test func nodesMustBeAnArray() {
        let error = refusal(#"{"format": "flowcanvas/1", "nodes": {}}"#)
        #expect(error?.reason == .invalidDocument)
        #expect(error?.message == #""nodes" must be an array, not an object"#)
    }

    @Test func nodeWithoutIDIsNamedByPosition() {
        let text = #"{"format": "flowcanvas/1", "nodes": [\#(node("start", "start")), {"type": "end"}]}"#
        #expect(refusal(text)?.message == #"node 2 has no "id""#)
    }

    @Test func nodeWithoutTypeIsNamedByID() {
        let text = #"{"format": "flowcanvas/1", "nodes": [{"id": "ask", "label": "Ask"}]}"#
        #expect(refusal(text)?.message == #"node 'ask' has no "type""#)
    }

    @Test func nodeThatIsNotAnObject() {
        #expect(refusal(#"{"format": "flowcanvas/1", "nodes": ["start"]}"#)?.message
            == "node 1 must be an object, not the string 'start'")
    }

    @Test func positionMustBeAWholeNumber() {
        let text = #"{"format": "flowcanvas/1", "nodes": [{"id": "start", "type": "start", "x": "5", "y": 1}]}"#
        #expect(refusal(text)?.message == #"node 'start': "x" must be a whole number (a grid cell), not the string '5'"#)
        let fraction = #"{"format": "flowcanvas/1", "nodes": [{"id": "start", "type": "start", "x": 1.5, "y": 1}]}"#
        #expect(refusal(fraction)?.message == #"node 'start': "x" must be a whole number (a grid cell), not the number 1.5"#)
    }

    @Test func configMustBeAnObject() {
        let text = #"{"format": "flowcanvas/1", "nodes": [{"id": "start", "type": "start", "config": []}]}"#
        #expect(refusal(text)?.message == #"node 'start': "config" must be an object, not an array"#)
    }

    @Test func unknownKind() {
        #expect(refusal(#"{"format": "flowcanvas/1", "kind": "video", "nodes": []}"#)?.message
            == "unknown kind 'video' (expected messaging or voice)")
    }

    @Test func badSettingsAreNamed() {
        #expect(refusal(#"{"format": "flowcanvas/1", "settings": {"outcomes": [{"name": "ok", "kind": "great"}]}}"#)?.message
            == "settings.outcomes[0].kind 'great' must be one of success, failure, incomplete")
        #expect(refusal(#"{"format": "flowcanvas/1", "settings": {"preventDuplicateSessions": "yes"}}"#)?.message
            == "settings.preventDuplicateSessions must be true or false, not the string 'yes'")
        #expect(refusal(#"{"format": "flowcanvas/1", "settings": {"logbooks": "orders"}}"#)?.message
            == "settings.logbooks must be an array, not the string 'orders'")
    }

    @Test func connectionMissingAnEnd() {
        let text = #"{"format": "flowcanvas/1", "nodes": [\#(node("start", "start"))], "connections": [{"from": "start", "outcome": "next"}]}"#
        #expect(refusal(text)?.message == #"connection 1: "to" is missing"#)
    }

    @Test func invalidNodeIDSyntax() {
        let text = #"{"format": "flowcanvas/1", "nodes": [\#(node("Ask Me", "send"))]}"#
        let error = refusal(text)
        #expect(error?.reason == .invalidID)
        #expect(error?.message == "invalid node id 'Ask Me' (node 1): ids are 1 to 40 characters of a-z, 0-9 and -")
        let long = String(repeating: "a", count: 41)
        #expect(refusal(#"{"format": "flowcanvas/1", "nodes": [\#(node(long, "send"))]}"#)?.reason == .invalidID)
        #expect(refusal(#"{"format": "flowcanvas/1", "nodes": [\#(node("", "send"))]}"#)?.reason == .invalidID)
    }

    @Test func duplicateNodeIDsAreNamed() {
        let one = #"{"format": "flowcanvas/1", "nodes": [\#(node("ask", "send")), \#(node("start", "start")), \#(node("ask", "receive"))]}"#
        let error = refusal(one)
        #expect(error?.reason == .duplicateIDs)
        #expect(error?.message == "duplicate node id 'ask' (nodes 1, 3): each node needs its own id")

        let two = #"{"format": "flowcanvas/1", "nodes": [\#(node("b", "send")), \#(node("a", "send")), \#(node("a", "send")), \#(node("b", "send"))]}"#
        #expect(refusal(two)?.message == "duplicate node ids 'b' (nodes 1, 4), 'a' (nodes 2, 3): each node needs its own id")
    }

    @Test func unsupportedNodesGetTheExactDesignText() {
        let text = #"""
        {"format": "flowcanvas/1", "name": "CRM sync", "nodes": [
          {"id": "start", "type": "start"},
          {"id": "crm", "type": "integration:salesforce"},
          {"id": "send", "type": "send"},
          {"id": "fax", "type": "fax-out"}
        ]}
        """#
        let error = refusal(text)
        #expect(error?.reason == .unsupportedNodes)
        #expect(error?.message == """
        The flow cannot be imported. The following nodes used in the source stream are not accessed / supported in this account
          - crm (integration:salesforce)
          - fax (fax-out)
        """)
    }

    @Test func shapeErrorsComeBeforeTheUnsupportedList() {
        let text = #"{"format": "flowcanvas/1", "nodes": [\#(node("crm", "integration:salesforce")), \#(node("crm", "send"))]}"#
        #expect(refusal(text)?.reason == .duplicateIDs)
    }

    @Test func unplacedDocumentsAreLaidOut() throws {
        let text = #"""
        {"format": "flowcanvas/1", "name": "No positions",
         "settings": {"outcomes": [{"name": "done", "kind": "success"}]},
         "nodes": [{"id": "done", "type": "end", "config": {"outcome": "done"}},
                   {"id": "start", "type": "start", "config": {"trigger": "webhook"}}],
         "connections": [{"from": "start", "outcome": "next", "to": "done"}]}
        """#
        let doc = try FlowCodec.importDocument(Data(text.utf8))
        let start = try #require(doc.node(withID: "start"))
        let done = try #require(doc.node(withID: "done"))
        #expect(start.x != nil && start.y != nil && done.x != nil && done.y != nil)
        #expect(start.x! < done.x!)
        #expect(doc.name == "No positions")
        #expect(doc.settings.outcomes == [FlowOutcome(name: "done", kind: .success)])
    }

    @Test func partlyPlacedDocumentsKeepTheGivenPositions() throws {
        let text = #"""
        {"format": "flowcanvas/1",
         "nodes": [{"id": "start", "type": "start", "x": 40, "y": 7},
                   {"id": "send", "type": "send"},
                   {"id": "done", "type": "end", "x": 2, "y": 30}],
         "connections": [{"from": "start", "outcome": "next", "to": "send"},
                         {"from": "send", "outcome": "sent", "to": "done"}]}
        """#
        let doc = try FlowCodec.importDocument(Data(text.utf8))
        #expect(doc.node(withID: "start")?.x == 40 && doc.node(withID: "start")?.y == 7)
        #expect(doc.node(withID: "done")?.x == 2 && doc.node(withID: "done")?.y == 30)
        let send = try #require(doc.node(withID: "send"))
        #expect(send.x != nil && send.y != nil)
        #expect(LayoutTests.overlaps(in: doc).isEmpty)
    }

    @Test func leftOutPartsGetDefaults() throws {
        let doc = try FlowCodec.importDocument(Data(#"{"format": "flowcanvas/1"}"#.utf8))
        #expect(doc == FlowDocument(name: ""))
    }

    @Test func unknownConfigKeysSurviveARoundTrip() throws {
        let text = #"{"format": "flowcanvas/1", "nodes": [{"id": "start", "type": "start", "x": 1, "y": 1, "config": {"vendorHint": {"a": [1, null, true]}}}]}"#
        let doc = try FlowCodec.importDocument(Data(text.utf8))
        #expect(doc.nodes[0].config["vendorHint"] == ["a": [1, nil, true]])
        #expect(FlowCodec.exportJSON(doc).contains("\"vendorHint\""))
    }

    @Test func parserDecodesEscapesAndUnicode() throws {
        let value = try JSONParser.parse(#"["\u00e9\ud83d\ude00\n\t\"\\\/", -0.5e2, 12345678901234567890, 0, -0, 1E3]"#)
        let items = try #require(value.arrayValue)
        #expect(items[0] == .string("é😀\n\t\"\\/"))
        #expect(items[1] == .number(-50))
        #expect(items[2] == .number(Double("12345678901234567890")!))
        #expect(items[3] == .number(0))
        #expect(items[4] == .number(0))
        #expect(items[5] == .number(1000))
    }
}
