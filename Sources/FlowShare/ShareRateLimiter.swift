import Foundation
import NIOConcurrencyHelpers

/// Wrong share passwords, counted so that a flood from one client never locks out
/// another (issue 13: five guesses a minute from anyone used to block every viewer).
///
/// - Per client: at most `perClient` wrong passwords in any `window` for one link. A
///   client is its cookie when it holds one this server issued (`ShareSessions.issued`),
///   else its address (`X-Forwarded-For` only with `serve --trust-proxy`).
/// - Per link: `perLinkCeiling` wrong passwords in a window from all clients together (a
///   guesser with many addresses) pauses sign-in on that link for everyone, 1 s the first
///   time, doubling each time the ceiling is hit again before a quiet window has passed,
///   at most `maxPause`; each pause is reported through `onPause` (serve logs a warning).
///
/// An attempt is counted before the password is checked and forgiven when it was right,
/// so parallel guesses cannot slip past the limit while hashes are being computed.
final class ShareRateLimiter: Sendable {
    struct Failure {
        var ticket: UInt64
        var at: Date
        var client: String
    }

    struct LinkState {
        var failures: [Failure] = []
        var pausedUntil: Date?
        /// Pauses in a row (the next one lasts 2^strikes seconds).
        var strikes = 0
        var lastPauseEnd: Date?
    }

    private let links = NIOLockedValueBox<[String: LinkState]>([:])
    private let counter = NIOLockedValueBox<UInt64>(0)
    let perClient: Int
    let perLinkCeiling: Int
    let window: TimeInterval
    let maxPause: TimeInterval
    let onPause: @Sendable (_ token: String, _ seconds: Int, _ failures: Int, _ clients: Int) -> Void

    init(perClient: Int, perLinkCeiling: Int, window: TimeInterval, maxPause: TimeInterval = 3600,
         onPause: @escaping @Sendable (String, Int, Int, Int) -> Void = { _, _, _, _ in }) {
        self.perClient = perClient
        self.perLinkCeiling = perLinkCeiling
        self.window = window
        self.maxPause = maxPause
        self.onPause = onPause
    }

    enum Decision: Equatable {
        /// Go ahead; pass the ticket to `forgive` when the password was right.
        case allowed(ticket: UInt64)
        /// Refused; whole seconds to wait.
        case limited(retryAfter: Int)
    }

    func begin(token: String, client: String, now: Date) -> Decision {
        let ticket = counter.withLockedValue { n -> UInt64 in n += 1; return n }
        var pause: (seconds: Int, failures: Int, clients: Int)?
        let decision = links.withLockedValue { table -> Decision in
            var link = table[token, default: LinkState()]
            defer { table[token] = link.failures.isEmpty && link.pausedUntil == nil && link.strikes == 0 ? nil : link }
            link.failures.removeAll { now.timeIntervalSince($0.at) >= window }
            if let until = link.pausedUntil {
                if until > now { return .limited(retryAfter: max(1, Int(until.timeIntervalSince(now).rounded(.up)))) }
                link.pausedUntil = nil
                link.lastPauseEnd = until
            }
            // A quiet window after the last pause starts the back-off over.
            if let end = link.lastPauseEnd, now.timeIntervalSince(end) >= window, link.failures.isEmpty {
                link.strikes = 0
                link.lastPauseEnd = nil
            }
            let mine = link.failures.filter { $0.client == client }
            if mine.count >= perClient {
                let oldest = mine.map(\.at).min() ?? now
                return .limited(retryAfter: max(1, Int(oldest.addingTimeInterval(window).timeIntervalSince(now).rounded(.up))))
            }
            if link.failures.count >= perLinkCeiling {
                let seconds = min(maxPause, pow(2, Double(link.strikes)))
                link.strikes += 1
                link.pausedUntil = now.addingTimeInterval(seconds)
                pause = (Int(seconds), link.failures.count, Set(link.failures.map(\.client)).count)
                link.failures.removeAll()
                return .limited(retryAfter: max(1, Int(seconds)))
            }
            link.failures.append(Failure(ticket: ticket, at: now, client: client))
            return .allowed(ticket: ticket)
        }
        if let pause { onPause(token, pause.seconds, pause.failures, pause.clients) }
        return decision
    }

    func forgive(token: String, ticket: UInt64) {
        links.withLockedValue { table in
            table[token]?.failures.removeAll { $0.ticket == ticket }
        }
    }
}
