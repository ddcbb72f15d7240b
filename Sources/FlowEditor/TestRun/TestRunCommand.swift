import FlowKit
import Foundation
import TerminalUI

/// A test-run action by name, for the `:` command line (`test-stubs`, `test-save FILE` …):
/// what the panel's keys do, so every one of them is also a command.
public enum TestRunCommand: Equatable, Sendable {
    case start
    case stubs
    case reply(String)
    /// Past the session's timer (a delay, or a reply's timeout), or this many seconds.
    case wait(seconds: Double?)
    case restart
    case trigger
    case variables
    /// Without a path: the save prompt (Ctrl-O); with one: written at once.
    case save(path: String?)
    case close
}

extension TestRunPanel {
    /// Runs a test-run command as its key would, in any phase where it means something;
    /// elsewhere `problem` says why not.
    public func perform(_ command: TestRunCommand) -> Response {
        problem = nil
        notice = nil
        switch command {
        case .close:
            return .close
        case .start:
            guard phase == .setup else { problem = "the run has started: test-restart runs it again"; break }
            start()
        case .stubs:
            overlayCommand(.stubs)
        case .save(let path?):
            if let error = writeScript(to: path) { problem = error }
        case .save(nil):
            overlayCommand(.saveScript)
        case .restart:
            restart()
        case .trigger:
            editTrigger()
        case .variables:
            guard phase != .setup else { problem = "start the run first: there are no variables yet"; break }
            showVariables.toggle()
        case .reply(let text):
            guard typingReply else { problem = "no reply is awaited now (\(stateText))"; break }
            input = TextField(text: text, focused: true, theme: theme)
            sendReply()
        case .wait(let seconds):
            guard phase != .setup, phase != .running, session != nil else {
                problem = "start the run first: there is no timer to wait for"
                break
            }
            waitPastTimer(seconds: seconds)
        }
        return .keep
    }

    /// `:` in the panel: the command line, started on the test-run actions.
    func openCommandPrompt() {
        commandPrompt = CommandLinePrompt(context: CommandContext(document: document, catalog: catalog),
                                          text: "test-", theme: theme)
    }

    /// Keys while the command line is open: a test-run action runs here, any other action
    /// goes to the screen (which closes the panel first).
    func handleCommandPrompt(_ event: Event) -> Response {
        guard var prompt = commandPrompt else { return .keep }
        switch prompt.handle(event) {
        case .pending:
            commandPrompt = prompt
            return .keep
        case .cancelled:
            commandPrompt = nil
            return .keep
        case .run(.testRunCommand(let command)):
            commandPrompt = nil
            return perform(command)
        case .run(let action):
            commandPrompt = nil
            return .perform(action)
        }
    }
}
