import Foundation
import Testing
@testable import FlowKit

/// Issue 13, defect 3: every non-regular file gets its real reason, and reads are capped
/// so /dev/zero or a huge file never hangs or fills memory.
@Suite struct DocumentFileTests {
    private func reason(_ url: URL, maximumSize: Int = DocumentFile.maximumSize) -> String? {
        do {
            _ = try DocumentFile.read(url, maximumSize: maximumSize)
            return nil
        } catch {
            guard case .unreadableFile(let path, let reason) = error else { return "unexpected \(error)" }
            #expect(path == url.path)
            return reason
        }
    }

    private static func directory() throws -> URL {
        let dir = StoreFixture.temporaryDirectory()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func devicesAreNotRegularFiles() {
        for path in ["/dev/null", "/dev/zero", "/dev/stdin", "/dev/urandom"] {
            #expect(reason(URL(fileURLWithPath: path)) == "is not a regular file", "\(path)")
        }
    }

    @Test func fifoIsRefusedWithoutWaitingForAWriter() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("pipe.json")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        #expect(reason(fifo) == "is not a regular file")
    }

    @Test func directoriesSymlinkLoopsAndMissingFilesSayWhat() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(reason(dir) == "is a directory")
        let a = dir.appendingPathComponent("a.json"), b = dir.appendingPathComponent("b.json")
        try FileManager.default.createSymbolicLink(atPath: a.path, withDestinationPath: b.path)
        try FileManager.default.createSymbolicLink(atPath: b.path, withDestinationPath: a.path)
        #expect(reason(a) == "too many symbolic links")
        #expect(reason(dir.appendingPathComponent("none.json")) == "no such file")
        let file = dir.appendingPathComponent("flow.json")
        try Data("{}".utf8).write(to: file)
        #expect(reason(file.appendingPathComponent("x")) == "a part of the path is not a directory")
    }

    @Test func documentsOverTheCapAreRefusedUnread() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A sparse file one byte over 64 MiB: refused by its size, nothing is read.
        let huge = dir.appendingPathComponent("huge.json")
        #expect(FileManager.default.createFile(atPath: huge.path, contents: nil))
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: UInt64(DocumentFile.maximumSize + 1))
        try handle.close()
        #expect(reason(huge) == "is larger than 64 MiB, the most a document may be")

        let small = dir.appendingPathComponent("small.json")
        try Data(repeating: 0x20, count: 2048).write(to: small)
        #expect(reason(small, maximumSize: 1024) == "is larger than 1024 bytes, the most a document may be")
        #expect(try DocumentFile.read(small, maximumSize: 2048).count == 2048)
        #expect(try DocumentFile.read(small).count == 2048)
    }

    @Test func unreadableForPermissionsOnlyWhenThatIsTheCause() throws {
        guard getuid() != 0 else { return } // root reads everything
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("secret.json")
        try Data("{}".utf8).write(to: file)
        chmod(file.path, 0)
        #expect(reason(file) == "permission denied")
    }
}
