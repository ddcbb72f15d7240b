import TerminalUI

/// What a key does while the flow list's `/` filter is typed.
public enum FlowListFilterKey: Equatable, Sendable { case type, erase, keep, clear }

/// What a key does in the dialog listing the nodes a refused import named.
public enum ImportRefusalKey: Equatable, Sendable { case list(ListKey), close }

/// What a key does in the chooser of the Trigger event a Twilio Studio import starts on.
public enum ImportTriggerKey: Equatable, Sendable { case list(ListKey), choose, cancel }

/// What a key does in a prompt for a file path (export, import).
public enum PathPromptKey: Equatable, Sendable { case complete }

extension EditorKeymaps {
    public static let flowListFilter = Keymap<FlowListFilterKey>("Flow list: the / filter", [
        KeyBinding([.text], .type, "narrow the list to names containing the text"),
        KeyBinding([.plain(.backspace)], .erase, "delete the filter's last character"),
        KeyBinding([.plain(.enter)], .keep, "keep the filter and go back to the list"),
        KeyBinding([.plain(.escape)], .clear, "clear the filter"),
    ])

    public static let importRefusal = Keymap<ImportRefusalKey>("Import refused: the offending nodes",
        listBindings(ImportRefusalKey.list) + [
        KeyBinding([.plain(.escape), .plain(.enter), .char("q")], .close, "close"),
    ])

    public static let importTrigger = Keymap<ImportTriggerKey>("Import: which Trigger event a Twilio Studio flow starts on",
        listBindings(ImportTriggerKey.list) + [
        KeyBinding([.plain(.enter)], .choose, "import starting on the selected event (the flow's name is asked next)"),
        KeyBinding([.plain(.escape), .char("q")], .cancel, "cancel the import (nothing is stored)"),
    ])

    public static let pathPrompt = Keymap<PathPromptKey>("File path prompts (export, import)", [
        KeyBinding([.plain(.tab)], .complete, "complete the file or folder name (again: list the choices)"),
    ])
}
