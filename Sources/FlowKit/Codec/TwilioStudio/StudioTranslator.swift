import Foundation

/// Turns a checked Studio definition into a `flowcanvas/1` document.
///
/// Each widget becomes one or more nodes; each of those nodes' outcomes is bound to the
/// Studio transition event it stands for (a *port*). Connected transitions become
/// connectors to the target widget's entry node. An unconnected transition ends the
/// execution in Studio, so it goes to an End node (a Disconnect in voice flows), one
/// per kind of ending: completed, failed, no-reply. A transition into a widget dropped
/// by `--drop-unsupported` stays unconnected, so the validator shows where to rebuild.
struct StudioTranslator {
    /// How an unconnected outcome ends the flow.
    enum Ending { case completed, failed, noReply }

    /// One outcome of one node, bound to a Studio transition event (nil: an outcome
    /// Studio does not have, which ends the flow as `ending`).
    struct Port {
        var node: String
        var outcome: String
        var widget: String
        var event: String?
        var ending: Ending
    }

    static let mappedTypes: Set<String> = [
        "trigger", "send-message", "send-and-wait-for-reply", "split-based-on", "make-http-request", "set-variables",
        "say-play", "gather-input-on-call", "connect-call-to",
    ]

    /// Studio trigger events and what they start as.
    static let triggerEvents = ["incomingMessage", "incomingCall", "incomingRequest", "incomingConversationMessage", "incomingParent"]

    let definition: StudioDefinition
    let options: StudioImportOptions
    let catalog: NodeCatalog
    var triggerEvent = "incomingMessage"
    var kind = FlowKind.messaging
    let name: String

    var nodes: [FlowNode] = []
    var notes: [FlowNote] = []
    var connections: [Connection] = []
    var ports: [Port] = []
    /// Widget name → the node a transition into the widget goes to.
    var entry: [String: String] = [:]
    /// Nodes standing for a widget, with the widget's offset, first the widget's main node.
    var widgetNodes: [(widget: StudioWidget, nodes: [String])] = []
    var ids: [String: String] = [:]
    var usedIDs: Set<String> = []
    var dropped: [StudioDroppedItem] = []
    var droppedWidgets: Set<String> = []
    /// Split conditions left out: widget name → indexes of its transitions.
    var droppedTransitions: [String: Set<Int>] = [:]
    var warnings: [StudioImportWarning] = []
    var liquid = StudioLiquid(webhookTrigger: false, widgets: [:])
    var endings: [Ending: String] = [:]

