import FlowKit
import FlowRuntime
import FlowShare
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOSSL

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
        /// Lines below this level are not written (session events are info, failed
        /// sessions warning, one line per request debug, a 5xx answer error).
        public var logLevel: Logger.Level
        public var logFormat: ServeLogFormat
        /// Browser origins allowed to trigger flows (`--allow-origin`); other requests
        /// carrying an `Origin` header get 403.
        public var allowedOrigins: [String]
        /// Believe a reverse proxy's X-Forwarded-For / X-Forwarded-Proto (`--trust-proxy`).
        public var trustProxy: Bool
        /// PEM certificate chain and private key: serve HTTPS (`--tls-cert`, `--tls-key`).
        public var tls: (certificateFile: String, keyFile: String)?
        /// A request whose header and body are not all received within this is closed
        /// (`--request-timeout`).
        public var requestTimeout: Duration
        /// Connections open at once beyond this are closed at once (`--max-connections`).
        public var maxConnections: Int

        public init(host: String = "127.0.0.1", port: Int = 8600, maxBodyBytes: Int = RuntimeAPI.maxBodyBytes,
                    acknowledgeDurably: Bool = true, logLevel: Logger.Level = .info, logFormat: ServeLogFormat = .text,
                    allowedOrigins: [String] = [], trustProxy: Bool = false,
                    tls: (certificateFile: String, keyFile: String)? = nil,
                    requestTimeout: Duration = .seconds(10), maxConnections: Int = 1000) {
            self.host = host
            self.port = port
            self.maxBodyBytes = maxBodyBytes
            self.acknowledgeDurably = acknowledgeDurably
            self.logLevel = logLevel
            self.logFormat = logFormat
            self.allowedOrigins = allowedOrigins
            self.trustProxy = trustProxy
            self.tls = tls
            self.requestTimeout = requestTimeout
            self.maxConnections = maxConnections
        }

        /// True when passwords typed on share pages would cross a network in clear: a
        /// listening address other than loopback, without TLS or a trusted proxy.
        public var exposesPasswordsInClear: Bool {
            guard tls == nil, !trustProxy else { return false }
            return !(host == "localhost" || host == "::1" || host.hasPrefix("127."))
        }
    }

    public enum ServeError: Error, CustomStringConvertible {
        case addressInUse(host: String, port: Int)
        case cannotListen(host: String, port: Int, reason: String)
        case badTLS(String)

        public var description: String {
            switch self {
            case .addressInUse(let host, let port):
                return "cannot serve on \(host):\(port): the port is already in use (choose another with --port)"
            case .cannotListen(let host, let port, let reason):
                return "cannot serve on \(host):\(port): \(reason)"
            case .badTLS(let reason):
                return "cannot serve HTTPS: \(reason)"
            }
        }
    }

    public let workspace: Workspace
    public let configuration: Configuration
    public let log: EventLog
    /// Every line `serve` writes goes through this (to `log`, in the configured format).
    public let logger: Logger
    public let engine: FlowEngine
    public let metrics: ServeMetrics
    /// The runtime's tables (sessions, outbox) on the workspace's database.
    private let storage: any RuntimeStorage
    /// The one outgoing HTTP client of this server (http-request nodes, webhook apps),
    /// shut down when `run` returns.
    private let http: NetworkHTTPClient

    /// `storage`: the runtime's tables; nil: those in the workspace's SQLite file.
    public init(workspace: Workspace, storage: (any RuntimeStorage)? = nil, configuration: Configuration = Configuration(),
                log: EventLog = EventLog()) throws(WorkspaceError) {
        self.workspace = workspace
        self.configuration = configuration
        self.log = log
        let logger = Logger.serve(sink: log, format: configuration.logFormat, level: configuration.logLevel)
        self.logger = logger
        let chosen: any RuntimeStorage
        if let storage { chosen = storage } else { chosen = try SQLiteRuntimeStorage(workspace: workspace) }
        self.storage = chosen
        // One line when the database server is lost and one when it is back, rather than
        // one per refused request (RequestLogMiddleware logs 503 answers at debug).
        chosen.observeOutages { change in
            switch change {
            case .lost: logger.error("\(change.description)")
            case .restored: logger.notice("\(change.description)")
            }
        }
        let http = NetworkHTTPClient()
        self.http = http
        let metrics = ServeMetrics()
        self.metrics = metrics
        self.engine = FlowEngine(
            store: chosen.sessions, flows: WorkspaceFlowSource.notified(workspace: workspace, storage: chosen),
            apps: MeasuredAppResolver(WorkspaceAppResolver(workspace: workspace, outbox: chosen.outbox, http: http),
                                      metrics: metrics), http: http,
            options: EngineOptions(acknowledgeDurably: configuration.acknowledgeDurably, onEvent: { event in
                logger.session(event)
                metrics.record(event)
            }))
    }

    /// Serves until SIGINT or SIGTERM, then stops gracefully: stops accepting, lets
    /// requests in progress finish, stops the timers, commits every queued session.
    /// `onReady` gets the address actually listened on.
    public func run(onReady: @escaping @Sendable (_ host: String, _ port: Int) -> Void) async throws {
        // Bad certificate files are refused before anything starts.
        let server = try Self.serverBuilder(configuration)
        log.start()
        let recovered = await engine.resumeAll()
        if recovered.resumed > 0 || recovered.timersFired > 0 {
            logger.notice("recovered after a restart: \(recovered.resumed) running session(s) resumed, \(recovered.timersFired) overdue timer(s) fired")
        }
        let api = RuntimeAPI(engine: engine, outbox: { [storage] in
            try storage.outbox.messages(limit: nil)
        })
        let shareLogger = logger
        let share = ShareAccess(workspace: workspace, configuration: .init(warn: { shareLogger.warning("\($0)") }))
        let router = RuntimeRoutes.router(api: api, share: share,
                                          maxBodyBytes: configuration.maxBodyBytes, metrics: metrics, logger: logger,
                                          allowedOrigins: configuration.allowedOrigins,
                                          transport: ServeTransport(tls: configuration.tls != nil,
                                                                    trustProxy: configuration.trustProxy))

        // Hummingbird's own lines (startup, connection errors) only when asked for debug.
        let frameworkLogger = Logger.serve(sink: log, format: configuration.logFormat,
                                           level: configuration.logLevel <= .debug ? configuration.logLevel : .warning,
                                           label: "flowcanvas.http")
        let host = configuration.host, port = configuration.port
        let started = ReadyFlag()
        let app = Application(
            router: router,
            server: server,
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                started.set()
                onReady(host, channel.localAddress?.port ?? port)
            },
            logger: frameworkLogger)
        let timers = Task { await engine.runTimers() }
        defer { timers.cancel() }
        do {
            try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        } catch {
            timers.cancel()
            try? await http.shutdown()
            try? await storage.sessions.durable()
            log.stop()
            if !started.isSet { throw Self.listenError(error, host: host, port: port) }
            throw error
        }
        timers.cancel()
        await timers.value
        try? await http.shutdown()
        try? await storage.sessions.durable()
        storage.close()
        let counts = storage.commitCounts
        logger.notice("stopped (\(counts.rows) session saves and log lines committed in \(counts.transactions) transactions)")
        log.stop()
    }

    /// HTTP/1.1, each connection guarded (`RequestDeadlineHandler`, `ConnectionLimitHandler`),
    /// over TLS when configured.
    static func serverBuilder(_ configuration: Configuration) throws(ServeError) -> HTTPServerBuilder {
        let counter = ConnectionLimitHandler.Counter(limit: configuration.maxConnections)
        let timeout = TimeAmount.nanoseconds(Int64(configuration.requestTimeout.components.seconds) * 1_000_000_000
            + configuration.requestTimeout.components.attoseconds / 1_000_000_000)
        let http1 = HTTPServerBuilder.http1(configuration: .init(
            additionalChannelHandlers: [ConnectionLimitHandler(counter: counter), RequestDeadlineHandler(timeout: timeout)]))
        guard let tls = configuration.tls else { return http1 }
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(tls.certificateFile).map { NIOSSLCertificateSource.certificate($0) }
            guard !chain.isEmpty else { throw ServeError.badTLS("\(tls.certificateFile) holds no PEM certificate") }
            let key = try NIOSSLPrivateKey(file: tls.keyFile, format: .pem)
            var tlsConfiguration = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
            tlsConfiguration.minimumTLSVersion = .tlsv12
            return try HTTPServerBuilder.tls(http1, tlsConfiguration: tlsConfiguration)
        } catch let error as ServeError {
            throw error
        } catch {
            throw .badTLS("\(tls.certificateFile) / \(tls.keyFile): \(error)")
        }
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
