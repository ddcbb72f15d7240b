import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A child spawned by the tests' own `posix_spawn` keeps only 0, 1 and 2 (see
/// `SpawnedDescriptors`): a descriptor the runner has open, here a pipe's write end, must not
/// reach it.
@Suite struct SpawnedDescriptorsTests {
    @Test func aSpawnedChildInheritsOnlyTheStandardDescriptors() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]); close(ends[1]) }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("fds-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, out.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        SpawnedDescriptors.closeAllAbove2(&actions)
        let script: [String] = ["/bin/sh", "-c", "for f in /proc/$$/fd/*; do echo ${f##*/}; done"]
        let argv: [UnsafeMutablePointer<CChar>?] = script.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        #expect(posix_spawn(&pid, "/bin/sh", &actions, nil, argv, environ) == 0)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let listed = Set(try String(contentsOf: out, encoding: .utf8).split(separator: "\n").compactMap { Int32($0) })
        #expect(!listed.contains(ends[1]) && !listed.contains(ends[0]), "the pipe reached the child: \(listed.sorted())")
        // Above 2 only the directory the shell's glob is reading (the runner has dozens open).
        #expect(listed.filter { $0 > 2 }.count <= 1, "\(listed.sorted())")
    }
}
