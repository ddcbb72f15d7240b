// libFuzzer entry for FlowKit's parsers, built by scripts/fuzz (not by `swift build`):
// compiled in one module with FlowKit's sources, so the harness reaches internal API.
// FUZZ_TARGET picks what the input feeds: json (JSONParser), document (the document
// reader behind import: FlowCodec.importDocument) or expression (the expression and
// template parsers, then evaluation). A crash, a trap or a sanitizer report is a finding;
// refusals (thrown errors) are the expected outcome for most inputs.
import Foundation

enum FuzzTarget: String {
    case json, document, expression

    static let selected: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? "json"
        guard let target = FuzzTarget(rawValue: name) else { fatalError("FUZZ_TARGET must be json, document or expression") }
        return target
    }()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    switch FuzzTarget.selected {
    case .json:
        if let value = try? JSONParser.parse(data) {
            // What parses must survive the canonical writer and parse back equal.
            let text = CanonicalJSON.encode(value)
            guard let again = try? JSONParser.parse(text), again == value else {
                fatalError("canonical JSON of a parsed value does not parse back equal: \(text)")
            }
        }
    case .document:
        if let document = try? FlowCodec.importDocument(data) {
            // An accepted document round-trips through the store encoding and export.
            let stored = FlowCodec.encodeForStorage(document)
            guard let back = try? FlowCodec.decodeStored(stored), back == document else {
                fatalError("an imported document does not survive the store encoding")
            }
            _ = FlowCodec.exportJSON(document)
            _ = Validator().validate(document)
        }
    case .expression:
        guard let text = String(data: data, encoding: .utf8) else { return 0 }
        let values: [String: JSONValue] = ["a": "EX123", "n": 42, "list": ["x", "y"], "flag": true]
        if let expression = try? Expression(parsing: text) {
            _ = try? expression.evaluate { values[$0.raw] }
        }
        _ = Template(text).render { values[$0.raw] }
    }
    return 0
}
