import Foundation
import Testing
@testable import FlowKit

@Suite struct CatalogTests {
    @Test func embeddedResourcesEqualTheFiles() throws {
        let resources = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Resources")
        var onDisk: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: resources, includingPropertiesForKeys: [.isRegularFileKey])!
        for case let url as URL in enumerator {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            let rel = String(url.standardizedFileURL.path.dropFirst(resources.standardizedFileURL.path.count + 1))
            onDisk[rel] = try String(contentsOf: url, encoding: .utf8)
        }
        #expect(!onDisk.isEmpty)
        #expect(Set(onDisk.keys) == Set(EmbeddedResources.files.keys), "run scripts/embed-resources")
        for (path, text) in onDisk {
            #expect(EmbeddedResources.files[path] == text, "\(path) is stale: run scripts/embed-resources")
        }
    }

    @Test func catalogHasEveryDesignType() {
        let catalog = NodeCatalog.standard
        let expected = ["start", "receive", "send", "http-request", "branch", "evaluate", "set-variables", "delay",
                        "data-parser", "log", "play", "collect-input", "transfer", "disconnect", "end"]
        for t in expected { #expect(catalog.contains(t), "missing \(t)") }
        #expect(!catalog.contains("integration:salesforce"))
        #expect(catalog.type("end")?.terminal == true)
        #expect(catalog.type("disconnect")?.terminal == true)
        #expect(catalog.type("play")?.voiceOnly == true)
        #expect(catalog.type("send")?.voiceOnly == false)
        for t in catalog.types { #expect(catalog.categories.contains(t.category), "\(t.type) has unknown category") }
    }

    @Test func branchOutcomesComeFromItsBranches() throws {
        let branch = try #require(NodeCatalog.standard.type("branch"))
        let node = FlowNode(id: "b", type: "branch", config: [
            "branches": [["name": "yes", "variable": "x", "op": "equals", "value": "1"],
                         ["name": "no", "variable": "x", "op": "equals", "value": "2"]],
        ])
        #expect(branch.outcomes(for: node) == ["yes", "no", "none"])
    }

    @Test func startFieldsDependOnTrigger() throws {
        let start = try #require(NodeCatalog.standard.type("start"))
        let webhook = FlowNode(id: "start", type: "start", config: ["trigger": "webhook"])
        #expect(start.applicableFields(for: webhook).map(\.name) == ["trigger", "path", "signingSecret"])
        let sms = FlowNode(id: "start", type: "start", config: ["trigger": "inbound-message"])
        #expect(start.applicableFields(for: sms).map(\.name) == ["trigger", "channel", "address"])
    }

    @Test func defaultsComeFromTheCatalog() throws {
        let receive = try #require(NodeCatalog.standard.type("receive"))
        #expect(receive.defaultConfig()["timeoutSeconds"] == 20)
    }
}
