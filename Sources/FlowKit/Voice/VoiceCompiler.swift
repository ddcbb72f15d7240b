import Foundation

/// Voice checks of DESIGN §12: every prompt a node names exists in every required
/// language's sub-folder of the media folder (`mediaFolder/en/welcome.wav`).
///
/// A prompt written without an extension (`welcome`) is found as any file of that stem
/// (`welcome.wav`, `welcome.mp3`). When no language is marked required, a prompt must
/// exist in at least one listed language; a flow with prompts and no languages at all
/// gets a finding on `languages`.
public enum VoiceCompiler {
    /// Findings (`missing-prompt`, `unreadable-prompt`, plus everything `Validator` reports) for a voice flow
    /// whose media folder has been resolved to `mediaFolder` (nil: not set).
    public static func compile(_ document: FlowDocument, mediaFolder: URL?,
                               catalog: NodeCatalog = .standard) -> ValidationReport {
        var run = Validator(catalog: catalog).run(document)
        addMediaFindings(to: &run, mediaFolder: mediaFolder)
        return run.report()
    }

    /// Only the media findings (`missing-prompt`, `unreadable-prompt`), in the order `compile`
    /// reports them: what the editor adds to the validator's live findings.
    public static func mediaFindings(_ document: FlowDocument, mediaFolder: URL?,
                                     catalog: NodeCatalog = .standard) -> [Finding] {
        var run = ValidationRun(document: document, catalog: catalog)
        addMediaFindings(to: &run, mediaFolder: mediaFolder)
        return run.report().findings
    }

    /// The codes only the media check reports.
    public static let mediaCodes: Set<FindingCode> = [.missingPrompt, .unreadablePrompt]

    /// What the media findings depend on besides the files themselves: the media folder and
    /// languages settings and every prompt a node plays. Equal inputs over the same files give
    /// the same findings, so the editor checks the disk again only when these change (or on save).
    public struct MediaInputs: Equatable, Sendable {
        var mediaFolder: String?
        var languages: [FlowLanguage]
        /// node id, field, prompt of each use, in document order.
        var uses: [String]
        public var playsPrompts: Bool { !uses.isEmpty }
    }

    public static func mediaInputs(_ document: FlowDocument, catalog: NodeCatalog = .standard) -> MediaInputs {
        MediaInputs(mediaFolder: document.settings.mediaFolder, languages: document.settings.languages,
                    uses: promptUses(document, catalog: catalog).map {
                        document.nodes[$0.node].id + "\u{0}" + $0.field + "\u{0}" + $0.prompt
                    })
    }

    private static func addMediaFindings(to run: inout ValidationRun, mediaFolder: URL?) {
        let document = run.document
        let uses = promptUses(document, catalog: run.catalog)
        if uses.isEmpty { return }

        let languages = document.settings.languages
        guard let folder = mediaFolder else {
            run.addFlow(.missingPrompt, field: "mediaFolder",
                        "Flow settings: the flow plays prompts but has no media folder; set one with a sub-folder per language")
            return
        }
        guard MediaFolder.isDirectory(folder) else {
            // A folder of the workspace's library says how to make it (Voice media).
            let hint = MediaLibrary.folderName(forSetting: document.settings.mediaFolder).map {
                "; create it with 'flowcanvas media create \($0) --languages \(languages.isEmpty ? "en" : languages.map(\.code).joined(separator: ","))'"
            } ?? ""
            run.addFlow(.missingPrompt, field: "mediaFolder",
                        "Flow settings: the media folder \(folder.path) does not exist or is not a folder" + hint)
            return
        }
        if languages.isEmpty {
            run.addFlow(.missingPrompt, field: "languages",
                        "Flow settings: the flow plays prompts but lists no languages; add at least one (e.g. en, required)")
            return
        }
        let media = MediaFolder(root: folder, languages: languages.map(\.code))
        let required = languages.filter(\.required).map(\.code)
        for code in required where !media.hasLanguageFolder(code) {
            run.addFlow(.missingPrompt, field: "mediaFolder",
                        "Flow settings: the media folder has no \(code)/ sub-folder for the required language \(code)")
        }
        // A prompt file that is there but not a readable WAV: read each file's header once,
        // however many nodes play it.
        var unreadable: [String: String?] = [:]  // relative path → why (nil: readable)
        for use in uses {
            for language in languages {
                guard let name = media.name(for: use.prompt, language: language.code) else { continue }
                let relative = language.code + "/" + name
                if unreadable[relative] == nil {
                    do {
                        _ = try WAVInfo.read(folder.appendingPathComponent(relative))
                        unreadable[relative] = .some(nil)
                    } catch {
                        unreadable[relative] = .some(error.message)
                    }
                }
                if let why = unreadable[relative] ?? nil {
                    run.add(.unreadablePrompt, node: use.node, field: use.field,
                            "prompt \"\(use.prompt)\" in \(language.code): \(relative) in the media folder is not a readable WAV (\(why))")
                }
            }
        }
        for use in uses {
            if required.isEmpty {
                if !languages.contains(where: { media.contains(use.prompt, language: $0.code) }) {
                    let codes = languages.map(\.code).joined(separator: ", ")
                    run.add(.missingPrompt, node: use.node, field: use.field,
                            "prompt \"\(use.prompt)\" is in none of the language folders (\(codes)) of \(folder.path)")
                }
                continue
            }
            // A missing language folder was reported once above, not per prompt.
            let missing = required.filter { media.hasLanguageFolder($0) && !media.contains(use.prompt, language: $0) }
            if !missing.isEmpty {
                let paths = missing.map { folder.appendingPathComponent($0).appendingPathComponent(use.prompt).path }
                run.add(.missingPrompt, node: use.node, field: use.field,
                        "prompt \"\(use.prompt)\" is missing for \(missing.joined(separator: ", ")) (expected \(paths.joined(separator: ", ")))")
            }
        }
    }

