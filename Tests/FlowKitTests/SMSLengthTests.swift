import Testing
@testable import FlowKit

@Suite struct SMSLengthTests {
    @Test func gsm7CountsSeptetsWith160And153() {
        #expect(SMSLength(template: "") == SMSLength(encoding: .gsm7, characters: 0, segments: 0, variableParts: 0))
        #expect(SMSLength(template: String(repeating: "a", count: 160)).segments == 1)
        #expect(SMSLength(template: String(repeating: "a", count: 161)).segments == 2)
        #expect(SMSLength(template: String(repeating: "a", count: 306)).segments == 2)
        #expect(SMSLength(template: String(repeating: "a", count: 307)).segments == 3)
        #expect(SMSLength(template: "Price: 5€ [x]").characters == 16, "€ [ ] take two septets each")
        #expect(SMSLength(template: "Ça coûte").encoding == .ucs2, "û is not in GSM-7")
        #expect(SMSLength(template: "Ça va? ñ à Ü").encoding == .gsm7)
    }

    @Test func ucs2Counts70And67InUTF16Units() {
        #expect(SMSLength(template: String(repeating: "é", count: 10) + "😀").encoding == .ucs2)
        let emoji = SMSLength(template: "😀")
        #expect(emoji.encoding == .ucs2 && emoji.characters == 2)
        #expect(SMSLength(template: String(repeating: "ж", count: 70)).segments == 1)
        #expect(SMSLength(template: String(repeating: "ж", count: 71)).segments == 2)
        #expect(SMSLength(template: String(repeating: "ж", count: 135)).segments == 3)
    }

    @Test func onlyLiteralTextCountsAndReferencesAreVariable() {
        let l = SMSLength(template: "Hi $(start.from), order $(lookup.body.status)!")
        #expect(l.characters == "Hi , order !".count && l.variableParts == 2)
        #expect(l.summary == "12 characters · 1 SMS segment (GSM-7) + 2 variable parts $(…) not counted")
        #expect(SMSLength(template: "a $(unclosed").characters == 12, "an unclosed $( is literal text")
    }
}
