import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection to `serve` from a chosen source address (Linux routes all of
/// 127.0.0.0/8 to loopback, so 127.0.0.2 and 127.0.0.3 are two clients), for requests
/// URLSession cannot make: another source address, half a header, a short body.
final class RawHTTPConnection {
    enum Failure: Error, CustomStringConvertible {
        case system(String, Int32)
        var description: String {
            switch self { case .system(let what, let code): return "\(what): \(String(cString: strerror(code)))" }
        }
    }

    /// The socket; -1 once `close()` gave it back.
    private(set) var fd: Int32

    init(port: Int, from source: String = "127.0.0.1", to destination: String = "127.0.0.1") throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure.system("socket", errno) }
        var local = sockaddr_in()
        local.sin_family = sa_family_t(AF_INET)
        inet_pton(AF_INET, source, &local.sin_addr)
        var remote = sockaddr_in()
        remote.sin_family = sa_family_t(AF_INET)
        remote.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, destination, &remote.sin_addr)
        let bound = withUnsafePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        // No close(fd) before a throw: once `fd` is set the instance is whole, so Swift runs
        // deinit even when init throws, and a second close could hit a descriptor another
        // thread has opened since (a spawn in a parallel test then fails with EBADF).
        guard bound == 0 else { throw Failure.system("bind \(source)", errno) }
        let connected = withUnsafePointer(to: &remote) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure.system("connect", errno) }
    }

    /// Closes the socket now (the server sees the client leave); deinit then does nothing.
    /// Never `close(connection.fd)` from outside: deinit would close the number a second
    /// time, when another test may hold it (seen as URLSession's "select/poll returned
    /// error" in a parallel test).
    func close() {
        guard fd >= 0 else { return }
        Glibc.close(fd)
        fd = -1
    }

    deinit { close() }

    func send(_ text: String) throws {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw Failure.system("send", errno) }
            offset += n
        }
    }

    /// Everything until the server closes, or nil if it has not closed within `timeout`.
    func readToClose(timeout: TimeInterval) -> String? {
        var data = [UInt8]()
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return nil }
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&p, 1, Int32(min(left, 1) * 1000))
            if ready < 0 && errno != EINTR { return String(decoding: data, as: UTF8.self) }
            if ready <= 0 { continue }
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return String(decoding: data, as: UTF8.self) }  // closed (0) or reset (-1)
            data += buffer[0..<n]
        }
    }

    /// True when the server has closed its side (EOF or reset) without waiting.
    var isClosedByServer: Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&p, 1, 0) > 0 else { return false }
        var byte: UInt8 = 0
        let n = recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
    }

    /// One request with `Connection: close`; the status and the whole answer.
    static func request(port: Int, from source: String, _ method: String, _ path: String,
                        headers: [String: String] = [:], body: String = "") throws -> (status: Int, text: String) {
        let c = try RawHTTPConnection(port: port, from: source)
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (k, v) in headers { head += "\(k): \(v)\r\n" }
        head += "Content-Length: \(body.utf8.count)\r\n\r\n"
        try c.send(head + body)
        let text = c.readToClose(timeout: 30) ?? ""
        let status = text.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0) } ?? 0
        return (status, text)
    }
}
