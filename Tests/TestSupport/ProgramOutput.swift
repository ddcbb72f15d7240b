import Foundation

/// Runs a program to its end with its output in a temporary file, never a `Pipe`: a pipe's
/// write end is closed by `Process` in the parent and again by its `FileHandle` when that is
/// freed, and under parallel suites the second close can hit a descriptor another test has
/// opened since (NIO then traps on EBADF).
public enum ProgramOutput {
    public static func run(_ executable: URL, _ arguments: [String], standardErrorToo: Bool = false)
        throws -> (status: Int32, output: Data) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("program-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: file) }
        let handle = try FileHandle(forWritingTo: file)
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        p.standardOutput = handle
        p.standardError = standardErrorToo ? handle : FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { try? handle.close(); throw error }
        p.waitUntilExit()
        try handle.close()
        return (p.terminationStatus, try Data(contentsOf: file))
    }
}