    /// The prompt × language availability table.
    public static func promptTable(_ document: FlowDocument, mediaFolder: URL?) -> PromptTable {
        promptTable(document, mediaFolder: mediaFolder, catalog: .standard)
    }

    public static func promptTable(_ document: FlowDocument, mediaFolder: URL?, catalog: NodeCatalog) -> PromptTable {
        let prompts = Array(Set(promptUses(document, catalog: catalog).map(\.prompt))).sorted()
        let languages = document.settings.languages
        let media = mediaFolder.flatMap { MediaFolder.isDirectory($0) ? MediaFolder(root: $0, languages: languages.map(\.code)) : nil }
        var available: [String: [String: Bool]] = [:]
        var durations: [String: [String: Double]] = [:]
        for prompt in prompts {
            var row: [String: Bool] = [:]
            for language in languages {
                row[language.code] = media?.contains(prompt, language: language.code) ?? false
                // Only the header is read; a file that is not a readable WAV has no duration.
                if let file = media?.file(for: prompt, language: language.code), let info = try? WAVInfo.read(file) {
                    durations[prompt, default: [:]][language.code] = info.duration
                }
            }
            available[prompt] = row
        }
        return PromptTable(prompts: prompts, languages: languages, available: available, durations: durations)
    }

    struct PromptUse {
        var node: Int
        var field: String
        var prompt: String
    }

    /// Every non-empty prompt field of every node, in document order.
    static func promptUses(_ document: FlowDocument, catalog: NodeCatalog) -> [PromptUse] {
        var uses: [PromptUse] = []
        for (i, node) in document.nodes.enumerated() {
            guard let type = catalog.type(node.type) else { continue }
            for spec in type.fields where spec.kind == .prompt {
                if let prompt = node.config[spec.name]?.stringValue?.trimmingCharacters(in: .whitespaces), !prompt.isEmpty {
                    uses.append(PromptUse(node: i, field: spec.name, prompt: prompt))
                }
            }
        }
        return uses
    }
}

public struct PromptTable: Codable, Equatable, Sendable {
    /// Prompt file names used by the flow's nodes, sorted.
    public var prompts: [String]
    public var languages: [FlowLanguage]
    /// prompt → language code → file exists.
    public var available: [String: [String: Bool]]
    /// prompt → language code → seconds, for the files that are readable WAVs.
    public var durations: [String: [String: Double]]

    public init(prompts: [String], languages: [FlowLanguage], available: [String: [String: Bool]],
                durations: [String: [String: Double]] = [:]) {
        self.prompts = prompts
        self.languages = languages
        self.available = available
        self.durations = durations
    }
}
