import FlowKit
import FlowRuntime
import Foundation
import Hummingbird
import Logging

/// How `serve` writes its log lines (`--log-format`).
public enum ServeLogFormat: String, Sendable, CaseIterable {
    /// `2026-05-01T10:00:00.123Z done     order-status v1 0196…  at done: resolved request=…`
    case text
    /// One JSON object a line: `time`, `level`, `message`, then the metadata
    /// (`request`, and for session events `event`, `flow`, `version`, `session`, `node`, `detail`).
    case json
}

/// The request a log line belongs to. Set by `RequestLogMiddleware` for the whole of a
/// request, so lines logged deeper down (the engine's session events, which know nothing
/// of HTTP) carry the request's id too.
public enum RequestIDContext {
    @TaskLocal public static var current: String?
}

/// A swift-log handler writing `serve`'s lines through the batched `EventLog` (thousands of
/// session events a second must not cost a write call each).
public struct ServeLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public let format: ServeLogFormat
    let sink: EventLog

    /// Metadata that the text form already shows in the message (session events).
    static let shownInMessage: Set<String> = ["event", "flow", "version", "session", "node", "detail",
                                              "method", "path", "status"]

    public init(sink: EventLog, format: ServeLogFormat) {
        self.sink = sink
        self.format = format
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        // Hummingbird names its request id hb.request.id; one name for it in our lines.
        if let id = all.removeValue(forKey: "hb.request.id") { all["request"] = id }
        if all["request"] == nil, let id = RequestIDContext.current { all["request"] = .string(id) }
        sink.line(Self.line(time: Date(), level: event.level, message: event.message.description, metadata: all, format: format))
    }

    static func line(time: Date, level: Logger.Level, message: String, metadata: Logger.Metadata,
                     format: ServeLogFormat) -> String {
        switch format {
        case .text:
            var line = RuntimeJSON.time(time) + " " + message
            for key in metadata.keys.sorted() where !shownInMessage.contains(key) {
                line += " \(key)=\(metadata[key]!)"
            }
            return line
        case .json:
            var object: [String: JSONValue] = ["time": .string(RuntimeJSON.time(time)),
                                               "level": .string(level.rawValue), "message": .string(message)]
            for (key, value) in metadata { object[key] = json(value) }
            return CanonicalJSON.encode(.object(object), indent: false)
        }
    }

    static func json(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case .string(let s): return .string(s)
        case .stringConvertible(let c):
            if let n = c as? Int { return .number(Double(n)) }
            return .string(c.description)
        case .array(let a): return .array(a.map(json))
        case .dictionary(let d): return .object(d.mapValues(json))
        }
    }
}

extension Logger {
    /// `serve`'s logger: lines to `sink` in `format`, from `level` up.
    public static func serve(sink: EventLog, format: ServeLogFormat, level: Logger.Level,
                             label: String = "flowcanvas.serve") -> Logger {
        var logger = Logger(label: label) { _ in ServeLogHandler(sink: sink, format: format) }
        logger.logLevel = level
        return logger
    }

    /// One session event: the text line `serve` has always printed, with its parts as
    /// metadata for the JSON form.
    public func session(_ event: SessionEvent) {
        let level: Logger.Level = event.kind == .failed ? .warning : .info
        guard level >= logLevel else { return }
        log(level: level, "\(EventLog.message(event))", metadata: [
            "event": .string(event.kind.rawValue), "flow": .string(event.flowId),
            "version": event.version.map { .stringConvertible($0) } ?? .string("draft"),
            "session": .string(event.sessionId), "node": .string(event.node ?? ""), "detail": .string(event.detail),
        ])
    }
}

/// One line per request (`debug`, or `error` for a 5xx answer but 503) with method, path, status
/// and time, and the request id on every line logged while the request runs.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        let id = context.id
        let start = ContinuousClock.now
        return try await RequestIDContext.$current.withValue(id) {
            do {
                let response = try await next(request, context)
                log(request, status: Int(response.status.code), start: start)
                return response
            } catch {
                log(request, status: (error as? any HTTPResponseError)?.status.code ?? 500, start: start, error: error)
                throw error
            }
        }
    }

    private func log(_ request: Request, status: Int, start: ContinuousClock.Instant, error: (any Error)? = nil) {
        // 503: the database is away; the outage itself is logged once (`observeOutages`).
        let level: Logger.Level = status >= 500 && status != 503 ? .error : .debug
        guard level >= logger.logLevel else { return }
        let elapsed = ContinuousClock.now - start
        let millis = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        var metadata: Logger.Metadata = ["method": .string(request.method.rawValue), "path": .string(request.uri.path),
                                         "status": .stringConvertible(status)]
        if let error { metadata["error"] = .string(String(describing: error)) }
        logger.log(level: level, "\(request.method.rawValue) \(request.uri.path) \(status) \(String(format: "%.1f", millis)) ms",
                   metadata: metadata)
    }
}
