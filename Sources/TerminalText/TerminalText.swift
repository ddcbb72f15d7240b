/// The one place that makes text safe to show on a terminal (issue 13, defect 1).
///
/// Every CLI line goes out through `escaped` (the executable's output functions and
/// `serve`'s event log) and every editor string through the cell buffer, which calls
/// it too; messages quote user values through `value`, which also cuts them short.
/// A control character (Unicode category Cc: C0, DEL, C1) becomes its visible escape,
/// `\x1B`, so an ESC/OSC sequence, a BEL or a NUL in a flow can neither move the
/// cursor, retitle the window nor hide text.
public enum TerminalText {
    /// How many characters of a user value a message quotes.
    public static let valueLimit = 80

    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0)
    }

    /// The first control character, if any (what refusals name).
    public static func firstControl(in text: some StringProtocol) -> Unicode.Scalar? {
        text.unicodeScalars.first(where: isControl)
    }

    /// "U+001B": how refusals name a character.
    public static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// `text` with every control character written as `\xHH` (C0 and DEL) or `\u{HH}`
    /// (C1). With `keepingLineBreaks`, "\n" stays a line break (whole CLI outputs).
    /// Text without control characters comes back unchanged, after one byte scan.
    public static func escaped(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard needsEscaping(text, keepingLineBreaks: keepingLineBreaks) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if isControl(scalar) && !(keepingLineBreaks && scalar == "\n") {
                out += escape(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A user value quoted in a message: escaped, and when longer than `limit`
    /// characters cut to them with "… (N bytes)" (N: the whole value's UTF-8 size), so a
    /// 1 MB node type gives a short line, not a 1 MB error.
    public static func value(_ text: some StringProtocol, limit: Int = valueLimit) -> String {
        var count = 0
        var cut = text.endIndex
        for i in text.indices {
            if count == limit { cut = i; break }
            count += 1
        }
        if cut == text.endIndex { return escaped(String(text)) }
        return escaped(String(text[..<cut])) + "… (\(text.utf8.count) bytes)"
    }

    /// Control bytes in UTF-8: 0x00–0x1F, 0x7F, and C1 as 0xC2 0x80–0x9F.
    static func needsEscaping(_ text: String, keepingLineBreaks: Bool) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte < 0x20 {
                if !(keepingLineBreaks && byte == 0x0A) { return true }
            } else if byte == 0x7F || (previous == 0xC2 && byte >= 0x80 && byte < 0xA0) {
                return true
            }
            previous = byte
        }
        return false
    }

    static func escape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let padded = hex.count == 1 ? "0" + hex : hex
        return scalar.value < 0x80 ? "\\x" + padded : "\\u{" + padded + "}"
    }
}
