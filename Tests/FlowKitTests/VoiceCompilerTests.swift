import Foundation
import Testing
import TestSupport
@testable import FlowKit

/// A real media folder in a temporary directory, removed when the test ends.
final class MediaFixture {
    let root: URL

    /// Each file is a readable WAV, except those in `unreadable` (text).
    init(_ files: [String], unreadable: Set<String> = []) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("flowkit-media-\(UUID().uuidString)")
        for file in files {
            let url = root.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try (unreadable.contains(file) ? Data("not audio\n".utf8) : WAVBytes(frames: 800).data).write(to: url)
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }
}

@Suite struct VoiceCompilerTests {
    let both = [FlowLanguage(code: "en", required: true), FlowLanguage(code: "es", required: true)]

    @Test func completeMediaFolderCompilesClean() throws {
        let media = try MediaFixture(["en/welcome.wav", "en/menu.wav", "es/welcome.wav", "es/menu.mp3"])
        let report = VoiceCompiler.compile(Fixture.voiceMenu(languages: both), mediaFolder: media.root)
        #expect(report.findings == [], "a prompt named without extension matches any file of that stem")
    }

    @Test func promptMissingInARequiredLanguage() throws {
        let media = try MediaFixture(["en/welcome.wav", "en/menu.wav", "es/welcome.wav"])
        let report = VoiceCompiler.compile(Fixture.voiceMenu(languages: both), mediaFolder: media.root)
        let found = report.with(.missingPrompt)
        #expect(found.count == 1)
        let finding = try #require(found.first)
        #expect(finding.node == "menu")
        #expect(finding.field == "prompt")
        #expect(finding.severity == .error)
        #expect(finding.message.hasPrefix("Collect Input \"Menu\" (menu): prompt \"menu\" is missing for es"))
        #expect(finding.message.contains(media.root.appendingPathComponent("es/menu").path))
        #expect(!report.isValid)
    }

