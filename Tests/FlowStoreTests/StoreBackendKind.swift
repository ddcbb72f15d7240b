import FlowKit
import FlowStorePostgres
import Foundation
import Testing
import TestSupport

/// The backends every store contract test runs on.
enum StoreBackendKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// A fresh, empty workspace on this backend (a temporary folder; on PostgreSQL also a
    /// new database), removed afterwards. `open` opens it again, as a second process would.
    func withWorkspace<T>(_ body: (_ ws: Workspace, _ open: () throws -> Workspace) throws -> T) throws -> T {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("flowcanvas-storetest-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        switch self {
        case .sqlite:
            let open = { try Workspace(directory: dir, author: "tester", busyTimeout: 0.2) }
            return try body(try open(), open)
        case .postgres:
            return try TestPostgres.withDatabase { url in
                let environment = ["FLOWCANVAS_HOME": dir.path, "HOME": dir.path]
                let open = { try WorkspaceOpening.open(option: url, environment: environment, busyTimeout: 0.2, author: "tester") }
                return try body(try open(), open)
            }
        }
    }
}
