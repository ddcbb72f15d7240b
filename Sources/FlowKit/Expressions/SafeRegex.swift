/// The regular expressions of `matches` (expressions) and the branch operator `matches`:
/// a Thompson NFA run in lock-step over the text (issue 13, defect 11), so a pattern can
/// never backtrack; time is at most pattern size × text length, and a step budget bounds
/// even that. NSRegularExpression (ICU) backtracks: `(a+)+$` against 26 a's and a b held
/// a core for 3.3 s inside `serve`, doubling with each further character.
///
/// The syntax is the common part of ICU's: literals and escapes, `.`, classes `[a-z]` `[^…]`
/// with `\d \w \s` (and `\D \W \S`), anchors `^ $ \b \B`, groups `( )` `(?: )` `(?<name> )`,
/// `|`, and the quantifiers `* + ? {n} {n,} {n,m}` (lazy `?` forms allowed: only whether a
/// match exists matters). `(?i)` at the start ignores case. Back-references, look-around,
/// atomic groups and possessive quantifiers need backtracking and are refused.
public struct SafeRegex: Sendable {
    public static let maximumPatternLength = 512
    /// Instructions after expanding counted repetitions (`(x{0,100}){100}` is refused).
    public static let maximumProgramSize = 20_000
    /// NFA states visited per search: ~10 ms of work. A search that needs more fails.
    public static let stepBudget = 4_000_000

    public struct Failure: Error, Sendable, Equatable {
        public var message: String
    }

    enum Instruction: Sendable {
        case scalar(Unicode.Scalar)
        case any                         // any but a line break
        case set(CharacterSet, negated: Bool)
        case split(Int, Int)
        case jump(Int)
        case lineStart, lineEnd, wordBoundary(Bool)
        case match
    }

    struct CharacterSet: Sendable {
        var ranges: [ClosedRange<UInt32>] = []
        var classes: [(ShorthandClass, Bool)] = [] // (class, negated)

        func contains(_ s: Unicode.Scalar) -> Bool {
            let v = s.value
            for r in ranges where r.contains(v) { return true }
            for (c, negated) in classes where c.contains(s) != negated { return true }
            return false
        }
    }

    enum ShorthandClass: Sendable {
        case digit, word, space
        func contains(_ s: Unicode.Scalar) -> Bool {
            switch self {
            case .digit: return s.properties.numericType == .decimal
            case .word: return s == "_" || s.properties.isAlphabetic || s.properties.numericType == .decimal
                || s.properties.generalCategory == .nonspacingMark
            case .space: return s.properties.isWhitespace
            }
        }
    }

    let program: [Instruction]
    let ignoresCase: Bool
    public let pattern: String

    public init(_ pattern: String) throws(Failure) {
        self.pattern = pattern
        guard pattern.count <= Self.maximumPatternLength else {
            throw Failure(message: "is longer than \(Self.maximumPatternLength) characters")
        }
        var parser = RegexParser(Array(pattern.unicodeScalars))
        if parser.consume("(?i)") { ignoresCase = true } else { ignoresCase = false }
        let tree = try parser.parseAlternation()
        guard parser.atEnd else { throw Failure(message: "has an unmatched )") }
        var compiler = RegexCompiler(ignoresCase: ignoresCase)
        try compiler.emit(tree)
        compiler.program.append(.match)
        program = compiler.program
    }

