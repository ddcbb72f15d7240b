import TerminalUI

/// Terminal colours as CSS: the xterm default palette for the 16 named colours, the 6×6×6
/// cube for 16–231 and the grey ramp for 232–255. The terminal's default foreground and
/// background become a dark terminal's light grey on near-black.
public enum WebPalette {
    public static let defaultForeground = "#d0d0d0"
    public static let defaultBackground = "#1c1c1c"

    static let named: [String] = [
        "#000000", "#cd0000", "#00cd00", "#cdcd00", "#0000ee", "#cd00cd", "#00cdcd", "#e5e5e5",
        "#7f7f7f", "#ff0000", "#00ff00", "#ffff00", "#5c5cff", "#ff00ff", "#00ffff", "#ffffff",
    ]

    /// `#rrggbb` for a palette colour, nil for the terminal's default.
    public static func css(_ color: Color) -> String? {
        guard let index = color.paletteIndex else { return nil }
        return css(index: index)
    }

    public static func css(index: Int) -> String {
        switch index {
        case 0..<16:
            return named[index]
        case 16..<232:
            let i = index - 16
            let levels = [0, 95, 135, 175, 215, 255]
            return hex(levels[i / 36], levels[(i / 6) % 6], levels[i % 6])
        default:
            let v = 8 + 10 * (min(max(index, 232), 255) - 232)
            return hex(v, v, v)
        }
    }

    static func hex(_ r: Int, _ g: Int, _ b: Int) -> String {
        let digits = Array("0123456789abcdef")
        var out = "#"
        for v in [r, g, b] {
            out.append(digits[v / 16])
            out.append(digits[v % 16])
        }
        return out
    }
}
