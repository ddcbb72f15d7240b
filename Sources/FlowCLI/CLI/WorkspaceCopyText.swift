import Foundation
import FlowStorePostgres

extension CLIText {
    /// What `workspace copy` prints: where to, then the rows per table (checked equal on
    /// both sides before the copy committed).
    static func workspaceCopy(_ report: WorkspaceCopy.Report) -> String {
        var text = "Copied the workspace to \(report.target); rows per table (source = copy):\n"
        for (name, count) in report.tables {
            text += "  " + name.padding(toLength: 20, withPad: " ", startingAt: 0) + String(count) + "\n"
        }
        return text
    }
}
