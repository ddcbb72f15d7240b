import Foundation

/// Which version of a flow is live and whether it runs, without the document: what the
/// runtime checks on every trigger to pick up Make Live, pause and resume.
public struct LiveFlowPointer: Equatable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var state: FlowState
    public var liveVersion: Int
    /// When the live version was made; tells a version apart from one of the same number
    /// of a flow deleted and re-created under the same id.
    public var versionCreatedAt: Date

    public init(id: String, name: String, state: FlowState, liveVersion: Int, versionCreatedAt: Date) {
        self.id = id
        self.name = name
        self.state = state
        self.liveVersion = liveVersion
        self.versionCreatedAt = versionCreatedAt
    }
}

// Runtime-facing reads: cheap enough to run per trigger.
extension Workspace {
    /// Every live flow's pointer (running or paused), by id. One indexed query, no
    /// documents decoded.
    public func liveFlowPointers() throws(WorkspaceError) -> [LiveFlowPointer] {
        try read { db in try db.liveFlowPointers() }
    }

    /// When version `number` of the flow with id `flowID` (exactly, no name lookup) was made
    /// and the flow's current state, without the document: enough to tell a cached copy of
    /// the version is still the one stored. Nil when the flow or the version no longer
    /// exists. Read on every request to a pinned session: two indexed rows, however many
    /// versions the flow has.
    public func versionStamp(flowID: String, number: Int) throws(WorkspaceError) -> (createdAt: Date, state: FlowState)? {
        try read { db in
            guard let flow = try db.flow(id: flowID),
                  let header = try db.versionHeader(flowID: flowID, number: number) else { return nil }
            return (header.createdAt, flow.state.flatMap(FlowState.init(rawValue:)) ?? .running)
        }
    }

    /// Version `number` of the flow with id `flowID` (exactly, no name lookup) and the
    /// flow's current state; nil when the flow or the version no longer exists. Sessions
    /// are pinned to the version they started on, live or not.
    public func pinnedVersion(flowID: String, number: Int) throws(WorkspaceError) -> (version: FlowVersion, state: FlowState)? {
        try read { db in
            guard let flow = try db.flow(id: flowID),
                  let v = try db.version(flowID: flowID, number: number) else { return nil }
            let state = flow.state.flatMap(FlowState.init(rawValue:)) ?? .running
            return (try flowVersion(flow, v), state)
        }
    }
}
