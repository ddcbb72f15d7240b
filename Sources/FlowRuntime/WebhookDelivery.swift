import FlowKit
import Foundation

/// A webhook app: POSTs `{"to","from","message","channel"}` as JSON to a URL. A 2xx
/// answer means `sent`; any other status, a network error or no answer in time means
/// `failed` with the reason.
public struct WebhookDelivery: MessageDelivery {
    public let url: URL
    public let timeoutSeconds: Double
    public let http: any HTTPClient
    /// The app's signing secret: each post then carries `X-FlowCanvas-Signature`, the
    /// HMAC scheme a webhook Start checks (DESIGN §11), so a receiver can check the sender.
    public let signingSecret: String?

    public init(url: URL, timeoutSeconds: Double = 10, signingSecret: String? = nil,
                http: any HTTPClient = NetworkHTTPClient.shared) {
        self.url = url
        self.signingSecret = signingSecret
        self.timeoutSeconds = timeoutSeconds
        self.http = http
    }

    public func deliver(_ m: OutboundMessage) async -> DeliveryResult {
        let body = Data(CanonicalJSON.encode(m.webhookJSON, indent: false).utf8)
        var headers = [("Content-Type", "application/json")]
        // Lets the receiver drop a repeat: a send re-run after a crash of `serve` has the same key.
        if !m.idempotencyKey.isEmpty { headers.append(("Idempotency-Key", m.idempotencyKey)) }
        if let signingSecret, !signingSecret.isEmpty {
            headers.append((WebhookSignature.headerName, WebhookSignature.sign(body, secret: signingSecret)))
        }
        let request = HTTPRequestSpec(method: "POST", url: url,
                                      headers: headers,
                                      body: body, timeoutSeconds: timeoutSeconds)
        do {
            let response = try await http.send(request)
            if (200..<300).contains(response.status) {
                return .sent(detail: "posted to \(url.absoluteString): HTTP \(response.status)")
            }
            return .failed(reason: "\(url.absoluteString) answered HTTP \(response.status)")
        } catch {
            return .failed(reason: "\(url.absoluteString): \(error)")
        }
    }
}
