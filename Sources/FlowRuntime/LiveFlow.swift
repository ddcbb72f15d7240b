import FlowKit
import Foundation
import NIOConcurrencyHelpers

/// A live flow's run state (DESIGN §6): paused flows start no new sessions.
public enum LiveFlowState: String, Codable, Sendable {
    case running, paused
}

/// One flow version as the runtime needs it. The store builds these from its versions
/// table; test runs build one from a draft (version nil).
public struct LiveFlow: Sendable {
    public var flowId: String
    /// nil for a working draft run by `flowcanvas run --draft`.
    public var version: Int?
    public var document: FlowDocument
    public var state: LiveFlowState
    /// Channel → app name chosen at Make Live. An unbound channel uses the built-in
    /// `outbox` app.
    public var appBindings: [String: String]
    /// Values of externalized variables chosen at Make Live; they override the
    /// documents' defaults.
    public var variableValues: [String: String]

    public init(flowId: String, version: Int?, document: FlowDocument, state: LiveFlowState = .running,
                appBindings: [String: String] = [:], variableValues: [String: String] = [:]) {
        self.flowId = flowId
        self.version = version
        self.document = document
        self.state = state
        self.appBindings = appBindings
        self.variableValues = variableValues
    }
}

/// Where the engine finds flows. The workspace store implements it over its tables;
/// `StaticFlowSource` serves tests and test runs.
public protocol LiveFlowSource: Sendable {
    /// The live version of every live flow (running or paused), used to match triggers.
    func liveFlows() throws -> [LiveFlow]
    /// A specific version of a flow, whether or not it is still the live one: sessions
    /// are pinned to the version they started on. `state` is the flow's current state.
    /// nil if the flow or version no longer exists.
    func flow(id: String, version: Int?) throws -> LiveFlow?
}

/// An in-memory `LiveFlowSource`: a list of versions, the highest of each flow live.
/// Thread-safe so a test can "make live" v2 or pause a flow while sessions run.
public final class StaticFlowSource: LiveFlowSource {
    private let versions: NIOLockedValueBox<[LiveFlow]>

    public init(_ flows: [LiveFlow] = []) {
        self.versions = NIOLockedValueBox(flows)
    }

    /// Adds a version; the highest version of a flow is its live one.
    public func add(_ flow: LiveFlow) {
        versions.withLockedValue { versions in
            versions.removeAll { $0.flowId == flow.flowId && $0.version == flow.version }
            versions.append(flow)
        }
    }

    public func setState(_ state: LiveFlowState, flowId: String) {
        versions.withLockedValue { versions in
            for i in versions.indices where versions[i].flowId == flowId { versions[i].state = state }
        }
    }

    public func liveFlows() throws -> [LiveFlow] {
        versions.withLockedValue { versions in
            var newest: [String: LiveFlow] = [:]
            for flow in versions {
                if let current = newest[flow.flowId], (current.version ?? -1) >= (flow.version ?? -1) { continue }
                newest[flow.flowId] = flow
            }
            return newest.values.sorted { $0.flowId < $1.flowId }
        }
    }

    public func flow(id: String, version: Int?) throws -> LiveFlow? {
        versions.withLockedValue { $0.first { $0.flowId == id && $0.version == version } }
    }
}
