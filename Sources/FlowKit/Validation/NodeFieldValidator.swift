/// The field checks of one node, re-run as its form changes: what the validator would say
/// about the node's own fields (missing or invalid values, unknown outcomes, unknown
/// variables) if the form were applied now. Built once per form (linear in the document);
/// each check costs only the node's fields, so it can run on every keystroke even in a
/// flow of thousands of nodes. Findings about wiring (connectors, reachability) need the
/// whole flow: the editor's background validation reports those.
public struct NodeFieldValidator {
    private var run: ValidationRun
    private let index: Int?

    public init(document: FlowDocument, node id: String, catalog: NodeCatalog = .standard) {
        run = ValidationRun(document: document, catalog: catalog)
        index = document.nodes.firstIndex { $0.id == id }
    }

    /// The node-level findings for `node` as edited (its id and type as in the document).
    public mutating func findings(for node: FlowNode) -> [Finding] {
        guard let index else { return [] }
        return run.recheckNode(index, as: node)
    }
}
