import Foundation
import Testing
@testable import FlowKit

@Suite struct TemplateTests {
    static let designNames = ["blank", "appointment-reminder", "ivr-menu", "order-status", "sms-survey"]

    /// The `node.field`s a template's description says the user must fill in: the list
    /// after "Fill in:" up to the first ";" or the end of the description.
    static func userFilledFields(_ description: String) -> Set<String> {
        guard let start = description.range(of: "Fill in:") else { return [] }
        let rest = description[start.upperBound...]
        // Parenthesised explanations are not fields ("(e.g. +1 555)").
        var clause = "", depth = 0
        for ch in rest.prefix(while: { $0 != ";" }) {
            if ch == "(" { depth += 1 } else if ch == ")" { depth = max(0, depth - 1) } else if depth == 0 { clause.append(ch) }
        }
        var fields: Set<String> = []
        for word in clause.split(whereSeparator: { $0 == " " || $0 == "," }) {
            let parts = word.trimmingCharacters(in: CharacterSet(charactersIn: ".)")).split(separator: ".")
            if parts.count == 2 && FlowNode.isValidID(String(parts[0])) { fields.insert(parts.joined(separator: ".")) }
        }
        return fields
    }

    @Test func everyDesignTemplateLoadsBlankFirstThenByName() {
        #expect(FlowTemplates.all.map(\.name) == Self.designNames)
        #expect(FlowTemplates.named("order-status")?.document.name == "Order status")
        #expect(FlowTemplates.named("nope") == nil)
    }

    @Test(arguments: designNames)
    func templateFileIsCanonical(name: String) throws {
        let text = try #require(EmbeddedResources.files["templates/\(name).json"])
        let doc = try FlowCodec.importDocument(Data(text.utf8))
        #expect(FlowCodec.exportJSON(doc) == text, "re-export Resources/templates/\(name).json canonically")
    }

    @Test(arguments: designNames)
    func templateIsLaidOutWithoutOverlaps(name: String) throws {
        let doc = try #require(FlowTemplates.named(name)).document
        #expect(doc.nodes.allSatisfy { $0.x != nil && $0.y != nil })
        #expect(LayoutTests.overlaps(in: doc).isEmpty)
    }

    /// Checks that do not depend on the validator: every type exists and fits the flow's
    /// kind, every connector joins real outcomes to real nodes, once each.
    @Test(arguments: designNames)
    func templateIsWiredToRealOutcomes(name: String) throws {
        let doc = try #require(FlowTemplates.named(name)).document
        let catalog = NodeCatalog.standard
        #expect(doc.nodes.filter { $0.type == "start" }.count == 1)
        var used = Set<String>()
        for c in doc.connections {
            let from = try #require(doc.node(withID: c.from), "\(c)")
            #expect(doc.node(withID: c.to) != nil, "\(c)")
            #expect(catalog.type(from.type)?.outcomes(for: from).contains(c.outcome) == true, "\(c)")
            #expect(used.insert("\(c.from)/\(c.outcome)").inserted, "\(c) connected twice")
        }
        for node in doc.nodes {
            let type = try #require(catalog.type(node.type))
            #expect(!type.voiceOnly || doc.kind == .voice, "\(node.id)")
            for outcome in type.outcomes(for: node) {
                #expect(used.contains("\(node.id)/\(outcome)"), "\(name): \(node.id) leaves \(outcome) unconnected")
            }
        }
    }

    @Test(arguments: designNames)
    func templateValidatesExceptTheFieldsItAsksTheUserToFill(name: String) throws {
        let template = try #require(FlowTemplates.named(name))
        let doc = template.document
        let allowed = Self.userFilledFields(template.summary)
        let report = Validator().validate(doc)
        for finding in report.findings {
            let field = "\(finding.node ?? "-").\(finding.field ?? "-")"
            let isDocumented = finding.code == .missingParameter && allowed.contains(field)
            #expect(isDocumented, "\(name): \(finding.code.rawValue) \(field): \(finding.message)")
        }
        // Each documented field really is empty, so the description is not stale.
        for field in allowed {
            let parts = field.split(separator: ".").map(String.init)
            #expect(doc.node(withID: parts[0])?.config[parts[1]]?.isEmpty ?? true, "\(name): \(field) is already filled")
        }
    }

    @Test func fillInGuidanceStaysInTheTemplateList() throws {
        // Issue 9: a flow made from the blank template carried "Fill in: start.address…".
        for t in FlowTemplates.all {
            #expect(!t.document.description.lowercased().contains("fill in"), "\(t.name): \(t.document.description)")
        }
        let blank = try #require(FlowTemplates.named("blank"))
        #expect(blank.summary.contains("Fill in: start.address"))
        #expect(blank.document.description == "An empty messaging flow: an inbound SMS Start joined to an End.")
    }

    @Test func userFilledFieldsAreReadFromTheDescription() {
        #expect(Self.userFilledFields("A flow. Fill in: start.address (the number, e.g. +1 555); set x.y later.") == ["start.address"])
        #expect(Self.userFilledFields("Fill in: start.address, lookup.url.") == ["start.address", "lookup.url"])
        #expect(Self.userFilledFields("Nothing to fill in.").isEmpty)
    }

    @Test func ivrMenuIsAVoiceFlowWithTheVoiceNodes() throws {
        let doc = try #require(FlowTemplates.named("ivr-menu")).document
        #expect(doc.kind == .voice)
        #expect(doc.settings.languages.contains(FlowLanguage(code: "en", required: true)))
        #expect(doc.settings.mediaFolder?.isEmpty == false)
        let types = Set(doc.nodes.map(\.type))
        for t in ["play", "collect-input", "branch", "transfer", "disconnect"] { #expect(types.contains(t), "\(t)") }
    }

    @Test func messagingTemplatesUseNoVoiceNodes() {
        for template in FlowTemplates.all where template.name != "ivr-menu" {
            #expect(template.kind == .messaging, "\(template.name)")
        }
    }
}
