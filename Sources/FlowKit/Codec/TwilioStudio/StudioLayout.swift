import Foundation

/// Places an imported Studio flow on the grid from Studio's canvas offsets.
///
/// Offsets are pixels, relative to an arbitrary origin (often negative). A terminal cell
/// is about twice as tall as it is wide, so 10 px become one column and 20 px one row:
/// the flow keeps the shape it had in Studio, at about the same box spacing (Studio
/// widgets are ~250 px apart, our boxes 26 columns plus a gap). Boxes that would then
/// crowd each other move down until they are clear. The extra nodes a widget becomes
/// (a send-and-wait's receive, a split's further conditions) follow to its right.
/// Nodes without a widget offset (End nodes, widgets Studio gave no offset) are placed
/// by auto-layout next to what leads to them; with no offsets at all, auto-layout
/// places everything.
enum StudioLayout {
    static let pixelsPerColumn = 10.0
    static let pixelsPerRow = 20.0

    static func apply(to document: inout FlowDocument, widgets: [(offset: (x: Double, y: Double)?, nodes: [String])],
                      catalog: NodeCatalog) {
        let placed = widgets.filter { $0.offset != nil && !$0.nodes.isEmpty }
        guard !placed.isEmpty else {
            AutoLayout.apply(to: &document, catalog: catalog)
            return
        }
        var index: [String: Int] = [:]
        for (i, node) in document.nodes.enumerated() { index[node.id] = i }
        let minX = placed.map { $0.offset!.x }.min()!
        let minY = placed.map { $0.offset!.y }.min()!
        let cells = placed.map { w -> (col: Int, row: Int, nodes: [String]) in
            (AutoLayout.originX + Int(((w.offset!.x - minX) / pixelsPerColumn).rounded()),
             AutoLayout.originY + Int(((w.offset!.y - minY) / pixelsPerRow).rounded()), w.nodes)
        }
        var occupied = BoxIndex()
        func place(_ id: String, x: Int, y: Int) {
            guard let i = index[id] else { return }
            let height = NodeGeometry.size(of: document.nodes[i], catalog: catalog).height
            let box = occupied.firstFree(Box(x: x, y: y, width: NodeGeometry.width, height: height))
            occupied.insert(box)
            document.nodes[i].x = box.x
            document.nodes[i].y = box.y
        }
        // Widgets first, top to bottom, so their own shape wins; their extra nodes after.
        for cell in cells.sorted(by: { ($0.row, $0.col) < ($1.row, $1.col) }) {
            place(cell.nodes[0], x: cell.col, y: cell.row)
        }
        let step = NodeGeometry.width + AutoLayout.columnGap
        for cell in cells where cell.nodes.count > 1 {
            for k in 1..<cell.nodes.count {
                guard let previous = index[cell.nodes[k - 1]], let px = document.nodes[previous].x,
                      let py = document.nodes[previous].y else { continue }
                place(cell.nodes[k], x: px + step, y: py)
            }
        }
        if document.nodes.contains(where: { $0.x == nil || $0.y == nil }) {
            AutoLayout.apply(to: &document, onlyUnplaced: true, catalog: catalog)
        }
    }
}
