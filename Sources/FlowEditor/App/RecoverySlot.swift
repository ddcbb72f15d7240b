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

    public func url(for flowID: String) -> URL {
        directory.appendingPathComponent(FlowNode.sanitizedID(flowID) + ".json")
    }

    /// Writes the slot (atomically: a half-written file would be worse than none).
    public func write(flowID: String, revision: Int, document: FlowDocument, now: Date = Date()) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file: JSONValue = [
            "flowID": .string(flowID),
            "revision": .number(Double(revision)),
            "savedAt": .number(now.timeIntervalSince1970),
            "document": FlowCodec.jsonValue(of: document),
        ]
        try Data(CanonicalJSON.encode(file, indent: true).utf8).write(to: url(for: flowID), options: .atomic)
    }

    /// The slot for `flowID`, or nil when there is none or it cannot be read. The
    /// document goes through `FlowCodec` like every other document read.
    public func read(flowID: String) -> Entry? {
        guard let data = try? Data(contentsOf: url(for: flowID)),
              let file = (try? JSONParser.parse(data))?.objectValue,
              let id = file["flowID"]?.stringValue,
              let revision = file["revision"]?.numberValue, let savedAt = file["savedAt"]?.numberValue,
              let document = file["document"], document.objectValue != nil,
              let doc = try? FlowCodec.importDocument(Data(CanonicalJSON.encode(document, indent: false).utf8))
        else { return nil }
        return Entry(flowID: id, revision: Int(revision), savedAt: Date(timeIntervalSince1970: savedAt), document: doc)
    }

    public func delete(flowID: String) {
        try? FileManager.default.removeItem(at: url(for: flowID))
    }
}
