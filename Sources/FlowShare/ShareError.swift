/// Everything sharing refuses, as one line a user reads, with the CLI's exit code
/// (DESIGN §7: 1 refused, 2 usage or environment).
public enum ShareError: Error, Equatable, Sendable, CustomStringConvertible {
    case emptyPassword
    case passwordTooShort(minimum: Int)
    case passwordsDiffer
    case noTerminal(hint: String)
    case unreadablePasswordFile(path: String, reason: String)
    case hashingFailed(String)
    case invalidLink(String)
    case wrongPassword
    case linkNotFound
    case tooManyAttempts(retryAfter: Int)
    case unexpectedResponse(status: Int)
    case network(String)
    case invalidDocument(String)
    case viewerNeedsTerminal

    public var exitCode: Int32 {
        switch self {
        case .noTerminal, .unreadablePasswordFile, .hashingFailed, .invalidLink, .network, .viewerNeedsTerminal:
            return 2
        case .emptyPassword, .passwordTooShort, .passwordsDiffer, .wrongPassword, .linkNotFound,
             .tooManyAttempts, .unexpectedResponse, .invalidDocument:
            return 1
        }
    }

    public var message: String {
        switch self {
        case .emptyPassword:
            return "the password must not be empty"
        case .passwordTooShort(let minimum):
            return "the password must be at least \(minimum) characters"
        case .passwordsDiffer:
            return "the two passwords differ; nothing changed"
        case .noTerminal(let hint):
            return "no terminal to ask the password on; \(hint)"
        case .unreadablePasswordFile(let path, let reason):
            return "cannot read the password file \(path): \(reason)"
        case .hashingFailed(let why):
            return "cannot hash the password: \(why)"
        case .invalidLink(let text):
            return "'\(text)' is not a share link (http://HOST:PORT/share/TOKEN)"
        case .wrongPassword:
            return "wrong password"
        case .linkNotFound:
            return "the share link does not exist or was turned off"
        case .tooManyAttempts(let seconds):
            return "too many wrong passwords for this link; try again in \(seconds) s"
        case .unexpectedResponse(let status):
            return "the server answered with HTTP status \(status)"
        case .network(let why):
            return "cannot reach the server: \(why)"
        case .invalidDocument(let why):
            return "the shared flow could not be read: \(why)"
        case .viewerNeedsTerminal:
            return "view opens the flow in the terminal editor and needs a terminal; use --json to print it instead"
        }
    }

    public var description: String { message }
}
