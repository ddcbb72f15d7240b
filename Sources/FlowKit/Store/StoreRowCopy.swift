import Foundation

/// Copies every row of the store from one backend's transaction into another's, through
/// the same row calls both backends implement (so the copy cannot miss a column one of
/// them has): apps, then per flow its row, versions (oldest first), their recorded
/// changes, the draft and the shares. The documents are the stored bytes, unchanged.
/// One flow's rows are in memory at a time, not the workspace's.
public enum StoreRowCopy {
    public static func copy(from source: any StoreTransaction, to target: any StoreTransaction) throws {
        for app in try source.apps() { try target.insertApp(app) }
        for row in try source.flowList() {
            let flowID = row.flow.id
            try target.insertFlow(row.flow)
            for header in try source.versionHeaders(flowID: flowID).reversed() {
                guard let version = try source.version(flowID: flowID, number: header.number) else { continue }
                try target.insertVersion(version)
            }
            for change in try source.versionChanges(flowID: flowID, through: Int(Int32.max)) {
                try target.insertVersionChanges(flowID: flowID, number: change.number, changes: change.changes)
            }
            if let draft = try source.draft(flowID: flowID) { try target.saveDraft(draft) }
            for share in try source.shares(flowID: flowID) { try target.insertShare(share) }
        }
    }
}
