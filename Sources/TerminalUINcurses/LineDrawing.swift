/// The light box-drawing characters and their letters in the DEC special graphics set, the
/// terminal's alternate character set (terminfo `acsc`).
///
/// Why: in UTF-8 each box-drawing character is three bytes, and the rows a vertical pan
/// brings in are mostly connector and box lines (issue 10: bytes per 8-row pan). Sent
/// through the alternate character set they are one byte each, and the terminal shows the
/// same line glyphs (xterm and its followers draw them; tmux stores them as such and shows
/// them to its clients as the Unicode lines). Only `XtermFrameEncoder` uses them, on the
/// xterm family, when terminfo's `acsc` has every letter; elsewhere the lines stay UTF-8.
enum LineDrawing {
    /// Every letter used, to check the terminal's `acsc` has them all.
    static let letters = "qxlkmjtuwvn"

    /// Takes the character's one scalar value (`XtermFrameEncoder.singleScalar`): asked of
    /// every changed cell of a frame, where comparing Characters was the slow part.
    @inline(__always)
    static func decSpecialGraphics(scalar: UInt32) -> UInt8? {
        guard scalar >= 0x2500, scalar <= 0x253C else { return nil }
        switch scalar {
        case 0x2500: return UInt8(ascii: "q")  // ─
        case 0x2502: return UInt8(ascii: "x")  // │
        case 0x250C: return UInt8(ascii: "l")  // ┌
        case 0x2510: return UInt8(ascii: "k")  // ┐
        case 0x2514: return UInt8(ascii: "m")  // └
        case 0x2518: return UInt8(ascii: "j")  // ┘
        case 0x251C: return UInt8(ascii: "t")  // ├
        case 0x2524: return UInt8(ascii: "u")  // ┤
        case 0x252C: return UInt8(ascii: "w")  // ┬
        case 0x2534: return UInt8(ascii: "v")  // ┴
        case 0x253C: return UInt8(ascii: "n")  // ┼
        default: return nil
        }
    }
}
