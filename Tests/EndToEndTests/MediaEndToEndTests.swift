import Foundation
import Testing
import TestSupport

/// `flowcanvas media list|create|add|check` on the real binary: folders under the
/// workspace's media/, WAV checks on add, refusals that copy nothing.
@Suite struct MediaEndToEndTests {
    func mediaFiles(_ cli: CLIHarness) -> [String] {
        let root = cli.workspace.appendingPathComponent("media")
        let walker = FileManager.default.enumerator(atPath: root.path)
        return ((walker?.allObjects as? [String]) ?? []).sorted()
    }

    @Test func createAddListAndCheck() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        #expect(try cli.ok(["media", "list"]).stdout.hasPrefix("No media folders in "))
        #expect(try cli.ok(["media", "list", "--json"]).stdout == "[]\n")

        let created = try cli.ok(["media", "create", "support", "--languages", "en,es"])
        #expect(created.stdout.contains("Media folder 'support' with en, es"))
        #expect(created.stdout.contains("mediaFolder \"media/support\""))

        try WAVBytes(channels: 1, sampleRate: 8000, bitsPerSample: 16, frames: 20_000).write(to: cli.files.appendingPathComponent("welcome.wav"))
        try WAVBytes(channels: 2, sampleRate: 22_050, bitsPerSample: 8, frames: 22_050).write(to: cli.files.appendingPathComponent("hola.wav"))
        let added = try cli.ok(["media", "add", "support", "welcome.wav", "--language", "en"])
        #expect(added.stdout == "Added support/en/welcome.wav: 2.50 s, 8000 Hz, mono, 16-bit PCM\n")
        let renamed = try cli.ok(["media", "add", "support", "hola.wav", "--language", "es", "--as", "welcome.wav"])
        #expect(renamed.stdout == "Added support/es/welcome.wav: 1.00 s, 22050 Hz, stereo, 8-bit PCM\n")
        #expect(mediaFiles(cli) == ["support", "support/en", "support/en/welcome.wav", "support/es", "support/es/welcome.wav"])

        let listed = try #require(try cli.ok(["media", "list", "--json"]).json() as? [[String: Any]])
        #expect(listed.count == 1)
        #expect(listed.first?["name"] as? String == "support")
        #expect(listed.first?["setting"] as? String == "media/support")
        #expect(listed.first?["languages"] as? [String] == ["en", "es"])
        #expect(listed.first?["prompts"] as? [String: Int] == ["en": 1, "es": 1])
        #expect(try cli.ok(["media", "list"]).stdout.contains("support  en, es     en 1, es 1"))

        let clean = try cli.ok(["media", "check", "support"])
        #expect(clean.stdout.contains("welcome  en 2.50 s  es 1.00 s"))
        #expect(clean.stdout.contains("OK: every prompt is in every language"))

