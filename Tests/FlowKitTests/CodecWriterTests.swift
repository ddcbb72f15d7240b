import Foundation
import Testing
import TestSupport
@testable import FlowKit

/// The byte writer takes shortcuts (escapes found 8 bytes at a time, small objects
/// sorted in place, export written without a tree): these pin its output to a plain
/// reference encoder and to the tree-based encoding.
@Suite struct CodecWriterTests {
    /// Compact JSON the slow, obvious way: keys sorted by UTF-8 bytes, the escapes
    /// JSON requires and nothing else.
    static func reference(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return CanonicalJSON.formatNumber(n)
        case .string(let s): return quoted(s)
        case .array(let items): return "[" + items.map(reference).joined(separator: ",") + "]"
        case .object(let members):
            let sorted = members.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
            return "{" + sorted.map { quoted($0.key) + ":" + reference($0.value) }.joined(separator: ",") + "}"
        }
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0..<0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Strings with something to escape before, on and after 8-byte boundaries.
    static let awkwardStrings: [String] = [
        "", "a", "plain ascii text longer than sixteen bytes", "1234567\"", "12345678\"", "123456789\\",
        "\u{01}", "tab\tin the middle of a long run of text", "ends with a newline after eight\n",
        "é ✓ 😀 non-ASCII only", "\u{1F}\u{7F}\u{80} edges", "quote \" and back \\ and bell \u{07} twice \u{07}",
        "$(start.message) long template with /slashes/ that stay",
    ]

    @Test func stringsAreEscapedExactlyAsTheReferenceDoes() {
        for s in Self.awkwardStrings {
            #expect(CanonicalJSON.encode(.string(s), indent: false) == Self.quoted(s), "\(s.debugDescription)")
        }
    }

    @Test func objectsOfEverySizeAreWrittenInByteOrderOfKeys() {
        var rng = SplitMix64(seed: 7)
        let keyPool = ["id", "type", "b", "a", "B", "aa", "a-b", "a_b", "é", "e\u{301}", "z", "Z", "10", "9", "",
                       "config", "configs", "ü", "✓", "long key beyond eight bytes", "long key beyond eight bytez"]
        for size in 0...keyPool.count {
            var object: [String: JSONValue] = [:]
            var pool = keyPool
            for _ in 0..<size {
                let key = pool.remove(at: Int(rng.next() % UInt64(pool.count)))
                let s = Self.awkwardStrings[Int(rng.next() % UInt64(Self.awkwardStrings.count))]
                object[key] = rng.next() % 3 == 0 ? .object(["inner": .string(s), "n": 1.5]) : .string(s)
            }
            let value = JSONValue.object(object)
            #expect(CanonicalJSON.encode(value, indent: false) == Self.reference(value), "size \(size)")
        }
    }

    /// Export writes straight to bytes; the tree (`jsonValue`) is what it must equal.
    @Test func exportEqualsTheEncodedTree() {
        var odd = CodecFixtures.orderStatus()
        odd.nodes.append(FlowNode(id: "lookup", type: "log", label: "Same id as another", x: 1, y: 1))
        odd.nodes.append(FlowNode(id: "café", type: "log", label: Self.awkwardStrings.joined(), x: -3, y: 0))
        odd.nodes.append(FlowNode(id: "cafe\u{301}", type: "log", label: "decomposed", x: 1_000_000_000_000_000,
                                  y: -9_007_199_254_740_993))
        odd.nodes.append(FlowNode(id: "a", type: "set-variables", config: [
            "assignments": .object(Dictionary(uniqueKeysWithValues: (0..<20).map { ("v\($0)", JSONValue.string("x\($0)")) })),
        ]))
        odd.connections += [
            Connection(from: "café", outcome: "next", to: "done"),
            Connection(from: "cafe\u{301}", outcome: "next", to: "done"),
            Connection(from: "lookup", outcome: "error", to: "done"),
        ]
        odd.notes += [FlowNote(id: "b-note", text: "\u{0}nul", x: Int.max, y: Int.min), FlowNote(id: "a-note", text: "first")]
        for doc in [odd, CodecFixtures.large(400), CodecFixtures.chain(30), FlowDocument(name: "")] {
            #expect(FlowCodec.exportJSON(doc) == CanonicalJSON.encode(FlowCodec.jsonValue(of: doc, sorted: true)),
                    "\(doc.name)")
        }
    }
}
