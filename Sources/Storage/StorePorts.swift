import AssetInventory

/// The observations behind the inventory, kept per ingest source so that redoing an import
/// replaces its share instead of adding to it.
public protocol ObservationStore: AnyObject, Sendable {
    /// Adds `delta` to `source`'s observations, its events and counts, in one transaction.
    func apply(_ delta: StoreDelta, to source: Int64) throws(StoreError)
    /// Everything observed, over all sources, folded into `collector` (to rebuild the inventory
    /// or to continue it after a restart).
    func loadObservations(into collector: InventoryCollector) throws(StoreError)
}

/// The inventory built from the observations, and the history of identity facts.
public protocol InventoryStore: AnyObject, Sendable {
    /// Replaces the stored assets and map edges with `inventory` and records every identity fact
    /// whose value changed since the previous inventory; returns those changes.
    @discardableResult
    func saveInventory(_ inventory: Inventory) throws(StoreError) -> [FactChange]
    func assets() throws(StoreError) -> [StoredAsset]
    func communicationEdges() throws(StoreError) -> [StoredEdge]
    /// Every value each identity key of the asset had, oldest first.
    func facts(ofAsset id: String) throws(StoreError) -> [StoredFact]
    /// Recorded value changes, for one asset or all, oldest first.
    func factChanges(ofAsset id: String?) throws(StoreError) -> [FactChange]
}

/// Which events to read back.
public struct EventQuery: Sendable {
    public var since: Int64?
    public var until: Int64?
    public var protocolName: String?
    public var operations: [String]?
    public var address: String?
    public var limit: Int = 1000
    public var offset: Int = 0
    public init() {}
}

/// One aggregated count: events of a protocol, operation and function code (-1: none) in a
/// minute, over all edges.
public struct EventCount: Sendable, Equatable {
    public var bucket: Int64
    public var protocolName: String
    public var operation: String
    public var function: Int64
    public var count: UInt64
    public init(bucket: Int64, protocolName: String, operation: String, function: Int64, count: UInt64) {
        self.bucket = bucket
        self.protocolName = protocolName
        self.operation = operation
        self.function = function
        self.count = count
    }
}

/// Notable events in full and the aggregated counts of the rest.
public protocol EventStore: AnyObject, Sendable {
    /// Events matching `query`, oldest first.
    func events(_ query: EventQuery) throws(StoreError) -> [StoredEvent]
    func eventCount() throws(StoreError) -> Int
    /// Aggregated counts per (bucket, protocol, operation, function), oldest first.
    func eventCounts(since: Int64?) throws(StoreError) -> [EventCount]
}

/// The outcome of asking to start an import.
public enum SourceStart: Sendable, Equatable {
    /// Go ahead: write into this source (new, or redone from scratch after a kill or `force`).
    case begin(Int64)
    /// This content was imported completely before.
    case alreadyImported(IngestSource)
}

/// How a capture's content hash is computed. Imports record BLAKE2b-512 (twice as fast as SHA-256
/// on CPUs without SHA instructions: a 1 GB capture's hash took ~4.5 s of CPU during its import);
/// stores written before it hold SHA-256, still recognised.
public enum ContentHashAlgorithm: Sendable, Hashable {
    case blake2b512, sha256

    /// What imports record now.
    public static let current = ContentHashAlgorithm.blake2b512

    /// The algorithm of a recorded hash, told by its length in hex digits (64: SHA-256).
    public static func of(recorded hash: String) -> ContentHashAlgorithm {
        hash.utf8.count == 64 ? .sha256 : .blake2b512
    }
}

/// Captures imported and sensors that wrote into the store.
public protocol SourceLedger: AnyObject, Sendable {
    /// Starts importing a capture. `probe` identifies its content cheaply (its size and the hash
    /// of its first and last MiB) so that reading can start while the full content hash is
    /// computed; `confirm` computes that hash with the algorithm the store asks for (the one a
    /// matching source recorded), and is called only when a source with the same probe exists.
    /// A complete import of the same content is reported unless `force`; an incomplete one (an
    /// importer killed mid-run) is cleared and begun again, so nothing is counted twice.
    func beginCapture(
        name: String, probe: String, size: Int64, force: Bool, confirm: (ContentHashAlgorithm) -> String?
    ) throws(StoreError) -> SourceStart
    /// The sensor source for an interface, created at first use and kept across restarts.
    func sensorSource(interface: String) throws(StoreError) -> Int64
    /// Marks an import complete with its content hash (call after the last delta).
    func completeCapture(_ id: Int64, contentHash: String) throws(StoreError)
    func sources() throws(StoreError) -> [IngestSource]
}

/// The sensors' health over time.
public protocol SensorHealthStore: AnyObject, Sendable {
    func recordSensorSamples(_ samples: [SensorSample]) throws(StoreError)
    /// The newest sample of each interface.
    func latestSensorSamples() throws(StoreError) -> [SensorSample]
}

/// How long and how much the store keeps.
public struct RetentionPolicy: Sendable, Equatable {
    /// Events, counts, remote-access sessions and sensor samples older than this (packet time for
    /// events and sessions, by their last packet; wall clock for samples) are deleted; nil keeps
    /// them.
    public var maximumAge: Int64?
    /// Past this file size the oldest events are deleted until it fits; nil: no limit.
    public var maximumBytes: Int64?
    public init(maximumAge: Int64? = nil, maximumBytes: Int64? = nil) {
        self.maximumAge = maximumAge
        self.maximumBytes = maximumBytes
    }
}

public struct RetentionReport: Sendable, Equatable {
    public var eventsDeleted = 0
    public var countsDeleted = 0
    public var samplesDeleted = 0
    public var sessionsDeleted = 0
    public init() {}
}

public protocol RetentionStore: AnyObject, Sendable {
    /// Applies `policy` at wall-clock time `now` (ns since the epoch).
    func applyRetention(_ policy: RetentionPolicy, now: Int64) throws(StoreError) -> RetentionReport
    func summary() throws(StoreError) -> StoreSummary
}

/// Everything Palisade keeps: the embedded SQLite store and, later, the central PostgreSQL one.
public typealias PalisadeStore = ObservationStore & InventoryStore & EventStore & SourceLedger & SensorHealthStore
    & RetentionStore & RemoteSessionStore & AlertStore & AlertGroupStore & VulnerabilityStore & ConsoleUserStore
    & ConsoleQueryStore
