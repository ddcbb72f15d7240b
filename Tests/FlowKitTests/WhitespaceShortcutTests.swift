import Foundation
import Testing
@testable import FlowKit

/// `isEmpty`, `numberValue` and `comparableNumber` trim by bytes when the text is
/// ASCII; they must still agree with Foundation's trimming, Unicode spaces included.
@Suite struct WhitespaceShortcutTests {
    static let samples: [String] = [
        "", " ", "\t", " \t\n\r", "\u{0B}\u{0C}", "\u{1C}", "x", " x ", "\u{00A0}", "\u{3000}", "\u{2003}\u{2003}",
        "\u{0085}", "\u{200B}", " 12 ", "\t-3.5\t", "\u{00A0}7", "7\u{2003}", "\u{00A0} 7 \u{00A0}", "\n5", "5\n",
        "1 2", "1e3", " .5", "+4", "0x10", "inf", "é", " é ", "5\u{301}", " \u{301}5", "\u{FEFF}5",
    ]

    @Test func blanknessAgreesWithFoundation() {
        for s in Self.samples {
            #expect(JSONValue.string(s).isEmpty == s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                    "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func numbersReadFromTextAgreeWithFoundationTrimming() {
        for s in Self.samples {
            let trimmed = s.trimmingCharacters(in: .whitespaces)
            #expect(JSONValue.string(s).numberValue == Double(trimmed),
                    "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
            let decimal = trimmed.range(of: #"^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$"#,
                                        options: .regularExpression) != nil
            let expected = decimal ? Double(trimmed).flatMap { $0.isFinite ? $0 : nil } : nil
            #expect(JSONValue.string(s).comparableNumber == expected,
                    "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
