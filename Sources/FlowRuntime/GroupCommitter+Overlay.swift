import FlowKit
import Foundation

/// The reads both session stores (SQLite's and PostgreSQL's) answer from the overlay and
/// the database together, with the one rule they share: the overlay is taken *before*
/// the database is read (a session committed in between is then in both, never in
/// neither), and a database row of a session that is queued is superseded by its queued
/// state. The stores only say which rows their database has.
extension GroupCommitter {
    /// The newest session (by `updatedAt`, then id) among the queued ones that `matches`
    /// and the database's `candidates` (id, updated_at), loaded with `load` when it is a
    /// database row.
    public func newest(matching matches: (Session) -> Bool,
                       inDatabase candidates: () throws -> [(id: String, updated: Double)],
                       load: (String) throws -> Session?) throws -> Session? {
        let overlay = overlaySessions()
        var best: (updated: Double, id: String, session: Session?)?
        func consider(_ updated: Double, _ id: String, _ session: Session?) {
            if let b = best, (b.updated, b.id) >= (updated, id) { return }
            best = (updated, id, session)
        }
        for s in overlay.values where matches(s) { consider(s.updatedAt.timeIntervalSince1970, s.id, s) }
        for row in try candidates() where overlay[row.id] == nil { consider(row.updated, row.id, nil) }
        guard let best else { return nil }
        if let s = best.session { return s }
        return try load(best.id)
    }

    /// Session ids in order of a key (then id): `key` gives a queued session's (nil: not
    /// wanted), `inDatabase` the database's (key, id) rows; each id once.
    public func ordered(queued key: (Session) -> Double?,
                        inDatabase rows: () throws -> [(key: Double, id: String)]) throws -> [String] {
        let overlay = overlaySessions()
        var found: [(Double, String)] = overlay.values.compactMap { s in key(s).map { ($0, s.id) } }
        var seen = Set(found.map(\.1))
        for row in try rows() where overlay[row.id] == nil && seen.insert(row.id).inserted { found.append((row.key, row.id)) }
        return found.sorted { $0 < $1 }.map(\.1)
    }
}
