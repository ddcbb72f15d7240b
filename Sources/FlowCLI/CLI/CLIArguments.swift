import FlowKit
import Foundation

/// Turning the CLI's textual arguments into the store's types, with the store's errors.
public enum CLIArguments {
    /// `["apiBase=https://x", "retries=3"]` → map; `option` names the flag in errors.
    /// Only the first `=` splits, so values may contain `=`.
    public static func keyValues(_ items: [String], option: String) throws(WorkspaceError) -> [String: String] {
        var map: [String: String] = [:]
        for item in items {
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                throw .invalidArgument("\(option) takes KEY=VALUE, not '\(item)'")
            }
            let key = String(item[..<eq]).trimmingCharacters(in: .whitespaces)
            if map[key] != nil { throw .invalidArgument("\(option) \(key) is given twice") }
            map[key] = String(item[item.index(after: eq)...])
        }
        return map
    }

    /// `"draft"` or a version number.
    public static func documentRef(_ text: String) throws(WorkspaceError) -> DocumentRef {
        guard let ref = DocumentRef(parsing: text) else {
            throw .invalidArgument("'\(text)' is neither a version number nor 'draft'")
        }
        return ref
    }

    /// `--version N` → `.version(N)`; absent → nil (the draft, else the live version).
    public static func documentRef(version: Int?) throws(WorkspaceError) -> DocumentRef? {
        guard let version else { return nil }
        guard version >= 1 else { throw .invalidArgument("versions are numbered from 1, not \(version)") }
        return .version(version)
    }

    /// Writes `text` to `path` (relative to the current directory) atomically.
    public static func write(_ text: String, to path: String) throws(WorkspaceError) {
        let url = fileURL(path)
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            let dir = url.deletingLastPathComponent().path
            let reason = FileManager.default.fileExists(atPath: dir)
                ? (FileManager.default.isWritableFile(atPath: dir) ? error.localizedDescription : "permission denied")
                : "no such directory"
            throw .unwritableFile(path: url.path, reason: reason)
        }
    }

    /// A path argument as a file URL (relative to the current directory).
    public static func fileURL(_ path: String) -> URL {
        let url = WorkspaceLocation.url(path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        return URL(fileURLWithPath: url.path, isDirectory: false)
    }
}
