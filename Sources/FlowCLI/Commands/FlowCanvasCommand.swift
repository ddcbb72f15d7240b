import ArgumentParser
import FlowEditor
import FlowKit
import FlowStorePostgres

struct FlowCanvasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flowcanvas",
        abstract: "Build, version and run customer-interaction flows.",
        discussion: """
            A FLOW is named by its name or id. Exit codes: 0 ok, 1 refused (validation errors, \
            conflict, unsupported import), 2 usage or environment.
            """,
        version: FlowCanvasVersion.line(),
        subcommands: [
            NewCommand.self, TemplatesCommand.self, ListCommand.self, ShowCommand.self, SaveCommand.self,
            ShareCommand.self, ViewCommand.self,
            ValidateCommand.self, MakeLiveCommand.self, EditCommand.self, HistoryCommand.self, DiffCommand.self,
            LogCommand.self, BlameCommand.self,
            PauseCommand.self, ResumeCommand.self, CopyCommand.self, DeleteCommand.self, ImportCommand.self,
            ExportCommand.self, PasteCommand.self, CompileCommand.self, PromptsCommand.self, MediaCommand.self, AppsCommand.self, BenchCommand.self,
            OpenCommand.self, ReferenceCommand.self, WorkspaceCommand.self,
            ServeCommand.self, SessionsCommand.self, SessionCommand.self, OutboxCommand.self, LogsCommand.self, RunCommand.self,
        ]
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        // On a terminal: the editor's flow list. Piped or scripted: the help, as before.
        guard EditorLaunch.isInteractive else {
            Output.out(FlowCanvasCommand.helpMessage() + "\n")
            return
        }
        let ws = try global.openForEditor()
        try EditorLaunch.run { try FlowEditorApp.runFlowList(workspace: ws) }
    }
}

/// `--workspace DIR|URL`, accepted before or after the subcommand.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Workspace directory, or a postgres://user@host:port/db URL (default: $FLOWCANVAS_DATABASE_URL, else $FLOWCANVAS_HOME, else $XDG_DATA_HOME/flowcanvas, else ~/.local/share/flowcanvas).",
        valueName: "dir|url"))
    var workspace: String?

    func open() throws -> Workspace {
        try WorkspaceOpening.open(option: workspace)
    }

    /// The editor's workspace: SQLite or PostgreSQL alike (every editor feature goes
    /// through the store API; test runs use an in-memory session store).
    func openForEditor() throws -> Workspace {
        try open()
    }
}
