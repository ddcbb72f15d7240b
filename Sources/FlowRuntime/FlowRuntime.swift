import FlowKit

/// Namespace placeholder until the runtime issue lands.
public enum FlowRuntimeInfo {
    public static let name = "FlowRuntime"
}
