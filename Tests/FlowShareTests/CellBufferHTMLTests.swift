import FlowKit
import Foundation
import TerminalUI
import Testing
@testable import FlowShare

@Suite struct CellBufferHTMLTests {
    @Test func textIsEscaped() {
        var buffer = CellBuffer(width: 30, height: 1)
        buffer.put("<script>&\"'</script>", x: 0, y: 0)
        let html = CellBufferHTML.render(buffer, theme: .standard)
        #expect(html.contains("&lt;script&gt;&amp;&quot;&#39;&lt;/script&gt;"))
        #expect(!html.contains("<script>"))
    }

    @Test func namedIndexedAndGreyColoursBecomeCSSHex() {
        var buffer = CellBuffer(width: 10, height: 1)
        buffer.put("R", x: 0, y: 0, style: Style(foreground: .red))
        buffer.put("B", x: 1, y: 0, style: Style(foreground: .named(.brightBlue), background: .indexed(196)))
        buffer.put("G", x: 2, y: 0, style: Style(foreground: .indexed(244)))
        buffer.put("C", x: 3, y: 0, style: Style(foreground: .indexed(16 + 36 * 1 + 6 * 2 + 3)))
        let html = CellBufferHTML.render(buffer, theme: .standard)
        #expect(html.contains("<span style=\"color:#cd0000\">R</span>"))
        #expect(html.contains("<span style=\"color:#5c5cff;background:#ff0000\">B</span>"))
        #expect(html.contains("<span style=\"color:#808080\">G</span>"))
        #expect(html.contains("<span style=\"color:#5f87af\">C</span>"))
    }

    @Test func attributesBecomeCSS() {
        var buffer = CellBuffer(width: 10, height: 1)
        buffer.put("b", x: 0, y: 0, style: Style(attributes: .bold))
        buffer.put("i", x: 1, y: 0, style: Style(attributes: [.italic, .underline]))
        buffer.put("d", x: 2, y: 0, style: Style(attributes: .dim))
        buffer.put("r", x: 3, y: 0, style: Style(foreground: .yellow, attributes: .reverse))
        let html = CellBufferHTML.render(buffer, theme: .standard)
        #expect(html.contains("<span style=\"font-weight:bold\">b</span>"))
        #expect(html.contains("<span style=\"font-style:italic;text-decoration:underline\">i</span>"))
        #expect(html.contains("<span style=\"opacity:0.6\">d</span>"))
        // Reverse swaps: yellow becomes the background, the default background the text.
        #expect(html.contains("<span style=\"color:\(WebPalette.defaultBackground);background:#cdcd00\">r</span>"))
    }

    @Test func runsOfOneStyleShareASpanAndPlainTextHasNone() {
        var buffer = CellBuffer(width: 20, height: 2)
        buffer.put("ab", x: 0, y: 0, style: Style(foreground: .green))
        buffer.put("cd", x: 2, y: 0)
        buffer.put("ef", x: 0, y: 1)
        let html = CellBufferHTML.render(buffer, theme: .standard)
        #expect(html.hasPrefix("<pre class=\"canvas\" style=\"color:\(WebPalette.defaultForeground);background:\(WebPalette.defaultBackground)\">"))
        // Trailing blank cells are dropped; rows are separated by newlines.
        #expect(html.contains("<span style=\"color:#00cd00\">ab</span>cd\nef</pre>"))
    }

    @Test func wideCharactersAreWrittenOnce() {
        var buffer = CellBuffer(width: 6, height: 1)
        buffer.put("漢x", x: 0, y: 0)
        let html = CellBufferHTML.render(buffer, theme: .standard)
        #expect(html.contains(">漢x</pre>"))
    }

    @Test func theThemesCanvasColoursAreThePagesDefault() {
        var theme = Theme.standard
        theme.canvasBackground = Style(foreground: .black, background: .white)
        let html = CellBufferHTML.render(CellBuffer(width: 2, height: 1), theme: theme)
        #expect(html.hasPrefix("<pre class=\"canvas\" style=\"color:#000000;background:#e5e5e5\">"))
    }

    @Test func palette() {
        #expect(WebPalette.css(.default) == nil)
        #expect(WebPalette.css(index: 16) == "#000000")
        #expect(WebPalette.css(index: 231) == "#ffffff")
        #expect(WebPalette.css(index: 232) == "#080808")
        #expect(WebPalette.css(index: 255) == "#eeeeee")
        #expect(WebPalette.css(.named(.white)) == "#e5e5e5")
    }
}

