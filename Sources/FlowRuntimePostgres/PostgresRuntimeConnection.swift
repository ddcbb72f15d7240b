import FlowKit
import FlowStorePostgres
import Foundation
import Logging
import NIOCore
import PostgresNIO

/// One connection of the runtime's PostgreSQL store, with synchronous queries (the
/// `SessionStore` API is synchronous, called off NIO's event loops) and async ones.
/// postgres-nio queues the queries of several threads on the one connection.
final class PostgresRuntimeConnection: @unchecked Sendable {
    let connection: PostgresConnection
    let logger: Logger
    let backend: PostgresWorkspaceBackend

    init(backend: PostgresWorkspaceBackend, id: Int) throws(WorkspaceError) {
        self.backend = backend
        self.connection = try backend.openConnection(id: id)
        self.logger = Logger(label: "flowcanvas.postgres.runtime", factory: { _ in SwiftLogNoOpLogHandler() })
    }

    func rows(_ query: PostgresQuery) throws -> [PostgresRow] {
        do { return Array(try connection.query(query, logger: logger).wait()) } catch { throw backend.mapError(error) }
    }

    func execute(_ query: PostgresQuery) throws {
        _ = try rows(query)
    }

    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        do { return Array(try await connection.query(query, logger: logger).get()) } catch { throw backend.mapError(error) }
    }

    func close() {
        try? connection.close().wait()
    }
}
