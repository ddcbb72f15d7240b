/// Something that draws into a region of a `CellBuffer` and may consume events.
/// `render` is mutating because widgets remember layout (scroll offsets, the last rect for
/// mouse hit-testing) from the frame they were drawn in.
public protocol Widget {
    mutating func render(into buffer: inout CellBuffer, in rect: Rect)
    /// Returns true when the event was consumed.
    mutating func handle(_ event: Event) -> Bool
}
