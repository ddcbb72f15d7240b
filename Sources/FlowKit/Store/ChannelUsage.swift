import Foundation

extension FlowDocument {
    /// The channels Make Live binds to apps: those of send nodes and of the Start
    /// trigger (an inbound call is the `voice` channel). Only catalog channels count: a
    /// channel computed from a reference is bound when it runs, not here.
    public func channelsUsed(catalog: NodeCatalog = .standard) -> [String] {
        var used = Set<String>()
        for node in nodes {
            switch node.type {
            case "send":
                if let c = node.config["channel"]?.stringValue { used.insert(c) }
            case "start":
                switch node.config["trigger"]?.stringValue {
                case "inbound-message":
                    if let c = node.config["channel"]?.stringValue { used.insert(c) }
                case "inbound-call":
                    used.insert("voice")
                default:
                    break
                }
            default:
                break
            }
        }
        return used.filter { catalog.channels.contains($0) }.sorted()
    }
}
