import Foundation

/// Checks a document against DESIGN.md §5. Linear in nodes + connections.
public struct Validator: Sendable {
    public let catalog: NodeCatalog

    public init(catalog: NodeCatalog = .standard) {
        self.catalog = catalog
    }

    public func validate(_ document: FlowDocument) -> ValidationReport {
        // TODO(validation helper): implement every code of DESIGN §5.
        ValidationReport(findings: [])
    }
}
