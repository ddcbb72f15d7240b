import Foundation

/// Layered left-to-right layout for documents that arrive without positions.
public enum AutoLayout {
    /// Places every node (all of them, or only those without positions) on the grid so
    /// that no two boxes (NodeGeometry) overlap.
    public static func apply(to document: inout FlowDocument, onlyUnplaced: Bool = false,
                             catalog: NodeCatalog = .standard) {
        // TODO(codec helper)
    }
}
