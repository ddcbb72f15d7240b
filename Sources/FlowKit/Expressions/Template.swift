import Foundation

/// Text with `$(name)` / `$(node.field)` substitutions (messages, URLs, assignments).
///
/// A `$` not followed by `(` is plain text. A malformed `$(…)` (unclosed, empty, with
/// spaces) is reported by `problems` and rendered as the text it is.
public struct Template: Sendable {
    enum Segment: Sendable {
        case text(String)
        case reference(Reference)
    }

    public let source: String
    let segments: [Segment]
    /// Syntax problems (an unclosed `$(`, an empty reference), empty if well-formed.
    public let problems: [ExpressionError]
    /// Every distinct reference, in order of first appearance.
    public let references: [Reference]

    public init(_ source: String) {
        self.init(source, keepingSegments: true)
    }

    /// Problems and references only, for the validator: no text pieces are built.
    init(validating source: String) {
        self.init(source, keepingSegments: false)
    }

    private init(_ source: String, keepingSegments: Bool) {
        self.source = source
        var text = source
        (segments, problems, references) = text.withUTF8 { Self.parse($0, source: source, keepingSegments: keepingSegments) }
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, source: String, keepingSegments: Bool)
        -> ([Segment], [ExpressionError], [Reference]) {
        var segments: [Segment] = []
        var problems: [ExpressionError] = []
        var references: [Reference] = []
        var textStart = 0
        var i = 0
        func flushText(to end: Int) {
            if keepingSegments && end > textStart { segments.append(.text(ReferenceSyntax.string(bytes, textStart..<end))) }
        }
        while i + 1 < bytes.count {
            guard bytes[i] == UInt8(ascii: "$"), bytes[i + 1] == UInt8(ascii: "(") else { i += 1; continue }
            let open = i
            var j = i + 2
            while j < bytes.count, bytes[j] != UInt8(ascii: ")") {
                // Another `$(` or a line break before `)`: this one was never closed.
                if bytes[j] == 10 || (bytes[j] == UInt8(ascii: "$") && j + 1 < bytes.count && bytes[j + 1] == UInt8(ascii: "(")) {
                    break
                }
                j += 1
            }
            guard j < bytes.count, bytes[j] == UInt8(ascii: ")") else {
                problems.append(ExpressionError("unclosed $( — add )", position: ReferenceSyntax.characterOffset(open, in: source)))
                i = j
                continue
            }
            switch ReferenceSyntax.parse(bytes, (open + 2)..<j) {
            case .success(let ref):
                flushText(to: open)
                if keepingSegments { segments.append(.reference(ref)) }
                // Templates hold a handful of references: a linear scan beats hashing.
                if !references.contains(ref) { references.append(ref) }
                textStart = j + 1
            case .failure(let e):
                problems.append(ExpressionError(e.message, position: ReferenceSyntax.characterOffset(open, in: source)))
            }
            i = j + 1
        }
        flushText(to: bytes.count)
        return (segments, problems, references)
    }

    /// Substitutes every reference; unknown references become the empty string, JSON
    /// values are written as compact JSON (see `JSONValue.templateText`).
    public func render(_ lookup: ReferenceLookup) -> String {
        var out = ""
        out.reserveCapacity(source.utf8.count)
        for segment in segments {
            switch segment {
            case .text(let t): out += t
            case .reference(let ref): out += lookup(ref)?.templateText ?? ""
            }
        }
        return out
    }
}
