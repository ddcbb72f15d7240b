import Foundation

/// The state of one validation: indexes built once, findings collected per node so the
/// report comes out in document order without sorting the whole list.
struct ValidationRun {
    let document: FlowDocument
    let catalog: NodeCatalog
    /// Node id → index of the first node with that id.
    private(set) var indexByID: [String: Int] = [:]
    /// Catalog type of each node (nil: not in the catalog).
    private(set) var types: [NodeType?] = []
    /// Plain `$(name)` variables: custom variables and every set-variables assignment.
    private(set) var variableNames: Set<String> = []

    private var flowFindings: [Finding] = []
    private var nodeFindings: [[Finding]]
    /// Findings about connectors whose source node does not exist.
    private var orphanFindings: [Finding] = []

    init(document: FlowDocument, catalog: NodeCatalog) {
        self.document = document
        self.catalog = catalog
        self.nodeFindings = Array(repeating: [], count: document.nodes.count)
        indexByID.reserveCapacity(document.nodes.count)
        types.reserveCapacity(document.nodes.count)
        for variable in document.settings.variables { variableNames.insert(variable.name) }
        for (i, node) in document.nodes.enumerated() {
            if indexByID[node.id] == nil { indexByID[node.id] = i }
            let type = catalog.type(node.type)
            types.append(type)
            if let field = type?.variablesFromField, let map = node.config[field]?.objectValue {
                for name in map.keys { variableNames.insert(name) }
            }
        }
    }

    /// `Send Message "Reply" (reply)`, or `Send Message (reply)` without a label.
    func name(_ i: Int) -> String {
        let node = document.nodes[i]
        let title = types[i]?.title ?? "Node"
        let label = node.label.trimmingCharacters(in: .whitespaces)
        return label.isEmpty ? "\(title) (\(node.id))" : "\(title) \"\(label)\" (\(node.id))"
    }

    mutating func add(_ code: FindingCode, node i: Int, field: String? = nil, _ detail: String, severity: Severity? = nil) {
        nodeFindings[i].append(Finding(code: code, severity: severity, node: document.nodes[i].id, field: field,
                                       message: "\(name(i)): \(detail)"))
    }

    mutating func addFlow(_ code: FindingCode, field: String? = nil, _ message: String) {
        flowFindings.append(Finding(code: code, field: field, message: message))
    }

    mutating func addOrphan(_ finding: Finding) {
        orphanFindings.append(finding)
    }

    /// Flow-level findings first, then each node's in document order, then connectors
    /// from nodes that do not exist; within each group by code (DESIGN §5 order), then
    /// in the order found.
    func report() -> ValidationReport {
        var out: [Finding] = []
        out.reserveCapacity(flowFindings.count + orphanFindings.count + nodeFindings.reduce(0) { $0 + $1.count })
        out += Self.byCode(flowFindings)
        for group in nodeFindings where !group.isEmpty { out += Self.byCode(group) }
        out += Self.byCode(orphanFindings)
        return ValidationReport(findings: out)
    }

    private static let codeRank: [FindingCode: Int] = {
        var rank: [FindingCode: Int] = [:]
        for (i, code) in FindingCode.allCases.enumerated() { rank[code] = i }
        return rank
    }()

    private static func byCode(_ findings: [Finding]) -> [Finding] {
        if findings.count < 2 { return findings }
        return findings.enumerated()
            .sorted { (codeRank[$0.element.code]!, $0.offset) < (codeRank[$1.element.code]!, $1.offset) }
            .map(\.element)
    }
}
