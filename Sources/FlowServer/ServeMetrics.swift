import CoreMetrics
import FlowRuntime
import Foundation
import NIOConcurrencyHelpers
import Prometheus

/// What `serve` counts, offered at `GET /metrics` in Prometheus text format.
///
/// The numbers go through swift-metrics' API (`Counter`, `Gauge`, `Timer`) into a
/// swift-prometheus registry owned by this object, passed as the factory rather than
/// bootstrapped as the process-wide `MetricsSystem`: two servers (or two tests) in one
/// process never mix their counts, and nothing else in the process is affected.
public final class ServeMetrics: Sendable {
    /// The metric names, in one place for the docs and the tests.
    public enum Name {
        public static let sessionsStarted = "flowcanvas_sessions_started_total"
        public static let sessionsFinished = "flowcanvas_sessions_finished_total"
        public static let sessionsFailed = "flowcanvas_sessions_failed_total"
        public static let sessionsWaiting = "flowcanvas_sessions_waiting"
        public static let triggerSeconds = "flowcanvas_trigger_duration_seconds"
        public static let deliveries = "flowcanvas_deliveries_total"
        public static let shareSignIns = "flowcanvas_share_sign_ins_total"
        public static let shareRefusals = "flowcanvas_share_refusals_total"
    }

    private struct Key: Hashable {
        var name: String
        var labels: [String]
    }

    public let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    /// swift-metrics handles by name and labels, so a hot path pays one dictionary lookup.
    private let counters = NIOLockedValueBox<[Key: CoreMetrics.Counter]>([:])
    private let timers = NIOLockedValueBox<[Key: CoreMetrics.Timer]>([:])
    /// Flow versions that had waiting sessions at a scrape: set to 0 once they have none.
    private let waitingSeen = NIOLockedValueBox<Set<[String]>>([])

    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Triggers answer in milliseconds; the default buckets start at 5 ms.
        factory.durationHistogramBuckets[Name.triggerSeconds] = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
            .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
        ]
        self.factory = factory
    }

    private func counter(_ name: String, _ dimensions: [(String, String)]) -> CoreMetrics.Counter {
        let key = Key(name: name, labels: dimensions.flatMap { [$0.0, $0.1] })
        return counters.withLockedValue { cache in
            if let known = cache[key] { return known }
            let made = CoreMetrics.Counter(label: name, dimensions: dimensions, factory: factory)
            cache[key] = made
            return made
        }
    }

    private static func version(_ v: Int?) -> String { v.map(String.init) ?? "draft" }

    /// Sessions started, finished and failed per flow and version (the engine's events).
    public func record(_ event: SessionEvent) {
        let name: String
        switch event.kind {
        case .started: name = Name.sessionsStarted
        case .done: name = Name.sessionsFinished
        case .failed: name = Name.sessionsFailed
        case .waiting, .resumed: return
        }
        counter(name, [("flow", event.flowId), ("version", Self.version(event.version))]).increment()
    }

    /// A trigger route's time from request to answer (`trigger`: hooks, events or inbound).
    public func triggerAnswered(_ trigger: String, after duration: Duration) {
        let key = Key(name: Name.triggerSeconds, labels: [trigger])
        let timer = timers.withLockedValue { cache in
            if let known = cache[key] { return known }
            let made = CoreMetrics.Timer(label: Name.triggerSeconds, dimensions: [("trigger", trigger)], factory: factory)
            cache[key] = made
            return made
        }
        timer.recordNanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    /// A message handed to a channel app (`kind`: outbox or webhook) and how it went.
    public func delivered(app: String, kind: String, result: DeliveryResult) {
        let outcome: String
        switch result {
        case .sent: outcome = "sent"
        case .failed: outcome = "failed"
        }
        counter(Name.deliveries, [("app", app), ("kind", kind), ("result", outcome)]).increment()
    }

    /// A share link's password POST: signed in (200, 303) or refused, by why.
    public func shareSignIn(status: Int) {
        switch status {
        case 200, 303: counter(Name.shareSignIns, []).increment()
        case 401: counter(Name.shareRefusals, [("reason", "wrong-password")]).increment()
        case 429: counter(Name.shareRefusals, [("reason", "too-many-attempts")]).increment()
        case 404: counter(Name.shareRefusals, [("reason", "unknown-link")]).increment()
        case 413: counter(Name.shareRefusals, [("reason", "too-large")]).increment()
        default: counter(Name.shareRefusals, [("reason", "other")]).increment()
        }
    }

    /// The waiting sessions now (read from the store at each scrape, so sessions that
    /// waited across a restart count too).
    public func setWaiting(_ counts: [WaitingCount]) {
        var now: [[String]: Int] = [:]
        for c in counts { now[[c.flowId, Self.version(c.version)], default: 0] += c.count }
        let all = waitingSeen.withLockedValue { seen -> [[String]: Int] in
            var all = now
            for labels in seen where all[labels] == nil { all[labels] = 0 }
            seen.formUnion(now.keys)
            return all
        }
        for (labels, count) in all {
            CoreMetrics.Gauge(label: Name.sessionsWaiting, dimensions: [("flow", labels[0]), ("version", labels[1])],
                              factory: factory).record(count)
        }
    }

    /// The Prometheus text exposition of everything recorded.
    public func exposition() -> String {
        registry.emitToString()
    }
}

/// Counts every delivery of the apps `inner` resolves (`ServeMetrics.delivered`).
public struct MeasuredAppResolver: AppResolver {
    public let inner: any AppResolver
    public let metrics: ServeMetrics

    public init(_ inner: any AppResolver, metrics: ServeMetrics) {
        self.inner = inner
        self.metrics = metrics
    }

    public func delivery(forApp name: String) throws -> (any MessageDelivery)? {
        guard let delivery = try inner.delivery(forApp: name) else { return nil }
        return MeasuredDelivery(inner: delivery, app: name, kind: delivery is WebhookDelivery ? "webhook" : "outbox",
                                metrics: metrics)
    }
}

struct MeasuredDelivery: MessageDelivery {
    let inner: any MessageDelivery
    let app: String
    let kind: String
    let metrics: ServeMetrics

    func deliver(_ message: OutboundMessage) async -> DeliveryResult {
        let result = await inner.deliver(message)
        metrics.delivered(app: app, kind: kind, result: result)
        return result
    }
}
