import Foundation
import Testing
@testable import FlowKit

@Suite struct DiffTests {
    let base = CodecFixtures.orderStatus()

    @Test func identicalDocumentsHaveAnEmptyDiff() {
        var reordered = base
        reordered.nodes.reverse()
        reordered.connections.reverse()
        #expect(FlowDiff.between(base, base).isEmpty)
        #expect(FlowDiff.between(base, reordered).isEmpty)
    }

    @Test func addedAndRemovedNodesAreSorted() {
        var new = base
        new.nodes.removeAll { $0.id == "failed" || $0.id == "done" }
        new.nodes.append(FlowNode(id: "zeta", type: "log"))
        new.nodes.append(FlowNode(id: "alpha", type: "log"))
        let diff = FlowDiff.between(base, new)
        #expect(diff.addedNodes == ["alpha", "zeta"])
        #expect(diff.removedNodes == ["done", "failed"])
        #expect(diff.changedNodes.isEmpty)
        #expect(!diff.settingsChanged)
    }

    @Test func changedNodesListTheirChangedFields() throws {
        var new = base
        let lookup = try #require(new.nodeIndex(withID: "lookup"))
        new.nodes[lookup].config["url"] = "$(apiBase)/v2/orders/$(start.message)"
        new.nodes[lookup].config["timeoutSeconds"] = 5      // added key
        new.nodes[lookup].config["method"] = nil            // removed key
        new.nodes[lookup].x = 31
        let start = try #require(new.nodeIndex(withID: "start"))
        new.nodes[start].label = "SMS in"
        let done = try #require(new.nodeIndex(withID: "done"))
        new.nodes[done].type = "disconnect"
        let diff = FlowDiff.between(base, new)
        #expect(diff.changedNodes == [
            FlowDiff.ChangedNode(id: "done", fields: ["type"]),
            FlowDiff.ChangedNode(id: "lookup", fields: ["config.method", "config.timeoutSeconds", "config.url", "position"]),
            FlowDiff.ChangedNode(id: "start", fields: ["label"]),
        ])
        #expect(diff.addedNodes.isEmpty && diff.removedNodes.isEmpty)
    }

    @Test func rewiredConnectionsShowAsRemovedAndAdded() {
        var new = base
        new.connections.removeAll { $0.outcome == "timeout" }
        new.connections.append(Connection(from: "lookup", outcome: "timeout", to: "done"))
        new.connections.append(Connection(from: "done", outcome: "x", to: "start"))
        let diff = FlowDiff.between(base, new)
        #expect(diff.removedConnections == [Connection(from: "lookup", outcome: "timeout", to: "failed")])
        #expect(diff.addedConnections == [Connection(from: "done", outcome: "x", to: "start"),
                                          Connection(from: "lookup", outcome: "timeout", to: "done")])
        #expect(diff.changedNodes.isEmpty)
    }

    @Test func settingsNameDescriptionAndKindCountAsSettings() {
        var settings = base
        settings.settings.variables.append(CustomVariable(name: "token"))
        #expect(FlowDiff.between(base, settings).settingsChanged)
        var renamed = base
        renamed.name = "Order status v2"
        #expect(FlowDiff.between(base, renamed).settingsChanged)
        var described = base
        described.description = "Now by WhatsApp too"
        #expect(FlowDiff.between(base, described).settingsChanged)
        var voice = base
        voice.kind = .voice
        let diff = FlowDiff.between(base, voice)
        #expect(diff.settingsChanged)
        #expect(diff.addedNodes.isEmpty && diff.changedNodes.isEmpty && diff.addedConnections.isEmpty)
    }

    @Test func notesAreAddedRemovedOrEdited() {
        var edited = base
        edited.notes[0].text = "changed"
        edited.notes[0].x += 3
        let diff = FlowDiff.between(base, edited)
        #expect(!diff.isEmpty && diff.changedNotes == [.init(id: base.notes[0].id, fields: ["position", "text"])])
        #expect(diff.addedNodes.isEmpty && diff.changedNodes.isEmpty && !diff.settingsChanged)
        var added = base
        added.notes.append(FlowNote(id: "zz-note", text: "new"))
        #expect(FlowDiff.between(base, added).addedNotes == ["zz-note"])
        #expect(FlowDiff.between(added, base).removedNotes == ["zz-note"])
    }

    @Test func jsonShapeMatchesTheCLIContract() throws {
        var new = base
        new.nodes.append(FlowNode(id: "extra", type: "log"))
        let data = try JSONEncoder().encode(FlowDiff.between(base, new))
        let keys = try #require(JSONParser.parse(data).objectValue?.keys)
        #expect(Set(keys) == ["addedNodes", "removedNodes", "changedNodes", "addedConnections", "removedConnections",
                              "settingsChanged", "changedSettings", "addedNotes", "removedNotes", "changedNotes"])
    }

    @Test func largeVersionsDiff() {
        let old = CodecFixtures.large(5000)
        var new = old
        for i in stride(from: 1, to: new.nodes.count, by: 10) { new.nodes[i].label += " (edited)" }
        new.nodes.removeLast(100)
        let diff = FlowDiff.between(old, new)
        #expect(diff.changedNodes.count == 500 - 10)
        #expect(diff.removedNodes.count == 100)
        #expect(diff.changedNodes.allSatisfy { $0.fields == ["label"] })
    }
}
