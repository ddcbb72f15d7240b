import Foundation
import GRDB

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
}

// Runtime-facing reads: cheap enough to run per trigger.
extension Workspace {
    /// Every live flow's pointer (running or paused), by id. One indexed query, no
    /// documents decoded.
    public func liveFlowPointers() throws(WorkspaceError) -> [LiveFlowPointer] {
        try read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT f.id, f.name, f.state, f.liveVersion, v.createdAt
                FROM flows f JOIN versions v ON v.flowId = f.id AND v.number = f.liveVersion
                WHERE f.liveVersion IS NOT NULL
                ORDER BY f.id
                """)
            return try Row.fetchAll(statement).map { row in
                LiveFlowPointer(id: row[0], name: row[1],
                                state: (row[2] as String?).flatMap(FlowState.init(rawValue:)) ?? .running,
                                liveVersion: row[3], versionCreatedAt: row[4])
            }
        }
    }

    /// Version `number` of the flow with id `flowID` (exactly, no name lookup) and the
    /// flow's current state; nil when the flow or the version no longer exists. Sessions
    /// are pinned to the version they started on, live or not.
    public func pinnedVersion(flowID: String, number: Int) throws(WorkspaceError) -> (version: FlowVersion, state: FlowState)? {
        try read { db in
            guard let flow = try FlowRecord.fetchOne(db, key: flowID),
                  let v = try VersionRecord.fetchOne(db, key: ["flowId": flowID, "number": number]) else { return nil }
            let state = flow.state.flatMap(FlowState.init(rawValue:)) ?? .running
            return (try flowVersion(flow, v), state)
        }
    }
}
