/// A shortest edit script between two sequences of lines (Myers' O(ND) algorithm).
///
/// Lines are interned to integers first so the inner loop compares integers. The common
/// prefix and suffix are trimmed before the search; a flow version usually changes a few
/// nodes of a long canonical export, so what is left is small. When the remaining
/// difference exceeds `maxEdits` the middle is reported as one block replaced by another:
/// still a correct script (a patch applies), only less minimal, and the search's memory
/// (quadratic in the number of edits) stays bounded.
public enum LineDiff {
    public enum Operation: Equatable, Sendable {
        case equal, delete, insert
    }

    /// One step: `equal` keeps old line `oldIndex` (== new line `newIndex`), `delete`
    /// drops old line `oldIndex`, `insert` adds new line `newIndex`.
    public struct Edit: Equatable, Sendable {
        public var operation: Operation
        public var oldIndex: Int
        public var newIndex: Int
    }

    public static func edits<Line: Hashable>(_ old: [Line], _ new: [Line], maxEdits: Int = 4_000) -> [Edit] {
        var ids: [Line: Int] = [:]
        ids.reserveCapacity(old.count + new.count)
        func intern(_ line: Line) -> Int {
            if let id = ids[line] { return id }
            let id = ids.count
            ids[line] = id
            return id
        }
        let a = old.map(intern), b = new.map(intern)

        var prefix = 0
        while prefix < a.count && prefix < b.count && a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix && suffix < b.count - prefix
            && a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }

        var script: [Edit] = []
        script.reserveCapacity(max(a.count, b.count) + 16)
        for i in 0..<prefix { script.append(Edit(operation: .equal, oldIndex: i, newIndex: i)) }
        let middleA = Array(a[prefix..<(a.count - suffix)]), middleB = Array(b[prefix..<(b.count - suffix)])
        if let middle = myers(middleA, middleB, maxEdits: maxEdits) {
            for e in middle {
                script.append(Edit(operation: e.operation, oldIndex: e.oldIndex + prefix, newIndex: e.newIndex + prefix))
            }
        } else {
            for i in 0..<middleA.count { script.append(Edit(operation: .delete, oldIndex: prefix + i, newIndex: prefix)) }
            for j in 0..<middleB.count {
                script.append(Edit(operation: .insert, oldIndex: prefix + middleA.count, newIndex: prefix + j))
            }
        }
        for s in 0..<suffix {
            script.append(Edit(operation: .equal, oldIndex: a.count - suffix + s, newIndex: b.count - suffix + s))
        }
        return script
    }

    /// The forward greedy search, keeping each round's furthest-reaching diagonals (only
    /// the -d…d slice) to walk back; nil when more than `maxEdits` edits are needed.
    private static func myers(_ a: [Int], _ b: [Int], maxEdits: Int) -> [Edit]? {
        let n = a.count, m = b.count
        if n == 0 && m == 0 { return [] }
        let limit = min(n + m, maxEdits)
        let offset = limit + 1
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        var trace: [[Int]] = []
        var found = -1
        search: for d in 0...limit {
            // Round d reads the furthest x of round d-1 on diagonals -(d-1)…(d-1).
            trace.append(d == 0 ? [] : Array(v[(offset - d + 1)...(offset + d - 1)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                    x = v[offset + k + 1]
                } else {
                    x = v[offset + k - 1] + 1
                }
                var y = x - k
                while x < n && y < m && a[x] == b[y] { x += 1; y += 1 }
                v[offset + k] = x
                if x >= n && y >= m { found = d; break search }
            }
        }
        guard found >= 0 else { return nil }

        var reversed: [Edit] = []
        var x = n, y = m
        var d = found
        while d > 0 {
            let previous = trace[d]
            func at(_ k: Int) -> Int { previous[k + d - 1] }
            let k = x - y
            let previousK = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1
            let previousX = at(previousK), previousY = previousX - previousK
            while x > previousX && y > previousY {
                x -= 1; y -= 1
                reversed.append(Edit(operation: .equal, oldIndex: x, newIndex: y))
            }
            if previousK == k + 1 {
                y -= 1
                reversed.append(Edit(operation: .insert, oldIndex: x, newIndex: y))
            } else {
                x -= 1
                reversed.append(Edit(operation: .delete, oldIndex: x, newIndex: y))
            }
            d -= 1
        }
        while x > 0 && y > 0 {
            x -= 1; y -= 1
            reversed.append(Edit(operation: .equal, oldIndex: x, newIndex: y))
        }
        return reversed.reversed()
    }
}
