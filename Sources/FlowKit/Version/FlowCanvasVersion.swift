/// What `flowcanvas --version` reports: the release, and the document format the binary
/// reads and writes with the node catalog compiled into it (the catalog belongs to the
/// format: a type added to it is a change of what `flowcanvas/1` documents may hold).
public enum FlowCanvasVersion {
    /// Raised by hand at each release.
    public static let release = "0.1.0"

    public static var formatIdentifier: String { FlowDocument.formatIdentifier }

    /// One line, e.g. `flowcanvas 0.1.0 (format flowcanvas/1, node catalog: 24 types)`.
    public static func line(catalog: NodeCatalog = .standard) -> String {
        "flowcanvas \(release) (format \(formatIdentifier), node catalog: \(catalog.types.count) types)"
    }
}
