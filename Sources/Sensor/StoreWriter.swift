import AssetInventory
import Dispatch
import EventModel
import Storage

/// The single writer of a store for an import or a sensor run: applies deltas per ingest source,
/// keeps every observation in memory (loaded from the store at start, so a restart continues the
/// same inventory) and rebuilds the inventory from them. Used from one thread.
public final class StoreWriter {
    public let store: any PalisadeStore
    public let builder: InventoryBuilder
    /// Everything the store holds, folded together: what the inventory is built from.
    private let state = InventoryCollector()
    /// Deltas a failed write (disk full, store busy) left behind, retried with the next write.
    private var pending: [Int64: StoreDelta] = [:]
    private var changedSinceRebuild = true
    public private(set) var eventsWritten: UInt64 = 0
    /// Notable events dropped before the store: feed caps, and the backlog cap while writes fail.
    public private(set) var eventsDropped: UInt64 = 0
    /// Remote-access flow reports dropped at the feeds' caps.
    public private(set) var sessionsDropped: UInt64 = 0
    public private(set) var lastFactChanges: [FactChange] = []
    /// Called after each successful write with its duration (s) and the rows it wrote.
    public var onWrite: ((Double, Int) -> Void)?
    /// Events held while writes fail, at most.
    public let maximumBacklogEvents = 200_000
    /// Remote-access flow reports held while writes fail, at most.
    public let maximumBacklogSessions = 100_000

    public init(store: any PalisadeStore, reference: ReferenceData) throws(StoreError) {
        self.store = store
        self.builder = InventoryBuilder(reference: reference)
        try store.loadObservations(into: state)
    }

    /// Writes `delta` (with any backlog of `source`) in one transaction. On failure the data stays
    /// in the backlog for the next call and the error is rethrown; nothing committed is touched.
    public func write(_ delta: StoreDelta, to source: Int64) throws(StoreError) {
        // Merged only when a failed write left a backlog (merging copies every event).
        var combined: StoreDelta
        if var backlog = pending.removeValue(forKey: source) {
            backlog.merge(delta)
            combined = backlog
        } else {
            combined = delta
        }
        eventsDropped &+= delta.droppedEvents
        sessionsDropped &+= delta.droppedSessions
        guard !combined.isEmpty else { return }
        let start = DispatchTime.now().uptimeNanoseconds
        do {
            try store.apply(combined, to: source)
        } catch {
            if combined.eventCount > maximumBacklogEvents {
                eventsDropped &+= UInt64(combined.eventCount - maximumBacklogEvents)
                let packedExcess = min(combined.eventRows.count, combined.eventCount - maximumBacklogEvents)
                combined.eventRows.removeLast(packedExcess)
                combined.events.removeLast(max(0, combined.events.count - maximumBacklogEvents))
            }
            if combined.sessions.count > maximumBacklogSessions {
                let excess = combined.sessions.count - maximumBacklogSessions
                sessionsDropped &+= UInt64(excess)
                for key in Array(combined.sessions.keys.prefix(excess)) { combined.sessions[key] = nil }
            }
            combined.droppedEvents = 0
            combined.droppedSessions = 0
            pending[source] = combined
            throw error
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        onWrite?(
            seconds,
            combined.endpoints.count + combined.edges.count + combined.facts.count + combined.eventCount
                + combined.sessions.count)
        eventsWritten &+= UInt64(combined.eventCount)
        for (key, value) in combined.endpoints { state.absorb(endpoint: key, value) }
        for (key, value) in combined.edges { state.absorb(edge: key, value) }
        for (key, value) in combined.facts { state.absorb(fact: key, value) }
        if !combined.endpoints.isEmpty || !combined.edges.isEmpty || !combined.facts.isEmpty {
            changedSinceRebuild = true
        }
    }

    /// Whether some write failed and data waits for the next one.
    public var hasBacklog: Bool { !pending.isEmpty }

    /// `rebuildInventory(force: true)` with `alongside(inventory)` run on this thread while the
    /// store saves the inventory on another (the end of an import: detection judges what it
    /// collected while the assets are written; its own writes wait for the save's). The save's
    /// error is thrown first.
    @discardableResult
    public func rebuildInventory(alongside: (Inventory) throws -> Void) throws -> Inventory {
        let inventory = builder.build(state)
        let saved = Handoff<Result<[FactChange], StoreError>>()
        let done = DispatchSemaphore(value: 0)
        let store = self.store
        DispatchQueue.global().async {
            saved.value = Result { () throws(StoreError) in try store.saveInventory(inventory) }
            done.signal()
        }
        let judged = Result { try alongside(inventory) }
        done.wait()
        lastFactChanges = try saved.value!.get()
        changedSinceRebuild = false
        try judged.get()
        return inventory
    }

    /// Rebuilds the inventory from everything observed and saves it (when something changed, or
    /// always with `force`); returns the identity facts that changed value.
    @discardableResult
    public func rebuildInventory(force: Bool = false) throws(StoreError) -> Inventory? {
        guard changedSinceRebuild || force else { return nil }
        let inventory = builder.build(state)
        lastFactChanges = try store.saveInventory(inventory)
        changedSinceRebuild = false
        return inventory
    }
}
