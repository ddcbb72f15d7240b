import Foundation

/// The editor's clipboard (issue 11): the last `flowcanvas/1` fragment copied, kept in the
/// process so paste works in any flow opened afterwards, and also handed to the terminal's
/// system clipboard with OSC 52 (xterm, kitty, iTerm2, tmux with `set-clipboard on`; over
/// SSH too, as it travels in the output). The terminal is write-only here: reading the
/// system clipboard back (OSC 52 `?`) is refused by most terminals, so a paste from another
/// program arrives as a bracketed paste instead.
public final class EditorClipboard {
    /// The fragment's JSON text, nil before the first copy.
    public private(set) var text: String?
    /// Connectors from the copied nodes to nodes outside the copy (dropped; a paste says so).
    public private(set) var leftOut = 0
    private var pendingOutput: String?

    public init() {}

    /// Keeps `text` and queues the OSC 52 sequence that puts it on the system clipboard.
    public func copy(_ text: String, leftOut: Int = 0) {
        self.text = text
        self.leftOut = leftOut
        pendingOutput = Self.osc52(text)
    }

    /// The escape sequence still to write, once.
    public func takeTerminalOutput() -> String? {
        defer { pendingOutput = nil }
        return pendingOutput
    }

    /// `ESC ] 52 ; c ; base64 BEL`: "set the clipboard selection to this".
    public static func osc52(_ text: String) -> String {
        "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
    }
}
