import Foundation
import Testing
import TestSupport
import TerminalUI

/// Canvas golden screens in Tests/FlowEditorTests/Golden/NAME.txt (see `GoldenFile`).
func assertCanvasGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    GoldenFile.check(actual, name, directory: GoldenFile.directory(besides: #filePath), sourceLocation: sourceLocation)
}
