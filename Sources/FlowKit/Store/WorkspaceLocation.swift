import Foundation

/// Where the workspace lives when `--workspace` is not given (DESIGN §7):
/// `$FLOWCANVAS_HOME`, else `$XDG_DATA_HOME/flowcanvas`, else `~/.local/share/flowcanvas`.
public enum WorkspaceLocation {
    public static func resolve(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                               currentDirectory: String = FileManager.default.currentDirectoryPath) -> URL {
        let base = URL(fileURLWithPath: currentDirectory, isDirectory: true)
        if let option, !option.isEmpty { return url(option, relativeTo: base, environment: environment) }
        if let home = environment["FLOWCANVAS_HOME"], !home.isEmpty {
            return url(home, relativeTo: base, environment: environment)
        }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            return url(xdg, relativeTo: base, environment: environment).appendingPathComponent("flowcanvas", isDirectory: true)
        }
        return homeDirectory(environment)
            .appendingPathComponent(".local/share/flowcanvas", isDirectory: true)
    }

    /// Expands `~/` and resolves a relative path against `base`.
    public static func url(_ path: String, relativeTo base: URL,
                           environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        var p = path
        if p == "~" || p.hasPrefix("~/") {
            p = homeDirectory(environment).path + p.dropFirst(1)
        }
        if p.hasPrefix("/") { return URL(fileURLWithPath: p, isDirectory: true).standardizedFileURL }
        return base.appendingPathComponent(p, isDirectory: true).standardizedFileURL
    }

    static func homeDirectory(_ environment: [String: String]) -> URL {
        if let home = environment["HOME"], !home.isEmpty { return URL(fileURLWithPath: home, isDirectory: true) }
        return FileManager.default.homeDirectoryForCurrentUser
    }
}
