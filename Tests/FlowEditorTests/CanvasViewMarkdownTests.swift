@testable import FlowCanvasView
import Testing
import TerminalUI
@testable import FlowEditor

@Suite struct CanvasViewMarkdownTests {
    @Test func boldItalicAndLinks() {
        let spans = MarkdownSpans.parse("Orders API: **v2** only, *really*. See [docs](https://example.com)")
        #expect(spans == [
            MarkdownSpan("Orders API: "), MarkdownSpan("v2", .bold), MarkdownSpan(" only, "),
            MarkdownSpan("really", .italic), MarkdownSpan(". See "),
            MarkdownSpan("docs", .underline, url: "https://example.com"),
        ])
    }

    @Test func nestedAndUnclosedMarkersStayLiteral() {
        #expect(MarkdownSpans.parse("**bold *and italic* text**")
            == [MarkdownSpan("bold ", .bold), MarkdownSpan("and italic", [.bold, .italic]), MarkdownSpan(" text", .bold)])
        #expect(MarkdownSpans.parse("2 * 3 = 6 and **open") == [MarkdownSpan("2 * 3 = 6 and **open")])
        #expect(MarkdownSpans.parse("[not a link] (x)") == [MarkdownSpan("[not a link] (x)")])
        #expect(MarkdownSpans.parse("a \\*literal\\* star") == [MarkdownSpan("a *literal* star")])
    }

    @Test func wrappingKeepsAttributesAcrossWords() {
        let chars = MarkdownSpans.parse("see [the long docs](u) now").flatMap { span in
            span.text.map { NoteLayout.StyledChar(character: $0, attributes: span.attributes) }
        }
        let lines = NoteLayout.wrap(chars, width: 10)
        #expect(lines.map { String($0.map(\.character)) } == ["see the", "long docs", "now"])
        #expect(lines[1].allSatisfy { $0.attributes == .underline }, "the space inside the link is underlined too")
    }
}
