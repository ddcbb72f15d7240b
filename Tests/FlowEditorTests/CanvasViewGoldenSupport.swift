import Foundation
import Testing
import TerminalUI

/// Canvas golden screens (named apart from other suites' helpers in this target).
/// Golden screens live in Tests/FlowEditorTests/Golden/NAME.txt, found relative to this
/// source file (no Bundle.module). `GOLDEN_RECORD=1 swift test …` (re)writes them.
func assertCanvasGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    let file = dir.appendingPathComponent(name + ".txt")
    let content = actual + "\n"
    if ProcessInfo.processInfo.environment["GOLDEN_RECORD"] == "1" {
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
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
        Issue.record("screen differs from golden \(name).txt:\n\(canvasLineDiff(expected: expected, actual: content))",
                     sourceLocation: sourceLocation)
    }
}

/// A readable line-by-line comparison: "-" expected, "+" actual, with row numbers.
func canvasLineDiff(expected: String, actual: String) -> String {
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
