import Foundation

// Make Live: the working draft becomes the next numbered version and runs.
extension Workspace {
    /// Refused (nothing written) when there is no draft, when validation (voice flows:
    /// the voice compile) finds errors, or when an app binding or variable value is
    /// wrong. Otherwise, in one transaction: version N+1 with the comment, author, time,
    /// `basedOn`, one app per channel the flow uses (default `outbox`) and a value for
    /// every externalized variable (default: its default), and its own change against
    /// version N (`VersionChangeSet`, what blame reads); the draft is deleted; the
    /// live pointer moves to N+1 and the flow is `running`.
    @discardableResult
    public func makeLive(_ nameOrID: String, _ request: MakeLiveRequest = MakeLiveRequest()) throws(WorkspaceError) -> FlowVersion {
        try write { db in
            var flow = try resolve(db, nameOrID)
            guard let draft = try draft(db, of: flow) else { throw WorkspaceError.noDraft(flow: flow.name) }
            if let expected = request.expectedRevision, expected != draft.revision {
                throw WorkspaceError.conflict(flow: flow.name, expected: expected, current: draft.revision)
            }
            let doc = try decode(draft.document, flow: flow)

            let report = doc.kind == .voice
                ? VoiceCompiler.compile(doc, mediaFolder: mediaFolder(for: doc), catalog: catalog)
                : Validator(catalog: catalog).validate(doc)
            guard report.isValid else { throw WorkspaceError.validationFailed(flow: flow.name, report: report) }

            for app in request.newApps {
                try insertApp(db, try checkedApp(name: app.name, channel: app.channel ?? "", webhookURL: app.webhookURL ?? "",
                                                  signingSecret: app.signingSecret))
            }
            let apps = try appBindings(db, flow: flow, document: doc, requested: request.apps)
            let values = try variableValues(flow: flow, document: doc, requested: request.variables)

            let number = (try latestVersionNumber(db, of: flow.id) ?? 0) + 1
            let version = VersionRecord(
                flowId: flow.id, number: number, document: draft.document, comment: request.comment,
                author: author, createdAt: Date(), basedOn: draft.basedOn,
                apps: StringMapColumn.encode(apps), variables: StringMapColumn.encode(values))
            try db.insertVersion(version)
            // Its own change against the version before it, for blame (VersionChangeSet).
            let previous = try number > 1 ? decode(try versionRecord(db, of: flow, number: number - 1).document, flow: flow) : nil
            try db.insertVersionChanges(flowID: flow.id, number: number,
                                        changes: VersionChangeSet.between(previous, doc).encoded())
            try db.deleteDraft(flowID: flow.id)
            flow.liveVersion = number
            flow.state = FlowState.running.rawValue
            try db.updateFlow(flow)
            // Read back, so the caller sees exactly what is stored (times at storage precision).
            return try flowVersion(flow, try versionRecord(db, of: flow, number: number))
        }
    }

    /// channel → app for every channel the document uses.
    func appBindings(_ db: any StoreTransaction, flow: FlowRecord, document: FlowDocument,
                     requested: [String: String]) throws -> [String: String] {
        let used = document.channelsUsed(catalog: catalog)
        var bindings: [String: String] = [:]
        for (channel, appName) in requested {
            guard catalog.channels.contains(channel) else { throw WorkspaceError.unknownChannel(channel) }
            guard used.contains(channel) else { throw WorkspaceError.channelNotUsed(flow: flow.name, channel: channel) }
            if appName.caseInsensitiveCompare(WorkspaceApp.outboxName) == .orderedSame {
                bindings[channel] = WorkspaceApp.outboxName
                continue
            }
            guard let app = try db.app(named: appName) else { throw WorkspaceError.unknownApp(appName) }
            guard app.channel == channel else {
                throw WorkspaceError.appChannelMismatch(app: app.name, appChannel: app.channel, channel: channel)
            }
            bindings[channel] = app.name
        }
        for channel in used where bindings[channel] == nil {
            bindings[channel] = WorkspaceApp.outboxName
        }
        return bindings
    }

    /// externalized variable → value (given, else the variable's default).
    func variableValues(flow: FlowRecord, document: FlowDocument,
                        requested: [String: String]) throws -> [String: String] {
        let externalized = document.settings.variables.filter(\.externalized)
        for name in requested.keys where !externalized.contains(where: { $0.name == name }) {
            throw WorkspaceError.unknownVariable(flow: flow.name, variable: name)
        }
        var values: [String: String] = [:]
        for v in externalized { values[v.name] = requested[v.name] ?? v.default }
        return values
    }

    /// A numbered version with its bindings and values.
    public func version(_ nameOrID: String, _ number: Int) throws(WorkspaceError) -> FlowVersion {
        try read { db in
            let flow = try resolve(db, nameOrID)
            return try flowVersion(flow, try versionRecord(db, of: flow, number: number))
        }
    }

    func flowVersion(_ flow: FlowRecord, _ v: VersionRecord) throws -> FlowVersion {
        FlowVersion(flowID: flow.id, number: v.number, document: try decode(v.document, flow: flow),
                    comment: v.comment, author: v.author, createdAt: v.createdAt, basedOn: v.basedOn,
                    apps: StringMapColumn.decode(v.apps), variables: StringMapColumn.decode(v.variables))
    }

    /// Every flow that has a live version, running or paused, with that version: what
    /// the runtime serves. Read in one snapshot.
    public func liveFlows() throws(WorkspaceError) -> [LiveVersion] {
        try read { db in
            try db.liveFlows().map { flow in
                let v = try versionRecord(db, of: flow, number: flow.liveVersion!)
                return LiveVersion(id: flow.id, name: flow.name,
                                state: flow.state.flatMap(FlowState.init(rawValue:)) ?? .running,
                                version: try flowVersion(flow, v))
            }
        }
    }
}
