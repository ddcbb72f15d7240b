import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a document file with POSIX calls, so every refusal names its real cause
/// (Foundation says "you don't have permission" for /dev/null, a FIFO or /dev/zero and
/// "no such file" for a symlink loop), and never reads more than `maximumSize`: a device
/// like /dev/zero is refused before a byte is read, and a growing file stops at the cap.
public enum DocumentFile {
    /// The largest document import, save and validate accept. 64 MiB is over ten times a
    /// 50,000-node flow.
    public static let maximumSize = 64 * 1024 * 1024

    public static func read(_ url: URL, maximumSize: Int = DocumentFile.maximumSize) throws(WorkspaceError) -> Data {
        let path = url.path
        var info = stat()
        // stat (not open) first: opening a FIFO for reading would wait for a writer.
        if stat(path, &info) != 0 { throw .unreadableFile(path: path, reason: reason(errno)) }
        try checkKind(info.st_mode, path: path)
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 { throw .unreadableFile(path: path, reason: reason(errno)) }
        defer { close(fd) }
        // The path may have been swapped between stat and open: check what was opened.
        if fstat(fd, &info) != 0 { throw .unreadableFile(path: path, reason: reason(errno)) }
        try checkKind(info.st_mode, path: path)
        if Int(info.st_size) > maximumSize { throw tooLarge(path, maximumSize) }

        var data = Data(count: min(Int(info.st_size), maximumSize) + 1)
        var filled = 0
        while true {
            if filled == data.count {
                if filled > maximumSize { throw tooLarge(path, maximumSize) }
                data.count = min(maximumSize + 1, max(data.count * 2, 4096))
            }
            let n = data.withUnsafeMutableBytes { buffer in
                posixRead(fd, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadableFile(path: path, reason: reason(errno))
            }
            if n == 0 { break }
            filled += n
            if filled > maximumSize { throw tooLarge(path, maximumSize) }
        }
        data.count = filled
        return data
    }

    private static func checkKind(_ mode: mode_t, path: String) throws(WorkspaceError) {
        switch mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: throw .unreadableFile(path: path, reason: "is a directory")
        default: throw .unreadableFile(path: path, reason: "is not a regular file")
        }
    }

    private static func tooLarge(_ path: String, _ limit: Int) -> WorkspaceError {
        let mib = 1024 * 1024
        let size = limit % mib == 0 ? "\(limit / mib) MiB" : "\(limit) bytes"
        return .unreadableFile(path: path, reason: "is larger than \(size), the most a document may be")
    }

    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case ENOTDIR: return "a part of the path is not a directory"
        case EACCES, EPERM: return "permission denied"
        case ELOOP: return "too many symbolic links"
        case ENAMETOOLONG: return "the path is too long"
        case EISDIR: return "is a directory"
        default: return String(cString: strerror(code))
        }
    }
}

private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(fd, buffer, count)
    #else
    Darwin.read(fd, buffer, count)
    #endif
}
