import Foundation

/// What Make Live changes against the live version, as the wizard's summary says it:
/// nodes added, removed and changed (by label), connectors, settings, the apps and the
/// variable values that change; "first version" when nothing is live yet.
public enum MakeLiveChange {
    public static func lines(live: FlowVersion?, draft: FlowDocument, apps: [String: String],
                             variables: [String: String]) -> [String] {
        guard let live else { return ["Change: first version (nothing is live yet)"] }
        var lines = ["Change against v\(live.number):"]
        let diff = FlowDiff.between(live.document, draft)
        func labels(_ ids: [String], in doc: FlowDocument) -> String {
            ids.map { id in
                let label = doc.node(withID: id)?.label ?? ""
                return label.isEmpty ? id : label
            }.joined(separator: ", ")
        }
        if !diff.addedNodes.isEmpty { lines.append("  + nodes: " + labels(diff.addedNodes, in: draft)) }
        if !diff.removedNodes.isEmpty { lines.append("  - nodes: " + labels(diff.removedNodes, in: live.document)) }
        let changed = diff.changedNodes.filter { !$0.isMoveOnly }.map(\.id)
        if !changed.isEmpty { lines.append("  ~ nodes: " + labels(changed, in: draft)) }
        if !diff.addedConnections.isEmpty || !diff.removedConnections.isEmpty {
            lines.append("  connectors: +\(diff.addedConnections.count) -\(diff.removedConnections.count)")
        }
        if diff.settingsChanged {
            lines.append("  settings: " + (diff.changedSettings.isEmpty ? "changed" : diff.changedSettings.joined(separator: ", ")))
        }
        for channel in Set(apps.keys).union(live.apps.keys).sorted() where apps[channel] != live.apps[channel] {
            lines.append("  app \(channel): \(live.apps[channel] ?? "(none)") → \(apps[channel] ?? "(none)")")
        }
        for name in Set(variables.keys).union(live.variables.keys).sorted() where variables[name] != live.variables[name] {
            lines.append("  \(name): \(shown(live.variables[name])) → \(shown(variables[name]))")
        }
        if lines.count == 1 {
            lines.append(diff.movedNodes.isEmpty ? "  nothing (the same flow, apps and values)" : "  only node positions")
        }
        return lines
    }

    static func shown(_ value: String?) -> String {
        guard let value else { return "(none)" }
        return value.isEmpty ? "(empty)" : value
    }
}
