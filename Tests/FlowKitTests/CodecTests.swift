import Foundation
import Testing
@testable import FlowKit

@Suite struct CodecExportTests {
    static let tiny = FlowDocument(
        name: "Tiny",
        nodes: [
            FlowNode(id: "start", type: "start", label: "Go", x: 2, y: 1, config: ["trigger": "webhook", "path": "go"]),
            FlowNode(id: "b-end", type: "end", config: ["outcome": "done"]),
        ],
        connections: [Connection(from: "start", outcome: "next", to: "b-end")]
    )

    @Test func exportIsCanonicalText() {
        let expected = """
        {
          "connections": [
            {
              "from": "start",
              "outcome": "next",
              "to": "b-end"
            }
          ],
          "description": "",
          "format": "flowcanvas/1",
          "kind": "messaging",
          "name": "Tiny",
          "nodes": [
            {
              "config": {
                "outcome": "done"
              },
              "id": "b-end",
              "label": "",
              "type": "end"
            },
            {
              "config": {
                "path": "go",
                "trigger": "webhook"
              },
              "id": "start",
              "label": "Go",
              "type": "start",
              "x": 2,
              "y": 1
            }
          ],
          "notes": [],
          "settings": {
            "languages": [],
            "logbooks": [],
            "mediaFolder": null,
            "outcomes": [],
            "preventDuplicateSessions": false,
            "uniqueIdentifier": "",
            "variables": []
          }
        }

        """
        #expect(FlowCodec.exportJSON(Self.tiny) == expected)
    }

    @Test func exportSortsNodesConnectionsAndNotes() throws {
        var doc = CodecFixtures.orderStatus()
        doc.notes.append(FlowNote(id: "a-note", text: "first by id"))
        doc.connections.reverse()
        let text = FlowCodec.exportJSON(doc)
        let ids = try #require(JSONParser.parse(text)["nodes"]?.arrayValue).compactMap { $0["id"]?.stringValue }
        #expect(ids == ["done", "failed", "lookup", "start"])
        let notes = try #require(JSONParser.parse(text)["notes"]?.arrayValue).compactMap { $0["id"]?.stringValue }
        #expect(notes == ["a-note", "note-1"])
        let connections = try #require(JSONParser.parse(text)["connections"]?.arrayValue).map {
            "\($0["from"]!.stringValue!)/\($0["outcome"]!.stringValue!)"
        }
        #expect(connections == ["lookup/error", "lookup/success", "lookup/timeout", "start/next"])
    }

    @Test func exportIsByteIdenticalRegardlessOfInputOrder() {
        let doc = CodecFixtures.orderStatus()
        var shuffled = doc
        shuffled.nodes.reverse()
        shuffled.connections.reverse()
        #expect(FlowCodec.exportJSON(doc) == FlowCodec.exportJSON(doc))
        #expect(FlowCodec.exportJSON(doc) == FlowCodec.exportJSON(shuffled))
    }

    @Test func exportImportExportIsIdentical() throws {
        // Every node placed: import lays out unplaced nodes, which changes the text.
        for doc in [CodecFixtures.orderStatus(), CodecFixtures.large(300)] {
            let first = FlowCodec.exportJSON(doc)
            let imported = try FlowCodec.importDocument(Data(first.utf8))
            #expect(FlowCodec.exportJSON(imported) == first)
        }
    }

    @Test func importOfAnExportGivesBackTheDocumentInCanonicalOrder() throws {
        let doc = CodecFixtures.orderStatus()
        let imported = try FlowCodec.importDocument(Data(FlowCodec.exportJSON(doc).utf8))
        var expected = doc
        expected.nodes.sort { $0.id < $1.id }
        expected.connections.sort()
        #expect(imported == expected)
    }

    @Test func positionsAreOmittedWhenUnsetAndMediaFolderIsNull() throws {
        let text = FlowCodec.exportJSON(Self.tiny)
        let end = try #require(JSONParser.parse(text)["nodes"]?.arrayValue?.first?.objectValue)
        #expect(end["id"] == "b-end")
        #expect(end["x"] == nil && end["y"] == nil)
        #expect(text.contains("\"mediaFolder\": null"))

        var voice = Self.tiny
        voice.settings.mediaFolder = "media/ivr"
        #expect(FlowCodec.exportJSON(voice).contains("\"mediaFolder\": \"media/ivr\""))
    }

    @Test func exportEscapesOnlyWhatJSONRequires() {
        var doc = Self.tiny
        doc.nodes[1].label = "Quote \" slash / back \\ tab \t bell \u{07} é ✓"
        let text = FlowCodec.exportJSON(doc)
        #expect(text.contains(#""label": "Quote \" slash / back \\ tab \t bell \u0007 é ✓""#))
    }

    @Test func numbersAreWrittenWithoutNeedlessFractions() throws {
        var doc = Self.tiny
        doc.nodes[0].config["timeout"] = 20
        doc.nodes[0].config["ratio"] = 0.1
        doc.nodes[0].config["big"] = .number(-1234567)
        let text = FlowCodec.exportJSON(doc)
        #expect(text.contains("\"timeout\": 20,"))
        #expect(text.contains("\"ratio\": 0.1,"))
        #expect(text.contains("\"big\": -1234567,"))
        let back = try FlowCodec.importDocument(Data(text.utf8))
        #expect(back.node(withID: "start")?.config["ratio"] == 0.1)
    }
}

