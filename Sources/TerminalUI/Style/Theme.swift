/// Named styles for every role on screen, so views never hard-code colours.
public struct Theme: Sendable, Hashable {
    public var canvasBackground: Style
    public var text: Style
    public var dimText: Style
    public var nodeBox: Style
    public var nodeTitle: Style
    public var selected: Style
    public var highlight: Style
    public var error: Style
    public var warning: Style
    public var added: Style
    public var removed: Style
    public var ghost: Style
    public var connector: Style
    public var connectorSelected: Style
    public var palette: Style
    public var paletteHeader: Style
    public var paneBorder: Style
    public var paneBorderFocused: Style
    public var paneTitle: Style
    public var statusBar: Style
    public var statusBarKey: Style
    public var dialog: Style
    public var dialogTitle: Style
    public var button: Style
    public var buttonFocused: Style
    public var fieldLabel: Style
    public var fieldInput: Style
    public var fieldInputFocused: Style
    public var mandatoryMarker: Style

    /// The theme screens start with: `colour`, or `monochrome` once the app found the
    /// terminal has no colours or the user asked for none (`NO_COLOR`).
    public static var standard: Theme { useMonochrome ? monochrome : colour }

    /// Set once at start-up, before any screen exists (the app is single-threaded).
    nonisolated(unsafe) public static var useMonochrome = false

    /// Colours on the terminal's default background.
    public static let colour = Theme(
        canvasBackground: .plain,
        text: .plain,
        dimText: Style(foreground: .gray),
        nodeBox: Style(foreground: .cyan),
        nodeTitle: Style(attributes: .bold),
        selected: Style(foreground: .black, background: .cyan),
        highlight: Style(foreground: .yellow, attributes: .bold),
        error: Style(foreground: .red, attributes: .bold),
        warning: Style(foreground: .yellow),
        added: Style(foreground: .green),
        removed: Style(foreground: .red),
        ghost: Style(foreground: .gray, attributes: .dim),
        connector: Style(foreground: .white),
        connectorSelected: Style(foreground: .yellow, attributes: .bold),
        palette: .plain,
        paletteHeader: Style(foreground: .magenta, attributes: .bold),
        paneBorder: Style(foreground: .gray),
        paneBorderFocused: Style(foreground: .cyan, attributes: .bold),
        paneTitle: Style(attributes: .bold),
        statusBar: Style(foreground: .black, background: .white),
        statusBarKey: Style(foreground: .blue, background: .white, attributes: .bold),
        dialog: Style(foreground: .white, background: .blue),
        dialogTitle: Style(foreground: .yellow, background: .blue, attributes: .bold),
        button: Style(foreground: .white, background: .blue),
        buttonFocused: Style(foreground: .black, background: .cyan, attributes: .bold),
        fieldLabel: .plain,
        fieldInput: Style(attributes: .underline),
        fieldInputFocused: Style(foreground: .black, background: .white),
        mandatoryMarker: Style(foreground: .yellow)
    )

    /// Attributes only, for terminals without colour.
    public static let monochrome = Theme(
        canvasBackground: .plain, text: .plain, dimText: Style(attributes: .dim),
        nodeBox: .plain, nodeTitle: Style(attributes: .bold),
        selected: Style(attributes: .reverse), highlight: Style(attributes: .bold),
        error: Style(attributes: .bold), warning: Style(attributes: .underline),
        added: Style(attributes: .bold), removed: Style(attributes: .dim),
        ghost: Style(attributes: .dim), connector: .plain, connectorSelected: Style(attributes: .bold),
        palette: .plain, paletteHeader: Style(attributes: .bold),
        paneBorder: .plain, paneBorderFocused: Style(attributes: .bold), paneTitle: Style(attributes: .bold),
        statusBar: Style(attributes: .reverse), statusBarKey: Style(attributes: [.reverse, .bold]),
        dialog: .plain, dialogTitle: Style(attributes: .bold),
        button: .plain, buttonFocused: Style(attributes: .reverse),
        fieldLabel: .plain, fieldInput: Style(attributes: .underline),
        fieldInputFocused: Style(attributes: .reverse), mandatoryMarker: Style(attributes: .bold)
    )
}
