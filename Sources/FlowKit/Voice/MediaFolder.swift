import Foundation

/// The files of each language sub-folder, listed once (a flow may use many prompts).
struct MediaFolder {
    let root: URL
    /// language code → file paths relative to the language folder (nil: no folder).
    private var files: [String: Set<String>] = [:]
    /// language code → the same paths without their extension.
    private var stems: [String: Set<String>] = [:]
    /// language code → stem → the first file (sorted) of that stem.
    private var fileForStem: [String: [String: String]] = [:]

    init(root: URL, languages: [String]) {
        self.root = root
        for code in languages where files[code] == nil {
            let dir = root.appendingPathComponent(code, isDirectory: true)
            guard Self.isDirectory(dir) else { continue }
            var names: Set<String> = []
            var stemNames: Set<String> = []
            let base = dir.standardizedFileURL.resolvingSymlinksInPath().path
            if let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: [.isRegularFileKey]) {
                for case let url as URL in walker {
                    guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
                    let full = url.standardizedFileURL.resolvingSymlinksInPath().path
                    guard full.hasPrefix(base + "/") else { continue }
                    let relative = String(full.dropFirst(base.count + 1))
                    names.insert(relative)
                    stemNames.insert(Self.stem(relative))
                }
            }
            files[code] = names
            stems[code] = stemNames
            var first: [String: String] = [:]
            for name in names.sorted() where first[Self.stem(name)] == nil { first[Self.stem(name)] = name }
            fileForStem[code] = first
        }
    }

    static func isDirectory(_ url: URL) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue
    }

    func hasLanguageFolder(_ code: String) -> Bool { files[code] != nil }

    /// Whether `prompt` exists in the language's folder; a name without an extension
    /// matches any file of that stem.
    func contains(_ prompt: String, language code: String) -> Bool {
        guard let names = files[code] else { return false }
        if names.contains(prompt) { return true }
        return Self.stem(prompt) == prompt && stems[code]?.contains(prompt) == true
    }

    /// The file `prompt` resolves to in the language's folder (relative path), if any.
    func file(for prompt: String, language code: String) -> URL? {
        name(for: prompt, language: code).map { root.appendingPathComponent(code).appendingPathComponent($0) }
    }

    /// The file's path relative to the language folder (`welcome.wav`, `menu/main.wav`).
    func name(for prompt: String, language code: String) -> String? {
        guard let names = files[code] else { return nil }
        return names.contains(prompt) ? prompt : (Self.stem(prompt) == prompt ? fileForStem[code]?[prompt] : nil)
    }

    /// `menu/main.wav` → `menu/main`; names without a dot in the last part are unchanged.
    static func stem(_ path: String) -> String {
        let lastSlash = path.lastIndex(of: "/")
        let nameStart = lastSlash.map { path.index(after: $0) } ?? path.startIndex
        guard let dot = path[nameStart...].lastIndex(of: "."), dot > nameStart else { return path }
        return String(path[..<dot])
    }
}
