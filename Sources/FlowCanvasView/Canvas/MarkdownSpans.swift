import TerminalUI

/// The little Markdown a note may hold (DESIGN §3): `**bold**`, `*italic*` and
/// `[text](url)`. The canvas shows bold and italic as attributes and a link as its text
/// underlined; anything that does not close is shown literally.
public struct MarkdownSpan: Equatable, Sendable {
    public var text: String
    public var attributes: TextAttributes
    public var url: String?

    public init(_ text: String, _ attributes: TextAttributes = [], url: String? = nil) {
        self.text = text
        self.attributes = attributes
        self.url = url
    }
}

public enum MarkdownSpans {
    public static func parse(_ text: String) -> [MarkdownSpan] {
        var out: [MarkdownSpan] = []
        parse(Array(text), attributes: [], url: nil, into: &out)
        return out
    }

    private static func parse(_ s: [Character], attributes: TextAttributes, url: String?, into out: inout [MarkdownSpan]) {
        var plain = ""
        func flush() {
            guard !plain.isEmpty else { return }
            if let last = out.last, last.attributes == attributes, last.url == url {
                out[out.count - 1].text += plain
            } else {
                out.append(MarkdownSpan(plain, attributes, url: url))
            }
            plain = ""
        }
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == "\\", i + 1 < s.count, "*[]()\\".contains(s[i + 1]) {
                plain.append(s[i + 1])
                i += 2
                continue
            }
            if c == "*", i + 1 < s.count, s[i + 1] == "*",
               let close = find(["*", "*"], in: s, from: i + 2), close > i + 2 {
                flush()
                parse(Array(s[(i + 2)..<close]), attributes: attributes.union(.bold), url: url, into: &out)
                i = close + 2
                continue
            }
            if c == "*", i + 1 < s.count, s[i + 1] != "*", s[i + 1] != " ",
               let close = findSingleStar(in: s, from: i + 1) {
                flush()
                parse(Array(s[(i + 1)..<close]), attributes: attributes.union(.italic), url: url, into: &out)
                i = close + 1
                continue
            }
            if c == "[", let mid = find(["]", "("], in: s, from: i + 1),
               let end = s[(mid + 2)...].firstIndex(of: ")") {
                flush()
                let target = String(s[(mid + 2)..<end])
                parse(Array(s[(i + 1)..<mid]), attributes: attributes.union(.underline), url: target, into: &out)
                i = end + 1
                continue
            }
            plain.append(c)
            i += 1
        }
        flush()
    }

    private static func find(_ pattern: [Character], in s: [Character], from start: Int) -> Int? {
        guard start + pattern.count <= s.count else { return nil }
        var i = start
        while i + pattern.count <= s.count {
            if s[i] == pattern[0] && s[i + 1] == pattern[1] { return i }
            i += 1
        }
        return nil
    }

    /// A closing `*` that is not part of `**` (which would close a bold run instead).
    private static func findSingleStar(in s: [Character], from start: Int) -> Int? {
        var i = start
        while i < s.count {
            if s[i] == "*" {
                if i + 1 < s.count, s[i + 1] == "*" { i += 2; continue }
                return s[i - 1] == " " ? nil : i
            }
            i += 1
        }
        return nil
    }
}
