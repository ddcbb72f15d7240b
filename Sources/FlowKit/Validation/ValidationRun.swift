import Foundation

/// The state of one validation: indexes built once, findings collected per node so the
/// report comes out in document order without sorting the whole list.
struct ValidationRun {
    private(set) var document: FlowDocument
    let catalog: NodeCatalog
    /// Node id → index of the first node with that id.
    let indexByID: FirstIndexTable
    /// Index of the first node with the same id, for nodes whose id an earlier node
    /// has; empty while no id repeats.
    private var firstIndexOfRepeatedID: [Int] = []
    /// Catalog type of each node (nil: not in the catalog). A class, so reading one
    /// does not copy the whole NodeType.
    private(set) var types: [CatalogType?] = []
    /// Plain `$(name)` variables: custom variables and every set-variables assignment.
    private(set) var variableNames: Set<String> = []
    /// Reference texts seen to resolve (the fast path of `ResolvedReferences.swift`).
    var resolvedReferences = ResolvedReferenceMemo()
    /// Outcome slots, filled node by node by `recordOutcomes`, handed to `checkConnections`.
    var wiring = Wiring()
    /// Scratch for `checkNode`: the config value of each field of the node's type.
    var fieldValues: [JSONValue?] = []
    /// While true, every reference looked up records its head (`$(lookup.status)` → `lookup`)
    /// in `referencedHeads`: what a node's checks read of other nodes, for
    /// `IncrementalValidator`. Off for a plain `Validator` run.
    var tracksReferences = false
    var referencedHeads: [String] = []

    private var flowFindings: [Finding] = []
    private var nodeFindings: [[Finding]]
    /// Findings about connectors whose source node does not exist.
    private var orphanFindings: [Finding] = []

    init(document: FlowDocument, catalog: NodeCatalog) {
        self.document = document
        self.catalog = catalog
        self.nodeFindings = Array(repeating: [], count: document.nodes.count)
        var repeated: [Int] = []
        indexByID = FirstIndexTable(document.nodes.map(\.id)) { i, first in
            if repeated.isEmpty { repeated = Array(document.nodes.indices) }
            repeated[i] = first
        }
        firstIndexOfRepeatedID = repeated
        types.reserveCapacity(document.nodes.count)
        wiring.outcomeStart.reserveCapacity(document.nodes.count + 1)
        wiring.outcomeNames.reserveCapacity(document.nodes.count * 2)
        for variable in document.settings.variables { variableNames.insert(variable.name) }
        let catalogTypes = catalog.types.map(CatalogType.init)
        // A name the catalog lists twice means its last entry (as `NodeCatalog.type(_:)`).
        var lastOfName = Array(catalog.types.indices)
        let typeIndex = FirstIndexTable(catalog.types.map(\.type)) { i, first in lastOfName[first] = i }
        // Neighbouring nodes often share a type: comparing strings is cheaper than hashing.
        var lastTypeName = ""
        var lastType: CatalogType? = nil
        for i in document.nodes.indices {
            let typeName = document.nodes[i].type
            if typeName != lastTypeName {
                lastTypeName = typeName
                lastType = typeIndex.firstIndex(of: typeName).map { catalogTypes[lastOfName[$0]] }
            }
            types.append(lastType)
            if let field = lastType?.spec.variablesFromField, let map = document.nodes[i].config[field]?.objectValue {
                for name in map.keys { variableNames.insert(name) }
            }
        }
    }

    /// The first node with the id node `i` has (`i` itself unless the id repeats).
    func firstIndexOfID(at i: Int) -> Int {
        firstIndexOfRepeatedID.isEmpty ? i : firstIndexOfRepeatedID[i]
    }

    /// `Send Message "Reply" (reply)`, or `Send Message (reply)` without a label.
    func name(_ i: Int) -> String {
        let node = document.nodes[i]
        let title = types[i]?.spec.title ?? "Node"
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

    /// Checks node `i` again as if it were `node` (same id and type): its field findings.
    /// The indexes built for the document stay (ids and types do not change).
    mutating func recheckNode(_ i: Int, as node: FlowNode) -> [Finding] {
        document.nodes[i] = node
        if let field = types[i]?.spec.variablesFromField, let map = node.config[field]?.objectValue {
            for name in map.keys { variableNames.insert(name) }
        }
        nodeFindings[i] = []
        checkNode(i, firstIndexOfID: firstIndexOfID(at: i))
        return Self.byCode(nodeFindings[i])
    }

    /// Node `i`'s own checks (`checkNode`) with the heads of the references they looked up,
    /// for `IncrementalValidator` to keep until the node or a node it names changes.
    mutating func checkNodeRecordingReferences(_ i: Int) -> (findings: [Finding], heads: [String]) {
        tracksReferences = true
        referencedHeads.removeAll(keepingCapacity: true)
        let before = nodeFindings[i].count
        checkNode(i, firstIndexOfID: firstIndexOfID(at: i))
        tracksReferences = false
        return (Array(nodeFindings[i][before...]), referencedHeads)
    }

    /// Takes node `i`'s own-check findings from an earlier run (same node, same context),
    /// in place of `checkNode`.
    mutating func adoptNodeFindings(_ findings: [Finding], node i: Int) {
        nodeFindings[i] += findings
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

/// One catalog type, shared by reference among the nodes of that type.
final class CatalogType {
    let spec: NodeType
    let fields: [CatalogField]
    let fieldNames: [String]
    let isStart: Bool

    init(_ spec: NodeType) {
        self.spec = spec
        self.fields = spec.fields.map(CatalogField.init)
        self.fieldNames = spec.fields.map(\.name)
        self.isStart = spec.type == "start"
    }
}

/// One field of a catalog type, by reference: handing a `FieldSpec` (a dozen
/// reference-counted members) from check to check copied it every time.
final class CatalogField {
    let spec: FieldSpec

    init(_ spec: FieldSpec) { self.spec = spec }
}

extension ValidationRun {
    /// True for the values a person would call "not filled in" (`JSONValue.isEmpty`,
    /// which scans ASCII text by bytes).
    static func isBlank(_ value: JSONValue) -> Bool { value.isEmpty }

    static func isBlankText(_ s: String) -> Bool { JSONValue.isBlank(s) }

    /// Trims spaces and tabs; returns the string itself when there are none to trim.
    static func trimmed(_ s: String) -> String {
        guard let first = s.utf8.first, let last = s.utf8.last else { return s }
        if first != 32 && first != 9 && last != 32 && last != 9 { return s }
        return s.trimmingCharacters(in: .whitespaces)
    }
}
