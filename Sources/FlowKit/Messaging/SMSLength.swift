/// How long an SMS text is on the wire: characters and segments. GSM-7 (the GSM 03.38
/// default alphabet, whose extension characters `^{}\[~]|€` take two septets) allows 160
/// per message, 153 per segment when split; any other character switches the whole
/// message to UCS-2: 70, or 67 per segment (counted in UTF-16 units). Only the literal
/// text counts: the `$(…)` references are filled in at run time, so they are counted as
/// variable parts, not characters.
public struct SMSLength: Equatable, Sendable {
    public enum Encoding: String, Sendable { case gsm7 = "GSM-7", ucs2 = "UCS-2" }

    public var encoding: Encoding
    /// Characters as the encoding counts them (septets for GSM-7, UTF-16 units for UCS-2).
    public var characters: Int
    public var segments: Int
    /// `$(…)` references in the text (not counted).
    public var variableParts: Int

    public init(encoding: Encoding, characters: Int, segments: Int, variableParts: Int) {
        self.encoding = encoding; self.characters = characters; self.segments = segments; self.variableParts = variableParts
    }

    public init(template text: String) {
        let (literal, references) = Self.literalText(text)
        if literal.unicodeScalars.allSatisfy({ Self.gsmBasic.contains($0) || Self.gsmExtension.contains($0) }) {
            let septets = literal.unicodeScalars.reduce(0) { $0 + (Self.gsmExtension.contains($1) ? 2 : 1) }
            self.init(encoding: .gsm7, characters: septets, segments: Self.segments(septets, single: 160, split: 153),
                      variableParts: references)
        } else {
            let units = literal.utf16.count
            self.init(encoding: .ucs2, characters: units, segments: Self.segments(units, single: 70, split: 67),
                      variableParts: references)
        }
    }

    /// "96 characters · 1 SMS (GSM-7)", "+ 2 variable parts" when references remain.
    public var summary: String {
        var s = "\(characters) character\(characters == 1 ? "" : "s") · \(segments) SMS segment\(segments == 1 ? "" : "s") (\(encoding.rawValue))"
        if variableParts > 0 { s += " + \(variableParts) variable part\(variableParts == 1 ? "" : "s") $(…) not counted" }
        return s
    }

    private static func segments(_ n: Int, single: Int, split: Int) -> Int {
        n == 0 ? 0 : n <= single ? 1 : (n + split - 1) / split
    }

    /// The text without its `$(…)` references (as `Template` reads them: a `$(` runs to the
    /// next `)` unless a line break or another `$(` comes first), and how many there were.
    static func literalText(_ text: String) -> (String, Int) {
        let chars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var refs = 0
        var i = 0
        while i < chars.count {
            if chars[i] == "$", i + 1 < chars.count, chars[i + 1] == "(" {
                var j = i + 2
                while j < chars.count, chars[j] != ")", chars[j] != "\n", !(chars[j] == "$" && j + 1 < chars.count && chars[j + 1] == "(") {
                    j += 1
                }
                if j < chars.count, chars[j] == ")" { refs += 1; i = j + 1; continue }
            }
            out.append(chars[i]); i += 1
        }
        return (String(out), refs)
    }

    static let gsmBasic: Set<Unicode.Scalar> = Set(
        ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
         + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà").unicodeScalars)
    static let gsmExtension: Set<Unicode.Scalar> = Set("^{}\\[~]|€\u{0C}".unicodeScalars)
}
