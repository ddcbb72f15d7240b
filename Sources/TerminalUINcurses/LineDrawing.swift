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

    static func decSpecialGraphics(for character: Character) -> UInt8? {
        switch character {
        case "─": return UInt8(ascii: "q")
        case "│": return UInt8(ascii: "x")
        case "┌": return UInt8(ascii: "l")
        case "┐": return UInt8(ascii: "k")
        case "└": return UInt8(ascii: "m")
        case "┘": return UInt8(ascii: "j")
        case "├": return UInt8(ascii: "t")
        case "┤": return UInt8(ascii: "u")
        case "┬": return UInt8(ascii: "w")
        case "┴": return UInt8(ascii: "v")
        case "┼": return UInt8(ascii: "n")
        default: return nil
        }
    }
}
