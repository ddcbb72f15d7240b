/// Fuzzy matching for the command line: the pattern's characters must appear in order
/// (case-insensitively); matches at the start, at word starts and in runs score higher,
/// gaps cost a little, so `mk` finds `make-live` and `exp` puts `export` first.
public enum FuzzyMatch {
    /// A score (higher is better), or nil when `pattern` is not a subsequence of `candidate`.
    public static func score(_ pattern: String, in candidate: String) -> Int? {
        let p = Array(pattern.lowercased()), c = Array(candidate.lowercased())
        guard !p.isEmpty else { return 0 }
        var score = 0, pi = 0, previous = -2
        for (ci, ch) in c.enumerated() where pi < p.count && ch == p[pi] {
            if ci == 0 { score += 12 }
            else if " -_./:".contains(c[ci - 1]) { score += 8 }
            if ci == previous + 1 { score += 6 } else if previous >= 0 { score -= min(ci - previous, 5) }
            score += 1
            previous = ci
            pi += 1
        }
        guard pi == p.count else { return nil }
        if c == p { score += 50 }
        return score
    }

    /// The items whose best key matches `pattern`, best first; ties keep their order.
    public static func rank<T>(_ items: [T], pattern: String, keys: (T) -> [String]) -> [T] {
        var scored: [(index: Int, score: Int)] = []
        for (i, item) in items.enumerated() {
            if let best = keys(item).compactMap({ score(pattern, in: $0) }).max() { scored.append((i, best)) }
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
        return scored.map { items[$0.index] }
    }
}
