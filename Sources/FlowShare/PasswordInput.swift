import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where share passwords come from: a file (`--password-file`), or the terminal with
/// echo turned off.
public enum PasswordInput {
    /// The file's text without its final line break (what `echo pw > file` leaves).
    public static func read(fromFile path: String) throws(ShareError) -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            throw .unreadablePasswordFile(path: path, reason: "no such file")
        } catch {
            throw .unreadablePasswordFile(path: path, reason: "permission denied or not a file")
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw .unreadablePasswordFile(path: path, reason: "not UTF-8 text")
        }
        // "\r\n" is one Character in Swift, and does not end with "\n".
        if text.hasSuffix("\r\n") || text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// Asks on the terminal with echo off; with `confirm`, asks twice and refuses when
    /// the answers differ. Without a terminal on stdin, refuses with `hint` (what to use
    /// instead) rather than blocking.
    public static func prompt(_ prompt: String, confirm: String? = nil, hint: String) throws(ShareError) -> String {
        guard isatty(STDIN_FILENO) == 1 else { throw .noTerminal(hint: hint) }
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard tty >= 0 else { throw .noTerminal(hint: hint) }
        defer { close(tty) }
        let first = try readHidden(tty, prompt: prompt, hint: hint)
        guard let confirm else { return first }
        let second = try readHidden(tty, prompt: confirm, hint: hint)
        guard first == second else { throw .passwordsDiffer }
        return first
    }

    /// One line from the terminal `fd` with ECHO off (the newline still echoes), restoring
    /// the terminal afterwards, also on Ctrl-C.
    private static func readHidden(_ fd: Int32, prompt: String, hint: String) throws(ShareError) -> String {
        var saved = termios()
        guard tcgetattr(fd, &saved) == 0 else { throw .noTerminal(hint: hint) }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        quiet.c_lflag |= tcflag_t(ECHONL)
        TerminalRestore.arm(fd: fd, saved: saved)
        defer { TerminalRestore.disarm() }
        _ = tcsetattr(fd, TCSAFLUSH, &quiet)
        defer { _ = tcsetattr(fd, TCSAFLUSH, &saved) }
        writeAll(fd, prompt)

        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let n = readByte(fd, &byte)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 || byte == UInt8(ascii: "\n") { break }
            bytes.append(byte)
        }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func readByte(_ fd: Int32, _ byte: inout UInt8) -> Int {
        #if canImport(Glibc)
        return Glibc.read(fd, &byte, 1)
        #else
        return Darwin.read(fd, &byte, 1)
        #endif
    }

    private static func writeAll(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            sent += n
        }
    }
}

/// Puts the terminal's echo back if the user presses Ctrl-C at the password prompt,
/// then dies of the signal as usual. A C signal handler cannot capture context, hence
/// the process-wide state; only one prompt is ever open.
private enum TerminalRestore {
    nonisolated(unsafe) static var fd: Int32 = -1
    nonisolated(unsafe) static var saved = termios()

    static func arm(fd: Int32, saved: termios) {
        TerminalRestore.saved = saved
        TerminalRestore.fd = fd
        for sig in [SIGINT, SIGTERM, SIGQUIT, SIGHUP] {
            signal(sig) { received in
                if TerminalRestore.fd >= 0 { _ = tcsetattr(TerminalRestore.fd, TCSANOW, &TerminalRestore.saved) }
                signal(received, SIG_DFL)
                raise(received)
            }
        }
    }

    static func disarm() {
        fd = -1
        for sig in [SIGINT, SIGTERM, SIGQUIT, SIGHUP] { signal(sig, SIG_DFL) }
    }
}
