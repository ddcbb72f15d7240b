import Foundation

/// Runs a program to its end with its output in temporary files, never a `Pipe`: a pipe's
/// write end is closed by `Process` in the parent and again by its `FileHandle` when that is
/// freed, and under parallel suites the second close can hit a descriptor another test has
/// opened since (NIO then traps on EBADF). Files also never deadlock however much a program
/// prints.
public enum ProgramOutput {
    /// Standard output, and standard error too when `standardErrorToo` (else it is dropped).
    public static func run(_ executable: URL, _ arguments: [String], standardErrorToo: Bool = false)
        throws -> (status: Int32, output: Data) {
        let result = try run(executable, arguments, errorInto: standardErrorToo ? .output : .discarded)
        return (result.status, result.output)
    }

    /// Standard output and standard error kept apart.
    public static func runSeparately(_ executable: URL, _ arguments: [String],
                                     environment: [String: String]? = nil, directory: URL? = nil)
        throws -> (status: Int32, output: Data, error: Data) {
        try run(executable, arguments, errorInto: .ownFile, environment: environment, directory: directory)
    }

    private enum ErrorDestination { case output, discarded, ownFile }

    private static func run(_ executable: URL, _ arguments: [String], errorInto destination: ErrorDestination,
                            environment: [String: String]? = nil, directory: URL? = nil)
        throws -> (status: Int32, output: Data, error: Data) {
        let id = UUID().uuidString
        let temporary = FileManager.default.temporaryDirectory
        let outFile = temporary.appendingPathComponent("program-\(id)")
        let errFile = temporary.appendingPathComponent("program-\(id)-err")
        _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outFile) }
        let output = try FileHandle(forWritingTo: outFile)
        var errorHandle: FileHandle?
        if destination == .ownFile {
            _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
            errorHandle = try FileHandle(forWritingTo: errFile)
        }
        defer { if destination == .ownFile { try? FileManager.default.removeItem(at: errFile) } }
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        if let environment { p.environment = environment }
        if let directory { p.currentDirectoryURL = directory }
        p.standardOutput = output
        switch destination {
        case .output: p.standardError = output
        case .discarded: p.standardError = FileHandle.nullDevice
        case .ownFile: p.standardError = errorHandle
        }
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch {
            try? output.close()
            try? errorHandle?.close()
            throw error
        }
        p.waitUntilExit()
        try output.close()
        try errorHandle?.close()
        let error = destination == .ownFile ? try Data(contentsOf: errFile) : Data()
        return (p.terminationStatus, try Data(contentsOf: outFile), error)
    }
}
