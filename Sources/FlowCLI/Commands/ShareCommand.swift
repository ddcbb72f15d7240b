import ArgumentParser
import FlowKit
import FlowShare
import Foundation

struct ShareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "share",
        abstract: "Share a flow read-only behind a password; prints the link 'flowcanvas serve' answers.",
        discussion: """
            The link shows the flow's latest saved state (its working draft, else its live version). \
            The password is asked twice on the terminal (or read from --password-file) and only a \
            salted PBKDF2-SHA256 hash of it is stored. Sharing again makes a new link; the old one dies.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Flow name or id.") var flow: String
    @Option(name: .customLong("password-file"), help: ArgumentHelp(
        "Read the password from this file (its final line break is dropped).", valueName: "file"))
    var passwordFile: String?
    @Option(help: "Host in the printed link (where 'flowcanvas serve' listens).") var host = ShareLink.defaultHost
    @Option(help: ArgumentHelp(
        "Port in the printed link (default \(ShareLink.defaultPort)). With --status: the port to print instead of the one the link was made with.",
        valueName: "port"))
    var port: Int?
    @Option(name: .customLong("public-url"), help: ArgumentHelp(
        "Print the link under this address instead of http://HOST:PORT, e.g. https://flows.example.com (serve --tls-cert, or an HTTPS proxy with serve --trust-proxy). Kept with the link: --status prints it again.",
        valueName: "url"))
    var publicURL: String?
    @Flag(help: "Turn the link off at once.") var off = false
    @Flag(help: "Say whether the link is on (and print it when it is).") var status = false

    func validate() throws {
        if off && status { throw ValidationError("--off and --status cannot be combined") }
        if (off || status) && passwordFile != nil {
            throw ValidationError("--password-file is only for turning sharing on")
        }
        if let port, !(1...65535).contains(port) { throw ValidationError("--port must be 1-65535") }
        if let publicURL {
            guard ShareLink.publicBase(publicURL) != nil else {
                throw ValidationError("--public-url must be an http:// or https:// address with a host, such as https://flows.example.com")
            }
            if off { throw ValidationError("--public-url is for printing the link, not with --off") }
        }
        guard !host.isEmpty, !host.contains(where: { $0.isWhitespace || $0 == "/" }) else {
            throw ValidationError("--host must be a host name or address")
        }
    }

    func run() throws {
        let workspace = try global.open()
        let service = ShareService(workspace: workspace)
        let name = try workspace.flow(flow).name
        try reportingShareErrors {
            if off {
                let revoked = try service.disable(flow)
                Output.out(revoked == nil ? "Sharing of '\(name)' was already off\n"
                                          : "Sharing of '\(name)' is off; its link no longer works\n")
            } else if status {
                Output.out(ShareService.statusText(flowName: name, record: try service.status(flow), host: host, port: port,
                                                   publicURL: publicURL))
            } else {
                let password: String
                if let passwordFile {
                    password = try PasswordInput.read(fromFile: passwordFile)
                } else {
                    password = try PasswordInput.prompt("Password for the share link of '\(name)': ",
                                                        confirm: "Repeat the password: ",
                                                        hint: "use --password-file FILE")
                }
                let linkPort = port ?? ShareLink.defaultPort
                let record = try service.enable(flow, password: password, port: linkPort, publicURL: publicURL)
                let link = try publicURL.map { try ShareLink(publicURL: $0, token: record.token) }
                    ?? ShareLink(host: host, port: linkPort, token: record.token)
                Output.out("\(link)\n")
                if link.scheme == "http" && !ShareLink.isLoopback(link.host) {
                    Output.err("Warning: this link is plain http to another machine: the password would cross the network in clear (use --public-url https://… with serve --tls-cert or an HTTPS proxy).\n")
                }
                Output.err("Shared '\(name)' read-only: anyone with this link and the password sees its latest saved state while 'flowcanvas serve' runs.\n")
            }
        }
    }
}

/// Sharing's refusals as the CLI shows every error: one `flowcanvas: …` line and the
/// exit code DESIGN §7 gives them.
func reportingShareErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as ShareError {
        Output.err("flowcanvas: \(error.message)\n")
        throw Refused(code: error.exitCode)
    }
}

func reportingShareErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ShareError {
        Output.err("flowcanvas: \(error.message)\n")
        throw Refused(code: error.exitCode)
    }
}
