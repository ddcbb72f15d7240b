import Foundation

/// What `flowcanvas import --from twilio-studio` may choose.
public struct StudioImportOptions: Sendable, Equatable {
    /// The flow's name; else the Flow resource's `friendly_name`; else `fallbackName`.
    public var name: String?
    /// Name used when neither `name` nor the file gives one (the CLI passes the file's
    /// base name).
    public var fallbackName: String
    /// Remove unsupported widgets (and unsupported split conditions) instead of
    /// refusing the import.
    public var dropUnsupported: Bool
    /// The Trigger event to start on (`incomingMessage`, `incomingCall`,
    /// `incomingRequest`, … or our trigger names), needed when several are connected.
    public var trigger: String?

    public init(name: String? = nil, fallbackName: String = "", dropUnsupported: Bool = false, trigger: String? = nil) {
        self.name = name
        self.fallbackName = fallbackName
        self.dropUnsupported = dropUnsupported
        self.trigger = trigger
    }
}

/// A Studio widget (or one condition of a split) that was left out by `--drop-unsupported`.
public struct StudioDroppedItem: Sendable, Equatable {
    public var widget: String
    public var type: String
    /// The condition type when only one condition of a split was dropped.
    public var condition: String?
}

/// Something the import carried over imperfectly, named by node and field.
public struct StudioImportWarning: Sendable, Equatable {
    public enum Kind: String, Sendable { case liquidLeftAsText, notCarriedOver }
    public var kind: Kind
    public var node: String
    public var field: String
    public var message: String
}

/// What an import did, for the one-line report and `--json`.
public struct StudioImportReport: Sendable, Equatable {
    public var flowName: String
    public var widgetCount: Int
    public var nodeCount: Int
    /// The Studio trigger event the flow starts on.
    public var triggerEvent: String
    public var dropped: [StudioDroppedItem]
    public var warnings: [StudioImportWarning]

    /// Places (node and field) where Liquid stayed as text.
    public var templatesLeftAsText: Int {
        warnings.filter { $0.kind == .liquidLeftAsText }.count
    }
}

/// A translated Studio flow: the document to store and what the translation did.
public struct StudioImport: Sendable {
    public var document: FlowDocument
    public var report: StudioImportReport
}

/// Twilio Studio flow definitions in (DESIGN §4 catalog, issue 18).
public enum TwilioStudioImport {
    /// Whether `data` is a Studio definition (top-level `states` and `initial_state`),
    /// so an import dialog can route a file without being told its format.
    public static func recognizes(_ data: Data) -> Bool {
        StudioDefinition.recognizes(data)
    }

    /// A Trigger event in a user's words, with what the imported flow starts as: the
    /// editor's chooser shows these (the Studio name, which `--trigger` accepts, beside).
    public static func triggerEventDescription(_ event: String) -> String {
        switch event {
        case "incomingMessage": return "incoming message (a messaging flow)"
        case "incomingCall": return "incoming call (a voice flow)"
        case "incomingRequest": return "REST API / webhook (a messaging flow started by a request)"
        case "incomingConversationMessage": return "incoming Conversations message (starts as an incoming message)"
        case "incomingParent": return "run by a parent flow (starts on a custom event)"
        default: return event
        }
    }

    /// Checks and translates the whole definition; nothing is stored. Refusals are
    /// `FlowImportError`s: unsupported widgets with DESIGN §4's message (one line per
    /// widget: name and type), everything else in one line.
    public static func translate(_ data: Data, options: StudioImportOptions = StudioImportOptions(),
                                 catalog: NodeCatalog = .standard) throws(FlowImportError) -> StudioImport {
        let definition = try StudioDefinition.read(data)
        var translator = try StudioTranslator(definition: definition, options: options, catalog: catalog)
        return try translator.run()
    }
}
