import FlowKit
import FlowShare
import Foundation
import TestSupport

extension LoopbackHTTPServer {
    /// Serves the share links of the workspace in `directory` through `ShareAccess`, the
    /// handler `serve` mounts, without the rest of the server.
    static func sharing(workspace directory: URL) throws -> LoopbackHTTPServer {
        let access = ShareAccess(workspace: try Workspace(directory: directory),
                                 configuration: .init(failureDelay: .zero))
        return try LoopbackHTTPServer { request in
            let r = access.handleBlocking(ShareRequest(method: request.method, path: request.path,
                                                       headers: request.headers.map { ($0.key, $0.value) },
                                                       body: Array(request.body)))
            return Response(status: r.status, headers: r.headers, body: r.bodyText)
        }
    }
}