    /// Whether the pattern matches anywhere in `text`; fails when the step budget runs out.
    public func firstMatch(in text: String, budget: Int = SafeRegex.stepBudget) throws(Failure) -> Bool {
        let scalars = Array(text.unicodeScalars)
        var steps = 0
        var current: [Int] = [], next: [Int] = []
        current.reserveCapacity(program.count)
        next.reserveCapacity(program.count)
        var mark = [Int](repeating: -1, count: program.count)
        var stack: [Int] = []
        var generation = 0

        // Follows jumps, splits and assertions from `pc` at position `i`, adding the
        // instructions that consume a character (or match) to `list`.
        func addClosure(_ pc: Int, _ i: Int, _ list: inout [Int]) -> Bool {
            stack.append(pc)
            while let p = stack.popLast() {
                if mark[p] == generation { continue }
                mark[p] = generation
                steps += 1
                switch program[p] {
                case .jump(let t): stack.append(t)
                case .split(let a, let b): stack.append(b); stack.append(a)
                case .lineStart: if i == 0 { stack.append(p + 1) }
                case .lineEnd:
                    if i == scalars.count || (i == scalars.count - 1 && scalars[i] == "\n") { stack.append(p + 1) }
                case .wordBoundary(let wanted):
                    let before = i > 0 && ShorthandClass.word.contains(scalars[i - 1])
                    let after = i < scalars.count && ShorthandClass.word.contains(scalars[i])
                    if (before != after) == wanted { stack.append(p + 1) }
                case .match: return true
                default: list.append(p)
                }
            }
            return false
        }

        func consumes(_ pc: Int, _ c: Unicode.Scalar) -> Bool {
            switch program[pc] {
            case .scalar(let s): return s == c
            case .any: return c != "\n" && c != "\r"
            case .set(let set, let negated):
                return (set.contains(c) || (ignoresCase && set.contains(Self.upper(c)))) != negated
            default: return false
            }
        }

        generation += 1
        if addClosure(0, 0, &current) { return true }
        for i in 0..<scalars.count {
            let c = ignoresCase ? Self.folded(scalars[i]) : scalars[i]
            generation += 1
            next.removeAll(keepingCapacity: true)
            for pc in current {
                steps += 1
                if consumes(pc, c), addClosure(pc + 1, i + 1, &next) { return true }
            }
            // Unanchored search: a new attempt starts at every position.
            if addClosure(0, i + 1, &next) { return true }
            swap(&current, &next)
            if steps > budget { throw Failure(message: "needs too much work on this text (more than \(budget) steps)") }
        }
        return false
    }

    static func folded(_ s: Unicode.Scalar) -> Unicode.Scalar {
        let lower = s.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? lower.first! : s
    }

    static func upper(_ s: Unicode.Scalar) -> Unicode.Scalar {
        let up = s.properties.uppercaseMapping.unicodeScalars
        return up.count == 1 ? up.first! : s
    }
}

indirect enum RegexNode {
    case empty
    case scalar(Unicode.Scalar)
    case any
    case set(SafeRegex.CharacterSet, negated: Bool)
    case lineStart, lineEnd, wordBoundary(Bool)
    case concat([RegexNode])
    case alternation([RegexNode])
    case repeated(RegexNode, min: Int, max: Int?) // max nil: unbounded
}

struct RegexParser {
    typealias Failure = SafeRegex.Failure
    let s: [Unicode.Scalar]
    var i = 0
    var depth = 0

    init(_ scalars: [Unicode.Scalar]) { s = scalars }

    var atEnd: Bool { i >= s.count }
    func peek(_ k: Int = 0) -> Unicode.Scalar? { i + k < s.count ? s[i + k] : nil }

    mutating func consume(_ text: String) -> Bool {
        let t = Array(text.unicodeScalars)
        guard i + t.count <= s.count, Array(s[i..<i + t.count]) == t else { return false }
        i += t.count
        return true
    }

