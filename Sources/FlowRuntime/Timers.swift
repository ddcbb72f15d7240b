import FlowKit
import Foundation

/// Timers (receive and collect-input timeouts, delays) are a due time on the waiting
/// session's row, so they survive a restart like the session itself.
extension FlowEngine {
    /// Wakes every waiting session whose timer is due now, earliest first. Returns how
    /// many fired. Failures of one session do not stop the others.
    @discardableResult
    public func fireDueTimers() async -> Int {
        var problems: [String] = []
        return await fireDueTimers(problems: &problems)
    }

    /// `fireDueTimers`, collecting what went wrong (a database error reading the due
    /// timers, loading a session, or saving it on waking) instead of dropping it. A session
    /// whose wake failed before it was saved is still waiting with its timer due, so the
    /// next pass retries it.
    @discardableResult
    public func fireDueTimers(problems: inout [String]) async -> Int {
        let now = clock.now
        let ids: [String]
        do { ids = try store.dueTimers(upTo: now) } catch {
            problems.append("could not read the due timers: \(error)")
            return 0
        }
        var fired = 0
        for id in ids where !inFlight.contains(id) {
            let loaded: Session?
            do { loaded = try store.session(id: id) } catch {
                problems.append("could not load session \(id): \(error)")
                continue
            }
            guard let waiting = loaded, waiting.state == .waiting,
                  let due = waiting.timerDue, due <= now else { continue }
            let claimed: Session?
            do { claimed = try await claim(waiting) } catch {
                problems.append("could not claim session \(id): \(error)")
                continue
            }
            // Another process fired it, or a reply woke it meanwhile.
            guard var session = claimed, session.state == .waiting,
                  let stillDue = session.timerDue, stillDue <= now else { continue }
            do { try await wake(&session, .timer) } catch {
                problems.append("the timer of session \(id) could not fire: \(error)")
                continue
            }
            fired += 1
        }
        if fired > 0 {
            do { try await durable() } catch { problems.append("could not write the fired timers: \(error)") }
        }
        return fired
    }

    /// The earliest pending timer.
    public func nextTimerDue() -> Date? {
        (try? store.nextTimerDue()) ?? nil
    }

    /// Moves a `VirtualClock` forward by `seconds`, firing each timer that falls due on
    /// the way at its own due time, in order (a 30 s wait over a 20 s receive timeout
    /// fires the timeout at +20 s, and whatever the session does next sees +20 s).
    public func advanceClock(by seconds: Double) async throws(RuntimeError) {
        guard let virtual = clock as? VirtualClock else {
            throw .badRequest("only a virtual clock can be advanced")
        }
        let target = virtual.now.addingTimeInterval(max(0, seconds))
        var lastDue: Date?
        while let due = nextTimerDue(), due <= target {
            virtual.set(due)
            let fired = await fireDueTimers()
            // A timer that is due but cannot fire (its session is mid-activation) would
            // otherwise loop here forever.
            if fired == 0 && due == lastDue { break }
            lastDue = due
        }
        virtual.set(target)
    }

    /// After a restart: sessions that were `running` when the process stopped continue
    /// from the node they were about to run (a node may therefore run twice: delivery is
    /// at-least-once), then every timer that fell due while stopped fires. Waiting
    /// sessions need nothing: they are found in the database when their reply comes.
    /// Returns (resumed running sessions, fired timers).
    @discardableResult
    public func resumeAll() async -> (resumed: Int, timersFired: Int) {
        var resumed = 0
        for id in (try? store.runningSessionIDs()) ?? [] where !inFlight.contains(id) {
            guard var session = try? store.session(id: id), session.state == .running else { continue }
            inFlight.insert(id)
            defer { inFlight.remove(id) }
            do {
                guard let program = try compiledFlow(for: session) else {
                    finish(&session, failure: "flow '\(session.flowId)' version \(session.version.map(String.init) ?? "draft") no longer exists")
                    try save(&session)
                    continue
                }
                session.transcript.append(TranscriptEntry(time: clock.now, node: session.currentNode, kind: .info,
                                                          text: "resumed after a restart"))
                try await activate(&session, program)
                resumed += 1
            } catch {
                continue
            }
        }
        if resumed > 0 { try? await durable() }
        return (resumed, await fireDueTimers())
    }

    /// Fires timers as they fall due on a real clock until the task is cancelled
    /// (`serve` runs this beside the HTTP server). Polls at most every `pollSeconds`, so
    /// timers added meanwhile are picked up.
    ///
    /// A failing pass (the database is locked, full or gone read-only) never ends the
    /// loop: each problem is reported through `report` and the pass is retried after a
    /// back-off that doubles up to `maximumBackoffSeconds`. When passes work again, the
    /// sessions a failed wake left `running` are resumed (as after a restart), so no
    /// timer is lost silently.
    public func runTimers(pollSeconds: Double = 0.25, maximumBackoffSeconds: Double = 5,
                          report: @Sendable (String) -> Void = TimerLoopLog.standardError) async {
        var failedPasses = 0
        var lastTakeover = clock.now
        while !Task.isCancelled {
            var problems: [String] = []
            await fireDueTimers(problems: &problems)
            // Processes sharing the database: once a second, sessions left running by a
            // process that died are taken over and run on (`runningSessionIDs`).
            if store.sharedAcrossProcesses, clock.now.timeIntervalSince(lastTakeover) >= orphanCheckSeconds {
                lastTakeover = clock.now
                let taken = await resumeAll()
                if taken.resumed > 0 { report("took over \(taken.resumed) session(s) left running by a stopped process") }
            }
            var wait = pollSeconds
            if problems.isEmpty {
                if failedPasses > 0 {
                    failedPasses = 0
                    let recovered = await resumeAll()
                    report("timers work again (\(recovered.resumed) interrupted sessions resumed, \(recovered.timersFired) timers fired)")
                }
                if let due = nextTimerDue() { wait = min(wait, max(0.001, due.timeIntervalSince(clock.now))) }
            } else {
                failedPasses += 1
                wait = min(maximumBackoffSeconds, pollSeconds * Double(1 << min(failedPasses, 20)))
                // The first three failing passes, then one in twelve (about once a minute at
                // the longest back-off): a database away for a while is a few lines, not one
                // per pass (serve logs the outage itself once).
                if failedPasses <= 3 || failedPasses % 12 == 0 {
                    for problem in problems.prefix(5) {
                        report("\(problem); retrying in \(CanonicalJSON.formatNumber(wait)) s")
                    }
                    if problems.count > 5 { report("\(problems.count - 5) more timer problems; retrying in \(CanonicalJSON.formatNumber(wait)) s") }
                }
            }
            try? await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
        }
    }
}

extension FlowEngine {
    /// How often the timer loop looks for sessions a dead process left running.
    nonisolated var orphanCheckSeconds: Double { 1 }
}

/// Where the timer loop reports problems by default: one `flowcanvas: timers: …` line
/// on standard error each.
public enum TimerLoopLog {
    public static let standardError: @Sendable (String) -> Void = { message in
        FileHandle.standardError.write(Data("flowcanvas: timers: \(message)\n".utf8))
    }
}
