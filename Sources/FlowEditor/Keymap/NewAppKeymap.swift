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
