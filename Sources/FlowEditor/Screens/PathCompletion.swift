import Foundation

/// Tab completion of a typed file path, as a shell does it: the one name that fits is
/// completed (a folder gets its `/`), several complete to what they share and are listed.
/// `~` stays as typed; a relative path is taken from the current directory.
public enum PathCompletion {
    public struct Result: Equatable, Sendable {
        public var text: String
        /// The names that fit, when there are several (or why none does).
        public var choices: String?
    }

    public static func complete(_ typed: String, currentDirectory: String = FileManager.default.currentDirectoryPath)
        -> Result {
        let slash = typed.lastIndex(of: "/")
        let folderPart = slash.map { String(typed[...$0]) } ?? ""
        let prefix = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        var folder = folderPart.isEmpty ? "." : (folderPart as NSString).expandingTildeInPath
        if !folder.hasPrefix("/") { folder = (currentDirectory as NSString).appendingPathComponent(folder) }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            return Result(text: typed, choices: "no folder \(folderPart.isEmpty ? "." : folderPart)")
        }
        let fits = names.filter { $0.hasPrefix(prefix) && (prefix.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted()
        func shown(_ name: String) -> String { isFolder(folder, name) ? name + "/" : name }
        switch fits.count {
        case 0:
            return Result(text: typed, choices: "nothing here starts with \"\(prefix)\"")
        case 1:
            return Result(text: folderPart + shown(fits[0]), choices: nil)
        default:
            let shared = fits.dropFirst().reduce(fits[0]) { common, name in
                String(zip(common, name).prefix { $0 == $1 }.map(\.0))
            }
            return Result(text: folderPart + (shared.count > prefix.count ? shared : prefix),
                          choices: fits.map(shown).joined(separator: "  "))
        }
    }

    static func isFolder(_ folder: String, _ name: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(name), isDirectory: &isDir)
            && isDir.boolValue
    }
}