        // A prompt in one language only: check says which, exits 1.
        try cli.ok(["media", "add", "support", "hola.wav", "--language", "es", "--as", "menu.wav"])
        let missing = try cli.run(["media", "check", "support"])
        #expect(missing.status == 1)
        #expect(missing.stdout.contains("menu     en MISSING  es 1.00 s"))
        #expect(missing.stdout.hasSuffix("1 problem\n"))
        let json = try #require(try cli.run(["media", "check", "support", "--json"]).json() as? [String: Any])
        #expect(json["ok"] as? Bool == false)
        #expect((json["problems"] as? [[String: String]])?.first == ["language": "en", "prompt": "menu", "message": "missing"])
        #expect((json["prompts"] as? [String: [String: Any]])?["welcome"]?["en"] as? Double == 2.5)
    }

    /// Exit codes as DESIGN §7: 2 for a name that names nothing, a bad name or a missing
    /// file (usage or environment), 1 for refusing what is there (not a WAV, exists already).
    @Test func refusalsNameTheProblemAndCopyNothing() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["media", "create", "support", "--languages", "en"])
        let before = mediaFiles(cli)
        _ = try cli.file("song.mp3.wav", "ID3\u{4}not a wav")
        try cli.refused(["media", "add", "support", "song.mp3.wav", "--language", "en"], status: 1,
                        containing: "song.mp3.wav: not a WAV file: it does not start with RIFF")
        try WAVBytes(frames: 20_000).data.prefix(2000).write(to: cli.files.appendingPathComponent("cut.wav"))
        try cli.refused(["media", "add", "support", "cut.wav", "--language", "en"], status: 1,
                        containing: "truncated WAV file: the data chunk declares 40000 bytes but only 1956 follow")
        try WAVBytes().write(to: cli.files.appendingPathComponent("ok.wav"))
        try cli.refused(["media", "add", "support", "ok.wav", "--language", "fr"], status: 2,
                        containing: "media folder 'support' has no language 'fr'")
        try cli.refused(["media", "add", "nowhere", "ok.wav", "--language", "en"], status: 2,
                        containing: "no media folder named 'nowhere'")
        try cli.refused(["media", "add", "support", "missing.wav", "--language", "en"], status: 2,
                        containing: "missing.wav: no such file")
        try cli.refused(["media", "add", "support", "ok.wav", "--language", "en", "--as", "../../evil.wav"], status: 2,
                        containing: "contains a slash")
        #expect(mediaFiles(cli) == before, "a refused add copies nothing")

        try cli.refused(["media", "create", "../escape", "--languages", "en"], status: 2, containing: "contains a slash")
        try cli.refused(["media", "create", "..", "--languages", "en"], status: 2, containing: "may not start with a dot")
        try cli.refused(["media", "create", "x", "--languages", "en,../up"], status: 2, containing: "the language name '../up'")
        try cli.refused(["media", "create", "support", "--languages", "en"], status: 1, containing: "already exists")
        try cli.refused(["media", "check", "nowhere"], status: 2, containing: "no media folder named 'nowhere'")
        try cli.refused(["media", "create", "x"], status: 2, containing: "--languages")
        #expect(mediaFiles(cli) == before)
        #expect(!FileManager.default.fileExists(atPath: cli.root.appendingPathComponent("escape").path))

        try cli.ok(["media", "add", "support", "ok.wav", "--language", "en"])
        try cli.refused(["media", "add", "support", "ok.wav", "--language", "en"], status: 1, containing: "use --replace")
        try cli.ok(["media", "add", "support", "ok.wav", "--language", "en", "--replace"])
    }

    @Test func aVoiceFlowUsingALibraryFolderCompiles() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        // The template names media/ivr-menu, which does not exist yet: `new` says how to make it.
        let created = try cli.ok(["new", "Phone", "--template", "ivr-menu"])
        #expect(created.stdout.contains("missing-prompt"))
        #expect(created.stdout.contains("create it with 'flowcanvas media create ivr-menu --languages en'"))
        try cli.ok(["media", "create", "ivr-menu", "--languages", "en"])
        let first = try cli.run(["compile", "Phone"])
        #expect(first.status == 1)
        #expect(first.stdout.contains("prompt \"welcome.wav\" is missing for en"))
        // A file that is there but not a WAV (copied by hand, not through `media add`).
        let en = cli.workspace.appendingPathComponent("media/ivr-menu/en")
        try Data("not audio\n".utf8).write(to: en.appendingPathComponent("welcome.wav"))
        let broken = try cli.run(["compile", "Phone", "--json"])
        #expect(broken.status == 1)
        let errors = try #require((try broken.json() as? [String: Any])?["errors"] as? [[String: Any]])
        let unreadable = errors.filter { $0["code"] as? String == "unreadable-prompt" }
        #expect(unreadable.count == 1)
        #expect((unreadable.first?["message"] as? String)?.contains("en/welcome.wav in the media folder is not a readable WAV") == true)
        #expect(!errors.contains { $0["code"] as? String == "missing-prompt" && ($0["message"] as? String)?.contains("welcome.wav") == true })
        #expect(try cli.ok(["prompts", "Phone"]).stdout.contains("welcome.wav          UNREADABLE"))
        for prompt in ["welcome", "menu", "goodbye", "invalid", "transferring", "transfer-failed"] {
            try WAVBytes(frames: 800).write(to: cli.files.appendingPathComponent("\(prompt).wav"))
            try cli.ok(["media", "add", "ivr-menu", "\(prompt).wav", "--language", "en", "--replace"])
        }
        #expect(try cli.ok(["prompts", "Phone"]).stdout.contains("welcome.wav          0.10 s"))
        let table = try #require(try cli.ok(["prompts", "Phone", "--json"]).json() as? [String: Any])
        let available = try #require(table["available"] as? [String: [String: Bool]])
        #expect(available.values.allSatisfy { $0["en"] == true })
    }
}
