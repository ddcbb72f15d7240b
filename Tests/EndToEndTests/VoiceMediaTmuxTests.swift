import Foundation
import Testing
import TestSupport

/// The Voice settings tab in the real editor over tmux: the media folder is chosen from
/// the workspace's folders (not typed), the prompt table shows durations, and the choice
/// is saved with the flow.
@Suite(.serialized) struct VoiceMediaTmuxTests {
    @Test func chooseAMediaFolderInTheVoiceTabAndSave() throws {
        try requireTmux()
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["new", "Phone", "--template", "ivr-menu"])
        try cli.ok(["media", "create", "support", "--languages", "en,es"])
        try WAVBytes(frames: 26_000).write(to: cli.files.appendingPathComponent("welcome.wav"))
        try cli.ok(["media", "add", "support", "welcome.wav", "--language", "en"])

        let tmux = TmuxSession()
        defer { tmux.kill() }
        try tmux.startEditor(cli, ["open", "Phone"])
        try tmux.waitFor("Working Draft")
        try tmux.keys("S")
        try tmux.waitFor("Flow settings · Phone")
        try tmux.keys("PageUp")  // General → Voice (the last tab)
        // The template's media/ivr-menu is not a folder of the library: kept as a choice, marked missing.
        try tmux.waitFor("< media/ivr-menu >")
        try tmux.waitFor("missing → ")
        try tmux.keys("s")  // jump to the folder starting with s
        let chosen = try tmux.waitFor("< support >")
        #expect(chosen.contains("prompts: en 1, es 0"))
        #expect(chosen.contains("3.2s"), "welcome.wav's duration (26000 frames at 8 kHz) in the prompt table:\n\(chosen)")
        try tmux.keys("C-s")  // apply the settings
        try tmux.waitFor("? help")
        try tmux.keys("C-s")  // save the draft
        try tmux.waitFor("saved (revision 2)")
        try tmux.keys("q")
        #expect(tmux.waitForExit(), "the editor quits on q")

        let shown = try #require(try cli.ok(["show", "Phone", "--json"]).json() as? [String: Any])
        let settings = try #require(shown["settings"] as? [String: Any])
        #expect(settings["mediaFolder"] as? String == "media/support")
        #expect(shown["revision"] as? Int == 2)
        let table = try #require(try cli.ok(["prompts", "Phone", "--json"]).json() as? [String: Any])
        #expect((table["available"] as? [String: [String: Bool]])?["welcome.wav"] == ["en": true])
    }
}
