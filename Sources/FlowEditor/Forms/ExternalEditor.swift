import Foundation

/// Ctrl-E in the node form: long text goes through the user's `$EDITOR` in a temp file.
/// The caller has suspended the full-screen UI (`ScreenAction.suspend`) around this.
public enum ExternalEditor {
    public struct Failure: Error, Equatable { public var message: String }

    /// Runs `command FILE` through `/bin/sh` (so `EDITOR="code -w"` works) and returns the
    /// edited text without the trailing newline editors add.
    public static func edit(_ text: String, command: String) -> Result<String, Failure> {
        let dir = FileManager.default.temporaryDirectory
        let file = dir.appendingPathComponent("flowcanvas-edit-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            try Data((text + "\n").utf8).write(to: file)
        } catch {
            return .failure(Failure(message: "cannot write a temporary file for the editor: \(error.localizedDescription)"))
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command + " \"$1\"", "flowcanvas-editor", file.path]
        do {
            try p.run()
        } catch {
            return .failure(Failure(message: "cannot run the editor '\(command)': \(error.localizedDescription)"))
        }
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            return .failure(Failure(message: "the editor '\(command)' exited with status \(p.terminationStatus); text unchanged"))
        }
        guard let data = try? Data(contentsOf: file), var edited = String(data: data, encoding: .utf8) else {
            return .failure(Failure(message: "cannot read the edited text back (not UTF-8?); text unchanged"))
        }
        if edited.hasSuffix("\n") { edited.removeLast() }
        return .success(edited)
    }
}
