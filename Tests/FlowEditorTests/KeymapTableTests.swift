import FlowCanvasView
import Foundation
@testable import FlowEditor
import Testing
import TerminalUI

/// The key tables are the one place keys are decided: every key a table binds must be named
/// by help, every `:` command with a key must show that key, and screens must do what the
/// table says.
@Suite struct KeymapTableTests {
    /// Each table with what help shows for it (rows and the names in them).
    struct Table {
        var title: String
        var keys: [(key: KeyEvent, action: String)]
        var rows: [KeyHelpRow]
    }

    static func table<A>(_ k: Keymap<A>) -> Table {
        Table(title: k.title,
              keys: k.bindings.flatMap { b in b.keys.compactMap { p -> (KeyEvent, String)? in
                  if case .key(let e) = p { return (e, "\(b.action)") } else { return nil } } },
              rows: k.helpRows)
    }

    static let tables: [Table] = [
        table(EditorKeymaps.anywhere), table(CanvasKeymap.cursor), table(CanvasKeymap.navigation), table(CanvasKeymap.following),
        table(CanvasKeymap.normal), table(CanvasKeymap.placing), table(CanvasKeymap.connecting),
        table(CanvasKeymap.finding), table(CanvasKeymap.selection), table(EditorKeymaps.palette), table(EditorKeymaps.errors),
        table(EditorKeymaps.diff), table(EditorKeymaps.changes), table(EditorKeymaps.flowList),
        table(EditorKeymaps.history), table(EditorKeymaps.testRunAll), table(EditorKeymaps.testRunSetup),
        table(EditorKeymaps.testRunReply), table(EditorKeymaps.testRunTimer), table(EditorKeymaps.testRunDone),
        table(EditorKeymaps.nodeForm), table(EditorKeymaps.completion), table(TextEditBuffer.keymap), table(EditorKeymaps.settings), table(EditorKeymaps.settingsGrid),
        table(EditorKeymaps.commandLine), table(EditorKeymaps.note), table(EditorKeymaps.makeLive),
        table(EditorKeymaps.flowListFilter), table(EditorKeymaps.importRefusal), table(EditorKeymaps.pathPrompt),
        table(EditorKeymaps.review), table(EditorKeymaps.blame), table(EditorKeymaps.newApp), table(EditorKeymaps.testRunStub),
    ]

    /// The words of a help row: "Up / Down, k j" → ["Up", "/", "Down", "k", "j"].
    static func words(_ text: String) -> Set<String> {
        Set(text.split(whereSeparator: { " ,()".contains($0) }).map(String.init))
    }

    /// Whether a visible row of the table names `key`: by its name in the key column (a
    /// character must be there, not just somewhere in a sentence), an arrow also by
    /// "arrows" with the same modifiers, other keys also in the summary.
    static func named(_ key: KeyEvent, in rows: [KeyHelpRow]) -> Bool {
        let name = key.description
        for row in rows {
            let label = words(row.keys)
            if label.contains(name) { return true }
            if key.key == .character(" "), label.contains("Space") { return true }
            switch key.key {
            case .up, .down, .left, .right:
                var prefix = KeyEvent(.home, key.modifiers).description
                prefix.removeLast("Home".count)
                if label.contains(prefix + "arrows") { return true }
            default:
                break
            }
            if key.character == nil, words(row.summary).contains(name) { return true }
        }
        return false
    }

    @Test func everyBoundKeyIsNamedByHelp() {
        var missing: [String] = []
        for t in Self.tables where !t.title.isEmpty {
            for (key, action) in t.keys where !Self.named(key, in: t.rows) {
                missing.append("\(t.title): \(key) (\(action))")
            }
        }
        #expect(missing.isEmpty, "bound but not in help: \(missing)")
    }

