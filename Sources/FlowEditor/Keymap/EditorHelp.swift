import TerminalUI

/// The `?` help, made from the key tables: a key that dispatches is a key that help shows.
public enum EditorHelp {
    public static var sections: [KeyHelpSection] {
        [
            EditorKeymaps.anywhere.helpSection,
            TerminalApp.globalKeys.helpSection,
            KeyHelpSection("Canvas", merging: [CanvasKeymap.cursor.helpSection, CanvasKeymap.normal.helpSection]),
            CanvasKeymap.navigation.helpSection,
            CanvasKeymap.following.helpSection,
            CanvasKeymap.selection.helpSection,
            CanvasKeymap.placing.helpSection,
            CanvasKeymap.connecting.helpSection,
            CanvasKeymap.finding.helpSection,
            EditorKeymaps.palette.helpSection,
            EditorKeymaps.errors.helpSection,
            KeyHelpSection(EditorKeymaps.testRunAll.title, merging: [
                EditorKeymaps.testRunAll.helpSection, EditorKeymaps.testRunSetup.helpSection,
                EditorKeymaps.testRunReply.helpSection, EditorKeymaps.testRunTimer.helpSection,
                EditorKeymaps.testRunDone.helpSection,
            ]),
            EditorKeymaps.testRunStub.helpSection,
            EditorKeymaps.nodeForm.helpSection,
            EditorKeymaps.completion.helpSection,
            TextEditBuffer.keymap.helpSection,
            EditorKeymaps.settings.helpSection,
            EditorKeymaps.settingsGrid.helpSection,
            EditorKeymaps.commandLine.helpSection,
            EditorKeymaps.note.helpSection,
            EditorKeymaps.makeLive.helpSection,
            EditorKeymaps.newApp.helpSection,
            EditorKeymaps.history.helpSection,
            KeyHelpSection(EditorKeymaps.diff.title, merging: [EditorKeymaps.diff.helpSection, EditorKeymaps.changes.helpSection]),
            EditorKeymaps.review.helpSection,
            EditorKeymaps.blame.helpSection,
            EditorKeymaps.flowList.helpSection,
            EditorKeymaps.flowListFilter.helpSection,
            EditorKeymaps.pathPrompt.helpSection,
            EditorKeymaps.importTrigger.helpSection,
            EditorKeymaps.importRefusal.helpSection,
            KeyHelpSection("Mouse (where the terminal reports it)", rows: [], notes: [
                "click moves the cursor, drag moves a node, wheel pans (Shift-wheel sideways),",
                "drag from empty canvas selects what its rectangle touches,",
                "Ctrl- or Alt-click adds a node to the selection or takes it out,",
                "drag a selected node to move the whole selection,",
                "click a palette item then a canvas cell to place it;",
                "during a test run a click on the canvas shows a node and whether the run reached it"]),
        ]
    }

    /// The whole help as lines, a blank line between sections. A row already shown (the
    /// test run's phases share restart, edit and variables) is listed once.
    public static var text: String {
        var lines = ["FlowCanvas editor — keys"]
        var seen = Set<KeyHelpRow>()
        for section in sections {
            var s = section
            s.rows = s.rows.filter { seen.insert($0).inserted }
            guard !s.rows.isEmpty || !s.notes.isEmpty else { continue }
            lines.append("")
            lines += s.lines()
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension EditorHelp {
    /// docs/keys.md: the same sections as `?`, as Markdown tables.
    public static func markdown() -> String {
        var out = """
        # Keys of the FlowCanvas editor

        Generated from the editor's key tables by `flowcanvas reference keys` (scripts/generate-docs);
        `?` in the editor shows the same text. A key listed here is the key that acts: the
        editor looks every key up in these tables.

        """
        var seen = Set<KeyHelpRow>()
        for section in sections {
            let rows = section.rows.filter { seen.insert($0).inserted }
            guard !rows.isEmpty || !section.notes.isEmpty else { continue }
            out += "\n## \(section.title)\n\n"
            if !rows.isEmpty {
                out += "| Keys | What they do |\n|---|---|\n"
                for row in rows {
                    out += "| \(cell(row.keys)) | \(cell(row.summary)) |\n"
                }
            }
            if !section.notes.isEmpty {
                if !rows.isEmpty { out += "\n" }
                for note in section.notes { out += "- \(cell(note))\n" }
            }
        }
        return out
    }

    /// Markdown table cells: pipes escaped, keys and code-like words kept literal.
    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "*", with: "\\*")
    }
}
