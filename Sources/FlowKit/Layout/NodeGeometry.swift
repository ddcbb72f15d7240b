import Foundation

/// The size of a node's box on the grid. Shared by auto-layout (FlowKit) and the
/// editor's canvas so that what the layout spaces out is what the canvas draws.
///
///     ┌ ST Start ──────────────┐   title row: abbreviation + type title
///     │ Inbound SMS          ● │   label row (+ error/warning badge)
///     │                 next ▸ │   one row per outcome, port on the right edge
///     └────────────────────────┘
public enum NodeGeometry {
    public static let width = 26

    /// Rows: top border, label, one per outcome (at least one), bottom border.
    public static func height(outcomeCount: Int) -> Int {
        3 + max(1, outcomeCount)
    }

    public static func size(of node: FlowNode, catalog: NodeCatalog = .standard) -> (width: Int, height: Int) {
        let outcomes = catalog.type(node.type)?.outcomes(for: node).count ?? 0
        return (width, height(outcomeCount: outcomes))
    }
}