    @Test func aPromptFileThatIsNotAReadableWAVIsAFindingOnEachNodePlayingIt() throws {
        let media = try MediaFixture(["en/welcome.wav", "en/menu.wav", "es/welcome.wav", "es/menu.wav"],
                                     unreadable: ["en/menu.wav"])
        let doc = Fixture.voiceMenu(languages: both).setting("welcome", "prompt", "menu.wav")
        let report = VoiceCompiler.compile(doc, mediaFolder: media.root)
        let found = report.with(.unreadablePrompt)
        #expect(found.map(\.node) == ["welcome", "menu"], "both nodes play en/menu.wav")
        #expect(found.allSatisfy { $0.field == "prompt" && $0.severity == .error })
        let menu = try #require(found.last)
        #expect(menu.message == "Collect Input \"Menu\" (menu): prompt \"menu\" in en: en/menu.wav in the media folder "
                + "is not a readable WAV (not a WAV file: it does not start with RIFF)")
        #expect(report.with(.missingPrompt).isEmpty, "the file is there: it is not missing")
        #expect(!report.isValid)
    }

    @Test func anUnreadablePromptOfAnOptionalLanguageIsReportedToo() throws {
        let media = try MediaFixture(["en/welcome.wav", "en/menu.wav", "fr/menu.wav"], unreadable: ["fr/menu.wav"])
        let languages = [FlowLanguage(code: "en", required: true), FlowLanguage(code: "fr", required: false)]
        let found = VoiceCompiler.compile(Fixture.voiceMenu(languages: languages), mediaFolder: media.root).with(.unreadablePrompt)
        #expect(found.map(\.node) == ["menu"])
        #expect(found.first?.message.contains("fr/menu.wav") == true)
    }

    @Test func optionalLanguagesDoNotRequirePrompts() throws {
        let media = try MediaFixture(["en/welcome.wav", "en/menu.wav"])
        let languages = [FlowLanguage(code: "en", required: true), FlowLanguage(code: "fr", required: false)]
        #expect(VoiceCompiler.compile(Fixture.voiceMenu(languages: languages), mediaFolder: media.root).findings == [])
    }

    @Test func withNoRequiredLanguageAPromptMustExistSomewhere() throws {
        let media = try MediaFixture(["fr/welcome.wav"])
        let languages = [FlowLanguage(code: "fr", required: false)]
        let found = VoiceCompiler.compile(Fixture.voiceMenu(languages: languages), mediaFolder: media.root).with(.missingPrompt)
        #expect(found.map(\.node) == ["menu"])
    }

    @Test func missingLanguageFolderIsOneFinding() throws {
        let media = try MediaFixture(["en/welcome.wav", "en/menu.wav"])
        let found = VoiceCompiler.compile(Fixture.voiceMenu(languages: both), mediaFolder: media.root).with(.missingPrompt)
        #expect(found.count == 1)
        #expect(found.first?.node == nil)
        #expect(found.first?.field == "mediaFolder")
        #expect(found.first?.message.contains("no es/ sub-folder") == true)
    }

    @Test func unsetOrAbsentMediaFolder() throws {
        let unset = VoiceCompiler.compile(Fixture.voiceMenu(), mediaFolder: nil).with(.missingPrompt)
        #expect(unset.count == 1)
        #expect(unset.first?.field == "mediaFolder")
        #expect(unset.first?.message.contains("no media folder") == true)

        let gone = FileManager.default.temporaryDirectory.appendingPathComponent("flowkit-none-\(UUID().uuidString)")
        let absent = VoiceCompiler.compile(Fixture.voiceMenu(), mediaFolder: gone).with(.missingPrompt)
        #expect(absent.count == 1)
        #expect(absent.first?.message.contains(gone.path) == true)

        let media = try MediaFixture(["not-a-folder.txt"])
        let file = media.root.appendingPathComponent("not-a-folder.txt")
        #expect(VoiceCompiler.compile(Fixture.voiceMenu(), mediaFolder: file).with(.missingPrompt).first?.field == "mediaFolder")
    }

    @Test func noLanguagesListed() throws {
        let media = try MediaFixture(["en/welcome.wav", "en/menu.wav"])
        let found = VoiceCompiler.compile(Fixture.voiceMenu(languages: []), mediaFolder: media.root).with(.missingPrompt)
        #expect(found.map(\.field) == ["languages"])
    }

    @Test func flowsWithoutPromptsNeedNoMediaFolder() {
        #expect(VoiceCompiler.compile(Fixture.orderStatus(), mediaFolder: nil).findings == [])
    }

    @Test func compileIncludesValidatorFindingsInOrder() throws {
        let media = try MediaFixture(["en/welcome.wav"])
        let doc = Fixture.voiceMenu().editing {
            $0.connections.removeAll { $0.to == "bye" }
            $0.connections.removeAll { $0.from == "agent" }
        }
        let report = VoiceCompiler.compile(doc, mediaFolder: media.root)
        let summary = report.findings.map { "\($0.node ?? "-") \($0.code.rawValue)" }
        #expect(summary == [
            "- voice-missing-disconnect",
            "welcome unassigned-outcome",
            "menu unassigned-outcome",
            "menu unassigned-outcome",
            "menu missing-prompt",
            "agent no-outcome-connected",
            "bye unreachable-node",
        ])
    }

    @Test func promptTableShowsAvailability() throws {
        let media = try MediaFixture(["en/welcome.wav", "en/menu.wav", "es/welcome.wav"])
        let table = VoiceCompiler.promptTable(Fixture.voiceMenu(languages: both), mediaFolder: media.root)
        #expect(table.prompts == ["menu", "welcome.wav"])
        #expect(table.languages == both)
        #expect(table.available["welcome.wav"] == ["en": true, "es": true])
        #expect(table.available["menu"] == ["en": true, "es": false])
        let none = VoiceCompiler.promptTable(Fixture.voiceMenu(languages: both), mediaFolder: nil)
        #expect(none.available["menu"] == ["en": false, "es": false])
    }

    @Test func promptsInSubfoldersAndPathEscapes() throws {
        let media = try MediaFixture(["en/menus/main.wav", "secret.wav"])
        let doc = Fixture.voiceMenu().setting("welcome", "prompt", "menus/main.wav").setting("menu", "prompt", "menus/main")
        #expect(VoiceCompiler.compile(doc, mediaFolder: media.root).findings == [])
        let escape = Fixture.voiceMenu().setting("welcome", "prompt", "../secret.wav")
        let report = VoiceCompiler.compile(escape, mediaFolder: media.root)
        #expect(report.with(.invalidParameter).first?.field == "prompt")
    }
}
