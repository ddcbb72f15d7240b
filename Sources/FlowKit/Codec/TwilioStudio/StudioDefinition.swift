import Foundation

/// A Twilio Studio flow definition as Studio exports it: `states` (widgets with `name`,
/// `type`, `transitions` and `properties`), `initial_state`, and an optional
/// `description`. Read with one-line errors that name the widget and the part.
///
/// Also accepted: the Flow resource of Studio's REST API (`friendly_name` plus the
/// definition under `definition`), which is what `twilio api:studio:v2:flows:fetch`
/// prints, so a flow can be imported straight from the API's answer.
struct StudioDefinition {
    var description: String
    /// The Flow resource's `friendly_name`, when the file is one.
    var friendlyName: String?
    var initialState: String
    var widgets: [StudioWidget]

    func widget(named name: String) -> StudioWidget? {
        widgets.first { $0.name == name }
    }

    /// Whether `data` is a Studio definition: a JSON object with top-level `states` and
    /// `initial_state` (or such an object under `definition`). Cheap enough for an
    /// import dialog to ask of every file.
    static func recognizes(_ data: Data) -> Bool {
        guard let root = try? JSONParser.parse(data), case .object(let top) = root else { return false }
        if top["states"] != nil && top["initial_state"] != nil { return true }
        if case .object(let inner)? = top["definition"] {
            return inner["states"] != nil && inner["initial_state"] != nil
        }
        return false
    }

    static func read(_ data: Data) throws(FlowImportError) -> StudioDefinition {
        let root: JSONValue
        do {
            root = try JSONParser.parse(data)
        } catch {
            throw FlowImportError(.malformedJSON, error.description)
        }
        guard case .object(var top) = root else {
            throw invalid("a Twilio Studio definition must be a JSON object, not \(DocumentReader.describe(root))")
        }
        var friendlyName: String?
        if top["states"] == nil, case .object(let inner)? = top["definition"] {
            friendlyName = top["friendly_name"]?.stringValue
            top = inner
        }
        guard let statesValue = top["states"] else {
            throw FlowImportError(.wrongFormat, "not a Twilio Studio definition: it has no \"states\"")
        }
        guard case .array(let states) = statesValue, !states.isEmpty else {
            throw invalid("\"states\" must be a non-empty array of widgets")
        }
        guard let initial = top["initial_state"]?.stringValue, !initial.isEmpty else {
            throw invalid("the definition has no \"initial_state\" (the name of its Trigger widget)")
        }
        var widgets: [StudioWidget] = []
        var seen = Set<String>()
        for (i, state) in states.enumerated() {
            let widget = try StudioWidget.read(state, position: i + 1)
            guard seen.insert(widget.name).inserted else {
                throw invalid("two widgets are named '\(DocumentReader.oneLine(widget.name))': widget names must be unique")
            }
            widgets.append(widget)
        }
        for widget in widgets {
            for t in widget.transitions {
                if let next = t.next, !seen.contains(next) {
                    throw invalid("widget '\(widget.name)': its \(t.event) transition goes to '\(DocumentReader.oneLine(next))', which is no widget of the flow")
                }
            }
        }
        guard let trigger = widgets.first(where: { $0.name == initial }) else {
            throw invalid("\"initial_state\" names '\(DocumentReader.oneLine(initial))', which is no widget of the flow")
        }
        guard trigger.type == "trigger" else {
            throw invalid("\"initial_state\" names '\(trigger.name)', a \(trigger.type) widget, not the Trigger")
        }
        let description = top["description"]?.stringValue ?? ""
        return StudioDefinition(description: description, friendlyName: friendlyName, initialState: initial, widgets: widgets)
    }

    static func invalid(_ message: String) -> FlowImportError {
        FlowImportError(.invalidDocument, message)
    }
}

struct StudioWidget {
    var name: String
    var type: String
    var transitions: [StudioTransition]
    var properties: [String: JSONValue]
    /// `properties.offset` in Studio's canvas pixels (may be negative), if given.
    var offset: (x: Double, y: Double)?

