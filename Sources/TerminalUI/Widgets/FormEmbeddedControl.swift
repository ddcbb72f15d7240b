/// A control a `Form` hosts without knowing what it is (a table of rows, say): the form
/// lays it out, routes keys to it while it has the focus, and reads its value as text.
/// It keeps the keys it uses and returns false for the rest, so Tab past its last cell or
/// Up from its first row moves the form's focus on.
public protocol FormEmbeddedControl {
    /// The value as text: how the form compares values and what `$EDITOR` edits.
    var text: String { get }
    /// Rows it wants, its header included.
    var preferredRows: Int { get }
    /// Its keys, for the form's hint line while it has the focus.
    var hint: String { get }
    /// Sets the value from text (an external editor, a test).
    mutating func setText(_ text: String)
    mutating func handle(_ event: Event) -> Bool
    /// The focus arrives from the field before (`forward`) or after it.
    mutating func enterFocus(forward: Bool)
    mutating func render(into buffer: inout CellBuffer, in rect: Rect, focused: Bool, theme: Theme)
    /// The text being edited inside the control (a table's focused text cell) and its
    /// cursor, so the form's completion works there as in a plain text field; nil when the
    /// focus is on no text.
    var focusedText: (characters: [Character], cursor: Int)? { get }
    /// Replaces characters `range` of that text and puts the cursor after `text`.
    mutating func replaceFocusedText(_ range: Range<Int>, with text: String)
}

extension FormEmbeddedControl {
    public var focusedText: (characters: [Character], cursor: Int)? { nil }
    public mutating func replaceFocusedText(_ range: Range<Int>, with text: String) {}
}
