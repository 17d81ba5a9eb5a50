import AssetInventory
import Detection
import Storage

/// Detection for a store-fed run (the live sensor or an import): a collector per worker next to
/// the store feeds, and one correlator judged on the writer's thread with the latest inventory.
/// New and repeated alerts go to the store (repeats add to the stored count) and to `onAlerts`
/// (the SIEM export), except those a mute covers.
public final class StoreDetection {
    public let rules: RuleSet
    public var baseline: (any BaselinePolicy)?
    private let correlator: AlertCorrelator
    private var collectors: [DetectionCollector] = []
    private var directory = AssetDirectory()
    private var mutes: [AlertMute] = []
    private var mutesRead: Int64?
    /// Alerts recorded so far (new occurrences), and those held back by a mute.
    public private(set) var alertsRecorded: UInt64 = 0
    public private(set) var alertsMuted: UInt64 = 0
    /// Alerts as they are recorded (not muted): the SIEM exporters.
    public var onAlerts: (([Alert]) -> Void)?

    public init(rules: RuleSet, baseline: (any BaselinePolicy)? = nil) {
        self.rules = rules
        self.baseline = baseline
        self.correlator = AlertCorrelator(rules: rules)
    }

    /// One collector per worker of an interface or an import (`origin`: `sensor:eth1` or the file).
    public func makeCollectors(workers: Int, origin: String) -> [DetectionCollector] {
        let made = (0..<workers).map { _ in DetectionCollector(rules: rules, origin: origin) }
        collectors += made
        return made
    }

    /// The collectors of an interface whose capture was reopened are kept: they are the same
    /// observers. Called when the inventory was rebuilt.
    public func update(inventory: Inventory) { directory = AssetDirectory(inventory) }

    /// Takes what the collectors found, judges it and records the alerts that are new or grew as
    /// seen in `source` (the import's capture, or the sensor's first interface: alerts are
    /// judged over every interface together).
    /// Returns them (with their new occurrences as `count`).
    @discardableResult
    public func evaluate(store: any AlertStore, source: Int64, now: Int64 = WallClock.nanoseconds()) throws(StoreError)
        -> [Alert]
    {
        for collector in collectors { correlator.ingest(collector) }
        let changes = correlator.changes(context: DetectionContext(directory: directory, baseline: baseline))
        guard !changes.isEmpty else { return [] }
        try store.recordAlerts(changes.map(StoredAlert.init), source: source)
        alertsRecorded &+= changes.reduce(0) { $0 &+ $1.count }
        if mutesRead.map({ now &- $0 > 10_000_000_000 }) ?? true {
            mutes = (try? store.mutes(activeAt: now)) ?? mutes
            mutesRead = now
        }
        let audible = changes.filter { alert in
            !mutes.contains { $0.covers(rule: alert.rule, assets: alert.assets, at: now) }
        }
        alertsMuted &+= UInt64(changes.count - audible.count)
        if !audible.isEmpty { onAlerts?(audible) }
        return changes
    }

    /// Drafts dropped at the collectors' caps.
    public var capHits: UInt64 { collectors.reduce(0) { $0 &+ $1.capHits } }
}
