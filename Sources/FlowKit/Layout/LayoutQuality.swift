/// Measures of a laid-out flow, for the layout tests and `flowcanvas bench`.
public enum LayoutQuality {
    /// Pairs of node boxes (NodeGeometry) that overlap. 0 for every auto-layout.
    public static func overlaps(_ document: FlowDocument, catalog: NodeCatalog = .standard) -> Int {
        var boxes: [(x: Int, y: Int, w: Int, h: Int)] = []
        for node in document.nodes {
            guard let x = node.x, let y = node.y else { continue }
            boxes.append((x, y, NodeGeometry.width, NodeGeometry.size(of: node, catalog: catalog).height))
        }
        // Sweep by x: only boxes whose columns overlap are compared.
        boxes.sort { $0.x < $1.x }
        var count = 0
        for i in boxes.indices {
            var j = i + 1
            while j < boxes.count, boxes[j].x < boxes[i].x + boxes[i].w {
                if boxes[j].y < boxes[i].y + boxes[i].h && boxes[i].y < boxes[j].y + boxes[j].h { count += 1 }
                j += 1
            }
        }
        return count
    }

    /// Crossings of forward connectors, the measure of layered drawings that barycentre
    /// ordering reduces: boxes are grouped into columns by x; each connector that goes
    /// right is a straight line from its source's row to its target's, and in every gap
    /// between two neighbouring columns two lines cross when their ends are in opposite
    /// vertical order there. Lines sharing an end do not count; connectors going back or
    /// within a column are left out (the router draws them around the boxes).
    /// O(S log S), S the number of column gaps the connectors span.
    public static func crossings(_ document: FlowDocument) -> Int {
        var index: [String: Int] = [:]
        index.reserveCapacity(document.nodes.count)
        for (i, node) in document.nodes.enumerated() where index[node.id] == nil { index[node.id] = i }
        let xs = Array(Set(document.nodes.compactMap(\.x))).sorted()
        var column: [Int: Int] = [:]
        for (rank, x) in xs.enumerated() { column[x] = rank }
        var gaps = [[(Double, Double)]](repeating: [], count: max(0, xs.count - 1))
        for c in document.connections {
            guard let a = index[c.from], let b = index[c.to],
                  let ax = document.nodes[a].x, let ay = document.nodes[a].y,
                  let bx = document.nodes[b].x, let by = document.nodes[b].y, bx > ax,
                  let ca = column[ax], let cb = column[bx] else { continue }
            let span = Double(cb - ca)
            func row(_ col: Int) -> Double { Double(ay) + Double(by - ay) * Double(col - ca) / span }
            for g in ca..<cb { gaps[g].append((row(g), row(g + 1))) }
        }
        var total = 0
        for var lines in gaps where lines.count > 1 {
            lines.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            var right = lines.map(\.1)
            var scratch = right
            total += inversions(&right, &scratch, 0, right.count)
        }
        return total
    }

    /// Pairs i < j with a[i] > a[j] in a[lo..<hi] (merge sort; sorts the range).
    private static func inversions(_ a: inout [Double], _ scratch: inout [Double], _ lo: Int, _ hi: Int) -> Int {
        guard hi - lo > 1 else { return 0 }
        let mid = (lo + hi) / 2
        var count = inversions(&a, &scratch, lo, mid) + inversions(&a, &scratch, mid, hi)
        var i = lo, j = mid, k = lo
        while i < mid || j < hi {
            if j >= hi || (i < mid && a[i] <= a[j]) {
                scratch[k] = a[i]; i += 1
            } else {
                scratch[k] = a[j]; j += 1
                count += mid - i
            }
            k += 1
        }
        for t in lo..<hi { a[t] = scratch[t] }
        return count
    }
}
