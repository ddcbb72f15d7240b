import Foundation
import Testing
import TerminalText
@testable import FlowKit

@Suite struct TerminalTextTests {
    @Test func everyControlCharacterIsEscapedAndNothingElse() {
        #expect(TerminalText.escaped("\u{1B}[2J\u{1B}]0;pwn\u{07}\u{00}") == "\\x1B[2J\\x1B]0;pwn\\x07\\x00")
        #expect(TerminalText.escaped("a\nb\tc\r\u{7F}") == "a\\x0Ab\\x09c\\x0D\\x7F")
        #expect(TerminalText.escaped("a\nb", keepingLineBreaks: true) == "a\nb")
        #expect(TerminalText.escaped("C1 \u{85}\u{9B}") == "C1 \\u{85}\\u{9B}")
        let printable = "Grüße ✓ 日本 🙂 \\x1B literal é"
        #expect(TerminalText.escaped(printable) == printable)
        // Every scalar below U+00A0 that is not printable ASCII is escaped.
        for v in UInt32(0)..<0xA0 {
            let s = String(Character(Unicode.Scalar(v)!))
            let isControl = v < 0x20 || v >= 0x7F
            #expect((TerminalText.escaped(s) != s) == isControl, "U+\(String(v, radix: 16))")
            #expect(!TerminalText.escaped(s).unicodeScalars.contains(where: TerminalText.isControl))
        }
    }

    @Test func valuesOverEightyCharactersAreCutWithTheirSize() {
        let short = String(repeating: "x", count: 80)
        #expect(TerminalText.value(short) == short)
        let long = String(repeating: "é", count: 81)
        #expect(TerminalText.value(long) == String(repeating: "é", count: 80) + "… (162 bytes)")
        #expect(TerminalText.value("a\u{1B}b") == "a\\x1Bb")
        #expect(TerminalText.codePoint("\u{1B}") == "U+001B")
    }

    @Test func workspaceMessagesQuoteUserValuesSafely() {
        let name = "pwn\u{1B}]0;x\u{07}" + String(repeating: "n", count: 100)
        let message = WorkspaceError.noSuchFlow(name).message
        #expect(TerminalText.firstControl(in: message) == nil)
        #expect(message.hasSuffix("… (\(name.utf8.count) bytes)'"))
        #expect(WorkspaceError.unreadableFile(path: "/tmp/a\u{1B}b", reason: "no such file").message
                == "cannot read /tmp/a\\x1Bb: no such file")
    }

    @Test func importRefusalsNameTheFieldWithTheControlCharacter() throws {
        func refusal(_ json: String) -> String? {
            do { _ = try FlowCodec.importDocument(Data(json.utf8)); return nil } catch { return error.message }
        }
        let start = #"{"id": "start", "type": "start", "config": {"trigger": "webhook"}}"#
        #expect(refusal(#"{"format": "flowcanvas/1", "name": "a\u001bb", "nodes": [\#(start)]}"#)
                == "the flow name contains the control character U+001B; names, labels and ids must be printable")
        #expect(refusal(#"{"format": "flowcanvas/1", "name": "a", "nodes": [\#(start), {"id": "n", "type": "end", "label": "x\u0000"}]}"#)?
                .hasPrefix("node 'n': \"label\" contains the control character U+0000") == true)
        #expect(refusal(#"{"format": "flowcanvas/1", "name": "a", "nodes": [\#(start)], "notes": [{"id": "n\u0085"}]}"#)?
                .hasPrefix("note 1: \"id\" contains the control character U+0085") == true)
        #expect(refusal(#"{"format": "flowcanvas/1", "name": "a", "nodes": [\#(start)], "connections": [{"from": "start", "outcome": "ne\nxt", "to": "x"}]}"#)?
                .hasPrefix("connection 1: \"outcome\" contains the control character U+000A") == true)
        // Free text may hold line breaks.
        #expect(refusal(#"{"format": "flowcanvas/1", "name": "a", "description": "two\nlines", "nodes": [\#(start)], "notes": [{"id": "n", "text": "a\nb"}]}"#) == nil)
    }

    @Test func savingAndRenamingRefuseControlCharacters() throws {
        try StoreFixture.withWorkspace { ws in
            let flow = try ws.createFlow(named: "Plain")
            var doc = try ws.document("Plain").document
            let start = try #require(doc.nodes.firstIndex { $0.id == "start" })
            doc.nodes[start].label = "bell\u{07}"
            try StoreFixture.expectRefusal(ws, .invalidText("node 'start': \"label\" contains the control character U+0007; names, labels and ids must be printable")) {
                try ws.saveDraft(flow.id, document: doc)
            }
            try StoreFixture.expectRefusal(ws, .invalidName("the flow name contains the control character U+001B; names, labels and ids must be printable")) {
                _ = try ws.renameFlow("Plain", to: "x\u{1B}[2J")
            }
        }
    }
}
