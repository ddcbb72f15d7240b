import FlowKit
import Foundation
import NIOConcurrencyHelpers

/// The workspace store as the runtime's flow source: every live flow's live version,
/// and any version a session is pinned to.
///
/// `liveFlows()` runs on every trigger, so Make Live, pause and resume made by another
/// process (the CLI, the editor) apply to the next trigger, with no restart. It stays
/// cheap: one indexed query for the live pointers (`Workspace.liveFlowPointers()`), at
/// most once per `maxStaleness` (1 ms: under load the query is shared by the requests of
/// that millisecond; a change is seen by every trigger arriving 1 ms after it commits,
/// far less than it takes a person or a script to send one); a version's document is
/// decoded once, the first time it is seen, since versions never change.
public final class WorkspaceFlowSource: LiveFlowSource {
    public let workspace: Workspace

    private struct VersionKey: Hashable {
        var flowID: String
        var number: Int
        var createdAt: Date?
    }

    public let maxStaleness: TimeInterval
    private struct Cache {
        var versions: [VersionKey: LiveFlow] = [:]
        var lastPointers: [LiveFlowPointer]?
        var lastFlows: [LiveFlow] = []
        /// Monotonic time of the last pointer read (nanoseconds).
        var lastRead: UInt64 = 0
        /// Bumped by `invalidate()`: a read that began before it is not kept as fresh.
        var generation: UInt64 = 0
    }
    private let cache = NIOLockedValueBox(Cache())

    public init(workspace: Workspace, maxStaleness: TimeInterval = 0.001) {
        self.workspace = workspace
        self.maxStaleness = maxStaleness
    }

    /// The live pointers on a database that notifies changes (`RuntimeStorage.observeFlowChanges`):
    /// read again only after `invalidate()` or, as a safety net, once a second.
    public static func notified(workspace: Workspace, storage: any RuntimeStorage) -> WorkspaceFlowSource {
        let source = WorkspaceFlowSource(workspace: workspace, maxStaleness: 1)
        if !storage.observeFlowChanges({ [weak source] in source?.invalidate() }) {
            return WorkspaceFlowSource(workspace: workspace)
        }
        return source
    }

    /// Forgets the last pointer read: the next trigger reads them again.
    public func invalidate() {
        cache.withLockedValue { c in
            c.lastPointers = nil
            c.generation &+= 1
        }
    }

    public func liveFlows() throws -> [LiveFlow] {
        let now = DispatchTime.now().uptimeNanoseconds
        let (fresh, generation): ([LiveFlow]?, UInt64) = cache.withLockedValue { c in
            (c.lastPointers != nil && now &- c.lastRead < UInt64(maxStaleness * 1e9) ? c.lastFlows : nil, c.generation)
        }
        if let fresh { return fresh }
        let pointers = try workspace.liveFlowPointers()
        let cached: [LiveFlow]? = cache.withLockedValue { c in
            guard pointers == c.lastPointers, c.generation == generation else { return nil }
            c.lastRead = now
            return c.lastFlows
        }
        if let cached { return cached }
        var flows: [LiveFlow] = []
        for p in pointers {
            let key = VersionKey(flowID: p.id, number: p.liveVersion, createdAt: p.versionCreatedAt)
            var flow: LiveFlow
            if let known = cache.withLockedValue({ $0.versions[key] }) {
                flow = known
            } else {
                guard let (version, _) = try workspace.pinnedVersion(flowID: p.id, number: p.liveVersion) else { continue }
                flow = Self.liveFlow(version, state: p.state)
                cache.withLockedValue { $0.versions[key] = flow }
            }
            flow.state = p.state == .paused ? .paused : .running
            flows.append(flow)
        }
        cache.withLockedValue { c in
            // Invalidated meanwhile: these pointers may predate the change; read again next time.
            c.lastPointers = c.generation == generation ? pointers : nil
            c.lastFlows = flows
            c.lastRead = now
        }
        return flows
    }

    /// A version sessions are pinned to: the document is read once per version (a session
    /// view asks for it on every request); its stamp (made when, flow state) on every call.
    public func flow(id: String, version: Int?) throws -> LiveFlow? {
        // Drafts are never served; only `flowcanvas run` runs them, from a static source.
        guard let version, let stamp = try workspace.versionStamp(flowID: id, number: version) else { return nil }
        let key = VersionKey(flowID: id, number: version, createdAt: stamp.createdAt)
        var flow: LiveFlow
        if let known = cache.withLockedValue({ $0.versions[key] }) {
            flow = known
        } else {
            guard let (stored, _) = try workspace.pinnedVersion(flowID: id, number: version) else { return nil }
            flow = Self.liveFlow(stored, state: stamp.state)
            // Made at the same moment as the stamp read: a version deleted and made again in
            // between is not cached under the old stamp.
            if stored.createdAt == stamp.createdAt { cache.withLockedValue { $0.versions[key] = flow } }
        }
        flow.state = stamp.state == .paused ? .paused : .running
        return flow
    }

    static func liveFlow(_ v: FlowVersion, state: FlowState) -> LiveFlow {
        LiveFlow(flowId: v.flowID, version: v.number, document: v.document,
                 state: state == .paused ? .paused : .running,
                 appBindings: v.apps, variableValues: v.variables)
    }
}

/// Channel apps from the store's `apps` table (`flowcanvas apps add|list|remove`): the
/// built-in `outbox` stores messages in the workspace database; every other app posts
/// them to its webhook. Read per message, so an app added while `serve` runs is used
/// at once.
public struct WorkspaceAppResolver: AppResolver {
    public let workspace: Workspace
    public let http: any HTTPClient
    /// The built-in outbox; nil: the one in the workspace's SQLite file.
    public let outbox: (any OutboxStore)?

    public init(workspace: Workspace, outbox: (any OutboxStore)? = nil, http: any HTTPClient = NetworkHTTPClient.shared) {
        self.workspace = workspace
        self.outbox = outbox
        self.http = http
    }

    public func delivery(forApp name: String) throws -> (any MessageDelivery)? {
        if name.caseInsensitiveCompare(WorkspaceApp.outboxName) == .orderedSame {
            if let outbox { return outbox }
            return try OutboxDelivery(workspace: workspace)
        }
        let app: WorkspaceApp
        do { app = try workspace.app(named: name) } catch {
            if case .unknownApp = error { return nil }
            throw error
        }
        guard let text = app.webhookURL, let url = URL(string: text) else { return nil }
        return WebhookDelivery(url: url, signingSecret: app.signingSecret, http: http)
    }
}