    mutating func parseAlternation() throws(Failure) -> RegexNode {
        var branches = [try parseConcat()]
        while peek() == "|" {
            i += 1
            branches.append(try parseConcat())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    mutating func parseConcat() throws(Failure) -> RegexNode {
        var items: [RegexNode] = []
        while let c = peek(), c != "|", c != ")" {
            let atom = try parseAtom()
            items.append(try parseQuantifiers(atom))
        }
        return items.count == 1 ? items[0] : .concat(items)
    }

    mutating func parseQuantifiers(_ atom: RegexNode) throws(Failure) -> RegexNode {
        var node = atom
        while let c = peek() {
            var range: (Int, Int?)
            switch c {
            case "*": range = (0, nil); i += 1
            case "+": range = (1, nil); i += 1
            case "?": range = (0, 1); i += 1
            case "{":
                guard let counted = try parseCount() else { return node }
                range = counted
            default: return node
            }
            if peek() == "+" { throw Failure(message: "uses a possessive quantifier, which needs backtracking") }
            if peek() == "?" { i += 1 } // lazy: the same set of matches
            if case .lineStart = node { throw Failure(message: "repeats an anchor") }
            node = .repeated(node, min: range.0, max: range.1)
        }
        return node
    }

    /// `{n}`, `{n,}`, `{n,m}`; nil (and nothing consumed) when `{` is a literal.
    mutating func parseCount() throws(Failure) -> (Int, Int?)? {
        let start = i
        i += 1
        func number() -> Int? {
            var v = 0, any = false
            while let c = peek(), let d = Int(String(c)), c.isASCII {
                v = min(v * 10 + d, 100_000); any = true; i += 1
            }
            return any ? v : nil
        }
        guard let low = number() else { i = start; return nil }
        var high: Int? = low
        if peek() == "," {
            i += 1
            high = number()
        }
        guard peek() == "}" else { i = start; return nil }
        i += 1
        if let h = high, h < low { throw Failure(message: "has a repetition {\(low),\(h)} whose maximum is below its minimum") }
        if low > 1000 || (high ?? 0) > 1000 { throw Failure(message: "repeats more than 1000 times") }
        return (low, high)
    }

    mutating func parseAtom() throws(Failure) -> RegexNode {
        let c = s[i]
        i += 1
        switch c {
        case ".": return .any
        case "^": return .lineStart
        case "$": return .lineEnd
        case "[": return try parseSet()
        case "\\": return try parseEscape(inSet: false).node
        case "*", "+", "?": throw Failure(message: "has a quantifier with nothing to repeat")
        case "(":
            depth += 1
            if depth > 100 { throw Failure(message: "nests groups deeper than 100") }
            defer { depth -= 1 }
            if peek() == "?" {
                if consume("?:") {
                } else if consume("?<"), let n = peek(), n != "=", n != "!" {
                    while let ch = peek(), ch != ">" { i += 1 }
                    guard peek() == ">" else { throw Failure(message: "has an unfinished group name") }
                    i += 1
                } else {
                    throw Failure(message: "uses look-around, an atomic group or an inline flag, which are not supported")
                }
            }
            let inner = try parseAlternation()
            guard peek() == ")" else { throw Failure(message: "has an unclosed (") }
            i += 1
            return inner
        default: return .scalar(c)
        }
    }

    struct Escape { var node: RegexNode; var scalar: Unicode.Scalar? }

    mutating func parseEscape(inSet: Bool) throws(Failure) -> Escape {
        guard let c = peek() else { throw Failure(message: "ends with a lone backslash") }
        i += 1
        func shorthand(_ k: SafeRegex.ShorthandClass, _ negated: Bool) -> Escape {
            Escape(node: .set(SafeRegex.CharacterSet(classes: [(k, negated)]), negated: false), scalar: nil)
        }
        switch c {
        case "d": return shorthand(.digit, false)
        case "D": return shorthand(.digit, true)
        case "w": return shorthand(.word, false)
        case "W": return shorthand(.word, true)
        case "s": return shorthand(.space, false)
        case "S": return shorthand(.space, true)
        case "b" where !inSet: return Escape(node: .wordBoundary(true), scalar: nil)
        case "B" where !inSet: return Escape(node: .wordBoundary(false), scalar: nil)
        case "A" where !inSet: return Escape(node: .lineStart, scalar: nil)
        case "n": return Escape(node: .scalar("\n"), scalar: "\n")
        case "t": return Escape(node: .scalar("\t"), scalar: "\t")
        case "r": return Escape(node: .scalar("\r"), scalar: "\r")
        case "f": return Escape(node: .scalar("\u{0C}"), scalar: "\u{0C}")
        case "u", "x":
            let digits = c == "u" ? 4 : 2
            var v: UInt32 = 0
            for _ in 0..<digits {
                guard let h = peek(), let d = UInt32(String(h), radix: 16) else {
                    throw Failure(message: "has a malformed \\\(c) escape")
                }
                v = v * 16 + d; i += 1
            }
            guard let scalar = Unicode.Scalar(v) else { throw Failure(message: "has a malformed \\\(c) escape") }
            return Escape(node: .scalar(scalar), scalar: scalar)
        default:
            if c.properties.numericType == .decimal || c.properties.isAlphabetic {
                throw Failure(message: "uses \\\(c), which is not supported (back-references need backtracking)")
            }
            return Escape(node: .scalar(c), scalar: c)
        }
    }

    mutating func parseSet() throws(Failure) -> RegexNode {
        var set = SafeRegex.CharacterSet()
        var negated = false
        if peek() == "^" { negated = true; i += 1 }
        var first = true
        while true {
            guard let c = peek() else { throw Failure(message: "has an unclosed [") }
            if c == "]" && !first { i += 1; break }
            first = false
            var low: Unicode.Scalar
            if c == "\\" {
                i += 1
                let e = try parseEscape(inSet: true)
                guard let scalar = e.scalar else {
                    if case .set(let inner, _) = e.node { set.classes += inner.classes }
                    continue
                }
                low = scalar
            } else if c == "[" {
                throw Failure(message: "nests a [ inside a class, which is not supported")
            } else {
                low = c; i += 1
            }
            if peek() == "-", let after = peek(1), after != "]" {
                i += 1
                var high: Unicode.Scalar
                if after == "\\" {
                    i += 1
                    guard let scalar = try parseEscape(inSet: true).scalar else { throw Failure(message: "has a range ending in a class") }
                    high = scalar
                } else {
                    high = after; i += 1
                }
                guard low.value <= high.value else { throw Failure(message: "has a range \(low)-\(high) out of order") }
                set.ranges.append(low.value...high.value)
            } else {
                set.ranges.append(low.value...low.value)
            }
        }
        return .set(set, negated: negated)
    }
}

struct RegexCompiler {
    let ignoresCase: Bool
    var program: [SafeRegex.Instruction] = []

    mutating func append(_ i: SafeRegex.Instruction) throws(SafeRegex.Failure) {
        if program.count >= SafeRegex.maximumProgramSize {
            throw SafeRegex.Failure(message: "is too large once its repetitions are expanded")
        }
        program.append(i)
    }

    mutating func emit(_ node: RegexNode) throws(SafeRegex.Failure) {
        switch node {
        case .empty: break
        case .scalar(let s): try append(.scalar(ignoresCase ? SafeRegex.folded(s) : s))
        case .any: try append(.any)
        case .set(let set, let negated):
            var set = set
            if ignoresCase {
                // Fold the ranges' single letters too; text is folded when matching.
                set.ranges += set.ranges.compactMap { r in
                    r.count == 1 ? Unicode.Scalar(r.lowerBound).map { let f = SafeRegex.folded($0).value; return f...f } : nil
                }
            }
            try append(.set(set, negated: negated))
        case .lineStart: try append(.lineStart)
        case .lineEnd: try append(.lineEnd)
        case .wordBoundary(let b): try append(.wordBoundary(b))
        case .concat(let items): for item in items { try emit(item) }
        case .alternation(let branches):
            var jumps: [Int] = []
            for (k, branch) in branches.enumerated() {
                if k < branches.count - 1 {
                    let split = program.count
                    try append(.split(split + 1, -1))
                    try emit(branch)
                    jumps.append(program.count)
                    try append(.jump(-1))
                    program[split] = .split(split + 1, program.count)
                } else {
                    try emit(branch)
                }
            }
            for j in jumps { program[j] = .jump(program.count) }
        case .repeated(let inner, let min, let max):
            for _ in 0..<min { try emit(inner) }
            if let max {
                // Optional copies: each may be skipped to the end.
                var splits: [Int] = []
                for _ in min..<max {
                    splits.append(program.count)
                    try append(.split(program.count + 1, -1))
                    try emit(inner)
                }
                for s in splits { program[s] = .split(s + 1, program.count) }
            } else {
                let loop = program.count
                try append(.split(loop + 1, -1))
                try emit(inner)
                try append(.jump(loop))
                program[loop] = .split(loop + 1, program.count)
            }
        }
    }
}
