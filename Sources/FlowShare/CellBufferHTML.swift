import TerminalUI

/// A cell buffer as HTML: one `<pre>` whose rows are runs of equally styled cells, each
/// run a `<span>` with inline CSS (no classes, no external stylesheet), text escaped.
/// This is how the share page shows the canvas exactly as the terminal draws it.
public enum CellBufferHTML {
    /// `theme.canvasBackground` gives the page's default colours when it sets any; else
    /// a dark terminal's (`WebPalette`).
    public static func render(_ buffer: CellBuffer, theme: Theme) -> String {
        let base = Colors(theme: theme)
        var out = "<pre class=\"canvas\" style=\"color:\(base.foreground);background:\(base.background)\">"
        for y in 0..<buffer.height {
            if y > 0 { out += "\n" }
            out += row(buffer, y: y, base: base)
        }
        out += "</pre>"
        return out
    }

    struct Colors {
        var foreground: String
        var background: String

        init(theme: Theme) {
            foreground = WebPalette.css(theme.canvasBackground.foreground) ?? WebPalette.defaultForeground
            background = WebPalette.css(theme.canvasBackground.background) ?? WebPalette.defaultBackground
        }
    }

    private static func row(_ buffer: CellBuffer, y: Int, base: Colors) -> String {
        // Trailing blank cells with no visible style are left out: the <pre> is wide enough.
        var end = buffer.width
        while end > 0 {
            let cell = buffer[end - 1, y]
            guard cell.character == " " && css(cell.style, base: base).isEmpty else { break }
            end -= 1
        }
        var out = ""
        var runStyle: Style?
        var runText = ""
        func flush() {
            guard let style = runStyle, !runText.isEmpty else { return }
            let declarations = css(style, base: base)
            let text = HTMLText.escape(runText)
            out += declarations.isEmpty ? text : "<span style=\"\(declarations)\">\(text)</span>"
            runText = ""
        }
        for x in 0..<end {
            let cell = buffer[x, y]
            if cell.isContinuation { continue }
            if cell.style != runStyle {
                flush()
                runStyle = cell.style
            }
            runText.append(cell.character)
        }
        flush()
        return out
    }

    /// The inline CSS for a style, empty when it looks like the page's default.
    static func css(_ style: Style, base: Colors) -> String {
        var fg = WebPalette.css(style.foreground)
        var bg = WebPalette.css(style.background)
        if style.attributes.contains(.reverse) {
            let f = fg ?? base.foreground, b = bg ?? base.background
            fg = b
            bg = f
        }
        var parts: [String] = []
        if let fg { parts.append("color:\(fg)") }
        if let bg { parts.append("background:\(bg)") }
        if style.attributes.contains(.bold) { parts.append("font-weight:bold") }
        if style.attributes.contains(.italic) { parts.append("font-style:italic") }
        if style.attributes.contains(.underline) { parts.append("text-decoration:underline") }
        if style.attributes.contains(.dim) { parts.append("opacity:0.6") }
        return parts.joined(separator: ";")
    }
}
