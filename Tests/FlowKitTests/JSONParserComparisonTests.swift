import Foundation
import Testing
import TestSupport
@testable import FlowKit

/// Issue 13, fuzzing: JSONParser agrees with Foundation's JSONSerialization on randomly
/// generated documents, valid ones (same tree) and damaged ones (both refuse, or both
/// accept the same tree).
@Suite struct JSONParserComparisonTests {

    /// A random JSON text: nesting, unicode and escapes in strings, numbers of every form.
    static func text(_ r: inout SplitMix64, depth: Int = 0) -> String {
        switch r.below(depth > 4 ? 4 : 7) {
        case 0: return ["true", "false", "null"][r.below(3)]
        case 1:
            let forms = ["0", "-0", "7", "-12", "3.25", "1e3", "-2.5E-3", "123456789012", "0.000001", "1E+2"]
            return forms[r.below(forms.count)]
        case 2: return String(r.next() % 1_000_000) + (r.below(2) == 0 ? "" : ".\(r.below(1000))")
        case 3:
            let pieces = ["a", "é", "日本", "🙂", "\\n", "\\\"", "\\\\", "\\/", "\\u00e9", "\\ud83d\\ude00", " ", "\\t", "x y"]
            return "\"" + (0..<r.below(6)).map { _ in pieces[r.below(pieces.count)] }.joined() + "\""
        case 4, 5:
            let items = (0..<r.below(5)).map { _ in text(&r, depth: depth + 1) }
            return "[" + items.joined(separator: r.below(2) == 0 ? "," : " , ") + "]"
        default:
            var keys = Set<String>()
            let members = (0..<r.below(5)).compactMap { _ -> String? in
                let key = "k\(r.below(20))"
                guard keys.insert(key).inserted else { return nil }
                return "\"\(key)\": " + text(&r, depth: depth + 1)
            }
            return "{" + members.joined(separator: ",\n ") + "}"
        }
    }

    /// Foundation's tree as a JSONValue, to compare with ours.
    static func value(_ any: Any) -> JSONValue? {
        switch any {
        case is NSNull: return .null
        case let n as NSNumber:
            // Booleans are NSNumbers of type char ("c") or bool ("B"); JSON numbers never are.
            let type = String(cString: n.objCType)
            if type == "c" || type == "B" { return .bool(n.boolValue) }
            return .number(n.doubleValue)
        case let s as String: return .string(s)
        case let a as [Any]:
            var out: [JSONValue] = []
            for item in a { guard let v = value(item) else { return nil }; out.append(v) }
            return .array(out)
        case let o as [String: Any]:
            var out: [String: JSONValue] = [:]
            for (k, item) in o { guard let v = value(item) else { return nil }; out[k] = v }
            return .object(out)
        default: return nil
        }
    }

    static func foundation(_ text: String) -> JSONValue?? {
        guard let any = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else {
            return .some(nil) // refused
        }
        return .some(value(any))
    }

    @Test func agreesOnRandomValidDocuments() throws {
        var r = SplitMix64(seed: 13)
        for i in 0..<2_000 {
            let text = Self.text(&r)
            let ours = try JSONParser.parse(text)
            let theirs = try #require(Self.foundation(text) ?? nil, "Foundation refused \(text)")
            #expect(ours == theirs, "document \(i): \(text)")
        }
    }

    @Test func agreesOnDamagedDocuments() throws {
        var r = SplitMix64(seed: 99)
        var refusedByBoth = 0
        for i in 0..<2_000 {
            var bytes = Array(Self.text(&r).utf8)
            // Cut, drop, duplicate or replace a byte with a structural one.
            let at = bytes.isEmpty ? 0 : r.below(bytes.count)
            switch r.below(4) {
            case 0: bytes = Array(bytes.prefix(at))
            case 1: if !bytes.isEmpty { bytes.remove(at: at) }
            case 2: if !bytes.isEmpty { bytes.insert(bytes[at], at: at) }
            default:
                let structural = Array("{}[],:\"\\ 0e-".utf8)
                if !bytes.isEmpty { bytes[at] = structural[r.below(structural.count)] }
            }
            guard let text = String(bytes: bytes, encoding: .utf8) else { continue }
            let ours = try? JSONParser.parse(text)
            let theirs = Self.foundation(text) ?? nil
            if ours == nil && theirs == nil { refusedByBoth += 1; continue }
            // The one known difference: Foundation on Linux accepts a trailing comma
            // ("[1,]"), which JSON (RFC 8259) does not allow; JSONParser refuses it.
            if ours == nil, text.range(of: #",\s*[\]}]"#, options: .regularExpression) != nil { continue }
            #expect(ours == theirs, "damaged document \(i): \(text.debugDescription)")
        }
        #expect(refusedByBoth > 500, "the damage must produce invalid documents: \(refusedByBoth)")
    }
}
