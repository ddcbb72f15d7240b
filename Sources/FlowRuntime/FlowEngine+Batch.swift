import FlowKit

extension FlowEngine {
    /// Starts `count` sessions of one flow without leaving the actor between them (an
    /// actor hop per session would be measured instead of the engine). Returns how many
    /// started.
    /// Nothing is acknowledged per session: the caller waits for `store.durable()` once.
    public func startBatch(flow: LiveFlow, trigger: TriggerPayload, count: Int) async -> Int {
        var started = 0
        for _ in 0..<count where (try? await start(flow, trigger)) != nil {
            started += 1
        }
        return started
    }
}
