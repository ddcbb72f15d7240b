import FlowKit

/// Finding messages name their node ("Start "Inbound SMS" (start): …"); where the node is
/// already obvious (its form, a row labelled with its id) the rest is enough.
enum FindingText {
    static func short(_ f: Finding) -> String {
        guard let node = f.node, let r = f.message.range(of: "(\(node)): ") else { return f.message }
        let rest = f.message[r.upperBound...]
        guard let first = rest.first else { return f.message }
        return first.uppercased() + rest.dropFirst()
    }
}
