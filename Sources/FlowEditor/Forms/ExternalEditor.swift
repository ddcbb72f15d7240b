import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-X Ctrl-E in the node form: long text goes through the user's `$VISUAL`/`$EDITOR` in a
/// temp file. The caller has suspended the full-screen UI (`ScreenAction.suspend`, which puts
/// the terminal back in cooked mode) around this.
///
/// The editor owns the terminal the way a shell's job does: it runs in its own process group,
/// made the terminal's foreground group (`tcsetpgrp`) with the tty as stdin, stdout and
/// stderr, so it may read keys, set the tty modes and receive Ctrl-C and Ctrl-Z; afterwards
/// the foreground goes back to us. (Foundation's `Process` starts a new session, where an
/// editor has no terminal at all: vim exits with status 1.)
public enum ExternalEditor {
    public struct Failure: Error, Equatable { public var message: String }

    /// Runs `command FILE` through `/bin/sh` (so `EDITOR="code -w"` works) and returns the
    /// edited text without the trailing newline editors add.
    public static func edit(_ text: String, command: String) -> Result<String, Failure> {
        let dir = FileManager.default.temporaryDirectory
        let file = dir.appendingPathComponent("flowcanvas-edit-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            try Data((text + "\n").utf8).write(to: file)
        } catch {
            return .failure(Failure(message: "cannot write a temporary file for the editor: \(error.localizedDescription)"))
        }
        let status: ExitStatus
        switch runInForeground(["/bin/sh", "-c", command + " \"$1\"", "flowcanvas-editor", file.path]) {
        case .success(let s): status = s
        case .failure(let f): return .failure(f)
        }
        switch status {
        case .exited(0): break
        case .exited(127):
            return .failure(Failure(message: "the editor '\(command)' was not found (set $VISUAL or $EDITOR); text unchanged"))
        case .exited(let code):
            return .failure(Failure(message: "the editor '\(command)' exited with status \(code); text unchanged"))
        case .signalled(let sig):
            return .failure(Failure(message: "the editor '\(command)' was killed by signal \(sig); text unchanged"))
        }
        guard let data = try? Data(contentsOf: file), var edited = String(data: data, encoding: .utf8) else {
            return .failure(Failure(message: "cannot read the edited text back (not UTF-8?); text unchanged"))
        }
        if edited.hasSuffix("\n") { edited.removeLast() }
        return .success(edited)
    }

    public enum ExitStatus: Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    /// Runs `argv` (absolute path first) as the terminal's foreground job and waits for it.
    /// Without a controlling terminal in our foreground (tests, pipes) it simply inherits
    /// our stdin/stdout/stderr.
    public static func runInForeground(_ argv: [String]) -> Result<ExitStatus, Failure> {
        let tty = open("/dev/tty", O_RDWR | O_CLOEXEC)
        defer { if tty >= 0 { close(tty) } }
        let ownGroup = getpgrp()
        let takesTerminal = tty >= 0 && tcgetpgrp(tty) == ownGroup

        // Everything the child needs is prepared before fork: after it, only
        // async-signal-safe calls.
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        let path = cArgs[0]!

        // While the child holds the foreground we are a background group: taking the
        // terminal back must not stop us with SIGTTOU.
        var ignore = sigaction(), previous = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        sigemptyset(&ignore.sa_mask)
        sigaction(SIGTTOU, &ignore, &previous)
        defer { sigaction(SIGTTOU, &previous, nil) }

        let pid = fork()
        if pid < 0 {
            return .failure(Failure(message: "cannot start the editor: \(String(cString: strerror(errno))); text unchanged"))
        }
        if pid == 0 {
            if takesTerminal {
                setpgid(0, 0)
                tcsetpgrp(tty, getpid())  // SIGTTOU is ignored here (inherited) until the reset below
                dup2(tty, 0); dup2(tty, 1); dup2(tty, 2)
            }
            // The editor starts with default signal handling and nothing blocked.
            signal(SIGINT, SIG_DFL); signal(SIGQUIT, SIG_DFL); signal(SIGTERM, SIG_DFL)
            signal(SIGHUP, SIG_DFL); signal(SIGTSTP, SIG_DFL); signal(SIGTTIN, SIG_DFL)
            signal(SIGTTOU, SIG_DFL); signal(SIGPIPE, SIG_DFL); signal(SIGWINCH, SIG_DFL)
            var none = sigset_t()
            sigemptyset(&none)
            sigprocmask(SIG_SETMASK, &none, nil)
            cArgs.withUnsafeMutableBufferPointer { _ = execv(path, $0.baseAddress!) }
            _exit(127)
        }
        if takesTerminal {
            setpgid(pid, pid)  // also here, so the order of parent and child does not matter
            tcsetpgrp(tty, pid)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if takesTerminal { tcsetpgrp(tty, ownGroup) }
        let signalNumber = status & 0x7f
        return .success(signalNumber == 0 ? .exited((status >> 8) & 0xff) : .signalled(signalNumber))
    }
}
