import Foundation
import Testing
@testable import FlowKit

/// The generated reference documents match their sources, and the tables they are made
/// from match what the code does.
@Suite struct ReferenceDocsTests {
    static let docs = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs")

    @Test func formatDocumentIsCurrent() throws {
        let onDisk = try String(contentsOf: Self.docs.appendingPathComponent("format.md"), encoding: .utf8)
        #expect(onDisk == FormatReference.markdown(), "docs/format.md is stale: run scripts/generate-docs")
    }

    @Test func validationDocumentIsCurrent() throws {
        let onDisk = try String(contentsOf: Self.docs.appendingPathComponent("validation.md"), encoding: .utf8)
        #expect(onDisk == ValidationReference.markdown(), "docs/validation.md is stale: run scripts/generate-docs")
    }

    @Test func formatDocumentNamesEveryNodeTypeAndField() {
        let text = FormatReference.markdown()
        for type in NodeCatalog.standard.types {
            #expect(text.contains("### \(type.type)\n"), "no section for \(type.type)")
            for field in type.fields { #expect(text.contains("| `\(field.name)` |"), "\(type.type).\(field.name)") }
        }
    }

    @Test func everyFindingCodeHasAnExampleThatProducesIt() {
        for entry in ValidationReference.entries() {
            #expect(entry.example?.code == entry.code, "the example flow for \(entry.code.rawValue) does not produce it")
        }
    }

    @Test func exampleFlowsAreValidBeforeTheirOneProblem() {
        #expect(Validator().validate(ExampleFlows.smsReply()).findings == [])
        #expect(Validator().validate(ExampleFlows.voiceWelcome()).findings == [])
    }

    // MARK: The document field table against the codec

    /// A document with every optional part present, as export writes it.
    static func fullDocument() -> JSONValue {
        var doc = ExampleFlows.smsReply()
        doc.description = "Everything set"
        doc.settings.preventDuplicateSessions = true
        doc.settings.uniqueIdentifier = "$(start.from)"
        doc.settings.logbooks = ["orders"]
        doc.settings.variables = [CustomVariable(name: "apiBase", default: "https://x", externalized: true, secret: true)]
        doc.settings.mediaFolder = "media"
        doc.settings.languages = [FlowLanguage(code: "en", required: true)]
        for i in doc.nodes.indices { doc.nodes[i].x = 2 + 20 * i; doc.nodes[i].y = 2 }
        doc.notes = [FlowNote(id: "note-1", text: "**hi**", node: "reply", x: 3, y: 9)]
        return FlowCodec.jsonValue(of: doc)
    }

    /// Every key path of the JSON, arrays as `[]`, not descending into node `config`.
    static func keyPaths(_ value: JSONValue, prefix: String = "") -> Set<String> {
        switch value {
        case .object(let o):
            var paths = Set<String>()
            for (key, child) in o {
                let path = prefix.isEmpty ? key : "\(prefix).\(key)"
                paths.insert(path)
                if path != "nodes[].config" { paths.formUnion(keyPaths(child, prefix: path)) }
            }
            return paths
        case .array(let items):
            return items.reduce(into: Set<String>()) { $0.formUnion(keyPaths($1, prefix: prefix + "[]")) }
        default:
            return []
        }
    }

    @Test func fieldTableListsExactlyTheKeysExportWrites() {
        let written = Self.keyPaths(Self.fullDocument())
        let documented = Set(DocumentFieldReference.fields.map(\.path))
        #expect(written.subtracting(documented).sorted() == [], "written by export but not documented")
        #expect(documented.subtracting(written).sorted() == [], "documented but never written by export")
    }

    /// Removes the key at `path` (`[]` meaning: in every element of that array).
    static func removing(_ path: [String], from value: JSONValue) -> JSONValue {
        guard let head = path.first else { return value }
        switch value {
        case .object(var o):
            if head.hasSuffix("[]") {
                let key = String(head.dropLast(2))
                if let child = o[key] { o[key] = removing(Array(path.dropFirst()), from: child) }
            } else if path.count == 1 {
                o[head] = nil
            } else if let child = o[head] {
                o[head] = removing(Array(path.dropFirst()), from: child)
            }
            return .object(o)
        case .array(let items):
            return .array(items.map { removing(path, from: $0) })
        default:
            return value
        }
    }

    @Test(arguments: DocumentFieldReference.fields)
    func importRequiresExactlyTheMarkedFields(_ field: DocumentField) {
        let parts = field.path.split(separator: ".").map(String.init)
        // `nodes[].id` is ["nodes[]", "id"]: step into the array, then drop the key.
        let without = Self.removing(parts, from: Self.fullDocument())
        let data = Data(CanonicalJSON.encode(without).utf8)
        let refused: Bool
        do { _ = try FlowCodec.importDocument(data); refused = false } catch { refused = true }
        #expect(refused == field.required, "\(field.path): import \(refused ? "refuses" : "accepts") a document without it")
    }
}
