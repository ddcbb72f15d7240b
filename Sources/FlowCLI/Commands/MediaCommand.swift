import ArgumentParser
import FlowKit
import Foundation

/// `flowcanvas media …`: the workspace's voice media folders (`media/NAME/LANGUAGE/`).
struct MediaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "media", abstract: "Voice media folders: prompt files per language, in the workspace's media/ folder.",
        subcommands: [List.self, Create.self, Add.self, Check.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the media folders, their languages and prompt counts.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "JSON output.") var json = false

        func run() throws {
            let library = try global.open().mediaLibrary
            let folders = library.folders()
            Output.out(json ? MediaText.listJSON(folders) : MediaText.list(folders, root: library.root))
        }
    }

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a media folder with a sub-folder per language (or add languages to one).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Folder name (one name, no slashes).") var name: String
        @Option(help: "Comma-separated language codes, e.g. en,es.") var languages: String

        func run() throws {
            let library = try global.open().mediaLibrary
            let codes = languages.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            let folder = try library.create(name, languages: codes)
            Output.out(MediaText.created(folder, root: library.root))
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a WAV prompt into a media folder's language; prints its duration, rate and channels.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Media folder name.") var name: String
        @Argument(help: "The WAV file to copy in.") var file: String
        @Option(help: "The language sub-folder it goes to.") var language: String
        @Option(name: .customLong("as"), help: "Store it under this file name (default: the file's own).") var target: String?
        @Flag(help: "Overwrite a prompt of the same name.") var replace = false

        func run() throws {
            let library = try global.open().mediaLibrary
            let url = URL(fileURLWithPath: file, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            let added = try library.add(name, file: url.standardizedFileURL, language: language, as: target, replace: replace)
            Output.out(MediaText.added(added, folder: name, language: language))
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that every prompt is in every language and every file is a readable WAV.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Media folder name.") var name: String
        @Flag(help: "JSON output.") var json = false

        func run() throws {
            let report = try global.open().mediaLibrary.check(name)
            Output.out(json ? MediaText.checkJSON(report) : MediaText.check(report))
            if !report.isClean { throw Refused() }
        }
    }
}
