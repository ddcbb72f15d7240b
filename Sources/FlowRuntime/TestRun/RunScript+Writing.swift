import FlowKit
import Foundation

// Scripts written back out (the editor saves a test run as a `run --script` file).
extension RunScript {
    /// The script as `RunScript(json:)` reads it back: one step per line.
    public var json: String {
        "[\n" + steps.map { "  " + CanonicalJSON.encode($0.jsonValue, indent: false) }.joined(separator: ",\n") + "\n]\n"
    }
}

extension RunStep {
    public var jsonValue: JSONValue {
        switch self {
        case .trigger(let t):
            var o: [String: JSONValue] = [:]
            if let v = t.from { o["from"] = .string(v) }
            if let v = t.to { o["to"] = .string(v) }
            if let v = t.message { o["message"] = .string(v) }
            if let v = t.channel { o["channel"] = .string(v) }
            if let v = t.body { o["body"] = v }
            return .object(["trigger": .object(o)])
        case .reply(let text): return .object(["reply": .string(text)])
        case .wait(let seconds): return .object(["wait": .number(seconds)])
        case .stub(let node, let stub): return stub.scriptStep(node: node)
        case .expect(let e):
            var o: [String: JSONValue] = [:]
            if let v = e.node { o["node"] = .string(v) }
            if let v = e.at { o["at"] = .string(v) }
            if let v = e.state { o["state"] = .string(v.rawValue) }
            if let v = e.outcome { o["outcome"] = v.map(JSONValue.string) ?? .null }
            if let v = e.variable { o["variable"] = .string(v) }
            if let v = e.equals { o["equals"] = v }
            if let m = e.messageSent {
                var s: [String: JSONValue] = [:]
                if let v = m.to { s["to"] = .string(v) }
                if let v = m.channel { s["channel"] = .string(v) }
                if let v = m.contains { s["contains"] = .string(v) }
                if let v = m.message { s["message"] = .string(v) }
                o["messageSent"] = .object(s)
            }
            return .object(["expect": .object(o)])
        }
    }
}