@Suite struct SharePagesTests {
    @Test func thePasswordPageIsSelfContained() {
        let token = ShareToken.generate()
        let html = SharePages.passwordPage(token: token, error: "<b>bad</b>")
        #expect(html.contains("<form method=\"post\" action=\"/share/\(token)\">"))
        #expect(html.contains("name=\"password\" type=\"password\""))
        #expect(html.contains("&lt;b&gt;bad&lt;/b&gt;"))
        for external in ["<script", "<link", "src=", "url(", "http://", "https://", "@import"] {
            #expect(!html.contains(external), "page references \(external)")
        }
        #expect(!SharePages.passwordPage(token: token).contains("class=\"error\""))
    }

    @Test func theFlowPageEscapesEverythingFromTheDocument() {
        var doc = Samples.orderFlow(label: "<img src=x onerror=alert(1)>")
        doc.name = "A & B <flow>"
        doc.nodes[0].config["address"] = .string("\"quoted\" & <tag>")
        doc.notes.append(FlowNote(id: "note-2", text: "<script>alert('x')</script>", node: nil, x: 2, y: 14))
        let html = SharePages.flowPage(document: doc)
        #expect(!html.contains("<img") && !html.contains("<script>") && !html.contains("<flow>"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("A &amp; B &lt;flow&gt;"))
        #expect(html.contains("&quot;quoted&quot; &amp; &lt;tag&gt;"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
    }

    @Test func theFlowPageListsNodesConfigurationSettingsAndNotes() {
        let html = SharePages.flowPage(document: Samples.orderFlow())
        #expect(html.contains("<pre class=\"canvas\""))
        for text in ["id=\"node-start\"", "id=\"node-lookup\"", "id=\"node-done\"", "HTTP Request", "http-request",
                     "inbound-message", "+15550100", "GET", "<code>success</code> →", "resolved (success)",
                     "variable apiBase", "externalized: set when made live", "default: Hello there", "note-1"] {
            #expect(html.contains(text), "missing \(text)")
        }
        #expect(!html.contains("SECRET-BASE") && !html.contains("private-prompts"))
    }

    @Test func theSanitizerBlanksOnlyExternalizedDefaults() {
        let doc = ShareSanitizer.sanitize(Samples.orderFlow())
        #expect(doc.settings.variables == [CustomVariable(name: "apiBase", default: "", externalized: true),
                                           CustomVariable(name: "greeting", default: "Hello there", externalized: false)])
        #expect(doc.settings.mediaFolder == nil)
        #expect(doc.nodes == Samples.orderFlow().nodes && doc.notes == Samples.orderFlow().notes)
    }

    @Test func theSnapshotBufferCoversEveryNodeAndNoteWithinTheCap() {
        let doc = Samples.orderFlow()
        let buffer = CanvasSnapshot.render(doc, theme: .standard)
        // Nodes span x 2…88 and y from 2; the one-line note at y 9 is 3 rows high; plus a
        // 2-cell margin on every side.
        let bottom = max(9 + 3, doc.nodes.map { $0.y! + NodeGeometry.size(of: $0).height }.max()!)
        #expect(buffer.width == 62 + NodeGeometry.width - 2 + 4)
        #expect(buffer.height == bottom - 2 + 4)
        var huge = doc
        huge.nodes[2].x = 5_000
        huge.nodes[2].y = 5_000
        let capped = CanvasSnapshot.render(huge, theme: .standard)
        #expect(capped.width == CanvasSnapshot.maxWidth && capped.height == CanvasSnapshot.maxHeight)
    }
}

/// The share page's canvas is the terminal's canvas. Runs once the editor's renderer has
/// landed (this branch was cut while `CanvasView.render` was a stub that draws nothing).
@Suite struct ShareCanvasTests {
    static var rendererDraws: Bool {
        let buffer = CanvasSnapshot.render(Samples.orderFlow(), theme: .standard)
        return (0..<buffer.height).contains { y in (0..<buffer.width).contains { buffer[$0, y].character != " " } }
    }

    @Test(.enabled(if: rendererDraws)) func theCanvasShowsEveryNodeLabelAndTheNote() throws {
        let html = SharePages.flowPage(document: Samples.orderFlow())
        let start = try #require(html.range(of: "<pre class=\"canvas\""))
        let end = try #require(html.range(of: "</pre>", range: start.upperBound..<html.endIndex))
        let canvas = String(html[start.lowerBound..<end.upperBound])
        for text in ["Inbound SMS", "Find order", "Resolved", "Orders API: v2 only &lt;b&gt;"] {
            #expect(canvas.contains(text), "canvas lacks \(text)")
        }
    }
}
