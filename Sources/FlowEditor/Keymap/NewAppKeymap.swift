import TerminalUI

/// What a key does in the Make Live wizard's "New app…" form.
public enum NewAppKey: Equatable, Sendable { case nextField, previousField, enter, cancel }

extension EditorKeymaps {
    public static let newApp = Keymap<NewAppKey>("Make Live: New app… (in the apps step)", [
        KeyBinding([.plain(.tab), .plain(.down), .plain(.backTab), .plain(.up)], .nextField,
                   "next / previous field", label: "Tab / Shift-Tab / Up / Down"),
        KeyBinding([.plain(.backTab), .plain(.up)], .previousField, "", hidden: true),
        KeyBinding([.plain(.enter)], .enter, "next field; on the last: add the app (stored when Make Live completes)"),
        KeyBinding([.plain(.escape)], .cancel, "drop the new app, back to the apps"),
    ].reorderedForLookup())
}

/// What a key does in the test run's HTTP stub form (Ctrl-B in the panel).
public enum TestRunStubKey: Equatable, Sendable { case nextField, previousField, apply, cancel }

extension EditorKeymaps {
    public static let testRunStub = Keymap<TestRunStubKey>("Test run: HTTP stubs (Ctrl-B)", notes: [
        "Node and Answer are choices (Left / Right); Body is JSON; Headers \"Name: value; Name: value\"",
        "A latency at or past the node's timeout takes its timeout path"], [
        KeyBinding([.plain(.tab), .plain(.down), .plain(.backTab), .plain(.up)], .nextField,
                   "next / previous field", label: "Tab / Shift-Tab / Up / Down"),
        KeyBinding([.plain(.backTab), .plain(.up)], .previousField, "", hidden: true),
        KeyBinding([.plain(.enter), .ctrl("s")], .apply, "keep this node's answer (for the rest of the editing session)"),
        KeyBinding([.plain(.escape)], .cancel, "close without changing it"),
    ].reorderedForLookup())
}
