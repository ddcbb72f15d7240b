import FlowKit
import TerminalUI

/// Namespace placeholder until the editor lands.
public enum FlowEditorInfo {
    public static let name = "FlowEditor"
}
