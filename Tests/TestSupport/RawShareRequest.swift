import FlowShare

extension ShareRequest {
    /// A request as a thread-per-connection test server receives it: the cookie header and
    /// the form body parsed by hand here (serve parses them with Hummingbird's helpers).
    public init(method: String, path: String, query: String? = nil,
                headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        let cookies = headers.filter { $0.name.caseInsensitiveCompare("Cookie") == .orderedSame }.flatMap { header in
            header.value.split(separator: ";").compactMap { pair -> String? in
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == ShareAccess.cookieName else { return nil }
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        let form = method.uppercased() == "POST" ? FormEncoding.decode(String(decoding: body, as: UTF8.self)) : [:]
        self.init(method: method, path: path, query: query, sessionCookies: cookies, form: form, bodySize: body.count)
    }
}

extension ShareAccess {
    /// `handle` for a raw request (tests).
    public func handle(method: String, path: String, query: String? = nil,
                       headers: [(name: String, value: String)] = [], body: [UInt8] = []) async -> ShareResponse {
        await handle(ShareRequest(method: method, path: path, query: query, headers: headers, body: body))
    }
}
