import Foundation

/// Writes JSON byte-identically for equal values: keys sorted by their UTF-8 bytes,
/// 2-space indentation, integers without a fraction, `/` and non-ASCII left as they are.
/// Foundation's encoders differ across platforms in spacing and number output, so the
/// canonical form is written here.
public enum CanonicalJSON {
    public static func encode(_ value: JSONValue, indent: Bool = true) -> String {
        var out = ""
        out.reserveCapacity(256)
        write(value, into: &out, level: 0, pretty: indent)
        if indent { out.append("\n") }
        return out
    }

    static func write(_ value: JSONValue, into out: inout String, level: Int, pretty: Bool) {
        switch value {
        case .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .number(let n): out.append(formatNumber(n))
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            if items.isEmpty { out.append("[]"); return }
            out.append("[")
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(",") }
                if pretty { newline(&out, level + 1) }
                write(item, into: &out, level: level + 1, pretty: pretty)
            }
            if pretty { newline(&out, level) }
            out.append("]")
        case .object(let dict):
            if dict.isEmpty { out.append("{}"); return }
            out.append("{")
            let keys = dict.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (i, key) in keys.enumerated() {
                if i > 0 { out.append(",") }
                if pretty { newline(&out, level + 1) }
                writeString(key, into: &out)
                out.append(pretty ? ": " : ":")
                write(dict[key]!, into: &out, level: level + 1, pretty: pretty)
            }
            if pretty { newline(&out, level) }
            out.append("}")
        }
    }

    private static func newline(_ out: inout String, _ level: Int) {
        out.append("\n")
        out.append(String(repeating: "  ", count: level))
    }

    public static func formatNumber(_ n: Double) -> String {
        if !n.isFinite { return "null" }
        if n.rounded() == n, abs(n) < 1e15 { return String(Int64(n)) }
        return "\(n)"
    }

    static func writeString(_ s: String, into out: inout String) {
        out.append("\"")
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case "\u{08}": out.append("\\b")
            case "\u{0C}": out.append("\\f")
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append("\"")
    }
}
