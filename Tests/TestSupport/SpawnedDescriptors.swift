import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a `posix_spawn` child of the test runner may keep: only 0, 1 and 2.
///
/// The runner's suites run in parallel, and Foundation's `Process` learns that a child exited
/// when its end of a socket pair closes. A process spawned meanwhile with every descriptor
/// inherited — a tmux server, which outlives the test that started it — holds that end
/// open, and another test's `waitUntilExit` never returns (its child is a zombie). So every
/// spawn of ours closes everything above 2 in the child, at exec time, with glibc's
/// `posix_spawn_file_actions_addclosefrom_np` (looked up at run time: Swift's Glibc module
/// does not declare it).
public enum SpawnedDescriptors {
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    private static let closeFrom: CloseFrom? = {
        guard let libc = dlopen(nil, RTLD_NOW), let symbol = dlsym(libc, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: CloseFrom.self)
    }()

    /// Adds the closing of every descriptor above 2 to `actions` (after their opens of 0–2).
    public static func closeAllAbove2(_ actions: inout posix_spawn_file_actions_t) {
        if let closeFrom, closeFrom(&actions, 3) == 0 { return }
        // An older C library: close what is open now (one opened after this line may leak).
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? [] {
            if let fd = Int32(name), fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        }
    }
}
