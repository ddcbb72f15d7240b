import Foundation

/// The workspace's voice media folders (`media/NAME/LANGUAGE/PROMPT.wav`), as Webex
/// Connect's "Tools - Voice media" keeps them: `flowcanvas media list|create|add|check`
/// and the Voice settings tab work through this. A flow names one as
/// `settings.mediaFolder = "media/NAME"` (relative to the workspace directory).
public struct MediaLibrary: Sendable {
    /// The workspace's `media/` folder.
    public let root: URL

    public init(root: URL) { self.root = root }

    /// One media folder as `media list` shows it.
    public struct Folder: Equatable, Sendable {
        public var name: String
        /// Language sub-folders, sorted.
        public var languages: [String]
        /// language → number of prompt files in it.
        public var promptCounts: [String: Int]
        /// What a flow stores in `settings.mediaFolder` to use this folder.
        public var settingValue: String { MediaLibrary.settingValue(name) }
    }

    /// A prompt file just copied in.
    public struct AddedPrompt: Equatable, Sendable {
        public var path: URL
        public var info: WAVInfo
    }

    /// What `media check` found.
    public struct CheckReport: Equatable, Sendable {
        public struct Problem: Equatable, Sendable {
            public var language: String
            public var prompt: String
            /// One line: "missing" or why the file is not a readable WAV.
            public var message: String
        }
        public var folder: Folder
        /// Every prompt name (file stem) found in any language, sorted.
        public var prompts: [String]
        /// prompt → language → seconds, for every readable WAV.
        public var durations: [String: [String: Double]]
        public var problems: [Problem]
        public var isClean: Bool { problems.isEmpty }
    }

    /// `exitCode` follows DESIGN §7: 2 for a name that names nothing, a bad name, or a file
    /// or folder that cannot be read or written (usage or environment); 1 for a refusal of
    /// what is there (a folder that exists, a file that is not a WAV).
    public struct Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        public var message: String
        public var exitCode: Int32 = 1
        public var description: String { message }

        public init(message: String, exitCode: Int32 = 1) {
            self.message = message
            self.exitCode = exitCode
        }

