import FlowKit
import FlowRuntime
import FlowShare
import Foundation
import Hummingbird
import Logging
import NIOConcurrencyHelpers
import NIOCore

/// `flowcanvas serve`: the HTTP API of DESIGN §11 over a workspace, on Hummingbird.
///
/// The server is a thin adapter: `RuntimeRoutes` maps each request onto a `RuntimeAPI`
/// function or the share links (tested in process with HummingbirdTesting). Beside it run the timers
/// (receive timeouts, delays). Live flows are read from the store on every trigger
/// (`WorkspaceFlowSource`), so Make Live, pause and resume from the CLI or the editor
/// apply to the next request without a restart.
public final class RuntimeServer: Sendable {
    public struct Configuration: Sendable {
        public var host: String
        /// 0 picks a free port (the ready callback tells which).
        public var port: Int
        /// Larger request bodies are refused with 413 before they are read whole.
        public var maxBodyBytes: Int
        /// See `EngineOptions.acknowledgeDurably`.
        public var acknowledgeDurably: Bool

        public init(host: String = "127.0.0.1", port: Int = 8600, maxBodyBytes: Int = RuntimeAPI.maxBodyBytes,
                    acknowledgeDurably: Bool = true) {
            self.host = host
            self.port = port
            self.maxBodyBytes = maxBodyBytes
            self.acknowledgeDurably = acknowledgeDurably
        }
    }

    public enum ServeError: Error, CustomStringConvertible {
        case addressInUse(host: String, port: Int)
        case cannotListen(host: String, port: Int, reason: String)

        public var description: String {
            switch self {
            case .addressInUse(let host, let port):
                return "cannot serve on \(host):\(port): the port is already in use (choose another with --port)"
            case .cannotListen(let host, let port, let reason):
                return "cannot serve on \(host):\(port): \(reason)"
            }
        }
    }

    public let workspace: Workspace
    public let configuration: Configuration
    public let log: EventLog
    public let engine: FlowEngine
    private let store: DatabaseSessionStore
    /// The one outgoing HTTP client of this server (http-request nodes, webhook apps),
    /// shut down when `run` returns.
    private let http: NetworkHTTPClient

    public init(workspace: Workspace, configuration: Configuration = Configuration(), log: EventLog = EventLog()) throws(WorkspaceError) {
        self.workspace = workspace
        self.configuration = configuration
        self.log = log
        let store = try DatabaseSessionStore(workspace: workspace)
        self.store = store
        let http = NetworkHTTPClient()
        self.http = http
        self.engine = FlowEngine(
            store: store, flows: WorkspaceFlowSource(workspace: workspace),
            apps: WorkspaceAppResolver(workspace: workspace, http: http), http: http,
            options: EngineOptions(acknowledgeDurably: configuration.acknowledgeDurably, onEvent: { [log] event in log.line(EventLog.format(event, time: Date())) }))
    }

    /// Serves until SIGINT or SIGTERM, then stops gracefully: stops accepting, lets
    /// requests in progress finish, stops the timers, commits every queued session.
    /// `onReady` gets the address actually listened on.
    public func run(onReady: @escaping @Sendable (_ host: String, _ port: Int) -> Void) async throws {
        log.start()
        let recovered = await engine.resumeAll()
        if recovered.resumed > 0 || recovered.timersFired > 0 {
            log.line("recovered after a restart: \(recovered.resumed) running session(s) resumed, \(recovered.timersFired) overdue timer(s) fired")
        }
        let api = RuntimeAPI(engine: engine, outbox: { [workspace] in
            try OutboxDelivery(workspace: workspace).messages()
        })
        let router = RuntimeRoutes.router(api: api, share: ShareAccess(workspace: workspace),
                                          maxBodyBytes: configuration.maxBodyBytes)
        var logger = Logger(label: "flowcanvas.serve")
        logger.logLevel = .critical
        let host = configuration.host, port = configuration.port
        let started = ReadyFlag()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                started.set()
                onReady(host, channel.localAddress?.port ?? port)
            },
            logger: logger)
        let timers = Task { await engine.runTimers() }
        defer { timers.cancel() }
        do {
            try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        } catch {
            timers.cancel()
            try? await http.shutdown()
            try? await store.durable()
            log.stop()
            if !started.isSet { throw Self.listenError(error, host: host, port: port) }
            throw error
        }
        timers.cancel()
        await timers.value
        try? await http.shutdown()
        try? await store.durable()
        store.close()
        let counts = store.commitCounts
        log.line("stopped (\(counts.rows) session saves and log lines committed in \(counts.transactions) transactions)")
        log.stop()
    }

    static func listenError(_ error: any Error, host: String, port: Int) -> ServeError {
        let text = String(describing: error)
        if let io = error as? IOError, io.errnoCode == EADDRINUSE { return .addressInUse(host: host, port: port) }
        if text.contains("Address already in use") || text.contains("EADDRINUSE") {
            return .addressInUse(host: host, port: port)
        }
        return .cannotListen(host: host, port: port, reason: text)
    }
}

/// Set once the listener is up: tells a bind failure from a later error.
final class ReadyFlag: Sendable {
    private let value = NIOLockedValueBox(false)
    func set() { value.withLockedValue { $0 = true } }
    var isSet: Bool { value.withLockedValue { $0 } }
}
