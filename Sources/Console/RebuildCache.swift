import Foundation
import Synchronization

/// What the console rebuilds from large inputs (the inventory and access views from the store's
/// observations: seconds for a large plant; a baseline's changes from its YAML files), kept per
/// name until the input's version changes, so that only the first request after a change pays.
/// One entry per name (a handful: the access views, one per sensor's baseline).
final class RebuildCache<Value: Sendable>: Sendable {
    private let entries = Mutex<[String: (version: String, value: Value)]>([:])
    private let building = Mutex(())

    /// The kept value of `name` if its input is still at `version`, else `rebuild()`'s (kept).
    func value(_ name: String, version: String, rebuild: () throws -> Value) throws -> Value {
        if let kept = entries.withLock({ $0[name] }), kept.version == version { return kept.value }
        // One build at a time: requests arriving meanwhile wait for it and take its result, rather
        // than each doing the same work (eight at once kept a two-core console from answering).
        return try building.withLock { _ in
            if let kept = entries.withLock({ $0[name] }), kept.version == version { return kept.value }
            let value = try rebuild()
            entries.withLock { $0[name] = (version, value) }
            return value
        }
    }
}
