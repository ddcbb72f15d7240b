import ArgumentParser
import FlowKit
import FlowRuntime
import FlowRuntimePostgres
import FlowServer
import Foundation
import Logging

// serve, sessions, session, outbox, logs, run (DESIGN §11).

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run every live flow of the workspace: the HTTP API of triggers, sessions and the outbox.",
        discussion: """
            Make Live, pause and resume apply to the next request, without a restart. One line per \
            session event goes to standard output. Ctrl-C or SIGTERM stops it cleanly.
            """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0: any free port, printed when ready).") var port = 8600
    @Option(help: "Lowest level written: trace, debug (adds a line per request), info (session events), notice, warning, error or critical.")
    var logLevel = "info"
    @Option(help: "text (one line per event) or json (one object per line).") var logFormat: ServeLogFormat = .text
    @Option(name: .customLong("allow-origin"), help: ArgumentHelp(
        "A browser origin (e.g. https://app.example.com) allowed to trigger flows; repeatable. Other requests with an Origin header get 403.",
        valueName: "origin"))
    var allowOrigins: [String] = []
    @Flag(help: "Behind a reverse proxy: trust its X-Forwarded-For (client address) and X-Forwarded-Proto (https) headers.")
    var trustProxy = false
    @Option(name: .customLong("tls-cert"), help: ArgumentHelp("Serve HTTPS with this PEM certificate chain (needs --tls-key).", valueName: "file"))
    var tlsCert: String?
    @Option(name: .customLong("tls-key"), help: ArgumentHelp("The PEM private key of --tls-cert.", valueName: "file"))
    var tlsKey: String?
    @Option(help: ArgumentHelp("Close a connection whose request header and body are not all received within this many seconds.",
                               valueName: "seconds"))
    var requestTimeout: Double = 10
    @Option(help: "Connections open at once beyond this are closed at once.") var maxConnections = 1000

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        // Checked here, not by argument-parser, whose refusal lists the seven levels on
        // lines of their own (and an error is one line).
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be trace, debug, info, notice, warning, error or critical")
        }
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
        guard requestTimeout > 0, requestTimeout <= 3600 else { throw ValidationError("--request-timeout must be more than 0 and at most 3600 seconds") }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1") }
        for origin in allowOrigins where !(origin.hasPrefix("http://") || origin.hasPrefix("https://")) {
            throw ValidationError("--allow-origin must be an origin such as https://app.example.com, not '\(origin)'")
        }
    }

    func run() async throws {
        let configuration = RuntimeServer.Configuration(
            host: host, port: port, logLevel: Logger.Level(rawValue: logLevel) ?? .info, logFormat: logFormat,
            allowedOrigins: allowOrigins, trustProxy: trustProxy,
            tls: tlsCert.flatMap { cert in tlsKey.map { (cert, $0) } },
            requestTimeout: .milliseconds(Int64(requestTimeout * 1000)), maxConnections: maxConnections)
        let workspace = try global.open()
        let server = try RuntimeServer(workspace: workspace, storage: try RuntimeStorageOpening.open(workspace),
                                       configuration: configuration)
        let logger = server.logger, log = server.log
        let scheme = configuration.tls == nil ? "http" : "https"
        do {
            try await server.run { host, port in
                let shown = host.contains(":") ? "[\(host)]" : host
                logger.notice("serving on \(scheme)://\(shown):\(port)")
                if configuration.exposesPasswordsInClear {
                    logger.warning("listening on \(host) without TLS: share passwords would cross the network in clear (use --tls-cert/--tls-key or --trust-proxy behind an HTTPS proxy)")
                }
                log.flush()
            }
        } catch let error as RuntimeServer.ServeError {
            throw failure(error.description, code: 2)
        }
    }
}

extension ServeLogFormat: ExpressibleByArgument {}

struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions", abstract: "A flow's sessions, newest first.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Flow name or id.") var flow: String
    @Option(help: "Only sessions in this state: running, waiting, done or failed.") var state: SessionState?
    @Option(help: "At most this many sessions.") var limit = 100
    @Flag(help: "JSON output.") var json = false

    func run() throws {
        let ws = try global.open()
        let summary = try ws.flow(flow)
        let storage = try RuntimeStorageOpening.open(ws)
        defer { storage.close() }
        let list = SessionRedaction.applied(to: try storage.sessions.sessions(flowId: summary.id, state: state, limit: max(1, limit)),
                                            flows: WorkspaceFlowSource(workspace: ws))
        Output.out(json ? RuntimeOutput.json(.array(list.map { RuntimeJSON.session($0, transcript: false) }))
                   : RuntimeText.sessions(list, flowName: summary.name))
    }
}

