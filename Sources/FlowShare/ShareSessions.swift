import Foundation
import NIOConcurrencyHelpers

/// Who typed the right password, per link: random session ids (the cookie's value)
/// kept in memory, so restarting `serve` logs everyone out. Whether the link still
/// works is checked in the store on every request, not here.
final class ShareSessions: Sendable {
    private struct Session {
        var token: String
        var expires: Date
    }

    private let table = NIOLockedValueBox<[String: Session]>([:])
    let lifetime: TimeInterval

    init(lifetime: TimeInterval) {
        self.lifetime = lifetime
    }

    /// A new session id for `token`, valid for `lifetime` from `now`.
    func open(token: String, now: Date) -> String {
        let id = Base64URL.encode(SecureRandom.bytes(32))
        table.withLockedValue { sessions in
            sessions = sessions.filter { $0.value.expires > now }
            sessions[id] = Session(token: token, expires: now.addingTimeInterval(lifetime))
        }
        return id
    }

    /// True when one of `ids` is a live session of `token`.
    func isValid(_ ids: [String], token: String, now: Date) -> Bool {
        table.withLockedValue { sessions in
            ids.contains { id in
                guard let s = sessions[id] else { return false }
                return s.expires > now && ConstantTime.equal(s.token, token)
            }
        }
    }
}

/// Wrong passwords per link: at most `limit` in any `window`. An attempt is counted
/// before the password is checked and forgiven when it was right, so parallel guesses
/// cannot slip past the limit while hashes are being computed.
final class ShareRateLimiter: Sendable {
    private let attempts = NIOLockedValueBox<[String: [(id: UInt64, at: Date)]]>([:])
    private let counter = NIOLockedValueBox<UInt64>(0)
    let limit: Int
    let window: TimeInterval

    init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    enum Decision: Equatable {
        /// Go ahead; pass the ticket to `forgive` when the password was right.
        case allowed(ticket: UInt64)
        /// Refused; whole seconds until the oldest failure leaves the window.
        case limited(retryAfter: Int)
    }

    func begin(token: String, now: Date) -> Decision {
        let ticket = counter.withLockedValue { n -> UInt64 in n += 1; return n }
        return attempts.withLockedValue { table in
            var list = table[token, default: []].filter { now.timeIntervalSince($0.at) < window }
            defer { table[token] = list.isEmpty ? nil : list }
            if list.count >= limit {
                let oldest = list.map(\.at).min() ?? now
                let wait = oldest.addingTimeInterval(window).timeIntervalSince(now)
                return .limited(retryAfter: max(1, Int(wait.rounded(.up))))
            }
            list.append((ticket, now))
            return .allowed(ticket: ticket)
        }
    }

    func forgive(token: String, ticket: UInt64) {
        attempts.withLockedValue { table in
            table[token]?.removeAll { $0.id == ticket }
            if table[token]?.isEmpty == true { table[token] = nil }
        }
    }
}
