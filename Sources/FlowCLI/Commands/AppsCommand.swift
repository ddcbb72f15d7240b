import ArgumentParser
import FlowKit

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

        func run() throws {
            let app = try global.open().addApp(name: name, channel: channel, webhookURL: webhook)
            Output.out("Added app '\(app.name)' for \(app.channel ?? "")\n")
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