    @Test func helpIsMadeFromTheTables() {
        let help = HelpOverlay.text
        for section in EditorHelp.sections {
            #expect(help.contains(section.title + "\n"), "help lacks the section \(section.title)")
        }
        // Every visible row of every table is in the text, key column and summary.
        for t in Self.tables where !t.title.isEmpty {
            for row in t.rows {
                #expect(help.contains(row.keys), "help lacks \(row.keys) of \(t.title)")
                #expect(help.contains(row.summary.split(separator: " ").prefix(3).joined(separator: " ")),
                        "help lacks \(row.summary)")
            }
        }
    }

    @Test func keysOfEveryPaneAreCommandsWithTheirKeyOnTheCommandLine() {
        for binding in EditorKeymaps.anywhere.bindings where !binding.hidden {
            guard let name = Self.commandName(binding.action) else { continue }
            let spec = EditorActions.all.first { $0.name == name }
            #expect(spec?.key == binding.keys.first?.shortLabel, ":\(name) shows key \(spec?.key ?? "nil")")
        }
        for (name, action) in EditorKeymaps.canvasActionOfCommand {
            let key = (CanvasKeymap.normal.bindings + CanvasKeymap.selection.bindings).first { $0.action == action }?.keys.first
            #expect(key != nil, ":\(name) has no canvas key")
            #expect(EditorActions.all.first { $0.name == name }?.key == key?.shortLabel)
        }
        // And each named action runs what its key runs.
        for spec in EditorActions.all where !spec.needsArgument {
            guard case .success(let action) = EditorActions.parse(spec.name) else {
                Issue.record("\(spec.name) does not parse"); continue
            }
            if let b = EditorKeymaps.anywhere.bindings.first(where: { $0.action == action }) {
                #expect(b.keys.first?.shortLabel == spec.key)
            }
        }
    }

    static func commandName(_ a: EditorAction) -> String? {
        switch a {
        case .save: return "save"
        case .makeLive: return "make-live"
        case .history: return "history"
        case .settings: return "settings"
        case .help: return "help"
        case .quit: return "quit"
        case .editVersion: return "edit"
        case .blame: return "blame"
        case .review: return "review"
        default: return nil
        }
    }

    @Test func plainCharactersAreTextWhileTyping() {
        #expect(EditorKeymaps.anywhere.action(for: .char("s")) == .save)
        #expect(EditorKeymaps.anywhere.action(for: .char("s"), typing: true) == nil)
        #expect(EditorKeymaps.anywhere.action(for: .ctrl("s"), typing: true) == .save)
        #expect(EditorKeymaps.palette.action(for: .char("q"), typing: true) == .filter)
        #expect(EditorKeymaps.palette.action(for: KeyEvent(.down), typing: true) == .list(.next))
        #expect(CanvasKeymap.action(for: .char("q"), mode: .finding(query: "", matches: [], index: 0)) == .command(.findInput("q")))
        #expect(EditorKeymaps.settings.action(for: .alt("3"), typing: true) == .tabNumber)
    }

    /// The screen does what the tables say, through its one entry point.
    @Test func theCanvasScreenDispatchesThroughTheTables() throws {
        let tw = try TempWorkspace()
        defer { tw.cleanUp() }
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: try tw.flow("Keys", template: "order-status"))
        s.send(.char("?"))
        #expect(s.modalName == "help")
        s.send(.char("x"))
        s.send(.char("S"))
        #expect(s.modalName == "settings")
        s.send(.key(.escape))
        s.send(.char(":"))
        #expect(s.modalName == "command")
        s.send(.key(.escape))
        s.send(.key(.tab))
        #expect(s.focus == .errors)
        s.send(.key(.backTab), .key(.backTab))
        #expect(s.focus == .palette)
        // In the palette, s is filter text, not save.
        s.send(.char("s"))
        #expect(s.palette.filter == "s")
        #expect(s.message == nil)
        s.send(.key(.escape), .key(.escape))
        #expect(s.focus == .canvas)
    }
}

@Suite struct KeysDocumentTests {
    @Test func docsKeysIsCurrent() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/keys.md")
        let onDisk = try String(contentsOf: url, encoding: .utf8)
        #expect(onDisk == EditorHelp.markdown(), "docs/keys.md is stale: run scripts/generate-docs")
        #expect(onDisk.contains("| `?` |") || onDisk.contains("| ? |"))
    }
}
