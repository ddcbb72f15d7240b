import Testing
@testable import FlowRuntime

@Suite struct FlowRuntimePlaceholder {}
