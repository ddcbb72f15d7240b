import Foundation

/// The validator for a document that changes a little at a time (the editor's live
/// findings): each `validate` returns exactly what `Validator.validate` returns for the
/// same document, but checks again only the nodes an edit can have affected.
///
/// A node's own checks (`checkNode`: ids, types, fields, templates, references) read the
/// node itself, whether an earlier node has its id, the flow's kind and settings, the
/// variable names of the flow, and — through references — the nodes its references name.
/// So their findings are kept per node id, with the heads of the references the checks
/// looked up, and reused while the node, the context and every named node are unchanged
/// (compared by id, type, label and config: moving a node changes none of its findings).
/// A change of settings, kind or variable names checks every node again.
///
/// The checks over the whole graph (Start nodes, connectors, outcomes, reachability) are
/// linear and cheap next to the field checks, and exact only over the whole flow: they
/// run in full every time, from the same code as `Validator`.
public struct IncrementalValidator: Sendable {
    public let catalog: NodeCatalog

    /// One node's own-check findings and what they depend on.
    private struct NodeChecks: Sendable {
        var node: FlowNode
        var findings: [Finding]
        /// Heads of the references the checks looked up (node ids or variable names).
        var heads: [String]
    }

    /// What every node's checks read besides nodes.
    private struct Context: Equatable, Sendable {
        var kind: FlowKind
        var settings: FlowSettings
        var variableNames: Set<String>
    }

    /// By node id, for the first node with each id (later ones repeat an id and are
    /// always checked again: they are wrong anyway, and rare).
    private var checksByID: [String: NodeChecks] = [:]
    private var context: Context?

    /// How many nodes the last `validate` checked again (the rest reused their findings).
    public private(set) var lastCheckedNodeCount = 0

    public init(catalog: NodeCatalog = .standard) {
        self.catalog = catalog
    }

    public mutating func validate(_ document: FlowDocument) -> ValidationReport {
        var run = ValidationRun(document: document, catalog: catalog)
        run.checkSettings()
        let starts = run.checkStarts()
        let now = Context(kind: document.kind, settings: document.settings, variableNames: run.variableNames)
        if now != context {
            checksByID.removeAll(keepingCapacity: true)
            context = now
        }
        let nodes = document.nodes
        // Ids whose first node is new, gone, or different for the checks.
        var changed: Set<String> = []
        var kept = 0
        for i in nodes.indices where run.firstIndexOfID(at: i) == i {
            if let old = checksByID[nodes[i].id] {
                kept += 1
                if !Self.sameForChecks(old.node, nodes[i]) { changed.insert(nodes[i].id) }
            } else {
                changed.insert(nodes[i].id)
            }
        }
        if kept < checksByID.count {
            for id in checksByID.keys where run.indexByID.firstIndex(of: id) == nil { changed.insert(id) }
            for id in changed { if run.indexByID.firstIndex(of: id) == nil { checksByID[id] = nil } }
        }
        var checked = 0
        for i in nodes.indices {
            let isFirst = run.firstIndexOfID(at: i) == i
            let id = nodes[i].id
            if isFirst, !changed.contains(id), let cached = checksByID[id],
               !cached.heads.contains(where: { changed.contains($0) }) {
                run.adoptNodeFindings(cached.findings, node: i)
            } else {
                let (findings, heads) = run.checkNodeRecordingReferences(i)
                checked += 1
                if isFirst { checksByID[id] = NodeChecks(node: nodes[i], findings: findings, heads: heads) }
            }
            run.recordOutcomes(of: i)
        }
        lastCheckedNodeCount = checked
        let wiring = run.checkConnections()
        run.checkOutcomes(wiring)
        run.checkReachability(starts: starts, wiring: wiring)
        return run.report()
    }

    /// Equal in everything a node's checks, or checks naming it, read (not its position).
    private static func sameForChecks(_ a: FlowNode, _ b: FlowNode) -> Bool {
        a.id == b.id && a.type == b.type && a.label == b.label && a.config == b.config
    }
}
