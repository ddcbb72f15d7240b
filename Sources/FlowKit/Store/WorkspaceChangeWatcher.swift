import Foundation

/// Tells whether the workspace changed since the last look, cheaply enough to ask four
/// times a second (the flow list follows other processes: the CLI, another editor,
/// `serve`). It asks the backend's change signal (SQLite: `PRAGMA data_version`;
/// PostgreSQL: a LISTEN on the channel every store write notifies); a backend without
/// one is watched by comparing the flow list's one query.
public final class WorkspaceChangeWatcher {
    let workspace: Workspace
    private let signal: (any WorkspaceChangeSignal)?
    private var lastFlows: [FlowSummary]?

    public init(workspace: Workspace) {
        self.workspace = workspace
        signal = workspace.backend.makeChangeSignal()
        _ = hasChanged()
    }

    /// True when something was committed since the previous call (the first call: false).
    public func hasChanged() -> Bool {
        if let signal { return signal.hasChanged() }
        guard let flows = try? workspace.flows() else { return false }
        defer { lastFlows = flows }
        return lastFlows != nil && lastFlows != flows
    }
}