@Suite struct CodecStorageTests {
    @Test func storageRoundTripKeepsTheDocumentExactly() throws {
        for doc in [CodecFixtures.orderStatus(), CodecFixtures.large(1000), CodecFixtures.chain(10)] {
            let data = FlowCodec.encodeForStorage(doc)
            #expect(try FlowCodec.decodeStored(data) == doc)
        }
    }

    @Test func storageBytesAreCompactCanonicalJSONInDocumentOrder() {
        var doc = CodecFixtures.large(200)
        doc.settings.mediaFolder = "media"
        doc.settings.languages = [FlowLanguage(code: "en", required: true)]
        doc.nodes[3].x = nil
        let expected = CanonicalJSON.encodeBytes(FlowCodec.jsonValue(of: doc, sorted: false), indent: false)
        #expect([UInt8](FlowCodec.encodeForStorage(doc)) == expected)
    }

    @Test func storageIsReadableByFoundation() throws {
        let data = FlowCodec.encodeForStorage(CodecFixtures.orderStatus())
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["name"] as? String == "Order status")
        #expect((object["nodes"] as? [Any])?.count == 4)
    }

    /// The fast reader must build exactly what the tree reader builds, and must not
    /// give up on the documents it exists for.
    @Test func fastReaderAgreesWithTheTreeReader() throws {
        let texts: [String] = [
            FlowCodec.exportJSON(CodecFixtures.orderStatus()),
            String(decoding: FlowCodec.encodeForStorage(CodecFixtures.large(300)), as: UTF8.self),
            #"{"format": "flowcanvas/1", "name": null, "kind": null, "settings": null, "nodes": null, "extra": [1, {"a": 2}]}"#,
            #"""
            {"notes": [{"id": "n", "text": "t", "node": null}], "format": "flowcanvas/1",
             "settings": {"languages": [{"code": "en"}], "variables": [{"name": "v", "default": null}], "future": true},
             "nodes": [{"id": "a", "type": "play", "label": null, "x": 3, "y": -4, "config": null, "future": {}}],
             "connections": [{"from": "a", "outcome": "done", "to": "a", "future": 1}], "name": "Voice é", "kind": "voice"}
            """#,
        ]
        for text in texts {
            let data = Data(text.utf8)
            let fast = try #require(StoredDocumentReader.read(data), "fast reader gave up on: \(text.prefix(80))")
            #expect(fast == (try DocumentReader.read(JSONParser.parse(data))))
        }
    }

    @Test func fastReaderGivesUpWhereTheTreeReaderExplains() throws {
        // An escaped key is legal JSON the fast reader does not handle: the slow path reads it.
        let escapedKey = Data(#"{"format": "flowcanvas/1", "n\u0061me": "Escaped"}"#.utf8)
        #expect(StoredDocumentReader.read(escapedKey) == nil)
        #expect(try FlowCodec.decodeStored(escapedKey).name == "Escaped")
        for bad in [#"{"format": "flowcanvas/1", "nodes": [{"id": "a"}]}"#, #"{"format": "x"}"#, #"{"format": "flowcanvas/1",}"#,
                    #"{"format": "flowcanvas/1", "nodes": [{"id": "a", "type": "log"}, {"id": "a", "type": "log"}]}"#] {
            #expect(StoredDocumentReader.read(Data(bad.utf8)) == nil, "\(bad)")
        }
    }

    @Test func decodeStoredRefusesGarbageWithAReason() {
        #expect(throws: FlowImportError.self) { try FlowCodec.decodeStored(Data("{\"format\": ".utf8)) }
    }
}
