import Foundation
import Testing
@testable import FlowKit

@Suite struct LayoutTests {
    /// Pairs of node ids whose boxes (NodeGeometry) share at least one cell, found by
    /// bucketing boxes into grid areas so 10,000 nodes check quickly.
    static func overlaps(in doc: FlowDocument) -> [(String, String)] {
        struct Rect { var id: String; var x: Int; var y: Int; var w: Int; var h: Int }
        let rects = doc.nodes.map { node -> Rect in
            let size = NodeGeometry.size(of: node)
            return Rect(id: node.id, x: node.x ?? -1000, y: node.y ?? -1000, w: size.width, h: size.height)
        }
        var buckets: [[Int]: [Int]] = [:]
        for (i, r) in rects.enumerated() {
            for cx in (r.x >> 5)...((r.x + r.w - 1) >> 5) {
                for cy in (r.y >> 4)...((r.y + r.h - 1) >> 4) { buckets[[cx, cy], default: []].append(i) }
            }
        }
        var seen = Set<[Int]>()
        var found: [(String, String)] = []
        for members in buckets.values where members.count > 1 {
            for a in members.indices {
                for b in members.indices where b > a {
                    let r = rects[members[a]], q = rects[members[b]]
                    guard r.x < q.x + q.w, q.x < r.x + r.w, r.y < q.y + q.h, q.y < r.y + r.h,
                          seen.insert([members[a], members[b]]).inserted else { continue }
                    found.append((r.id, q.id))
                }
            }
        }
        return found
    }

    static func laidOut(_ doc: FlowDocument, onlyUnplaced: Bool = false) -> FlowDocument {
        var copy = doc
        AutoLayout.apply(to: &copy, onlyUnplaced: onlyUnplaced)
        return copy
    }

    @Test func everyNodeGetsAPositionAndNoBoxesOverlap() {
        let doc = Self.laidOut(CodecFixtures.large(2000))
        #expect(doc.nodes.allSatisfy { $0.x != nil && $0.y != nil && $0.x! >= 0 && $0.y! >= 0 })
        #expect(Self.overlaps(in: doc).isEmpty)
    }

    @Test func theOverlapCheckItselfFindsOverlaps() {
        var doc = CodecFixtures.chain(3)
        for i in doc.nodes.indices { doc.nodes[i].x = 10 + i * 5; doc.nodes[i].y = 4 }
        #expect(Self.overlaps(in: doc).count == 3)
    }

    @Test func startIsLeftmost() {
        var source = CodecFixtures.large(500)
        source.nodes.reverse() // Start is last in document order
        let doc = Self.laidOut(source)
        let startX = doc.node(withID: "start")!.x!
        #expect(doc.nodes.allSatisfy { $0.id == "start" || $0.x! > startX })
    }

