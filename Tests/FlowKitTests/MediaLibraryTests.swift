import Foundation
import Testing
import TestSupport
@testable import FlowKit

@Suite struct MediaLibraryTests {
    final class Folder {
        let root: URL
        let library: MediaLibrary
        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("media-lib-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root.appendingPathComponent("media"), withIntermediateDirectories: true)
            library = MediaLibrary(root: root.appendingPathComponent("media"))
        }
        deinit { try? FileManager.default.removeItem(at: root) }
        func file(_ name: String, _ bytes: Data) throws -> URL {
            let url = root.appendingPathComponent("in").appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try bytes.write(to: url)
            return url
        }
    }

    func refusal(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch let r as MediaLibrary.Refusal { return r.message } catch { return "\(error)" }
    }

    @Test func createAddListAndCheck() throws {
        let f = try Folder()
        let made = try f.library.create("ivr", languages: ["en", "es"])
        #expect(made == MediaLibrary.Folder(name: "ivr", languages: ["en", "es"], promptCounts: ["en": 0, "es": 0]))
        #expect(made.settingValue == "media/ivr")
        let welcome = try f.file("welcome.wav", WAVBytes(frames: 12_000).data)
        let added = try f.library.add("ivr", file: welcome, language: "en")
        #expect(added.info.duration == 1.5)
        #expect(FileManager.default.contentsEqual(atPath: added.path.path, andPath: welcome.path))
        #expect(f.library.folders().map(\.promptCounts) == [["en": 1, "es": 0]])

        var report = try f.library.check("ivr")
        #expect(report.prompts == ["welcome"])
        #expect(report.problems == [.init(language: "es", prompt: "welcome", message: "missing")])
        #expect(report.durations == ["welcome": ["en": 1.5]])

        _ = try f.library.add("ivr", file: welcome, language: "es")
        // A file that is not a WAV placed by hand is reported, not skipped.
        try Data("not audio".utf8).write(to: f.library.root.appendingPathComponent("ivr/en/menu.wav"))
        try WAVBytes(frames: 800).write(to: f.library.root.appendingPathComponent("ivr/es/menu.wav"))
        report = try f.library.check("ivr")
        #expect(report.prompts == ["menu", "welcome"])
        #expect(report.problems == [.init(language: "en", prompt: "menu.wav", message: "not a WAV file: it does not start with RIFF")])
        #expect(report.durations["menu"] == ["es": 0.1])
    }

    /// Only a folder with a language sub-folder is a media folder: a stray folder (a
    /// backup, an editor's scratch folder) under media/ is neither listed nor selectable.
    @Test func aFolderWithNoLanguageFolderIsNotAMediaFolder() throws {
        let f = try Folder()
        _ = try f.library.create("ivr", languages: ["en"])
        let stray = f.root.appendingPathComponent("media/scratch")
        try FileManager.default.createDirectory(at: stray, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: stray.appendingPathComponent("notes.txt"))
        #expect(f.library.folders().map(\.name) == ["ivr"])
        #expect(f.library.folder(named: "scratch") == nil)
        #expect(refusal { _ = try f.library.check("scratch") }?.contains("no media folder named 'scratch'") == true)
        // Creating it with a language makes it one.
        _ = try f.library.create("scratch", languages: ["en"])
        #expect(f.library.folders().map(\.name) == ["ivr", "scratch"])
    }

