import Foundation
import Testing
import TerminalUI

/// Golden screen files compared with what a test rendered. Each test target keeps its
/// goldens in a `Golden/` folder beside its sources, found from the caller's `#filePath`
/// (no Bundle.module). A golden holds the characters and the style runs of the screen
/// (`ScreenSnapshot`), so a lost highlight fails as surely as a lost character.
///
/// `GOLDEN_RECORD=1 swift test …` (re)writes them, except when `CI` is set: a CI run that
/// re-recorded its goldens would pass whatever the screens show.
public enum GoldenFile {
    public static func check(_ buffer: CellBuffer, _ name: String, directory: URL, sourceLocation: SourceLocation) {
        check(buffer.snapshot(), name, directory: directory, sourceLocation: sourceLocation)
    }

    public static func check(_ screen: ScreenSnapshot, _ name: String, directory: URL,
                             sourceLocation: SourceLocation) {
        let file = directory.appendingPathComponent(name + ".txt")
        let content = screen.description + "\n"
        switch recordMode(ProcessInfo.processInfo.environment) {
        case .refused(let why):
            Issue.record("\(why)", sourceLocation: sourceLocation)
            return
        case .record:
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            do { try content.write(to: file, atomically: true, encoding: .utf8) } catch {
                Issue.record("could not write golden \(file.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        case .compare:
            break
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("golden file \(name).txt is missing; record it with GOLDEN_RECORD=1. Actual:\n\(content)",
                         sourceLocation: sourceLocation)
            return
        }
        if let difference = mismatch(expected: expected, actual: content) {
            Issue.record("screen differs from golden \(name).txt: \(difference)", sourceLocation: sourceLocation)
        }
    }

    public enum RecordMode: Equatable {
        case compare
        case record
        case refused(String)
    }

    /// Whether goldens are compared or (re)written, from the environment: `GOLDEN_RECORD=1`
    /// records, but never where `CI` is set.
    public static func recordMode(_ environment: [String: String]) -> RecordMode {
        guard let record = environment["GOLDEN_RECORD"], !record.isEmpty else { return .compare }
        if let ci = environment["CI"], !ci.isEmpty {
            return .refused("GOLDEN_RECORD is set while CI is set: goldens are only compared on CI, never re-recorded")
        }
        guard record == "1" else { return .refused("GOLDEN_RECORD=\(record): set GOLDEN_RECORD=1 to record goldens") }
        return .record
    }

    /// nil when `actual` matches the golden text `expected`; otherwise which part differs
    /// (the characters, or only the styles) and a row-by-row comparison.
    public static func mismatch(expected: String, actual: String) -> String? {
        guard expected != actual else { return nil }
        let header = ScreenSnapshot.stylesHeader
        let expectedText = expected.components(separatedBy: "\n" + header).first
        let actualText = actual.components(separatedBy: "\n" + header).first
        let what = expectedText == actualText ? "the characters match; the styles differ" : "the characters differ"
        return what + ":\n" + lineDiff(expected: expected, actual: actual)
    }

    /// The `Golden/` folder beside the source file `filePath`.
    public static func directory(besides filePath: String) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    /// A readable line-by-line comparison: "-" expected, "+" actual, with line numbers.
    public static func lineDiff(expected: String, actual: String) -> String {
        let e = expected.components(separatedBy: "\n"), a = actual.components(separatedBy: "\n")
        var out: [String] = []
        for i in 0..<max(e.count, a.count) {
            let el = i < e.count ? e[i] : "<none>", al = i < a.count ? a[i] : "<none>"
            let n = String(repeating: " ", count: max(0, 3 - String(i).count)) + String(i)
            if el != al {
                out.append("\(n) - |\(el)|")
                out.append("\(n) + |\(al)|")
            } else {
                out.append("\(n)   |\(el)|")
            }
        }
        return out.joined(separator: "\n")
    }
}
