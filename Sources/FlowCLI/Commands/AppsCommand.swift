import ArgumentParser
import FlowKit
import Foundation

struct AppsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apps", abstract: "Channel apps: named senders a live flow binds per channel.",
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an app that posts {\"to\",\"from\",\"message\",\"channel\"} to a URL.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "App name.") var name: String
        @Option(help: "The channel it sends on.") var channel: String
        @Option(help: "The URL it posts to.") var webhook: String
        @Option(name: .customLong("signing-secret-file"), help: ArgumentHelp(
            "A file whose first line is the secret each post is signed with (X-FlowCanvas-Signature: sha256=HMAC of the body).",
            valueName: "FILE"))
        var signingSecretFile: String?

        func run() throws {
            // From a file, not an argument: a secret on the command line lands in shell history and `ps`.
            let secret = try signingSecretFile.map { path -> String in
                guard let data = FileManager.default.contents(atPath: path),
                      let text = String(data: data, encoding: .utf8) else {
                    throw ValidationError("cannot read the signing secret file '\(path)'")
                }
                return text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            }
            if let secret, secret.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("the signing secret file '\(signingSecretFile ?? "")' is empty")
            }
            let app = try global.open().addApp(name: name, channel: channel, webhookURL: webhook, signingSecret: secret)
            Output.out("Added app '\(app.name)' for \(app.channel ?? "")\(app.hasSigningSecret ? ", posts signed" : "")\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the apps, the built-in outbox first.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "JSON output.") var json = false

        func run() throws {
            let apps = try global.open().apps()
            Output.out(json ? CLIJSON.apps(apps) : CLIText.apps(apps))
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an app no live flow uses.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "App name.") var name: String

        func run() throws {
            try global.open().removeApp(named: name)
            Output.out("Removed app '\(name)'\n")
        }
    }
}
