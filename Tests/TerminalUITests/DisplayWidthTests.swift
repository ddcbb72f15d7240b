import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import TerminalUI

#if canImport(Glibc)
/// glibc's wcwidth (Swift's Glibc module hides it behind _XOPEN_SOURCE).
@_silgen_name("wcwidth") func libcWcwidth(_ c: Int32) -> Int32
#endif

@Suite struct DisplayWidthTests {
    @Test func asciiAndControls() {
        #expect(DisplayWidth.of("a" as Character) == 1)
        #expect(DisplayWidth.of(" " as Character) == 1)
        #expect(DisplayWidth.of("\u{7}" as Character) == 0)
        #expect(DisplayWidth.of("hello") == 5)
    }

    @Test func wideAndCombining() {
        #expect(DisplayWidth.of("日" as Character) == 2)
        #expect(DisplayWidth.of("한" as Character) == 2)
        #expect(DisplayWidth.of("🚀" as Character) == 2)
        #expect(DisplayWidth.of("e\u{301}" as Character) == 1)  // e + combining acute: one cell
        #expect(DisplayWidth.of("─" as Character) == 1)
        #expect(DisplayWidth.of("日本語") == 6)
        #expect(DisplayWidth.of(Unicode.Scalar(0x301)!) == 0)
    }

    #if canImport(Glibc)
    /// The embedded table must agree with this machine's wcwidth() (what ncurses uses).
    @Test func tableMatchesGlibcWcwidth() throws {
        let loc = try #require(newlocale(Int32(1 << LC_CTYPE), "C.UTF-8", nil))
        let old = uselocale(loc)
        defer { uselocale(old); freelocale(loc) }
        var mismatches: [String] = []
        for v in UInt32(0x20)...0x10FFFF where !(0xD800...0xDFFF).contains(v) {
            let libc = Int(libcWcwidth(Int32(bitPattern: v)))
            guard libc >= 0 else { continue }  // unassigned or non-printable: no opinion
            let ours = DisplayWidth.of(Unicode.Scalar(v)!)
            if ours != libc, mismatches.count < 10 { mismatches.append("U+\(String(v, radix: 16)): ours \(ours), wcwidth \(libc)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }
    #endif

    @Test func truncateAndPad() {
        #expect(TextLayout.truncate("hello world", to: 8) == "hello w…")
        #expect(TextLayout.truncate("short", to: 8) == "short")
        #expect(TextLayout.truncate("日本語です", to: 5) == "日本…")  // never half a wide char
        #expect(TextLayout.prefix("日本語", width: 3) == "日")
        #expect(TextLayout.pad("ab", to: 4) == "ab  ")
        #expect(TextLayout.pad("日本語", to: 5) == "日本 ")
    }

    @Test func wrap() {
        #expect(TextLayout.wrap("the quick brown fox", width: 9) == ["the quick", "brown fox"])
        #expect(TextLayout.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(TextLayout.wrap("one\n\ntwo", width: 10) == ["one", "", "two"])
    }
}
