import FlowKit
import Foundation
@testable import FlowEditor

/// The flow list on `tw`'s workspace, pushed on a navigator of its own, labelled `~/flows`,
/// with its clock three hours (and a minute) ahead, so EDITED reads "3h ago" however long a
/// test runs.
func openFlowList(_ tw: TempWorkspace) -> (EditorNavigator, FlowListScreen) {
    let nav = EditorNavigator()
    let s = FlowListScreen(workspace: tw.workspace, navigator: nav)
    s.workspaceLabel = "~/flows"
    let later = Date().addingTimeInterval(3 * 3600 + 60)
    s.clock = { later }
    nav.push(s)
    return (nav, s)
}
