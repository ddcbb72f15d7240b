/// Notes are obstacles for connectors (issue 10): a route goes round a note as it goes
/// round a node box. A note has no ports, so only its cells are blocked.
extension ConnectorRouter {
    /// Places or moves note `id`'s box, dropping the cached routes its new box covers
    /// (they are searched again, around it, when next drawn).
    public func moveNote(_ id: String, to rect: GridRect) {
        if noteObstacles.rect(of: id) == rect { return }
        noteObstacles.insert(id, rect)
        forgetRoutes(crossing: rect)
    }

    /// Takes note `id` away; routes that went round it keep their shape until re-routed.
    public func removeNote(_ id: String) {
        noteObstacles.remove(id)
    }

    /// Marks the cells of the notes inside `window` as blocked in a search's scratch grid.
    func blockNotes(in window: GridRect, _ blocked: inout [UInt8]) {
        let w = window.width
        for id in noteObstacles.boxes(in: window) {
            let r = noteObstacles.rect(of: id)!
            let x0 = max(r.x, window.x), x1 = min(r.maxX, window.maxX)
            let y0 = max(r.y, window.y), y1 = min(r.maxY, window.maxY)
            if x0 >= x1 || y0 >= y1 { continue }
            for y in y0..<y1 {
                for x in x0..<x1 { blocked[(y - window.y) * w + (x - window.x)] = Self.blockedCell }
            }
        }
    }
}
