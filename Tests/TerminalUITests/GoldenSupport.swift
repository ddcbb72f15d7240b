import Foundation
import Testing
import TestSupport
@testable import TerminalUI

/// Golden screens (characters and style runs) live in Tests/TerminalUITests/Golden/NAME.txt
/// (see `GoldenFile`).
func assertGolden(_ buffer: CellBuffer, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    assertGolden(buffer.snapshot(), name, sourceLocation: sourceLocation)
}

func assertGolden(_ screen: ScreenSnapshot, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    GoldenFile.check(screen, name, directory: GoldenFile.directory(besides: #filePath), sourceLocation: sourceLocation)
}

/// A buffer of the given size, for tests.
func makeBuffer(_ w: Int, _ h: Int, _ glyphs: GlyphSet = .unicode) -> CellBuffer {
    CellBuffer(width: w, height: h, glyphs: glyphs)
}
