import Foundation
import Testing
import TestSupport
import TerminalUI

/// Canvas golden screens (characters and style runs) in Tests/FlowEditorTests/Golden/NAME.txt
/// (see `GoldenFile`).
func assertCanvasGolden(_ buffer: CellBuffer, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    GoldenFile.check(buffer, name, directory: GoldenFile.directory(besides: #filePath), sourceLocation: sourceLocation)
}
