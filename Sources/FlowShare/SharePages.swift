import FlowKit
import TerminalUI

/// The share link's pages: plain HTML with inline CSS and no external assets (nothing
/// is fetched from anywhere, so the page works offline and leaks no referrer). Pure
/// functions: the request handler decides which one to send.
public enum SharePages {
    /// The password form. It POSTs the field `password` form-encoded to the same URL.
    public static func passwordPage(token: String, error: String? = nil) -> String {
        let action = HTMLText.escape(ShareLink.pathPrefix + token)
        let message = error.map { "<p class=\"error\" role=\"alert\">\(HTMLText.escape($0))</p>" } ?? ""
        return document(title: "Shared flow", body: """
            <main class="narrow">
            <h1>Shared flow</h1>
            <p>This flow is shared read-only. Enter the password you were given.</p>
            \(message)<form method="post" action="\(action)">
            <label for="password">Password</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required autofocus>
            <button type="submit">Open</button>
            </form>
            </main>
            """)
    }

    /// The same page for a token that never existed and for one that was turned off.
    public static func notFoundPage() -> String {
        document(title: "Not found", body: """
            <main class="narrow"><h1>Not found</h1><p>There is nothing at this address.</p></main>
            """)
    }

    public static func tooManyAttemptsPage(retryAfter seconds: Int) -> String {
        document(title: "Too many attempts", body: """
            <main class="narrow"><h1>Too many attempts</h1>
            <p>Too many wrong passwords were tried for this link. Try again in \(seconds) seconds.</p></main>
            """)
    }

    /// The read-only flow: the canvas as the terminal draws it, then every node's
    /// configuration, the flow's settings and its notes. The document is sanitized here
    /// (externalized variable values blanked) whatever the caller passes.
    public static func flowPage(document raw: FlowDocument, theme: Theme = .standard,
                                catalog: NodeCatalog = .standard) -> String {
        let doc = ShareSanitizer.sanitize(raw)
        let canvas = CellBufferHTML.render(CanvasSnapshot.render(doc, theme: theme, catalog: catalog), theme: theme)
        var body = "<header><h1>\(HTMLText.escape(doc.name))</h1>"
        body += "<p class=\"meta\">Read-only shared flow · \(HTMLText.escape(doc.kind.rawValue)) · "
        body += "\(doc.nodes.count) node\(doc.nodes.count == 1 ? "" : "s")</p>"
        if !doc.description.isEmpty { body += "<p>\(HTMLText.escape(doc.description))</p>" }
        body += "</header>\n<section class=\"canvas-wrap\" aria-label=\"Canvas\">\(canvas)</section>\n"
        body += nodesSection(doc, catalog: catalog)
        body += settingsSection(doc)
        body += notesSection(doc)
        return document(title: doc.name, body: "<main>\n\(body)</main>")
    }

    // MARK: - Sections

    static func nodesSection(_ doc: FlowDocument, catalog: NodeCatalog) -> String {
        var out = "<section><h2>Nodes</h2>\n"
        for node in doc.nodes.sorted(by: { $0.id < $1.id }) {
            let type = catalog.type(node.type)
            let title = type?.title ?? node.type
            out += "<article class=\"node\" id=\"node-\(HTMLText.escape(node.id))\">"
            out += "<h3>\(HTMLText.escape(node.label.isEmpty ? title : node.label))</h3>"
            out += "<dl><dt>id</dt><dd><code>\(HTMLText.escape(node.id))</code></dd>"
            out += "<dt>type</dt><dd>\(HTMLText.escape(title)) (<code>\(HTMLText.escape(node.type))</code>)</dd>"
            out += "<dt>label</dt><dd>\(HTMLText.escape(node.label))</dd></dl>"
            if !node.config.isEmpty {
                out += "<table><thead><tr><th>setting</th><th>value</th></tr></thead><tbody>"
                for key in node.config.keys.sorted() {
                    let value = node.config[key]?.displayText ?? ""
                    out += "<tr><td><code>\(HTMLText.escape(key))</code></td><td class=\"value\">\(HTMLText.escape(value))</td></tr>"
                }
                out += "</tbody></table>"
            }
            let outgoing = doc.connections(from: node.id).sorted()
            if !outgoing.isEmpty {
                out += "<p class=\"links\">"
                out += outgoing.map { c in
                    "<code>\(HTMLText.escape(c.outcome))</code> → <a href=\"#node-\(HTMLText.escape(c.to))\">\(HTMLText.escape(c.to))</a>"
                }.joined(separator: " · ")
                out += "</p>"
            }
            out += "</article>\n"
        }
        return out + "</section>\n"
    }

