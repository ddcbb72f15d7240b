import FlowKit
import Foundation
import TerminalUI

/// The Voice tab: the media folder is chosen among the workspace's media folders
/// (`flowcanvas media create`), not typed; beside the languages, the prompt × language
/// table shows each prompt file's duration and marks the missing ones.
extension SettingsEditor {
    /// One option of the media folder choice.
    struct MediaChoice: Equatable {
        var label: String
        /// The `settings.mediaFolder` it stands for (nil: not set).
        var setting: String?
    }

    static func normalized(_ setting: String?) -> String? {
        guard let s = setting?.trimmingCharacters(in: .whitespaces), !s.isEmpty else { return nil }
        return s
    }

    /// "none", then every media folder, then the flow's own setting if it names a folder
    /// elsewhere (kept so that opening the tab never changes it).
    static func mediaChoices(current: String?, folders: [MediaLibrary.Folder]) -> [MediaChoice] {
        var choices = [MediaChoice(label: "none", setting: nil)]
        choices += folders.map { MediaChoice(label: $0.name, setting: $0.settingValue) }
        if let current = normalized(current), !choices.contains(where: { $0.setting == current }) {
            choices.append(MediaChoice(label: current, setting: current))
        }
        return choices
    }

    /// The media folder the choice shows now, if it is one of the workspace's.
    var chosenMediaFolder: MediaLibrary.Folder? {
        guard let name = MediaLibrary.folderName(forSetting: editedSettings.mediaFolder) else { return nil }
        return mediaLibrary?.folder(named: name)
    }

    mutating func renderVoice(into b: inout CellBuffer, in r: Rect) {
        media.render(into: &b, in: Rect(x: r.x, y: r.y, width: r.width, height: 1), focused: !voiceOnLanguages, theme: theme)
        var doc = document
        doc.settings = editedSettings
        let detail: String, warn: Bool
        if mediaChoices.count == 1 {
            detail = "no media folders yet: flowcanvas media create NAME --languages en"
            warn = true
        } else if doc.settings.mediaFolder == nil {
            detail = "choose one with Space or Left / Right"
            warn = !promptTable.prompts.isEmpty
        } else if let folder = chosenMediaFolder {
            let counts = folder.languages.map { "\($0) \(folder.promptCounts[$0] ?? 0)" }.joined(separator: ", ")
            detail = folder.languages.isEmpty ? "no language sub-folders" : "prompts: \(counts)"
            warn = folder.languages.isEmpty
        } else {
            let resolved = resolveMediaFolder(doc)
            let exists = resolved.map { FileManager.default.fileExists(atPath: $0.path) } ?? false
            // "missing" first: a long path is cut at the right edge.
            detail = (exists ? "→ " : "missing → ") + (resolved?.path ?? "")
            warn = !exists
        }
        b.put(detail, x: r.x + 17, y: r.y + 1, maxWidth: r.width - 17, style: warn ? theme.warning : theme.dimText)
        let half = max(18, min(30, r.width / 3))
        let langRows = min(max(2, languages.rows.count + 1), max(2, r.height - 3))
        languages.render(into: &b, in: Rect(x: r.x, y: r.y + 3, width: half, height: langRows), focused: voiceOnLanguages, theme: theme)
        renderPromptTable(into: &b, in: Rect(x: r.x + half + 2, y: r.y + 3, width: r.width - half - 2, height: r.height - 3))
    }

    static let languageColumnWidth = 8

    /// Prompt × language: each prompt file's duration, ✖ where a required language lacks
    /// it, - where an optional one does, ? where the file is not a readable WAV.
    func renderPromptTable(into b: inout CellBuffer, in r: Rect) {
        guard r.width > 10, r.height > 0 else { return }
        let table = promptTable
        b.put("Prompt", x: r.x, y: r.y, style: theme.paletteHeader)
        guard !table.prompts.isEmpty else {
            b.put("no node plays a prompt yet", x: r.x, y: r.y + 1, maxWidth: r.width, style: theme.dimText)
            return
        }
        let column = Self.languageColumnWidth
        let nameWidth = min(max(8, (table.prompts.map { DisplayWidth.of($0) }.max() ?? 0) + 1), r.width / 2)
        var x = r.x + nameWidth + 1
        for lang in table.languages where x < r.maxX {
            b.put(lang.code + (lang.required ? b.glyphs.mandatory : ""), x: x, y: r.y, maxWidth: min(column - 1, r.maxX - x),
                  style: theme.paletteHeader)
            x += column
        }
        // The last row explains the marks when there is room for it.
        let rows = min(table.prompts.count, max(0, r.height - 3))
        for (i, prompt) in table.prompts.prefix(rows).enumerated() {
            let y = r.y + 1 + i
            b.put(prompt, x: r.x, y: y, maxWidth: nameWidth, style: theme.text)
            var cx = r.x + nameWidth + 1
            for lang in table.languages where cx < r.maxX {
                let ok = table.available[prompt]?[lang.code] ?? false
                let (mark, style): (String, Style)
                if let seconds = table.durations[prompt]?[lang.code] {
                    (mark, style) = (String(format: "%.1fs", seconds), theme.added)
                } else if ok {
                    (mark, style) = ("?", theme.warning)
                } else if lang.required {
                    (mark, style) = (b.glyphs.errorMark, theme.error)
                } else {
                    (mark, style) = ("-", theme.dimText)
                }
                b.put(mark, x: cx, y: y, maxWidth: min(column - 1, r.maxX - cx), style: style)
                cx += column
            }
        }
        if rows < table.prompts.count {
            b.put("… \(table.prompts.count - rows) more", x: r.x, y: r.y + 1 + rows, style: theme.dimText)
        }
        if r.height >= rows + 3 {
            b.put("\(b.glyphs.errorMark) required, missing  - missing  ? not a WAV", x: r.x, y: r.y + rows + 2,
                  maxWidth: r.width, style: theme.dimText)
        }
    }
}