    /// A property as text: strings as they are, numbers without a needless fraction.
    func text(_ key: String) -> String? {
        switch properties[key] {
        case .string(let s)?: return s
        case .number, .bool: return properties[key]!.displayText
        default: return nil
        }
    }

    func transition(_ event: String) -> StudioTransition? {
        transitions.first { $0.event == event }
    }

    static func read(_ value: JSONValue, position: Int) throws(FlowImportError) -> StudioWidget {
        guard case .object(let o) = value else {
            throw StudioDefinition.invalid("widget \(position) must be an object, not \(DocumentReader.describe(value))")
        }
        guard let name = o["name"]?.stringValue, !name.isEmpty else {
            throw StudioDefinition.invalid("widget \(position) has no \"name\"")
        }
        let which = "widget '\(DocumentReader.oneLine(name))'"
        guard let type = o["type"]?.stringValue, !type.isEmpty else {
            throw StudioDefinition.invalid("\(which) has no \"type\"")
        }
        var properties: [String: JSONValue] = [:]
        switch o["properties"] {
        case nil, .null?: break
        case .object(let p)?: properties = p
        case let other?: throw StudioDefinition.invalid("\(which): \"properties\" must be an object, not \(DocumentReader.describe(other))")
        }
        var offset: (x: Double, y: Double)?
        if case .object(let off)? = properties["offset"], let x = off["x"]?.numberValue, let y = off["y"]?.numberValue,
           x.isFinite, y.isFinite, abs(x) < 1e7, abs(y) < 1e7 {
            offset = (x, y)
        }
        var transitions: [StudioTransition] = []
        switch o["transitions"] {
        case nil, .null?: break
        case .array(let items)?:
            for (i, item) in items.enumerated() {
                transitions.append(try StudioTransition.read(item, widget: which, position: i + 1))
            }
        case let other?: throw StudioDefinition.invalid("\(which): \"transitions\" must be an array, not \(DocumentReader.describe(other))")
        }
        return StudioWidget(name: name, type: type, transitions: transitions, properties: properties, offset: offset)
    }
}

struct StudioTransition {
    var event: String
    /// The widget it leads to; nil when the transition is not connected (in Studio the
    /// execution then ends).
    var next: String?
    var conditions: [StudioCondition]

    static func read(_ value: JSONValue, widget: String, position: Int) throws(FlowImportError) -> StudioTransition {
        guard case .object(let o) = value else {
            throw StudioDefinition.invalid("\(widget): transition \(position) must be an object")
        }
        guard let event = o["event"]?.stringValue, !event.isEmpty else {
            throw StudioDefinition.invalid("\(widget): transition \(position) has no \"event\"")
        }
        var next: String?
        switch o["next"] {
        case nil, .null?: break
        case .string(let s)?: next = s.isEmpty ? nil : s
        case let other?: throw StudioDefinition.invalid("\(widget): the \(event) transition's \"next\" must be a widget name, not \(DocumentReader.describe(other))")
        }
        var conditions: [StudioCondition] = []
        if case .array(let items)? = o["conditions"] {
            for (i, item) in items.enumerated() {
                guard case .object(let c) = item, let type = c["type"]?.stringValue, !type.isEmpty else {
                    throw StudioDefinition.invalid("\(widget): condition \(i + 1) of transition \(position) has no \"type\"")
                }
                let arguments = (c["arguments"]?.arrayValue ?? []).compactMap { $0.stringValue }
                let valueText: String
                switch c["value"] {
                case nil, .null?: valueText = ""
                case let v?: valueText = v.displayText
                }
                conditions.append(StudioCondition(friendlyName: c["friendly_name"]?.stringValue ?? "", type: type,
                                                  arguments: arguments, value: valueText))
            }
        }
        return StudioTransition(event: event, next: next, conditions: conditions)
    }
}

struct StudioCondition {
    var friendlyName: String
    var type: String
    var arguments: [String]
    var value: String
}
