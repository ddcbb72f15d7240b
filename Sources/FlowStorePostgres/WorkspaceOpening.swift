import FlowKit
import Foundation

/// Which workspace a command means, on either backend: `--workspace` when given (a
/// folder, or a `postgres://` URL), else `$FLOWCANVAS_DATABASE_URL`, else the default
/// folder (`WorkspaceLocation`). A PostgreSQL workspace keeps what stays on this machine
/// (voice prompts under `media/`, the editor's recovery files) in that default folder.
public enum WorkspaceOpening {
    public static let databaseURLVariable = "FLOWCANVAS_DATABASE_URL"

    /// The PostgreSQL URL the options name, nil for a folder workspace.
    public static func databaseURL(option: String?, environment: [String: String]) -> String? {
        if let option, !option.isEmpty { return PostgresURL.isPostgresURL(option) ? option : nil }
        if let url = environment[databaseURLVariable], !url.isEmpty { return url }
        return nil
    }

    public static func open(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                            busyTimeout: TimeInterval = 2, author: String? = nil) throws(WorkspaceError) -> Workspace {
        guard let text = databaseURL(option: option, environment: environment) else {
            return try Workspace(directory: WorkspaceLocation.resolve(option: option, environment: environment),
                                 author: author, busyTimeout: busyTimeout)
        }
        let url = try PostgresURL(parsing: text, environment: environment)
        let backend = try PostgresWorkspaceBackend(url: url, lockTimeout: busyTimeout)
        return try Workspace(backend: backend, directory: WorkspaceLocation.resolve(option: nil, environment: environment),
                             author: author)
    }
}
