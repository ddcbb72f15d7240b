import Foundation

/// Checks a document against DESIGN.md §5. Linear in nodes + connections: indexes are
/// built once, each template and expression is parsed once.
public struct Validator: Sendable {
    public let catalog: NodeCatalog

    public init(catalog: NodeCatalog = .standard) {
        self.catalog = catalog
    }

    public func validate(_ document: FlowDocument) -> ValidationReport {
        run(document).report()
    }

    /// Everything but the final ordering, so the voice compiler can add its findings.
    func run(_ document: FlowDocument) -> ValidationRun {
        var run = ValidationRun(document: document, catalog: catalog)
        run.checkSettings()
        let starts = run.checkStarts()
        for i in document.nodes.indices {
            run.checkNode(i, firstIndexOfID: run.firstIndexOfID(at: i))
            run.recordOutcomes(of: i)
        }
        let wiring = run.checkConnections()
        run.checkOutcomes(wiring)
        run.checkReachability(starts: starts, wiring: wiring)
        return run
    }
}
