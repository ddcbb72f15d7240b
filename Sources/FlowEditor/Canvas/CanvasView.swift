import FlowKit
import TerminalUI

/// Extra marks the canvas draws over the document: validator badges, the selected
/// connector, a running session's current node, a version diff.
public struct CanvasDecorations: Sendable {
    /// Worst finding per node id (badge ✖ error / ▲ warning on the box).
    public var severities: [String: Severity] = [:]
    public var selectedConnection: Connection?
    /// Node a test run is currently on.
    public var activeNode: String?

    public init(severities: [String: Severity] = [:], selectedConnection: Connection? = nil, activeNode: String? = nil) {
        self.severities = severities
        self.selectedConnection = selectedConnection
        self.activeNode = activeNode
    }

    public init(report: ValidationReport) {
        for f in report.findings {
            guard let node = f.node else { continue }
            if severities[node] != .error { severities[node] = f.severity }
        }
    }
}

/// Draws the visible part of the canvas (node boxes, connectors, notes, the cursor and
/// the mode's preview) into a region of the cell buffer. Keeps the connector router and
/// its cache in step with the document.
public final class CanvasView {
    public let router = ConnectorRouter()

    public init() {}

    /// Renders `state` into `area` of `buffer`. The caller sets `state.viewportSize` to
    /// the area's size before calling.
    public func render(_ state: CanvasState, into buffer: inout CellBuffer, area: Rect, theme: Theme,
                       decorations: CanvasDecorations = CanvasDecorations()) {
        // TODO(canvas renderer helper)
    }

    /// The connector whose line passes through `p`, if any (for delete on a connector).
    public func connection(at p: GridPoint) -> Connection? {
        nil
    }
}
