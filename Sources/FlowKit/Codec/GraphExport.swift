import Foundation

/// Mermaid and Graphviz DOT renderings of a flow, for docs and reviews.
public enum GraphExport {
    public static func mermaid(_ document: FlowDocument) -> String {
        // TODO(codec helper)
        ""
    }

    public static func dot(_ document: FlowDocument) -> String {
        // TODO(codec helper)
        ""
    }
}
