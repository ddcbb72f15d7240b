/// How many rows each of the store's tables holds: what `workspace copy` checks on both
/// sides and prints. Table names are the SQLite ones (PostgreSQL's are the same words).
public struct StoreRowCounts: Equatable, Sendable {
    public var flows = 0
    public var drafts = 0
    public var versions = 0
    public var versionChanges = 0
    public var apps = 0
    public var shares = 0

    public init(flows: Int = 0, drafts: Int = 0, versions: Int = 0, versionChanges: Int = 0, apps: Int = 0,
                shares: Int = 0) {
        self.flows = flows
        self.drafts = drafts
        self.versions = versions
        self.versionChanges = versionChanges
        self.apps = apps
        self.shares = shares
    }

    /// In the order a copy fills them.
    public var tables: [(name: String, count: Int)] {
        [("flows", flows), ("drafts", drafts), ("versions", versions), ("version_changes", versionChanges),
         ("apps", apps), ("shares", shares)]
    }

    public var isEmpty: Bool { tables.allSatisfy { $0.count == 0 } }
}
