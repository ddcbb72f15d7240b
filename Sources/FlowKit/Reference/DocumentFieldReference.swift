/// Every field of the `flowcanvas/1` document outside node `config` (which the node
/// catalog describes), with its JSON type, whether import requires it, and what it means.
/// docs/format.md is generated from this table; FormatReferenceTests checks it against
/// the keys the canonical export writes and against what import refuses, so a field
/// added to the model without a line here fails a test.
public struct DocumentField: Sendable, Equatable {
    /// JSON path: `settings.outcomes[].name` is `name` in each element of that array.
    public let path: String
    public let type: String
    /// Import refuses a document without it.
    public let required: Bool
    public let meaning: String
}

public enum DocumentFieldReference {
    public static let fields: [DocumentField] = [
        DocumentField(path: "format", type: "string", required: true,
                      meaning: "Always `\(FlowDocument.formatIdentifier)`; any other value is refused."),
        DocumentField(path: "name", type: "string", required: false,
                      meaning: "The flow's name as lists show it. `import --name` overrides it."),
        DocumentField(path: "description", type: "string", required: false,
                      meaning: "One line about what the flow is for."),
        DocumentField(path: "kind", type: "`messaging` | `voice`", required: false,
                      meaning: "Default `messaging`. Voice flows may use the voice nodes and must reach a Disconnect."),
        DocumentField(path: "settings", type: "object", required: false,
                      meaning: "Flow settings (below); every part has a default."),
        DocumentField(path: "settings.preventDuplicateSessions", type: "boolean", required: false,
                      meaning: "When true, a trigger whose unique identifier matches a running session starts no second one."),
        DocumentField(path: "settings.uniqueIdentifier", type: "template", required: false,
                      meaning: "What makes a session unique, e.g. `$(start.from)`; needed when the guard above is on."),
        DocumentField(path: "settings.logbooks", type: "array of strings", required: false,
                      meaning: "Logbook names the Log node may write to."),
        DocumentField(path: "settings.outcomes", type: "array of objects", required: false,
                      meaning: "The flow outcomes End nodes may report."),
        DocumentField(path: "settings.outcomes[].name", type: "string", required: true,
                      meaning: "Outcome name, referenced by End nodes' `outcome`."),
        DocumentField(path: "settings.outcomes[].kind", type: "`success` | `failure` | `incomplete`", required: true,
                      meaning: "How the outcome counts in statistics."),
        DocumentField(path: "settings.variables", type: "array of objects", required: false,
                      meaning: "Custom variables, referenced as `$(name)`."),
        DocumentField(path: "settings.variables[].name", type: "string", required: true,
                      meaning: "Variable name."),
        DocumentField(path: "settings.variables[].default", type: "string", required: false,
                      meaning: "Initial value (default empty)."),
        DocumentField(path: "settings.variables[].externalized", type: "boolean", required: false,
                      meaning: "Its value is asked for (or given with `make-live --set NAME=VALUE`) at Make Live."),
        DocumentField(path: "settings.variables[].secret", type: "boolean", required: false,
                      meaning: "A credential: its default and Make Live value are masked wherever shown (share page, `show`, `make-live`, the Make Live summary, every view of a session); the runtime uses them as is. Written only when true."),
        DocumentField(path: "settings.mediaFolder", type: "string or null", required: false,
                      meaning: "Voice: folder of audio prompts, one sub-folder per language (`en/welcome.wav`)."),
        DocumentField(path: "settings.languages", type: "array of objects", required: false,
                      meaning: "Voice: the prompt languages."),
        DocumentField(path: "settings.languages[].code", type: "string", required: true,
                      meaning: "Language code, the sub-folder name in the media folder."),
        DocumentField(path: "settings.languages[].required", type: "boolean", required: false,
                      meaning: "Every prompt must exist in this language (`compile` checks it)."),
        DocumentField(path: "nodes", type: "array of objects", required: false,
                      meaning: "The nodes; canonical export sorts them by id."),
        DocumentField(path: "nodes[].id", type: "string", required: true,
                      meaning: "Unique, 1 to 40 characters of `a-z`, `0-9` and `-`."),
        DocumentField(path: "nodes[].type", type: "string", required: true,
                      meaning: "A node type of the catalog (below). Any other type makes import refuse the whole document."),
        DocumentField(path: "nodes[].label", type: "string", required: false,
                      meaning: "The name shown in the node's box."),
        DocumentField(path: "nodes[].x", type: "integer", required: false,
                      meaning: "Grid column of the box's top-left corner. Without positions a document is laid out on import."),
        DocumentField(path: "nodes[].y", type: "integer", required: false,
                      meaning: "Grid row of the box's top-left corner."),
        DocumentField(path: "nodes[].config", type: "object", required: false,
                      meaning: "The node type's fields (below), by field name."),
        DocumentField(path: "connections", type: "array of objects", required: false,
                      meaning: "Connectors; canonical export sorts them by from, outcome, to."),
        DocumentField(path: "connections[].from", type: "string", required: true,
                      meaning: "Id of the node the connector leaves."),
        DocumentField(path: "connections[].outcome", type: "string", required: true,
                      meaning: "Which outcome of that node it carries."),
        DocumentField(path: "connections[].to", type: "string", required: true,
                      meaning: "Id of the node it leads to."),
        DocumentField(path: "notes", type: "array of objects", required: false,
                      meaning: "Notes on the canvas."),
        DocumentField(path: "notes[].id", type: "string", required: true,
                      meaning: "Unique among notes."),
        DocumentField(path: "notes[].text", type: "string", required: false,
                      meaning: "Text with `**bold**`, `*italic*` and `[text](url)`."),
        DocumentField(path: "notes[].node", type: "string or null", required: false,
                      meaning: "The node it is attached to (it moves with it); null for a flow-level note."),
        DocumentField(path: "notes[].x", type: "integer", required: false,
                      meaning: "Grid column of the note."),
        DocumentField(path: "notes[].y", type: "integer", required: false,
                      meaning: "Grid row of the note."),
    ]
}
