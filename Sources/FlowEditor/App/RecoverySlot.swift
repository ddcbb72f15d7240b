import FlowKit
import Foundation

/// Unsaved edits written when the terminal goes away (SIGHUP over SSH, SIGTERM), kept
/// in `WORKSPACE/recovery/FLOWID.json` until the next `open` restores or discards them.
/// The file holds the document and the draft revision the edits were based on, so a
/// restored save still detects a conflict with whatever was saved meanwhile.
public struct RecoverySlot: Sendable {
    public let directory: URL

    public init(workspaceDirectory: URL) {
        directory = workspaceDirectory.appendingPathComponent("recovery", isDirectory: true)
    }

    public struct Entry: Equatable, Sendable {
        public var flowID: String
        public var revision: Int
        public var savedAt: Date
        public var document: FlowDocument
    }

    private struct File: Codable {
        var flowID: String
        var revision: Int
        var savedAt: Double
        var document: JSONValue
    }

    public func url(for flowID: String) -> URL {
        directory.appendingPathComponent(FlowNode.sanitizedID(flowID) + ".json")
    }

    /// Writes the slot (atomically: a half-written file would be worse than none).
    public func write(flowID: String, revision: Int, document: FlowDocument, now: Date = Date()) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = File(flowID: flowID, revision: revision, savedAt: now.timeIntervalSince1970,
                        document: FlowCodec.jsonValue(of: document))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try encoder.encode(file).write(to: url(for: flowID), options: .atomic)
    }

    /// The slot for `flowID`, or nil when there is none or it cannot be read.
    public func read(flowID: String) -> Entry? {
        guard let data = try? Data(contentsOf: url(for: flowID)),
              let file = try? JSONDecoder().decode(File.self, from: data),
              let docData = try? JSONEncoder().encode(file.document),
              let doc = try? FlowCodec.importDocument(docData) else { return nil }
        return Entry(flowID: file.flowID, revision: file.revision, savedAt: Date(timeIntervalSince1970: file.savedAt),
                     document: doc)
    }

    public func delete(flowID: String) {
        try? FileManager.default.removeItem(at: url(for: flowID))
    }
}
