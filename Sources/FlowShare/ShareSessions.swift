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
            // Expired ids are kept one more lifetime: `wasIssued` still knows them.
            sessions = sessions.filter { $0.value.expires.addingTimeInterval(lifetime) > now }
            sessions[id] = Session(token: token, expires: now.addingTimeInterval(lifetime))
        }
        return id
    }

    /// The first of `ids` this server handed out (live or recently expired): a client
    /// holding one is rate-limited by it rather than by its address (`ShareRateLimiter`).
    /// Only a right password makes one, so a guesser cannot mint them.
    func issued(_ ids: [String]) -> String? {
        table.withLockedValue { sessions in ids.first { sessions[$0] != nil } }
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