        static func usage(_ message: String) -> Refusal { Refusal(message: message, exitCode: 2) }
    }

    /// The workspace folder that holds the media files. Declared here, not on `Workspace`,
    /// so the voice model compiles without the store (the fuzz harness builds it alone).
    public static let folderName = "media"
    static let mediaPrefix = folderName + "/"

    public static func settingValue(_ name: String) -> String { mediaPrefix + name }

    /// The folder name a `settings.mediaFolder` value selects, if it is one of the library's.
    public static func folderName(forSetting value: String?) -> String? {
        guard let v = value?.trimmingCharacters(in: .whitespaces), v.hasPrefix(mediaPrefix) else { return nil }
        let name = String(v.dropFirst(mediaPrefix.count))
        return checkName(name, what: "media folder") == nil ? name : nil
    }

    // MARK: - Names

    /// Why `name` cannot be a folder, language or prompt file name (nil: it can). Names are
    /// one path component: no slashes, no `..`, no hidden files, no control characters.
    public static func checkName(_ name: String, what: String) -> String? {
        if name.isEmpty { return "the \(what) name is empty" }
        if name.count > 100 { return "the \(what) name is longer than 100 characters" }
        if name.contains("/") || name.contains("\\") { return "the \(what) name '\(name)' contains a slash; give a single name" }
        if name == "." || name == ".." || name.hasPrefix(".") { return "the \(what) name '\(name)' may not start with a dot" }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "the \(what) name contains a control character"
        }
        if name.trimmingCharacters(in: .whitespaces) != name { return "the \(what) name '\(name)' starts or ends with a space" }
        return nil
    }

    private static func validName(_ name: String, what: String) throws(Refusal) {
        if let problem = checkName(name, what: what) { throw Refusal.usage(problem) }
    }

    // MARK: - Reading

    /// Every media folder, sorted by name.
    public func folders() -> [Folder] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.sorted().compactMap { name in
            guard MediaLibrary.checkName(name, what: "media folder") == nil else { return nil }
            return folder(named: name)
        }
    }

    /// The folder named `name`, nil if there is none. A folder needs a language
    /// sub-folder to count (`create` always makes one): a stray folder under media/ is not one.
    public func folder(named name: String) -> Folder? {
        let dir = root.appendingPathComponent(name, isDirectory: true)
        guard MediaFolder.isDirectory(dir) else { return nil }
        let subs = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
        var languages: [String] = [], counts: [String: Int] = [:]
        for code in subs where MediaLibrary.checkName(code, what: "language") == nil {
            let langDir = dir.appendingPathComponent(code, isDirectory: true)
            guard MediaFolder.isDirectory(langDir) else { continue }
            languages.append(code)
            counts[code] = promptFiles(in: langDir).count
        }
        guard !languages.isEmpty else { return nil }
        return Folder(name: name, languages: languages, promptCounts: counts)
    }

    /// Regular, visible files of a language folder, sorted.
    private func promptFiles(in dir: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { name in
            guard !name.hasPrefix(".") else { return false }
            let url = dir.appendingPathComponent(name)
            return (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true
        }.sorted()
    }

    private func existing(_ name: String) throws(Refusal) -> Folder {
        try MediaLibrary.validName(name, what: "media folder")
        guard let folder = folder(named: name) else {
            throw Refusal.usage("no media folder named '\(name)' (see 'flowcanvas media list')")
        }
        return folder
    }

    // MARK: - Changing

    /// Creates `media/NAME` with a sub-folder per language. Refused if it exists (adding
    /// languages to an existing folder is allowed: only the new ones are created).
    @discardableResult
    public func create(_ name: String, languages: [String]) throws(Refusal) -> Folder {
        try MediaLibrary.validName(name, what: "media folder")
        guard !languages.isEmpty else { throw Refusal.usage("give at least one language, e.g. --languages en,es") }
        for code in languages { try MediaLibrary.validName(code, what: "language") }
        if Set(languages).count != languages.count { throw Refusal.usage("a language is listed twice") }
        let dir = root.appendingPathComponent(name, isDirectory: true)
        if let folder = folder(named: name) {
            let new = languages.filter { !folder.languages.contains($0) }
            if new.isEmpty { throw Refusal(message: "media folder '\(name)' already exists with \(folder.languages.joined(separator: ", "))") }
        } else if FileManager.default.fileExists(atPath: dir.path), !MediaFolder.isDirectory(dir) {
            throw Refusal(message: "\(dir.path) exists and is not a folder")
        }
        do {
            for code in languages {
                try FileManager.default.createDirectory(at: dir.appendingPathComponent(code, isDirectory: true),
                                                        withIntermediateDirectories: true)
            }
        } catch {
            throw Refusal.usage("cannot create \(dir.path): \(MediaLibrary.reason(error))")
        }
        return folder(named: name) ?? Folder(name: name, languages: languages.sorted(), promptCounts: [:])
    }

    /// Copies `file` into `media/NAME/LANGUAGE/` (as `as` or the file's own name) after
    /// checking it is a readable WAV. Nothing is copied when it is refused; an existing
    /// prompt is replaced only with `replace`.
    public func add(_ name: String, file: URL, language: String, as target: String? = nil,
                    replace: Bool = false) throws(Refusal) -> AddedPrompt {
        let folder = try existing(name)
        try MediaLibrary.validName(language, what: "language")
        guard folder.languages.contains(language) else {
            let known = folder.languages.isEmpty ? "none" : folder.languages.joined(separator: ", ")
            throw Refusal.usage("media folder '\(name)' has no language '\(language)' (it has \(known); add it with 'flowcanvas media create \(name) --languages \(language)')")
        }
        let fileName = target ?? file.lastPathComponent
        try MediaLibrary.validName(fileName, what: "prompt file")
        guard fileName.lowercased().hasSuffix(".wav") else {
            throw Refusal(message: "the prompt file name '\(fileName)' does not end in .wav")
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDir) else {
            throw Refusal.usage("cannot read \(file.path): no such file")
        }
        guard !isDir.boolValue else { throw Refusal.usage("\(file.path) is a folder, not a WAV file") }
        let info: WAVInfo
        do { info = try WAVInfo.read(file) } catch { throw Refusal(message: "\(file.path): \(error.message)") }
        let destination = root.appendingPathComponent(name).appendingPathComponent(language)
            .appendingPathComponent(fileName)
        if FileManager.default.fileExists(atPath: destination.path), !replace {
            throw Refusal(message: "\(name)/\(language)/\(fileName) already exists (use --replace to overwrite it)")
        }
        // Copy beside the destination, then move into place: never a half-written prompt.
        let temporary = destination.deletingLastPathComponent().appendingPathComponent(".\(fileName).\(UUID().uuidString)")
        do {
            try FileManager.default.copyItem(at: file, to: temporary)
            // rename(2) replaces an existing prompt atomically.
            if rename(temporary.path, destination.path) != 0 {
                throw NSError(domain: NSPOSIXErrorDomain, code: Int(errno))
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw Refusal.usage("cannot copy \(file.path) to \(destination.path): \(MediaLibrary.reason(error))")
        }
        return AddedPrompt(path: destination, info: info)
    }

    /// Every prompt present in every language, and every file a readable WAV.
    public func check(_ name: String) throws(Refusal) -> CheckReport {
        let folder = try existing(name)
        let dir = root.appendingPathComponent(name, isDirectory: true)
        var files: [String: [String: String]] = [:]  // prompt stem → language → file name
        for code in folder.languages {
            for file in promptFiles(in: dir.appendingPathComponent(code, isDirectory: true)) {
                files[MediaFolder.stem(file), default: [:]][code] = file
            }
        }
        let prompts = files.keys.sorted()
        var durations: [String: [String: Double]] = [:]
        var problems: [CheckReport.Problem] = []
        for prompt in prompts {
            for code in folder.languages {
                guard let file = files[prompt]?[code] else {
                    problems.append(.init(language: code, prompt: prompt, message: "missing"))
                    continue
                }
                do {
                    let info = try WAVInfo.read(dir.appendingPathComponent(code).appendingPathComponent(file))
                    durations[prompt, default: [:]][code] = info.duration
                } catch {
                    problems.append(.init(language: code, prompt: file, message: error.message))
                }
            }
        }
        return CheckReport(folder: folder, prompts: prompts, durations: durations, problems: problems)
    }

    static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
           let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue))
        }
        return ns.localizedDescription
    }
}
