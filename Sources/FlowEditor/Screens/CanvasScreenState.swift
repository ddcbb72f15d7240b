import FlowCanvasView
import FlowKit
import FlowRuntime
import TerminalUI

/// What the canvas screen shows, as one value: which document of which flow, the canvas
/// model, the panes and the one status message. Everything else on `CanvasScreen` is a
/// service (the workspace, the recovery slot), a cache (the connector router's), or the
/// layout of the last frame. Because it is a value, a screen that takes the canvas over for
/// a while (a diff) keeps `saved = state` and puts it back whole.
public struct CanvasScreenState {
    public var flowID: String
    public var flowName: String
    public var source: CanvasScreen.Source
    /// The draft revision this document was loaded at: what Save must still find.
    public var revision: Int
    public var canvas: CanvasState
    public var focus: CanvasScreen.Focus = .canvas
    /// Findings of the last validation (live: `CanvasScreen+LiveValidation.swift`), errors first.
    public var findings: [Finding] = []
    /// The document generation `findings` describe; nil: not validated yet (or another document shown).
    var validatedGeneration: Int?
    /// Keeps each node's findings between live checks (`CanvasScreen+LiveValidation.swift`).
    var liveValidator: IncrementalValidator?
    /// Labels of the nodes the findings name, by id, for the errors pane.
    var findingLabels: [String: String] = [:]
    public var hasSaved = false
    public var errorsSelection = 0
    var errorsScroll = 0
    var paletteScroll = 0
    var decorations = CanvasDecorations()
    /// The status line's message: the screen's and the canvas model's, whichever came last.
    public var message: String?
    /// The form field to focus when the node a finding named is opened next.
    var pendingFinding: Finding?
    /// The test run's HTTP stubs, kept while the flow is open (a reference: every panel shares it).
    var testRunStubs = HTTPStubTable()

    init(flowID: String, flowName: String, source: CanvasScreen.Source, revision: Int, canvas: CanvasState) {
        self.flowID = flowID
        self.flowName = flowName
        self.source = source
        self.revision = revision
        self.canvas = canvas
    }
}