    static func settingsSection(_ doc: FlowDocument) -> String {
        let s = doc.settings
        var rows: [(String, String)] = []
        rows.append(("prevent duplicate sessions", s.preventDuplicateSessions ? "yes" : "no"))
        if !s.uniqueIdentifier.isEmpty { rows.append(("unique identifier", s.uniqueIdentifier)) }
        if !s.logbooks.isEmpty { rows.append(("logbooks", s.logbooks.joined(separator: ", "))) }
        if !s.outcomes.isEmpty {
            rows.append(("outcomes", s.outcomes.map { "\($0.name) (\($0.kind.rawValue))" }.joined(separator: ", ")))
        }
        for v in s.variables {
            rows.append(("variable \(v.name)", v.externalized ? "externalized: set when made live" : "default: \(v.default)"))
        }
        if !s.languages.isEmpty {
            rows.append(("languages", s.languages.map { $0.required ? "\($0.code) (required)" : $0.code }
                .joined(separator: ", ")))
        }
        var out = "<section><h2>Settings</h2><table><tbody>"
        for (k, v) in rows {
            out += "<tr><td>\(HTMLText.escape(k))</td><td class=\"value\">\(HTMLText.escape(v))</td></tr>"
        }
        return out + "</tbody></table></section>\n"
    }

    static func notesSection(_ doc: FlowDocument) -> String {
        guard !doc.notes.isEmpty else { return "" }
        var out = "<section><h2>Notes</h2>\n"
        for note in doc.notes.sorted(by: { $0.id < $1.id }) {
            let attached = note.node.map { " · on <a href=\"#node-\(HTMLText.escape($0))\">\(HTMLText.escape($0))</a>" } ?? ""
            out += "<article class=\"note\"><p class=\"meta\">\(HTMLText.escape(note.id))\(attached)</p>"
            out += "<p class=\"note-text\">\(HTMLText.escape(note.text))</p></article>\n"
        }
        return out + "</section>\n"
    }

    // MARK: - Frame

    static let styleSheet = """
        body{margin:0;background:#f6f6f4;color:#1d1d1f;font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif}
        main{max-width:1200px;margin:0 auto;padding:24px}
        main.narrow{max-width:420px;margin-top:12vh}
        h1{font-size:1.6em;margin:0 0 .3em}h2{margin-top:1.6em;border-bottom:1px solid #ddd}
        .meta{color:#666;font-size:.9em}
        .canvas-wrap{overflow:auto;border-radius:6px;border:1px solid #333}
        pre.canvas{margin:0;padding:8px;font:13px/1.2 ui-monospace,"DejaVu Sans Mono",Menlo,monospace;width:max-content}
        article{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 14px;margin:10px 0}
        article h3{margin:0 0 .4em}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0 0 .5em}dt{color:#666}dd{margin:0}
        table{border-collapse:collapse;width:100%}td,th{border-top:1px solid #eee;padding:4px 8px;text-align:left;vertical-align:top}
        td.value,.note-text{white-space:pre-wrap;word-break:break-word}
        code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.92em}
        form{display:grid;gap:8px}input{font:inherit;padding:8px;border:1px solid #aaa;border-radius:4px}
        button{font:inherit;padding:8px;border:0;border-radius:4px;background:#1d5fbf;color:#fff;cursor:pointer}
        .error{color:#b00020;font-weight:bold}
        """

    static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <meta name="robots" content="noindex, nofollow">
        <title>\(HTMLText.escape(title)) · FlowCanvas</title>
        <style>\(styleSheet)</style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }
}