    @Test func aChainGoesLeftToRightOnOneRow() {
        let doc = Self.laidOut(CodecFixtures.chain(6))
        let xs = doc.nodes.map { $0.x! }
        #expect(xs == xs.sorted())
        #expect(Set(xs).count == 6)
        #expect(Set(doc.nodes.map { $0.y! }).count == 1)
        // Boxes leave room for connectors between them.
        for (a, b) in zip(xs, xs.dropFirst()) { #expect(b - a >= NodeGeometry.width + 4) }
    }

    @Test func successIsAboveErrorInTheNextColumn() {
        var doc = FlowDocument(name: "Fan out", nodes: [
            FlowNode(id: "start", type: "start"),
            FlowNode(id: "call", type: "http-request"),
            FlowNode(id: "bad", type: "end"),
            FlowNode(id: "good", type: "end"),
            FlowNode(id: "slow", type: "end"),
        ], connections: [
            Connection(from: "start", outcome: "next", to: "call"),
            Connection(from: "call", outcome: "timeout", to: "slow"),
            Connection(from: "call", outcome: "error", to: "bad"),
            Connection(from: "call", outcome: "success", to: "good"),
        ])
        AutoLayout.apply(to: &doc)
        let good = doc.node(withID: "good")!, bad = doc.node(withID: "bad")!, slow = doc.node(withID: "slow")!
        #expect(good.x == bad.x && bad.x == slow.x)
        #expect(good.y! < bad.y! && bad.y! < slow.y!)
        #expect(good.y == doc.node(withID: "call")!.y)
        #expect(Self.overlaps(in: doc).isEmpty)
    }

    @Test func unreachableNodesGoRightOfTheReachableOnes() {
        var doc = CodecFixtures.chain(4)
        doc.nodes.append(FlowNode(id: "orphan", type: "log"))
        doc.nodes.append(FlowNode(id: "loop-a", type: "delay"))
        doc.nodes.append(FlowNode(id: "loop-b", type: "delay"))
        doc.connections.append(Connection(from: "loop-a", outcome: "next", to: "loop-b"))
        doc.connections.append(Connection(from: "loop-b", outcome: "next", to: "loop-a"))
        AutoLayout.apply(to: &doc)
        let reachableRight = ["start", "n1", "n2", "end"].map { doc.node(withID: $0)!.x! }.max()!
        for id in ["orphan", "loop-a", "loop-b"] { #expect(doc.node(withID: id)!.x! > reachableRight, "\(id)") }
        #expect(Self.overlaps(in: doc).isEmpty)
    }

    @Test func loopsAndSelfLoopsStillLayOut() {
        var doc = CodecFixtures.chain(5)
        doc.connections.append(Connection(from: "n3", outcome: "next", to: "n1"))
        doc.connections.append(Connection(from: "n2", outcome: "next", to: "n2"))
        AutoLayout.apply(to: &doc)
        #expect(doc.node(withID: "n1")!.x! < doc.node(withID: "n3")!.x!)
        #expect(Self.overlaps(in: doc).isEmpty)
    }

    @Test func onlyUnplacedKeepsPlacedNodesAndAvoidsThem() {
        var doc = CodecFixtures.large(400)
        var removed: Set<String> = []
        for i in doc.nodes.indices where i % 3 == 1 {
            doc.nodes[i].x = nil
            removed.insert(doc.nodes[i].id)
        }
        // The placed nodes of the fixture may overlap each other already (random
        // positions); the new ones must overlap nothing.
        let after = Self.laidOut(doc, onlyUnplaced: true)
        for (old, new) in zip(doc.nodes, after.nodes) where !removed.contains(old.id) {
            #expect(old.x == new.x && old.y == new.y)
        }
        let overlaps = Self.overlaps(in: after).filter { removed.contains($0.0) || removed.contains($0.1) }
        #expect(overlaps.isEmpty, "\(overlaps.prefix(3))")
        #expect(after.nodes.allSatisfy { $0.x != nil && $0.y != nil })
    }

    @Test func placedNextToItsParent() {
        var doc = CodecFixtures.chain(3)
        doc.nodes[0].x = 50; doc.nodes[0].y = 20
        doc.nodes[2].x = 200; doc.nodes[2].y = 3
        AutoLayout.apply(to: &doc, onlyUnplaced: true)
        #expect(doc.nodes[1].x == 50 + NodeGeometry.width + AutoLayout.columnGap)
        #expect(doc.nodes[1].y == 20)
    }

    @Test func tenThousandNodesLayOut() {
        var doc = CodecFixtures.large(10_000)
        for i in doc.nodes.indices { doc.nodes[i].x = nil; doc.nodes[i].y = nil }
        AutoLayout.apply(to: &doc)
        #expect(doc.nodes.allSatisfy { $0.x != nil && $0.y != nil })
        #expect(Self.overlaps(in: doc).isEmpty)
    }

    @Test func emptyDocumentIsFine() {
        var doc = FlowDocument(name: "Empty")
        AutoLayout.apply(to: &doc)
        #expect(doc.nodes.isEmpty)
    }

    // MARK: Issue 13, defect 2

    /// None, some (Start only, as in a hand-started file) or all placed: every box gets a
    /// place and no two overlap.
    @Test(arguments: ["none", "start", "all"])
    func noOverlapsWhateverIsPlaced(_ placed: String) throws {
        for var doc in [CodecFixtures.large(3_000), CodecFixtures.chain(3_000)] {
            let laid = Self.laidOut(doc)
            for i in doc.nodes.indices {
                let keep = placed == "all" || (placed == "start" && doc.nodes[i].type == "start")
                doc.nodes[i].x = keep ? laid.nodes[i].x ?? 2 : nil
                doc.nodes[i].y = keep ? laid.nodes[i].y ?? 1 : nil
            }
            let data = Data(FlowCodec.exportJSON(doc).utf8)
            let imported = try FlowCodec.importDocument(data)
            #expect(imported.nodes.allSatisfy { $0.x != nil && $0.y != nil })
            #expect(Self.overlaps(in: imported).isEmpty, "\(placed)")
            #expect(LayoutQuality.overlaps(imported) == 0, "\(placed)")
        }
    }

    @Test func overlapCountAgreesWithTheTestsOwnCheck() {
        var doc = CodecFixtures.chain(4)
        for i in doc.nodes.indices { doc.nodes[i].x = 10 + i * 5; doc.nodes[i].y = 3 }
        #expect(LayoutQuality.overlaps(doc) == Self.overlaps(in: doc).count)
        #expect(LayoutQuality.overlaps(doc) > 0)
    }

    @Test func crossingsCountsLinesInOppositeOrder() {
        // a→d and b→c between the same two columns cross once; a→c and a→d share an end.
        var doc = FlowDocument(name: "X")
        doc.nodes = [FlowNode(id: "a", type: "log", x: 0, y: 0), FlowNode(id: "b", type: "log", x: 0, y: 10),
                     FlowNode(id: "c", type: "log", x: 40, y: 0), FlowNode(id: "d", type: "log", x: 40, y: 10)]
        doc.connections = [Connection(from: "a", outcome: "next", to: "d"), Connection(from: "b", outcome: "next", to: "c")]
        #expect(LayoutQuality.crossings(doc) == 1)
        doc.connections = [Connection(from: "a", outcome: "next", to: "c"), Connection(from: "a", outcome: "x", to: "d"),
                           Connection(from: "b", outcome: "next", to: "d")]
        #expect(LayoutQuality.crossings(doc) == 0)
        // A line spanning two gaps crosses one in the second gap.
        doc.nodes.append(FlowNode(id: "e", type: "log", x: 80, y: 0))
        doc.nodes[3].y = -10
        doc.connections = [Connection(from: "b", outcome: "next", to: "e"), Connection(from: "a", outcome: "next", to: "d")]
        #expect(LayoutQuality.crossings(doc) == 0) // first gap: a(0)→d(-10) above b(10)→(5): no cross
        doc.connections.append(Connection(from: "d", outcome: "next", to: "e"))
        #expect(LayoutQuality.crossings(doc) == 0) // d→e and b→e share e
        doc.nodes[3].y = 20
        #expect(LayoutQuality.crossings(doc) == 1) // a→d goes below b→e's line in the first gap
    }

    @Test func barycentreOrderingCrossesNoMoreThanBreadthFirst() {
        for n in [500, 2_000] {
            var bfs = CodecFixtures.large(n), bary = bfs
            for i in bfs.nodes.indices { bfs.nodes[i].x = nil; bfs.nodes[i].y = nil; bary.nodes[i].x = nil; bary.nodes[i].y = nil }
            AutoLayout.apply(to: &bfs, ordering: .breadthFirst)
            AutoLayout.apply(to: &bary, ordering: .barycentre)
            #expect(LayoutQuality.crossings(bary) <= LayoutQuality.crossings(bfs), "\(n)")
            #expect(Self.overlaps(in: bary).isEmpty)
        }
    }
}
