import FlowKit
import TerminalUI

// What the Make Live wizard knows besides the draft (issue 12): the live version to
// compare with, the workspace's check of a new app, and the draft's revision, so a draft
// changed by another process meanwhile is refused instead of made live unseen.
extension CanvasScreen {
    func prepareMakeLiveWizard(_ wizard: inout MakeLiveWizard, live: FlowVersion?) {
        let draft = document
        wizard.changeLines = { request in
            MakeLiveChange.lines(live: live, draft: draft, apps: request.apps, variables: request.variables)
        }
        let workspace = self.workspace
        wizard.checkNewApp = { app in
            do throws(WorkspaceError) {
                _ = try workspace.checkNewApp(name: app.name, channel: app.channel ?? "", webhookURL: app.webhookURL ?? "",
                                               signingSecret: app.signingSecret)
                return nil
            } catch {
                return error.message
            }
        }
        wizard.expectedRevision = revision
    }

    /// Another process saved (or made live) the draft while the wizard was open.
    func refuseStaleMakeLive(_ error: WorkspaceError) {
        modal = .conflict(ChoiceDialog(
            title: "Make Live refused",
            message: "The working draft changed in another process since Make Live opened (" + error.message
                + "). Nothing was made live. Reload it (your canvas is replaced), save yours as a copy, or cancel?",
            buttons: [.init("Reload", .reload), .init("Save as copy", .saveAsCopy),
                      .init(Self.differencesButton, .showDifferences), .init("Cancel", .cancel)],
            focused: .reload, theme: theme))
        message = "Make Live refused: the draft changed in another process"
    }
}
