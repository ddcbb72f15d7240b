import Foundation
import Testing
@testable import FlowKit

/// `import --from twilio-studio`: fixtures written from Studio's documented flow
/// definition format (Fixtures/TwilioStudio), each imported flow's canonical export kept
/// as a golden (Golden/TwilioStudio; `GOLDEN_RECORD=1` rewrites them).
@Suite struct TwilioStudioImportTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/TwilioStudio")
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/TwilioStudio")

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: fixtures.appendingPathComponent(name + ".json"))
    }

    static func translate(_ name: String, _ options: StudioImportOptions? = nil) throws -> StudioImport {
        try TwilioStudioImport.translate(try fixture(name), options: options ?? StudioImportOptions(fallbackName: name))
    }

    static func refusal(_ data: Data, _ options: StudioImportOptions = StudioImportOptions(fallbackName: "x")) -> FlowImportError? {
        do {
            _ = try TwilioStudioImport.translate(data, options: options)
            return nil
        } catch {
            return error
        }
    }

    static func refusal(_ json: String, _ options: StudioImportOptions = StudioImportOptions(fallbackName: "x")) -> FlowImportError? {
        refusal(Data(json.utf8), options)
    }

    // MARK: Goldens

    @Test(arguments: [
        ("rating-survey", StudioImportOptions(fallbackName: "rating-survey")),
        ("split-conditions", StudioImportOptions(fallbackName: "split-conditions")),
        ("order-webhook", StudioImportOptions(fallbackName: "order-webhook")),
        ("phone-menu", StudioImportOptions(fallbackName: "phone-menu")),
        ("text-or-call", StudioImportOptions(name: "Texts", fallbackName: "text-or-call", trigger: "incomingMessage")),
        ("text-or-call", StudioImportOptions(name: "Calls", fallbackName: "text-or-call", trigger: "inbound-call")),
        ("unsupported-widgets", StudioImportOptions(fallbackName: "unsupported-widgets", dropUnsupported: true)),
        ("opening-hours", StudioImportOptions(fallbackName: "opening-hours", dropUnsupported: true)),
    ])
    func theCanonicalExportOfEachImportedFixtureMatchesItsGolden(name: String, options: StudioImportOptions) throws {
        let imported = try Self.translate(name, options)
        let export = FlowCodec.exportJSON(imported.document)
        let golden = Self.goldens.appendingPathComponent("\(name)\(options.trigger.map { "." + $0 } ?? "").json")
        let environment = ProcessInfo.processInfo.environment
        // Never re-record on CI (GoldenFile's rule; this target does not link TestSupport).
        try #require(environment["GOLDEN_RECORD"] == nil || (environment["CI"] ?? "").isEmpty,
                     "GOLDEN_RECORD is set while CI is set: goldens are only compared on CI")
        if environment["GOLDEN_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: Self.goldens, withIntermediateDirectories: true)
            try export.write(to: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(export == expected, "\(golden.lastPathComponent) differs; look, then GOLDEN_RECORD=1 to re-record")
        // What import writes is a well-formed flowcanvas/1 document in its own right.
        let reread = try FlowCodec.importDocument(Data(export.utf8))
        #expect(FlowCodec.exportJSON(reread) == export)
        // Only catalog types, every node placed, no two boxes crowding each other.
        #expect(imported.document.nodes.allSatisfy { NodeCatalog.standard.contains($0.type) && $0.x != nil && $0.y != nil })
        #expect(Self.crowdedPairs(imported.document).isEmpty, "\(Self.crowdedPairs(imported.document))")
    }

    static func crowdedPairs(_ doc: FlowDocument) -> [String] {
        let boxes = doc.nodes.map { n in
            (n.id, Box(x: n.x ?? 0, y: n.y ?? 0, width: NodeGeometry.width, height: NodeGeometry.size(of: n).height))
        }
        var pairs: [String] = []
        for i in boxes.indices {
            for j in boxes.indices where j > i {
                let a = boxes[i].1, b = boxes[j].1
                let overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
                if overlap { pairs.append("\(boxes[i].0)/\(boxes[j].0)") }
            }
        }
        return pairs
    }

    // MARK: Report

    @Test func theReportCountsWidgetsNodesDropsAndTemplatesLeftAsText() throws {
        let imported = try Self.translate("rating-survey")
        let report = imported.report
        #expect(report.widgetCount == 9 && report.nodeCount == 13 && report.dropped.isEmpty && report.templatesLeftAsText == 2)
        #expect(report.nodeCount == imported.document.nodes.count)
        #expect(report.warnings.map { "\($0.node) \($0.field)" } == ["save-rating assignments.customer", "thank-you message"])
        #expect(report.warnings.last?.message == "Liquid left as text: {% if flow.variables.rating == '5' %}, {% endif %}")
        #expect(imported.document.description == "Asks for a rating by SMS, asks again on an answer it does not understand, and thanks the customer")

        #expect(report.triggerEvent == "incomingMessage")
    }

    @Test func theNameIsTheOptionElseTheFlowResourcesFriendlyNameElseTheFile() throws {
        let definition = try JSONParser.parse(try Self.fixture("rating-survey"))
        let resource = CanonicalJSON.encode(.object(["friendly_name": "Ratings", "sid": "FW00000000000000000000000000000000",
                                                     "definition": definition]))
        #expect(try TwilioStudioImport.translate(Data(resource.utf8), options: StudioImportOptions(fallbackName: "file")).report.flowName == "Ratings")
        #expect(try TwilioStudioImport.translate(Data(resource.utf8), options: StudioImportOptions(name: "Mine", fallbackName: "file")).report.flowName == "Mine")
        #expect(try Self.translate("rating-survey").report.flowName == "rating-survey")
        #expect(TwilioStudioImport.recognizes(Data(resource.utf8)))
        #expect(Self.refusal(try Self.fixture("rating-survey"), StudioImportOptions(fallbackName: " "))?.message
            == "the Studio definition has no name; give one with --name")
    }

    // MARK: Widgets

    @Test func sendAndWaitForReplyBecomesSendThenReceiveWithItsTimeout() throws {
        let doc = try Self.translate("rating-survey").document
        let send = try #require(doc.node(withID: "ask-rating"))
        let receive = try #require(doc.node(withID: "ask-rating-reply"))
        #expect(send.type == "send" && receive.type == "receive")
        #expect(send.config["message"] == "Hi! You wrote \"$(start.message)\". How would you rate us from 1 to 5?")
        #expect(send.config["to"] == "$(start.from)" && send.config["from"] == "$(start.to)" && send.config["channel"] == "sms")
        #expect(receive.config["timeoutSeconds"] == 600)
        let out = Set(doc.connections.filter { $0.from == "ask-rating" || $0.from == "ask-rating-reply" })
        #expect(out == [Connection(from: "ask-rating", outcome: "sent", to: "ask-rating-reply"),
                        Connection(from: "ask-rating", outcome: "failed", to: "end-failed"), // deliveryFailure, unconnected
                        Connection(from: "ask-rating-reply", outcome: "received", to: "check-rating"),
                        Connection(from: "ask-rating-reply", outcome: "timeout", to: "no-reply")])
        #expect(doc.connections.contains(Connection(from: "start", outcome: "next", to: "ask-rating")))
        #expect(doc.node(withID: "start")?.config == ["trigger": "inbound-message", "channel": "sms", "address": ""])
        #expect(doc.settings.outcomes.map(\.name) == ["completed", "failed"])
    }

    @Test func eachTriggerEventStartsTheFlowItsWay() throws {
        let texts = try Self.translate("text-or-call", StudioImportOptions(fallbackName: "t", trigger: "incomingMessage")).document
        #expect(texts.kind == .messaging && texts.node(withID: "start")?.config["trigger"] == "inbound-message")
        #expect(texts.node(withID: "text-back")?.config["message"] == "Thanks for your text, $(start.from).")
        let calls = try Self.translate("text-or-call", StudioImportOptions(fallbackName: "t", trigger: "incomingCall")).document
        #expect(calls.kind == .voice && calls.node(withID: "start")?.config["trigger"] == "inbound-call")
        #expect(calls.connections.contains(Connection(from: "start", outcome: "next", to: "say-hello")))
        let hook = try Self.translate("order-webhook").document
        #expect(hook.node(withID: "start")?.config == ["trigger": "webhook", "path": "order-webhook"])
        #expect(hook.node(withID: "tell-eta")?.config["to"] == "$(start.body.to)")
        #expect(hook.node(withID: "tell-eta")?.config["message"] == "Order $(start.body.order_id) is on its way; it arrives $(fetch-order.body.eta).")
        // Our trigger names are accepted for --trigger too.
        #expect(try Self.translate("text-or-call", StudioImportOptions(fallbackName: "t", trigger: "inbound-message")).report.triggerEvent == "incomingMessage")
    }

    @Test func httpRequestsCarryMethodURLContentTypeBodyAndParameters() throws {
        let doc = try Self.translate("order-webhook").document
        let fetch = try #require(doc.node(withID: "fetch-order"))
        #expect(fetch.type == "http-request" && fetch.config["method"] == "GET")
        #expect(fetch.config["url"] == "https://shop.example.com/orders/$(start.body.order_id)?fields=status%2Ceta&customer=$(start.body.customer.id)")
        #expect(fetch.config["headers"] == ["Content-Type": "application/x-www-form-urlencoded;charset=utf-8"])
        let report = try #require(doc.node(withID: "report-problem"))
        #expect(report.config["method"] == "POST")
        #expect(report.config["headers"] == ["Content-Type": "application/json;charset=utf-8"])
        #expect(report.config["body"] == "{\"order\": \"$(start.body.order_id)\", \"answer\": $(fetch-order.body), \"execution\": \"{{flow.sid}}\"}")
        let form = try #require(doc.node(withID: "log-form"))
        #expect(form.config["body"] == "order%20id=%23$(start.body.order_id)")
        // success/failed → success/error, and our extra timeout goes where failed went.
        #expect(Set(doc.connections.filter { $0.from == "fetch-order" }) == [
            Connection(from: "fetch-order", outcome: "success", to: "check-status"),
            Connection(from: "fetch-order", outcome: "error", to: "report-problem"),
            Connection(from: "fetch-order", outcome: "timeout", to: "report-problem")])
        #expect(doc.node(withID: "tell-status")?.config["message"]
            == "Order $(start.body.order_id): {{widgets.fetch_order.parsed.status | capitalize}} (HTTP $(fetch-order.status)).")
    }

    @Test func voiceWidgetsBecomePlayCollectInputAndTransfer() throws {
        let imported = try Self.translate("phone-menu")
        let doc = imported.document
        #expect(doc.kind == .voice)
        #expect(doc.node(withID: "welcome")?.type == "play" && doc.node(withID: "welcome")?.config["prompt"] == "welcome.mp3")
        let menu = try #require(doc.node(withID: "menu"))
        #expect(menu.type == "collect-input" && menu.config == ["prompt": "menu.wav", "maxDigits": 1, "timeoutSeconds": 5])
        #expect(doc.notes.contains { $0.node == "menu" && $0.text == "Say: Press 1 for sales or 2 for support." })
        #expect(doc.notes.contains { $0.node == "goodbye" && $0.text == "Say: Thank you for calling $(company). Goodbye!" })
        #expect(doc.node(withID: "choice")?.config["branches"]?.arrayValue?.first?["variable"] == "menu.digits")
        #expect(doc.node(withID: "to-sales")?.type == "transfer" && doc.node(withID: "to-sales")?.config["to"] == "+15550100")
        #expect(doc.node(withID: "to-support")?.config["to"] == "$(support_number)")
        // Unconnected transitions hang up: a voice flow ends on a Disconnect, not an End.
        #expect(doc.nodes.filter { $0.type == "disconnect" }.map(\.id) == ["hang-up"])
        #expect(!doc.nodes.contains { $0.type == "end" } && doc.settings.outcomes.isEmpty)
        #expect(doc.connections.contains(Connection(from: "menu", outcome: "timeout", to: "goodbye")))
        #expect(imported.report.warnings.map(\.message) == ["the speech transition to 'Choice' has no equivalent and was not carried over"])
        let findings = Validator().validate(doc)
        #expect(!findings.findings.contains { $0.code == .voiceMissingDisconnect })
    }

    @Test func setVariablesAssignsTranslatedTemplates() throws {
        let doc = try Self.translate("rating-survey").document
        #expect(doc.node(withID: "save-rating")?.config["assignments"] == [
            "rating": "$(ask-rating-reply.message)", "customer": "{{contact.channel.address | remove: '+'}}"])
        #expect(doc.node(withID: "thank-you")?.config["message"]
            == "Thanks for rating us $(rating)!{% if flow.variables.rating == '5' %} You made our day.{% endif %}")
    }

    @Test func idsComeFromWidgetNamesSluggedAndUnique() throws {
        let json = """
            {"initial_state": "Trigger", "states": [
              {"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingMessage", "next": "AskName"}]},
              {"name": "AskName", "type": "send-message", "transitions": [{"event": "sent", "next": "ask_name"}], "properties": {"body": "a"}},
              {"name": "ask_name", "type": "send-message", "transitions": [{"event": "sent", "next": "start"}], "properties": {"body": "b"}},
              {"name": "start", "type": "send-message", "transitions": [], "properties": {"body": "c"}},
              {"name": "end", "type": "send-message", "transitions": [], "properties": {"body": "d"}}
            ]}
            """
        let doc = try TwilioStudioImport.translate(Data(json.utf8), options: StudioImportOptions(fallbackName: "ids")).document
        #expect(doc.nodes.map(\.id).sorted() == ["ask-name", "ask-name-2", "end", "end-2", "end-failed", "start", "start-2"])
        #expect(doc.node(withID: "start-2")?.label == "start" && doc.node(withID: "end")?.label == "end")
        #expect(doc.connections.contains(Connection(from: "ask-name-2", outcome: "sent", to: "start-2")))
        // Without offsets, auto-layout places the flow.
        var expected = doc
        for i in expected.nodes.indices { expected.nodes[i].x = nil; expected.nodes[i].y = nil }
        AutoLayout.apply(to: &expected)
        #expect(doc.nodes == expected.nodes)
    }

    // MARK: Layout

    @Test func offsetsAreScaledToCellsKeepingTheShape() throws {
        let doc = try Self.translate("rating-survey").document
        func at(_ id: String) -> (Int, Int) { (doc.node(withID: id)!.x!, doc.node(withID: id)!.y!) }
        // The leftmost widget (NoReply, x -380) is in column 2; the topmost (Trigger, y 0) in row 1.
        #expect(at("no-reply").0 == AutoLayout.originX && at("start").1 == AutoLayout.originY)
        // 10 px per column, 20 px per row.
        #expect(at("start").0 == 2 + 38 && at("ask-rating").1 == 1 + 11)
        #expect(at("ask-again").0 - at("check-rating").0 == 42)
        // Shape: left/right and above/below relations of the widgets hold.
        #expect(at("no-reply").0 < at("ask-rating").0 && at("ask-rating").0 < at("ask-again").0)
        #expect(at("start").1 < at("ask-rating").1 && at("ask-rating").1 < at("check-rating").1 && at("check-rating").1 < at("thank-you").1)
        // The receive node sits right of its send.
        #expect(at("ask-rating-reply") == (at("ask-rating").0 + NodeGeometry.width + AutoLayout.columnGap, at("ask-rating").1))
    }

    @Test func boxesThatWouldOverlapAreMovedApart() throws {
        let json = """
            {"initial_state": "T", "states": [
              {"name": "T", "type": "trigger", "transitions": [{"event": "incomingMessage", "next": "A"}], "properties": {"offset": {"x": -5000, "y": -3000}}},
              {"name": "A", "type": "send-message", "transitions": [{"event": "sent", "next": "B"}], "properties": {"body": "a", "offset": {"x": 0, "y": 0}}},
              {"name": "B", "type": "send-message", "transitions": [], "properties": {"body": "b", "offset": {"x": 20, "y": 10}}}
            ]}
            """
        let doc = try TwilioStudioImport.translate(Data(json.utf8), options: StudioImportOptions(fallbackName: "o")).document
        #expect(Self.crowdedPairs(doc).isEmpty)
        let a = doc.node(withID: "a")!, b = doc.node(withID: "b")!
        #expect(doc.node(withID: "start")?.x == 2 && doc.node(withID: "start")?.y == 1)
        #expect(a.x == 502 && a.y == 151)
        #expect(b.x == 504 && b.y! >= a.y! + NodeGeometry.size(of: a).height)
    }

    // MARK: Conditions

    /// Follows a split's nodes the way the runtime does, for one inbound message; returns
    /// the branch name (or the evaluate node's label) that held, or "none".
    static func route(_ doc: FlowDocument, from entry: String, message: String) throws -> String {
        var variables: [String: JSONValue] = [:]
        let outputs: [String: [String: JSONValue]] = ["start": ["message": .string(message), "from": "+15550111"]]
        func lookup(_ ref: Reference) -> JSONValue? { ref.resolve(variables: variables, nodeOutputs: outputs) }
        var id = entry
        var decided = "none"
        for _ in 0..<50 {
            let node = try #require(doc.node(withID: id))
            let outcome: String
            switch node.type {
            case "set-variables":
                for (name, value) in node.config["assignments"]?.objectValue ?? [:] {
                    variables[name] = .string(Template(value.displayText).render(lookup))
                }
                outcome = "next"
            case "branch":
                var held = "none"
                for b in node.config["branches"]?.arrayValue ?? [] {
                    let op = try #require(BranchOperator(rawValue: b["op"]?.stringValue ?? ""))
                    let operand = Template(b["value"]?.displayText ?? "").render(lookup)
                    if op.holds(lookup(Reference(b["variable"]?.stringValue ?? "")), operand) {
                        held = b["name"]?.stringValue ?? ""
                        break
                    }
                }
                outcome = held
                if held != "none" { decided = held }
            case "evaluate":
                let expression = try FlowKit.Expression(parsing: node.config["expression"]?.stringValue ?? "")
                do { outcome = try expression.evaluateCondition(lookup) ? "true" : "false" } catch { outcome = "error" }
                if outcome == "true" { decided = node.label }
            default:
                return decided
            }
            id = try #require(doc.connections.first { $0.from == id && $0.outcome == outcome }?.to)
        }
        Issue.record("no end of the split in 50 steps")
        return decided
    }

    @Test(arguments: [
        (" YES ", "Yes"), ("yes", "Yes"), ("7", "Seven"), (" 7 ", "Seven"), ("Help", "Menu or help"), (" MENU", "Menu or help"),
        ("   ", "Empty"), ("", "Empty"), ("ORDER 123", "Order number"), ("I want a REFUND", "Refund"),
        ("ticket #42 please", "Ticket 42"), ("Hi there", "Greeting"), ("2", "Below 3"), ("250", "Above 100"),
        ("open sesame", "Secret code"), ("my PROMO-2024 code", "Keyword"), ("please help me", "Short and polite"),
        ("hello", "Not unsubscribe"), ("unsubscribe", "No cancel"), ("unsub cancel", "Not a stop phrase"),
        (" Unsubscribe CANCEL ", "Anything"),
    ])
    func everyConditionTypeRoutesAsStudioWould(message: String, expected: String) throws {
        let doc = try Self.translate("split-conditions").document
        #expect(try Self.route(doc, from: "set-code", message: message) == expected)
    }

    @Test func conditionsABranchCanSayStayOneBranchNodeTheRestAreEvaluateNodes() throws {
        let doc = try Self.translate("split-conditions").document
        let route = try #require(doc.node(withID: "route"))
        #expect(route.config["branches"]?.arrayValue?.map { $0["op"]?.stringValue ?? "" } == [
            "matches", "equals", "matches", "is-empty", "matches", "matches", "contains", "matches", "less-than", "greater-than"])
        #expect(route.config["branches"]?.arrayValue?.first?["value"] == "(?i)^\\s*yes\\s*$")
        #expect(doc.node(withID: "route-2")?.config["expression"] == "lower(trim($(start.message))) == lower(trim($(code)))")
        #expect(doc.node(withID: "route-values")?.config["assignments"] == ["route-value": "$(keyword)-$(suffix)"])
        #expect(doc.node(withID: "route-4")?.label == "Short and polite")
        #expect(doc.connections.contains(Connection(from: "route", outcome: "none", to: "route-2")))
        #expect(doc.connections.contains(Connection(from: "route-4", outcome: "false", to: "negations")))
        #expect(doc.connections.contains(Connection(from: "negations-5", outcome: "false", to: "unmatched")))
        // Every expression parses, every branch value is valid for its operator.
        let findings = Validator().validate(doc)
        #expect(findings.findings.filter { $0.code == .invalidParameter }.isEmpty, "\(findings.findings)")
    }

    @Test func liquidReferencesTranslateAndTheRestStaysAsText() {
        let liquid = StudioLiquid(webhookTrigger: false, widgets: [
            "Ask": .init(type: "send-and-wait-for-reply", id: "ask", replyID: "ask-reply"),
            "get-order": .init(type: "make-http-request", id: "get-order", replyID: nil),
            "Menu": .init(type: "gather-input-on-call", id: "menu", replyID: nil),
        ])
        let cases: [(String, String)] = [
            ("{{trigger.message.Body}}", "$(start.message)"),
            ("{{ trigger.message.From }}", "$(start.from)"),
            ("{{contact.channel.address}}", "$(start.from)"),
            ("{{flow.channel.address}}", "$(start.to)"),
            ("{{widgets.Ask.inbound.Body}}", "$(ask-reply.message)"),
            ("{{widgets.get-order.parsed.items[0].sku}}", "$(get-order.body.items[0].sku)"),
            ("{{widgets.get-order.body}}", "$(get-order.body)"),
            ("{{widgets.get-order.status_code}}", "$(get-order.status)"),
            ("{{widgets.Menu.Digits}}", "$(menu.digits)"),
            ("{{flow.data.customer.name}}", "$(start.body.customer.name)"),
            ("{{flow.data}}", "$(start.body)"),
            ("{{flow.variables.count}}", "$(count)"),
            ("Hi {{flow.variables.name}}, {{flow.flow_sid}}", "Hi $(name), {{flow.flow_sid}}"),
            ("{{trigger.message.Body | upcase}}", "{{trigger.message.Body | upcase}}"),
            ("{% if x %}yes{% endif %}", "{% if x %}yes{% endif %}"),
            ("{{widgets.Unknown.parsed.a}}", "{{widgets.Unknown.parsed.a}}"),
            ("{{widgets.Ask.parsed.a}}", "{{widgets.Ask.parsed.a}}"),
            ("a { b } c", "a { b } c"),
            ("unclosed {{ x", "unclosed {{ x"),
        ]
        for (source, expected) in cases {
            #expect(liquid.translate(source).text == expected, "\(source)")
        }
        #expect(liquid.translate("Hi {{flow.flow_sid}} {% if %}").leftAsText == ["{{flow.flow_sid}}", "{% if %}"])
        #expect(liquid.translate(" {{widgets.Ask.inbound.Body}} ").soleReference == "ask-reply.message")
        #expect(liquid.translate("{{a}}{{b}}").soleReference == nil)
        let hook = StudioLiquid(webhookTrigger: true, widgets: [:])
        #expect(hook.translate("{{contact.channel.address}} {{flow.channel.address}}").text == "$(start.body.to) $(start.body.from)")
    }

    // MARK: Refusals

    @Test func unsupportedWidgetsRefuseTheImportWithDesignsMessageOneLinePerWidget() throws {
        let error = try #require(Self.refusal(try Self.fixture("unsupported-widgets")))
        #expect(error.reason == .unsupportedNodes)
        #expect(error.message == """
            The flow cannot be imported. The following nodes used in the source stream are not accessed / supported in this account
              - lookup_customer (run-function)
              - verify (run-subflow)
              - to_agent (send-to-flex)
              - queue_call (enqueue-call)
              - take_payment (capture-payments)
            """)
    }

    @Test func splitConditionsWithoutAnEquivalentRefuseNamingTheWidgetAndCondition() throws {
        let error = try #require(Self.refusal(try Self.fixture("opening-hours")))
        #expect(error.reason == .unsupportedNodes)
        #expect(error.message == """
            The flow cannot be imported. The following nodes used in the source stream are not accessed / supported in this account
              - check_hours (split-based-on condition is_after_time)
              - check_hours (split-based-on condition is_before_date)
            """)
    }

    @Test func dropUnsupportedRemovesThoseWidgetsAndLeavesTheirNeighboursOpen() throws {
        let imported = try Self.translate("unsupported-widgets", StudioImportOptions(fallbackName: "u", dropUnsupported: true))
        let doc = imported.document
        #expect(imported.report.dropped.map(\.widget) == ["lookup_customer", "verify", "to_agent", "queue_call", "take_payment"])
        // incomingCall led to a dropped widget, so incomingMessage is the one connected trigger.
        #expect(imported.report.triggerEvent == "incomingMessage")
        #expect(Set(doc.nodes.map(\.id)) == ["start", "greet", "sorry", "end", "end-failed"])
        // greet's sent led into a dropped widget: left unconnected, so the validator points there.
        #expect(!doc.connections.contains { $0.from == "greet" && $0.outcome == "sent" })
        #expect(!doc.connections.contains { $0.to == "sorry" })
        let findings = Validator().validate(doc)
        #expect(findings.findings.contains { $0.code == .unassignedOutcome && $0.node == "greet" })
        #expect(findings.findings.contains { $0.code == .unreachableNode && $0.node == "sorry" })

        let hours = try Self.translate("opening-hours", StudioImportOptions(fallbackName: "h", dropUnsupported: true))
        #expect(hours.report.dropped == [
            StudioDroppedItem(widget: "check_hours", type: "split-based-on", condition: "is_after_time"),
            StudioDroppedItem(widget: "check_hours", type: "split-based-on", condition: "is_before_date")])
        #expect(hours.document.node(withID: "check-hours")?.config["branches"]?.arrayValue?.map { $0["name"] } == ["Urgent"])
    }

    @Test func severalConnectedTriggerEventsNeedTrigger() throws {
        let data = try Self.fixture("text-or-call")
        #expect(Self.refusal(data)?.message
            == "the Trigger 'Trigger' connects several events (incomingMessage, incomingCall); choose one with --trigger EVENT")
        #expect(Self.refusal(data)?.triggerChoices == ["incomingMessage", "incomingCall"], "what the editor offers instead")
        #expect(Self.refusal(data, StudioImportOptions(fallbackName: "x", trigger: "incomingRequest"))?.message
            == "--trigger incomingRequest: the Trigger's incomingRequest is not connected (connected: incomingMessage, incomingCall)")
        #expect(Self.refusal(data, StudioImportOptions(fallbackName: "x", trigger: "fax"))?.message
            == "--trigger fax: not a Trigger event (use one of incomingMessage, incomingCall, incomingRequest, incomingConversationMessage, incomingParent)")
    }

    @Test(arguments: [
        ("{", "malformedJSON"),
        ("[1]", "a Twilio Studio definition must be a JSON object, not an array"),
        (#"{"format": "flowcanvas/1"}"#, "not a Twilio Studio definition: it has no \"states\""),
        (#"{"states": [], "initial_state": "T"}"#, "\"states\" must be a non-empty array of widgets"),
        (#"{"states": [{"name": "T", "type": "trigger"}]}"#, "the definition has no \"initial_state\" (the name of its Trigger widget)"),
        (#"{"states": [{"name": "T", "type": "trigger"}], "initial_state": "X"}"#, "\"initial_state\" names 'X', which is no widget of the flow"),
        (#"{"states": [{"name": "T", "type": "send-message"}], "initial_state": "T"}"#, "\"initial_state\" names 'T', a send-message widget, not the Trigger"),
        (#"{"states": [{"name": "T", "type": "trigger"}, {"name": "T", "type": "trigger"}], "initial_state": "T"}"#, "two widgets are named 'T': widget names must be unique"),
        (#"{"states": [{"name": "T", "type": "trigger", "transitions": [{"event": "incomingMessage", "next": "Nowhere"}]}], "initial_state": "T"}"#,
         "widget 'T': its incomingMessage transition goes to 'Nowhere', which is no widget of the flow"),
        (#"{"states": [{"type": "trigger"}], "initial_state": "T"}"#, "widget 1 has no \"name\""),
        (#"{"states": [{"name": "T", "type": "trigger", "transitions": [{"next": "T"}]}], "initial_state": "T"}"#, "widget 'T': transition 1 has no \"event\""),
    ])
    func malformedDefinitionsAreRefusedInOneLine(json: String, expected: String) throws {
        let error = try #require(Self.refusal(json))
        if expected == "malformedJSON" {
            #expect(error.reason == .malformedJSON)
        } else {
            #expect(error.message == expected)
        }
        #expect(!error.message.contains("\n"))
    }

    // MARK: Workspace

    @Test func theWorkspaceStoresAnImportOnlyWhenEverythingIsAccepted() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("studio-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = try Workspace(directory: dir)
        #expect(throws: WorkspaceError.self) {
            try ws.importStudioFlow(try Self.fixture("unsupported-widgets"), options: StudioImportOptions(fallbackName: "u"))
        }
        #expect(try ws.flows().isEmpty)
        let (flow, report) = try ws.importStudioFlow(try Self.fixture("rating-survey"), options: StudioImportOptions(name: "Ratings"))
        #expect(flow.name == "Ratings" && report.flowName == "Ratings")
        #expect(try ws.export("Ratings") == FlowCodec.exportJSON({
            var d = try Self.translate("rating-survey").document
            d.name = "Ratings"
            return d
        }()))
        // A taken name is refused before anything is written.
        #expect(throws: WorkspaceError.flowExists("Ratings")) {
            try ws.importStudioFlow(try Self.fixture("rating-survey"), options: StudioImportOptions(name: "Ratings"))
        }
        #expect(try ws.flows().count == 1)
    }

    @Test func importRecognisesAStudioDefinitionByItself() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("studio-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = try Workspace(directory: dir.appendingPathComponent("ws"))
        #expect(TwilioStudioImport.recognizes(try Self.fixture("phone-menu")))
        #expect(!TwilioStudioImport.recognizes(Data(FlowCodec.exportJSON(CodecFixtures.orderStatus()).utf8)))
        #expect(!TwilioStudioImport.recognizes(Data("not json".utf8)))
        let studio = dir.appendingPathComponent("phone-menu.json")
        try Self.fixture("phone-menu").write(to: studio)
        let own = dir.appendingPathComponent("own.json")
        try FlowCodec.exportJSON(CodecFixtures.orderStatus()).write(to: own, atomically: true, encoding: .utf8)
        let imported = try ws.importFlowRecognizingFormat(file: studio)
        #expect(imported.name == "phone-menu" && imported.kind == .voice)
        #expect(throws: WorkspaceError.flowExists("phone-menu")) { try ws.importFlowRecognizingFormat(file: studio) }
        #expect(try ws.importFlowRecognizingFormat(file: own).name == "Order status")
    }
}