    @Test func refusalsCopyNothing() throws {
        let f = try Folder()
        try f.library.create("ivr", languages: ["en"])
        let bad = try f.file("bad.wav", Data("ID3".utf8))
        #expect(refusal { _ = try f.library.add("ivr", file: bad, language: "en") }
                == "\(bad.path): not a WAV file: it does not start with RIFF")
        let cut = try f.file("cut.wav", WAVBytes(frames: 1000).data.prefix(100))
        #expect(refusal { _ = try f.library.add("ivr", file: cut, language: "en") }?.contains("truncated WAV file") == true)
        let good = try f.file("good.wav", WAVBytes().data)
        #expect(refusal { _ = try f.library.add("ivr", file: good, language: "fr") }?.hasPrefix("media folder 'ivr' has no language 'fr'") == true)
        #expect(refusal { _ = try f.library.add("nope", file: good, language: "en") } == "no media folder named 'nope' (see 'flowcanvas media list')")
        #expect(refusal { _ = try f.library.add("ivr", file: good, language: "en", as: "../../escape.wav") }?.contains("slash") == true)
        #expect(refusal { _ = try f.library.add("ivr", file: good, language: "en", as: "good.mp3") }?.contains("does not end in .wav") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.library.root.appendingPathComponent("ivr/en").path) == [])
        _ = try f.library.add("ivr", file: good, language: "en")
        #expect(refusal { _ = try f.library.add("ivr", file: good, language: "en") }?.contains("already exists") == true)
        _ = try f.library.add("ivr", file: good, language: "en", replace: true)
    }

    @Test func namesAreOnePathComponent() throws {
        let f = try Folder()
        for name in ["", "..", ".hidden", "a/b", "../up", "a\\b", "tab\tname", " padded"] {
            #expect(refusal { try f.library.create(name, languages: ["en"]) } != nil, "'\(name)' was accepted")
        }
        #expect(refusal { try f.library.create("ok", languages: ["en", "../x"]) }?.contains("language") == true)
        #expect(refusal { try f.library.create("ok", languages: []) } != nil)
        #expect(refusal { try f.library.create("ok", languages: ["en", "en"]) } == "a language is listed twice")
        #expect(f.library.folders().isEmpty)
        try f.library.create("ok", languages: ["en"])
        #expect(refusal { try f.library.create("ok", languages: ["en"]) }?.contains("already exists") == true)
        #expect(try f.library.create("ok", languages: ["es"]).languages == ["en", "es"], "new languages are added")
        #expect(MediaLibrary.folderName(forSetting: "media/ok") == "ok")
        #expect(MediaLibrary.folderName(forSetting: "media/../etc") == nil)
        #expect(MediaLibrary.folderName(forSetting: "/srv/prompts") == nil)
    }

    @Test func promptTableCarriesDurations() throws {
        let f = try Folder()
        try f.library.create("menu", languages: ["en", "es"])
        try WAVBytes(frames: 16_000).write(to: f.library.root.appendingPathComponent("menu/en/welcome.wav"))
        try WAVBytes(frames: 4_000).write(to: f.library.root.appendingPathComponent("menu/es/welcome.wav"))
        try WAVBytes(frames: 8_000).write(to: f.library.root.appendingPathComponent("menu/en/menu.wav"))
        let both = [FlowLanguage(code: "en", required: true), FlowLanguage(code: "es", required: true)]
        let table = VoiceCompiler.promptTable(Fixture.voiceMenu(languages: both), mediaFolder: f.library.root.appendingPathComponent("menu"))
        #expect(table.durations["welcome.wav"] == ["en": 2.0, "es": 0.5])
        #expect(table.durations["menu"] == ["en": 1.0])
        #expect(table.available["menu"] == ["en": true, "es": false])
    }

    @Test func aMissingLibraryFolderIsAMissingPromptFindingThatSaysHowToCreateIt() throws {
        let f = try Folder()
        let doc = Fixture.voiceMenu(mediaFolder: "media/absent",
                                    languages: [FlowLanguage(code: "en", required: true), FlowLanguage(code: "es", required: false)])
        let found = VoiceCompiler.compile(doc, mediaFolder: f.library.root.appendingPathComponent("absent")).with(.missingPrompt)
        #expect(found.count == 1)
        #expect(found.first?.field == "mediaFolder")
        #expect(found.first?.message.hasSuffix("does not exist or is not a folder; create it with 'flowcanvas media create absent --languages en,es'") == true)
    }
}
