import Foundation
import Testing

/// Golden text files compared with what a test rendered. Each test target keeps its
/// goldens in a `Golden/` folder beside its sources, found from the caller's `#filePath`
/// (no Bundle.module). `GOLDEN_RECORD=1 swift test …` (re)writes them.
public enum GoldenFile {
    public static func check(_ actual: String, _ name: String, directory: URL,
                             sourceLocation: SourceLocation) {
        let file = directory.appendingPathComponent(name + ".txt")
        let content = actual + "\n"
        if ProcessInfo.processInfo.environment["GOLDEN_RECORD"] == "1" {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            do { try content.write(to: file, atomically: true, encoding: .utf8) } catch {
                Issue.record("could not write golden \(file.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("golden file \(name).txt is missing; record it with GOLDEN_RECORD=1. Actual:\n\(content)",
                         sourceLocation: sourceLocation)
            return
        }
        if expected != content {
            Issue.record("screen differs from golden \(name).txt:\n\(lineDiff(expected: expected, actual: content))",
                         sourceLocation: sourceLocation)
        }
    }

    /// The `Golden/` folder beside the source file `filePath`.
    public static func directory(besides filePath: String) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    /// A readable line-by-line comparison: "-" expected, "+" actual, with row numbers.
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
