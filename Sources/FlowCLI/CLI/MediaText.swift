import FlowKit
import Foundation

/// What `flowcanvas media …` prints, as text and as `--json`.
public enum MediaText {
    public static func list(_ folders: [MediaLibrary.Folder], root: URL) -> String {
        if folders.isEmpty {
            return "No media folders in \(root.path). Create one with 'flowcanvas media create NAME --languages en'.\n"
        }
        let rows = folders.map { f in
            [f.name, f.languages.isEmpty ? "-" : f.languages.joined(separator: ", "),
             f.languages.map { "\($0) \(f.promptCounts[$0] ?? 0)" }.joined(separator: ", "), f.settingValue]
        }
        return CLIText.table(header: ["NAME", "LANGUAGES", "PROMPTS", "FLOW SETTING"], rows: rows)
    }

    /// `media list --json`: `[{"name","setting","languages":[…],"prompts":{code:count}}]`
    public static func listJSON(_ folders: [MediaLibrary.Folder]) -> String {
        CanonicalJSON.encode(.array(folders.map(folderJSON)))
    }

    static func folderJSON(_ f: MediaLibrary.Folder) -> JSONValue {
        .object([
            "name": .string(f.name),
            "setting": .string(f.settingValue),
            "languages": .array(f.languages.map(JSONValue.string)),
            "prompts": .object(f.promptCounts.mapValues { .number(Double($0)) }),
        ])
    }

    public static func created(_ f: MediaLibrary.Folder, root: URL) -> String {
        "Media folder '\(f.name)' with \(f.languages.joined(separator: ", ")) in \(root.appendingPathComponent(f.name).path)\n"
            + "Use it in a voice flow's settings as mediaFolder \"\(f.settingValue)\" (Voice tab).\n"
    }

    public static func added(_ p: MediaLibrary.AddedPrompt, folder: String, language: String) -> String {
        "Added \(folder)/\(language)/\(p.path.lastPathComponent): \(p.info.summary)\n"
    }

    /// One line per prompt (its duration in each language, or the problem), then a verdict.
    public static func check(_ r: MediaLibrary.CheckReport) -> String {
        var out = "Media folder '\(r.folder.name)': \(CLIText.plural(r.prompts.count, "prompt")) in "
            + (r.folder.languages.isEmpty ? "no language" : r.folder.languages.joined(separator: ", ")) + "\n"
        let rows = r.prompts.map { prompt in
            [prompt] + r.folder.languages.map { code in
                if let d = r.durations[prompt]?[code] { return "\(code) \(WAVInfo.seconds(d))" }
                return r.problems.contains { $0.language == code && $0.prompt == prompt && $0.message == "missing" }
                    ? "\(code) MISSING" : "\(code) UNREADABLE"
            }
        }
        out += CLIText.table(header: nil, rows: rows, indent: "  ")
        for p in r.problems where p.message != "missing" {
            out += "  \(r.folder.name)/\(p.language)/\(p.prompt): \(p.message)\n"
        }
        if r.isClean {
            out += "OK: every prompt is in every language and every file is a readable WAV.\n"
        } else {
            out += "\(CLIText.plural(r.problems.count, "problem"))\n"
        }
        return out
    }

    /// `media check --json`: `{"name","ok","languages","prompts":{prompt:{code:seconds|null}},"problems":[{"language","prompt","message"}]}`
    public static func checkJSON(_ r: MediaLibrary.CheckReport) -> String {
        CanonicalJSON.encode(.object([
            "name": .string(r.folder.name),
            "ok": .bool(r.isClean),
            "languages": .array(r.folder.languages.map(JSONValue.string)),
            "prompts": .object(Dictionary(uniqueKeysWithValues: r.prompts.map { prompt in
                (prompt, JSONValue.object(Dictionary(uniqueKeysWithValues: r.folder.languages.map { code in
                    (code, r.durations[prompt]?[code].map { JSONValue.number(($0 * 1000).rounded() / 1000) } ?? .null)
                })))
            })),
            "problems": .array(r.problems.map {
                .object(["language": .string($0.language), "prompt": .string($0.prompt), "message": .string($0.message)])
            }),
        ]))
    }
}
