/// Namespace placeholder until the terminal UI lands.
public enum TerminalUIInfo {
    public static let name = "TerminalUI"
}
