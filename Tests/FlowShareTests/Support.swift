import FlowKit
import Foundation
@testable import FlowShare

/// A fresh workspace in a temporary directory, removed by `cleanUp`.
final class TempWorkspace {
    let directory: URL
    let workspace: Workspace

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("flowshare-\(UUID().uuidString)", isDirectory: true)
        workspace = try Workspace(directory: directory, author: "tester")
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Fewer PBKDF2 iterations than the CLI's 600,000, to keep the many handler tests fast.
let testIterations = 1_000

enum Samples {
    static let secretBase = "https://internal.example.com/SECRET-BASE"

    /// An SMS flow with an externalized variable whose default is a secret, a plain
    /// variable, and a note.
    static func orderFlow(label: String = "Find order") -> FlowDocument {
        FlowDocument(
            name: "Order status", description: "Answers where-is-my-order by SMS", kind: .messaging,
            settings: FlowSettings(
                outcomes: [FlowOutcome(name: "resolved", kind: .success)],
                variables: [CustomVariable(name: "apiBase", default: secretBase, externalized: true),
                            CustomVariable(name: "greeting", default: "Hello there", externalized: false)],
                mediaFolder: "/home/alice/private-prompts"),
            nodes: [
                FlowNode(id: "start", type: "start", label: "Inbound SMS", x: 2, y: 2,
                         config: ["trigger": .string("inbound-message"), "channel": .string("sms"),
                                  "address": .string("+15550100")]),
                FlowNode(id: "lookup", type: "http-request", label: label, x: 32, y: 2,
                         config: ["method": .string("GET"), "url": .string("$(apiBase)/orders/$(start.message)")]),
                FlowNode(id: "done", type: "end", label: "Resolved", x: 62, y: 2,
                         config: ["outcome": .string("resolved")]),
            ],
            connections: [
                Connection(from: "start", outcome: "next", to: "lookup"),
                Connection(from: "lookup", outcome: "success", to: "done"),
            ],
            notes: [FlowNote(id: "note-1", text: "Orders API: v2 only <b>", node: "lookup", x: 32, y: 9)])
    }
}

/// A clock tests move by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_800_000_000)

    var now: Date { lock.withLock { current } }

    func advance(_ seconds: TimeInterval) {
        lock.withLock { current = current.addingTimeInterval(seconds) }
    }
}

/// Records the delays the handler asked for instead of sleeping.
final class RecordedSleeps: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [Duration] = []

    var delays: [Duration] { lock.withLock { list } }

    func record(_ d: Duration) {
        lock.withLock { list.append(d) }
    }
}