    init(definition: StudioDefinition, options: StudioImportOptions, catalog: NodeCatalog) throws(FlowImportError) {
        self.definition = definition
        self.options = options
        self.catalog = catalog
        let chosen = [options.name, definition.friendlyName, options.fallbackName]
            .compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }.first { !$0.isEmpty }
        guard let chosen else {
            throw FlowImportError(.invalidDocument, "the Studio definition has no name; give one with --name")
        }
        name = chosen
    }

    // MARK: Trigger

    /// The event the flow starts on. Events leading to a dropped widget count as not
    /// connected.
    static func chooseTrigger(_ trigger: StudioWidget, requested: String?, dropped: Set<String>) throws(FlowImportError) -> String {
        let connected = trigger.transitions.filter { $0.next != nil && !dropped.contains($0.next!) }.map(\.event)
        if let requested {
            let aliases = ["inbound-message": "incomingMessage", "inbound-call": "incomingCall", "webhook": "incomingRequest",
                           "custom-event": "incomingParent"]
            let wanted = aliases[requested.lowercased()]
                ?? triggerEvents.first { $0.lowercased() == requested.lowercased() }
            guard let wanted else {
                throw FlowImportError(.invalidDocument, "--trigger \(requested): not a Trigger event (use one of \(triggerEvents.joined(separator: ", ")))")
            }
            if !connected.isEmpty && !connected.contains(wanted) {
                throw FlowImportError(.invalidDocument, "--trigger \(requested): the Trigger's \(wanted) is not connected (connected: \(connected.joined(separator: ", ")))")
            }
            return wanted
        }
        if connected.count > 1 {
            var error = FlowImportError(.invalidDocument, "the Trigger '\(trigger.name)' connects several events (\(connected.joined(separator: ", "))); choose one with --trigger EVENT")
            error.triggerChoices = connected.filter { triggerEvents.contains($0) }
            throw error
        }
        if let only = connected.first {
            guard triggerEvents.contains(only) else {
                throw FlowImportError(.invalidDocument, "the Trigger '\(trigger.name)' starts on \(only), which has no equivalent")
            }
            return only
        }
        return "incomingMessage"
    }

    // MARK: Run

    mutating func run() throws(FlowImportError) -> StudioImport {
        try checkSupported()
        triggerEvent = try Self.chooseTrigger(definition.widget(named: definition.initialState)!, requested: options.trigger,
                                              dropped: droppedWidgets)
        kind = triggerEvent == "incomingCall" ? .voice : .messaging
        assignIDs()
        for widget in definition.widgets where !droppedWidgets.contains(widget.name) {
            translate(widget)
        }
        connect()
        var document = FlowDocument(name: name, description: definition.description, kind: kind,
                                    settings: FlowSettings(), nodes: nodes, connections: connections, notes: [])
        document.settings.outcomes = [Ending.completed, .failed, .noReply].filter { endings[$0] != nil && kind == .messaging }
            .map { ending in
                switch ending {
                case .completed: return FlowOutcome(name: "completed", kind: .success)
                case .failed: return FlowOutcome(name: "failed", kind: .failure)
                case .noReply: return FlowOutcome(name: "no-reply", kind: .incomplete)
                }
            }
        StudioLayout.apply(to: &document, widgets: widgetNodes.map { ($0.widget.offset, $0.nodes) }, catalog: catalog)
        placeNotes(in: &document)
        let report = StudioImportReport(flowName: name, widgetCount: definition.widgets.count, nodeCount: document.nodes.count,
                                        triggerEvent: triggerEvent, dropped: dropped, warnings: warnings)
        return StudioImport(document: document, report: report)
    }

    /// Refuses (or, with `dropUnsupported`, drops) widgets and split conditions that have
    /// no equivalent, before anything else is translated.
    mutating func checkSupported() throws(FlowImportError) {
        var offenders: [String] = []
        var offendingNodes: [ImportOffender] = []
        for widget in definition.widgets {
            let isExtraTrigger = widget.type == "trigger" && widget.name != definition.initialState
            if !Self.mappedTypes.contains(widget.type) || isExtraTrigger {
                offenders.append("  - \(widget.name) (\(widget.type))")
                offendingNodes.append(ImportOffender(id: widget.name, label: widget.name, type: widget.type))
                dropped.append(StudioDroppedItem(widget: widget.name, type: widget.type, condition: nil))
                droppedWidgets.insert(widget.name)
                continue
            }
            guard widget.type == "split-based-on" else { continue }
            for (i, t) in widget.transitions.enumerated() where t.event == "match" {
                for c in t.conditions where !StudioConditionTranslator.supportedTypes.contains(c.type) {
                    offenders.append("  - \(widget.name) (split-based-on condition \(c.type))")
                    offendingNodes.append(ImportOffender(id: widget.name, label: widget.name,
                                                         type: "split-based-on condition \(c.type)"))
                    dropped.append(StudioDroppedItem(widget: widget.name, type: widget.type, condition: c.type))
                    droppedTransitions[widget.name, default: []].insert(i)
                }
            }
        }
        if !offenders.isEmpty && !options.dropUnsupported {
            var error = FlowImportError(.unsupportedNodes, ([FlowImportError.unsupportedNodesHeading] + offenders).joined(separator: "\n"))
            error.offendingNodes = offendingNodes
            throw error
        }
    }

    /// Node ids from widget names, slugged and unique; the Trigger is `start`, as
    /// `$(start.…)` references expect.
    mutating func assignIDs() {
        usedIDs = ["start"]
        var widgets: [String: StudioLiquid.WidgetNodes] = [:]
        for widget in definition.widgets where !droppedWidgets.contains(widget.name) {
            let id = widget.name == definition.initialState ? "start" : fresh(Self.slug(widget.name))
            ids[widget.name] = id
        }
        for widget in definition.widgets {
            guard let id = ids[widget.name] else { continue }
            var nodes = StudioLiquid.WidgetNodes(type: widget.type, id: id, replyID: nil)
            if widget.type == "send-and-wait-for-reply" { nodes.replyID = fresh("\(id)-reply") }
            widgets[widget.name] = nodes
        }
        liquid = StudioLiquid(webhookTrigger: triggerEvent == "incomingRequest", widgets: widgets)
    }

    /// `EssentialWorker` → `essential-worker`, `send_remind` → `send-remind`: words kept
    /// apart where Studio names run them together in camel case.
    static func slug(_ name: String) -> String {
        var spaced = ""
        var previous: Character?
        for ch in name {
            if let p = previous, ch.isUppercase, p.isLowercase || p.isNumber { spaced.append("-") }
            spaced.append(ch)
            previous = ch
        }
        return FlowNode.sanitizedID(spaced)
    }

    mutating func fresh(_ base: String) -> String {
        var id = base
        var n = 2
        while usedIDs.contains(id) { id = "\(base)-\(n)"; n += 1 }
        usedIDs.insert(id)
        return id
    }

    // MARK: Widgets

    mutating func template(_ source: String?, node: String, field: String) -> String {
        guard let source else { return "" }
        let t = liquid.translate(source)
        if !t.leftAsText.isEmpty {
            warnings.append(StudioImportWarning(kind: .liquidLeftAsText, node: node, field: field,
                                                message: "Liquid left as text: \(t.leftAsText.joined(separator: ", "))"))
        }
        return t.text
    }

    mutating func notCarried(_ node: String, _ field: String, _ message: String) {
        warnings.append(StudioImportWarning(kind: .notCarriedOver, node: node, field: field, message: message))
    }

    mutating func add(_ node: FlowNode) {
        nodes.append(node)
    }

    mutating func translate(_ w: StudioWidget) {
        let id = ids[w.name]!
        entry[w.name] = id
        var made = [id]
        switch w.type {
        case "trigger":
            var config: [String: JSONValue]
            switch triggerEvent {
            case "incomingCall": config = ["trigger": "inbound-call", "address": ""]
            case "incomingRequest": config = ["trigger": "webhook", "path": .string(FlowNode.sanitizedID(name))]
            case "incomingParent": config = ["trigger": "custom-event", "event": .string(FlowNode.sanitizedID(name))]
            default: config = ["trigger": "inbound-message", "channel": "sms", "address": ""]
            }
            add(FlowNode(id: id, type: "start", label: w.name, config: config))
            ports.append(Port(node: id, outcome: "next", widget: w.name, event: triggerEvent, ending: .completed))
        case "send-message":
            add(sendNode(w, id: id))
            ports.append(Port(node: id, outcome: "sent", widget: w.name, event: "sent", ending: .completed))
            ports.append(Port(node: id, outcome: "failed", widget: w.name, event: "failed", ending: .failed))
        case "send-and-wait-for-reply":
            let reply = liquid.widgets[w.name]!.replyID!
            add(sendNode(w, id: id))
            let timeout = w.text("timeout").flatMap { Double($0.trimmingCharacters(in: .whitespaces)) } ?? 3600
            add(FlowNode(id: reply, type: "receive", label: "\(w.name) (reply)",
                         config: ["channel": "sms", "timeoutSeconds": .number(timeout.rounded())]))
            made.append(reply)
            connections.append(Connection(from: id, outcome: "sent", to: reply))
            ports.append(Port(node: id, outcome: "failed", widget: w.name, event: "deliveryFailure", ending: .failed))
            ports.append(Port(node: reply, outcome: "received", widget: w.name, event: "incomingMessage", ending: .completed))
            ports.append(Port(node: reply, outcome: "timeout", widget: w.name, event: "timeout", ending: .noReply))
        case "make-http-request":
            add(FlowNode(id: id, type: "http-request", label: w.name, config: httpConfig(w, id: id)))
            ports.append(Port(node: id, outcome: "success", widget: w.name, event: "success", ending: .completed))
            ports.append(Port(node: id, outcome: "error", widget: w.name, event: "failed", ending: .failed))
            ports.append(Port(node: id, outcome: "timeout", widget: w.name, event: "failed", ending: .failed))
        case "set-variables":
            var assignments: [String: JSONValue] = [:]
            for item in w.properties["variables"]?.arrayValue ?? [] {
                guard let key = item["key"]?.displayText, !key.isEmpty else { continue }
                assignments[key] = .string(template(item["value"]?.displayText ?? "", node: id, field: "assignments.\(key)"))
            }
            add(FlowNode(id: id, type: "set-variables", label: w.name, config: ["assignments": .object(assignments)]))
            ports.append(Port(node: id, outcome: "next", widget: w.name, event: "next", ending: .completed))
        case "say-play":
            add(FlowNode(id: id, type: "play", label: w.name, config: ["prompt": .string(prompt(w, id: id))]))
            ports.append(Port(node: id, outcome: "done", widget: w.name, event: "audioComplete", ending: .completed))
            ports.append(Port(node: id, outcome: "error", widget: w.name, event: nil, ending: .failed))
        case "gather-input-on-call":
            let digits = w.text("number_of_digits").flatMap { Double($0.trimmingCharacters(in: .whitespaces)) } ?? 32
            let timeout = w.text("timeout").flatMap { Double($0.trimmingCharacters(in: .whitespaces)) } ?? 5
            add(FlowNode(id: id, type: "collect-input", label: w.name, config: [
                "prompt": .string(prompt(w, id: id)),
                "maxDigits": .number(min(32, max(1, digits.rounded()))),
                "timeoutSeconds": .number(min(120, max(1, timeout.rounded()))),
            ]))
            ports.append(Port(node: id, outcome: "collected", widget: w.name, event: "keypress", ending: .completed))
            ports.append(Port(node: id, outcome: "timeout", widget: w.name, event: "timeout", ending: .noReply))
            ports.append(Port(node: id, outcome: "invalid", widget: w.name, event: nil, ending: .failed))
        case "connect-call-to":
            add(FlowNode(id: id, type: "transfer", label: w.name, config: ["to": .string(template(w.text("to"), node: id, field: "to"))]))
            // Studio reports a dial that failed as callCompleted too (with its status).
            ports.append(Port(node: id, outcome: "connected", widget: w.name, event: "callCompleted", ending: .completed))
            ports.append(Port(node: id, outcome: "failed", widget: w.name, event: "callCompleted", ending: .completed))
        case "split-based-on":
            made = translateSplit(w, id: id)
        default:
            break
        }
        // Connected transitions no port stands for (a gather's speech, a call's hangup).
        let consumed = Set(ports.filter { $0.widget == w.name }.compactMap(\.event))
        for t in w.transitions where t.next != nil && !consumed.contains(t.event) && w.type != "split-based-on" && w.type != "trigger" {
            notCarried(id, "outcomes", "the \(t.event) transition to '\(t.next!)' has no equivalent and was not carried over")
        }
        widgetNodes.append((w, made))
    }

    mutating func sendNode(_ w: StudioWidget, id: String) -> FlowNode {
        var config: [String: JSONValue] = [
            "channel": "sms",
            "to": .string(template(w.text("to") ?? "{{contact.channel.address}}", node: id, field: "to")),
            "message": .string(template(w.text("body") ?? "", node: id, field: "message")),
        ]
        if let from = w.text("from"), !from.isEmpty { config["from"] = .string(template(from, node: id, field: "from")) }
        if let media = w.text("media_url"), !media.isEmpty {
            notCarried(id, "media_url", "media (\(DocumentReader.oneLine(media))) has no equivalent and was not carried over")
        }
        return FlowNode(id: id, type: "send", label: w.name, config: config)
    }

    mutating func httpConfig(_ w: StudioWidget, id: String) -> [String: JSONValue] {
        let method = (w.text("method") ?? "GET").uppercased()
        var url = template(w.text("url"), node: id, field: "url")
        var config: [String: JSONValue] = ["method": .string(method)]
        var headers: [String: JSONValue] = [:]
        let contentType = w.text("content_type") ?? ""
        if !contentType.isEmpty { headers["Content-Type"] = .string(contentType) }
        var body = template(w.text("body"), node: id, field: "body")
        // Form parameters: the query of a GET/DELETE, else a form-encoded body.
        let parameters = (w.properties["parameters"]?.arrayValue ?? []).compactMap { item -> (String, String)? in
            guard let key = item["key"]?.displayText, !key.isEmpty else { return nil }
            return (key, item["value"]?.displayText ?? "")
        }
        if !parameters.isEmpty {
            let encoded = parameters.map { key, value in
                "\(Self.formEncode(key))=\(Self.formEncodeLiterals(template(value, node: id, field: "parameters.\(key)")))"
            }.joined(separator: "&")
            if method == "GET" || method == "DELETE" {
                url += (url.contains("?") ? "&" : "?") + encoded
            } else {
                body = body.isEmpty ? encoded : body + "&" + encoded
                if contentType.isEmpty { headers["Content-Type"] = "application/x-www-form-urlencoded" }
            }
        }
        if w.properties["add_twilio_auth"]?.boolValue == true {
            notCarried(id, "headers", "add_twilio_auth has no equivalent; add an Authorization header")
        }
        config["url"] = .string(url)
        if !headers.isEmpty { config["headers"] = .object(headers) }
        if !body.isEmpty { config["body"] = .string(body) }
        return config
    }

    static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// Percent-encodes the text around `$(…)` references; the references stay as they
    /// are (their values are sent as they come).
    static func formEncodeLiterals(_ template: String) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.range(of: "$("), let close = rest[open.upperBound...].firstIndex(of: ")") {
            out += formEncode(String(rest[..<open.lowerBound]))
            out += rest[open.lowerBound...close]
            rest = rest[rest.index(after: close)...]
        }
        return out + formEncode(String(rest))
    }

    /// The prompt file for a Say/Play or a Gather: a played URL's file name; text to say
    /// becomes a note on the node (record it as `ID.wav`).
    mutating func prompt(_ w: StudioWidget, id: String) -> String {
        if let play = w.text("play"), !play.isEmpty {
            let file = play.split(separator: "?").first.map(String.init)?.split(separator: "/").last.map(String.init) ?? ""
            if !file.isEmpty && !file.contains("{") { return file }
        }
        if let say = w.text("say"), !say.isEmpty {
            let text = template(say, node: id, field: "prompt")
            notes.append(FlowNote(id: "note-\(id)", text: "Say: \(text)", node: id))
        }
        return "\(id).wav"
    }

    // MARK: Splits

    /// `split-based-on` → a branch node (each match transition a branch named after its
    /// condition's friendly_name, noMatch → none). Conditions no branch operator can say
    /// become `evaluate` nodes, chained in Studio's order so the first that holds wins.
    mutating func translateSplit(_ w: StudioWidget, id: String) -> [String] {
        let hoist = StudioHoist(base: id)
        let inputSource = w.text("input") ?? w.transitions.lazy.compactMap { $0.conditions.first?.arguments.first }.first ?? ""
        let input = liquid.translate(inputSource)
        if !input.leftAsText.isEmpty {
            warnings.append(StudioImportWarning(kind: .liquidLeftAsText, node: id, field: "input",
                                                message: "Liquid left as text: \(input.leftAsText.joined(separator: ", "))"))
        }
        let subject = input.soleReference ?? hoist.variable(for: input.text, role: "input")
        let conditions = StudioConditionTranslator(liquid: liquid, hoist: hoist, subject: subject)

        // Each supported match transition as a case: a branch entry or an expression.
        struct Case { var name: String; var next: String?; var branch: (op: BranchOperator, value: String)?; var expression: String }
        var cases: [Case] = []
        var left: [String] = []
        for (i, t) in w.transitions.enumerated() where t.event == "match" && !(droppedTransitions[w.name]?.contains(i) ?? false) {
            let translated = t.conditions.compactMap { conditions.translate($0, left: &left) }
            guard !translated.isEmpty else { continue }
            let label = t.conditions.first?.friendlyName.trimmingCharacters(in: .whitespaces) ?? ""
            let name = label.isEmpty ? "match \(cases.count + 1)" : label
            if translated.count == 1 {
                cases.append(Case(name: name, next: t.next, branch: translated[0].branch, expression: translated[0].expression))
            } else {
                // Several conditions on one transition must all hold.
                cases.append(Case(name: name, next: t.next, branch: nil,
                                  expression: translated.map { "(\($0.expression))" }.joined(separator: " && ")))
            }
        }
        if !left.isEmpty {
            warnings.append(StudioImportWarning(kind: .liquidLeftAsText, node: id, field: "branches",
                                                message: "Liquid left as text: \(left.joined(separator: ", "))"))
        }

        // Segments: runs of branch cases share one branch node; each expression case is
        // its own evaluate node. Every segment falls through to the next; the last to noMatch.
        var segments: [[Case]] = []
        for c in cases {
            if c.branch != nil, let last = segments.last, last.first?.branch != nil {
                segments[segments.count - 1].append(c)
            } else {
                segments.append([c])
            }
        }
        if segments.isEmpty { segments = [[]] }
        var made: [String] = []
        var segmentIDs: [String] = []
        for (n, _) in segments.enumerated() {
            segmentIDs.append(n == 0 ? id : fresh("\(id)-\(n + 1)"))
        }
        let noMatch = w.transition("noMatch")
        for (n, segment) in segments.enumerated() {
            let nodeID = segmentIDs[n]
            // An evaluate node is named after its condition: its outcomes are only true/false.
            let label = segment.first?.branch == nil ? (segment.first?.name ?? w.name) : (n == 0 ? w.name : "\(w.name) (\(n + 1))")
            let fallthroughOutcomes: [String]
            if let only = segment.first, only.branch == nil {
                add(FlowNode(id: nodeID, type: "evaluate", label: label, config: ["expression": .string(only.expression)]))
                bind(nodeID, "true", only.next, from: w.name)
                fallthroughOutcomes = ["false", "error"]
            } else {
                var names: [String] = []
                var branches: [JSONValue] = []
                for c in segment {
                    var unique = c.name
                    var k = 2
                    while names.contains(unique) || unique == "none" { unique = "\(c.name) (\(k))"; k += 1 }
                    names.append(unique)
                    branches.append(.object(["name": .string(unique), "variable": .string(subject),
                                             "op": .string(c.branch!.op.rawValue), "value": .string(c.branch!.value)]))
                    bind(nodeID, unique, c.next, from: w.name)
                }
                add(FlowNode(id: nodeID, type: "branch", label: label, config: ["branches": .array(branches)]))
                fallthroughOutcomes = ["none"]
            }
            for outcome in fallthroughOutcomes {
                if n + 1 < segments.count {
                    connections.append(Connection(from: nodeID, outcome: outcome, to: segmentIDs[n + 1]))
                } else {
                    bind(nodeID, outcome, noMatch?.next, from: w.name)
                }
            }
            made.append(nodeID)
        }
        if !hoist.assignments.isEmpty {
            let valuesID = fresh("\(id)-values")
            var assignments: [String: JSONValue] = [:]
            for a in hoist.assignments { assignments[a.name] = .string(a.template) }
            add(FlowNode(id: valuesID, type: "set-variables", label: "\(w.name) (values)", config: ["assignments": .object(assignments)]))
            connections.append(Connection(from: valuesID, outcome: "next", to: id))
            entry[w.name] = valuesID
            made.insert(valuesID, at: 0)
        }
        return made
    }

    /// A split outcome bound straight to a target widget (its conditions are not events).
    mutating func bind(_ node: String, _ outcome: String, _ next: String?, from widget: String) {
        ports.append(Port(node: node, outcome: outcome, widget: widget, event: next.map { "→" + $0 }, ending: .completed))
    }

    // MARK: Connectors

    mutating func connect() {
        let byName = Dictionary(uniqueKeysWithValues: definition.widgets.map { ($0.name, $0) })
        for port in ports {
            var next: String?
            if let event = port.event {
                if event.hasPrefix("→") {
                    next = String(event.dropFirst())
                } else {
                    next = byName[port.widget]?.transition(event)?.next
                }
            }
            if let next {
                if droppedWidgets.contains(next) { continue } // left open: rebuild here
                if let target = entry[next] {
                    connections.append(Connection(from: port.node, outcome: port.outcome, to: target))
                    continue
                }
            }
            connections.append(Connection(from: port.node, outcome: port.outcome, to: endNode(port.ending)))
        }
    }

    mutating func endNode(_ ending: Ending) -> String {
        if kind == .voice {
            if let id = endings[.completed] { return id }
            let id = fresh("hang-up")
            add(FlowNode(id: id, type: "disconnect", label: "Hang up"))
            endings[.completed] = id
            return id
        }
        if let id = endings[ending] { return id }
        let (base, label, outcome): (String, String, String)
        switch ending {
        case .completed: (base, label, outcome) = ("end", "Completed", "completed")
        case .failed: (base, label, outcome) = ("end-failed", "Failed", "failed")
        case .noReply: (base, label, outcome) = ("end-no-reply", "No reply", "no-reply")
        }
        let id = fresh(base)
        add(FlowNode(id: id, type: "end", label: label, config: ["outcome": .string(outcome)]))
        endings[ending] = id
        return id
    }

    /// Notes sit under the node they explain.
    func placeNotes(in document: inout FlowDocument) {
        for var note in notes {
            if let nodeID = note.node, let node = document.node(withID: nodeID), let x = node.x, let y = node.y {
                note.x = x
                note.y = y + NodeGeometry.size(of: node, catalog: catalog).height
            }
            document.notes.append(note)
        }
    }
}
