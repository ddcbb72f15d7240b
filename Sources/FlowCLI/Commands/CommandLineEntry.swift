import ArgumentParser
import FlowKit
import Foundation
import TerminalText

/// Parses, runs, and turns every error into `flowcanvas: <message>` on stderr with the
/// right exit code.
public enum CommandLineEntry {
    /// On the main actor, so commands that run synchronously (the editor, every store
    /// command) keep the main thread, as a terminal program expects; `AsyncParsableCommand`s
    /// (serve, run, view, bench --runtime) await on Swift's executors.
    @MainActor
    public static func run() async -> Never {
        do {
            var command = try FlowCanvasCommand.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            exit(0)
        } catch let error as WorkspaceError {
            if case .importRefused(let refusal) = error, refusal.reason == .unsupportedNodes {
                // DESIGN §4 fixes this text's first line exactly, so it goes out unprefixed.
                Output.err(refusal.message + "\n")
                exit(error.exitCode)
            }
            fail(error.message, code: error.exitCode)
        } catch let error as MediaLibrary.Refusal {
            fail(error.message, code: error.exitCode)
        } catch let error as Refused {
            exit(error.code)
        } catch {
            let code = FlowCanvasCommand.exitCode(for: error)
            if code == .success {
                Output.out(FlowCanvasCommand.fullMessage(for: error) + "\n")
                exit(0)
            }
            let message = FlowCanvasCommand.message(for: error)
            if code == .validationFailure {
                let line = message.split(separator: "\n").first.map(String.init) ?? "invalid arguments"
                fail("\(line) (see 'flowcanvas help')", code: 2)
            }
            if !message.isEmpty { fail(message, code: code.rawValue) }
            exit(code.rawValue)
        }
    }

    static func fail(_ message: String, code: Int32) -> Never {
        Output.err("flowcanvas: \(message)\n")
        exit(code)
    }
}

/// The command already printed why (findings); exit with `code` and no further line.
struct Refused: Error {
    var code: Int32 = 1
}

/// Everything the CLI prints goes through here, so no control character from a flow,
/// a file or an argument reaches the terminal raw (line breaks stay line breaks).
enum Output {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(TerminalText.escaped(text, keepingLineBreaks: true).utf8))
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data(TerminalText.escaped(text, keepingLineBreaks: true).utf8))
    }
}