extension SessionState: ExpressibleByArgument {}

struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session", abstract: "One session: state, version, current node, variables, transcript.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Session id.") var id: String
    @Flag(help: "JSON output.") var json = false

    func run() throws {
        let ws = try global.open()
        let storage = try RuntimeStorageOpening.open(ws)
        defer { storage.close() }
        guard let stored = try storage.sessions.session(id: id) else {
            throw failure("no session '\(id)'", code: 2)
        }
        let session = SessionRedaction.of(stored, flows: WorkspaceFlowSource(workspace: ws)).apply(stored)
        Output.out(json ? RuntimeOutput.json(RuntimeJSON.session(session)) : RuntimeText.session(session))
    }
}

struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "Messages sent through the built-in outbox app, oldest first.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Only the newest N messages.") var limit: Int?
    @Flag(help: "JSON output.") var json = false

    func run() throws {
        let storage = try RuntimeStorageOpening.open(try global.open())
        defer { storage.close() }
        let messages = try storage.outbox.messages(limit: limit)
        Output.out(json ? RuntimeOutput.json(.array(messages.map(RuntimeJSON.outbox))) : RuntimeText.outbox(messages))
    }
}

struct LogsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs", abstract: "A logbook's entries (what log nodes wrote), oldest first.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Logbook name.") var logbook: String
    @Flag(help: "JSON output.") var json = false

    func run() throws {
        let storage = try RuntimeStorageOpening.open(try global.open())
        defer { storage.close() }
        let entries = try storage.sessions.logs(logbook: logbook)
        Output.out(json ? RuntimeOutput.json(.array(entries.map(RuntimeJSON.log)))
                   : RuntimeText.logs(entries, logbook: logbook))
    }
}

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Test-run a flow in process on a virtual clock, following a script; exit 1 if an expectation fails.",
        discussion: """
            Runs the working draft (default, when there is one; else the live version), or version N. \
            Nothing is written to the workspace and no message leaves: every channel goes to an \
            in-memory outbox (http-request nodes make their calls unless stubbed). A script is a JSON \
            array of steps: {"trigger": {"from", "to", "message", "body"}}, {"reply": "text"}, \
            {"wait": seconds}, {"expect": {"node" | "at" | "state" | "outcome" | "variable" + "equals" | \
            "messageSent"}}, {"stub": {"node", "status", "headers", "body", "latency"}} (that http-request \
            node answers so from then on, without a call).
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Flow name or id.") var flow: String
    @Flag(help: "Run the working draft.") var draft = false
    @Option(help: "Run version N.") var version: Int?
    @Option(help: "The script file (JSON).") var script: String
    @Flag(help: "JSON output.") var json = false

    func validate() throws {
        if draft && version != nil { throw ValidationError("give --draft or --version N, not both") }
    }

    func run() async throws {
        let url = CLIArguments.fileURL(script)
        let data: Data
        do { data = try DocumentFile.read(url) } catch {
            throw failure("cannot read the script \(error.message.dropFirst("cannot read ".count))", code: 2)
        }
        let parsed: RunScript
        do { parsed = try RunScript(json: data) } catch {
            throw failure("the script \(url.lastPathComponent) is malformed: \(error.message)", code: 2)
        }
        let ws = try global.open()
        let live: LiveFlow
        if let version {
            let v = try ws.version(flow, version)
            live = LiveFlow(flowId: v.flowID, version: v.number, document: v.document,
                            appBindings: v.apps, variableValues: v.variables)
        } else {
            let stored = try ws.document(flow, draft ? .draft : nil)
            switch stored.ref {
            case .draft:
                live = LiveFlow(flowId: stored.flowID, version: nil, document: stored.document)
            case .version(let n):
                let v = try ws.version(stored.flowID, n)
                live = LiveFlow(flowId: v.flowID, version: v.number, document: v.document,
                                appBindings: v.apps, variableValues: v.variables)
            }
        }
        let runner = TestRunner(flow: live)
        let report = await runner.run(parsed)
        Output.out(json ? RuntimeOutput.json(RuntimeJSON.runReport(report)) : report.text)
        if !report.passed { throw Refused(code: 1) }
    }
}

/// Prints `flowcanvas: message` on standard error and returns the error that exits with
/// `code` without printing more (CommandLineEntry's `Refused`).
func failure(_ message: String, code: Int32) -> Refused {
    Output.err("flowcanvas: \(message)\n")
    return Refused(code: code)
}

enum RuntimeOutput {
    static func json(_ value: JSONValue) -> String {
        CanonicalJSON.encode(value)
    }
}
