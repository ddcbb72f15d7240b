import ArgumentParser
import FlowKit
import FlowStorePostgres
import Foundation

/// `flowcanvas workspace …`: the workspace as a whole.
struct WorkspaceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workspace", abstract: "The workspace as a whole: move it to PostgreSQL.",
        subcommands: [Copy.self])

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a SQLite workspace (--workspace DIR) into an empty PostgreSQL database.",
            discussion: """
                Copies flows, versions, drafts, apps, shares and the runtime's sessions, transcripts, outbox and logbooks, then checks and prints the rows per table. \
                A database with rows in any table is refused and left as it is; the source is only read.
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("The empty database to fill.", valueName: "postgres-url")) var to: String

        func run() throws {
            if let source = global.workspace, PostgresURL.isPostgresURL(source) {
                throw ValidationError("workspace copy copies a SQLite workspace folder; --workspace names a PostgreSQL database")
            }
            let report = try WorkspaceCopy.copy(sourceDirectory: WorkspaceLocation.resolve(option: global.workspace), to: to)
            Output.out(CLIText.workspaceCopy(report))
        }
    }
}
