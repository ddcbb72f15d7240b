import FlowKit
import Foundation
import GRDB
@testable import FlowRuntime

/// A fresh workspace in a temp directory (store and runtime tables), and its database.
func makeWorkspace() throws -> (Workspace, any DatabaseWriter) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("flowruntime-\(UUID().uuidString)")
    let workspace = try Workspace(directory: dir, author: "test")
    return (workspace, try workspace.runtimeDatabase())
}

/// Builds small flows: `node(id, type, config)` plus `link(from, outcome, to)`.
final class FlowBuilder {
    var document: FlowDocument

    init(_ name: String = "Test flow", kind: FlowKind = .messaging, settings: FlowSettings = FlowSettings()) {
        document = FlowDocument(name: name, kind: kind, settings: settings)
    }

    @discardableResult
    func node(_ id: String, _ type: String, _ config: [String: JSONValue] = [:]) -> FlowBuilder {
        document.nodes.append(FlowNode(id: id, type: type, config: config))
        return self
    }

    @discardableResult
    func link(_ from: String, _ outcome: String, _ to: String) -> FlowBuilder {
        document.connections.append(Connection(from: from, outcome: outcome, to: to))
        return self
    }

    static let smsStart: [String: JSONValue] = ["trigger": "inbound-message", "channel": "sms", "address": "+15550100"]
}

/// An in-memory engine on a virtual clock with an in-memory outbox.
struct MemoryRig {
    let clock = VirtualClock()
    let store = MemorySessionStore()
    let outbox = MemoryOutbox()
    let flows: StaticFlowSource
    let engine: FlowEngine

    init(_ flows: [LiveFlow], options: EngineOptions = EngineOptions(persistEveryStep: false,
                                                                     sessionIDs: .sequential(prefix: "s"))) {
        self.flows = StaticFlowSource(flows)
        engine = FlowEngine(store: store, flows: self.flows, apps: SingleDeliveryResolver(outbox), clock: clock,
                            options: options)
    }

    init(document: FlowDocument, options: EngineOptions = EngineOptions(persistEveryStep: false,
                                                                        sessionIDs: .sequential(prefix: "s"))) {
        self.init([LiveFlow(flowId: "f", version: 1, document: document)], options: options)
    }

    var flow: LiveFlow { try! flows.liveFlows()[0] }

    func sms(from: String = "+15550111", _ message: String = "hello") async throws -> Session {
        try await engine.startSession(flow: flow, trigger: .inboundMessage(channel: "sms", from: from,
                                                                           to: "+15550100", message: message))
    }
}
