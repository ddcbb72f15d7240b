import Testing
@testable import FlowEditor

@Suite struct FlowEditorPlaceholder {}
