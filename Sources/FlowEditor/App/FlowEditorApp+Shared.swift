import FlowKit
import Foundation

extension FlowEditorApp {
    /// `flowcanvas view URL`: a shared flow on the canvas, read-only. The canvas screen
    /// works over a workspace, so the document goes into a private temporary one that is
    /// removed on exit; the user's own workspace is never touched.
    public static func runShared(document: FlowDocument) throws -> Int32 {
        chooseTheme()
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("flowcanvas-view-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let workspace = try Workspace(directory: dir)
        let name = document.name.trimmingCharacters(in: .whitespaces).isEmpty ? "Shared flow" : document.name
        let summary = try workspace.createFlow(named: name, document: document)
        let navigator = EditorNavigator()
        let screen = CanvasScreen(workspace: workspace, flowID: summary.id, flowName: summary.name, document: document,
                                  revision: 0, source: .shared, navigator: navigator)
        navigator.push(screen)
        return try run(navigator)
    }
}
