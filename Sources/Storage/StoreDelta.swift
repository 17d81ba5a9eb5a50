import AssetInventory
import EventModel
import PacketLayers

/// What one flush adds to a store: the observations made since the previous flush (counters are
/// increments, times are ranges), the notable events in full and the aggregated counts of the
/// rest. Applied in one transaction, so a crash leaves either all of it or none.
public struct StoreDelta: Sendable {
    public var endpoints: [EndpointKey: EndpointObservation] = [:]
    public var edges: [EdgeKey: EdgeObservation] = [:]
    public var facts: [FactKey: FactObservation] = [:]
    public var events: [StoredEvent] = []
    /// More notable events, packed (what feeds fill); stored after `events`.
    public var eventRows = EventRows()
    public var counts: [EventCountKey: UInt64] = [:]
    /// Remote-access flows reported since the previous flush (`ApplicationProtocol.remoteAccess`).
    public var sessions: [RemoteSessionKey: RemoteSessionObservation] = [:]
    /// Traffic counted into this delta (packets and bytes read, events decoded).
    public var packets: UInt64 = 0
    public var bytes: UInt64 = 0
    /// Notable events not kept because the per-flush cap was reached (counted, never hidden).
    public var droppedEvents: UInt64 = 0
    /// Remote-access flow reports not kept because the per-flush cap was reached.
    public var droppedSessions: UInt64 = 0

    public init() {}

    /// Notable events in either form.
    public var eventCount: Int { events.count + eventRows.count }

    public var isEmpty: Bool {
        endpoints.isEmpty && edges.isEmpty && facts.isEmpty && events.isEmpty && eventRows.isEmpty && counts.isEmpty
            && sessions.isEmpty
            && packets == 0
    }

    /// Folds a later delta into this one.
    public mutating func merge(_ other: StoreDelta) {
        for (key, value) in other.endpoints { endpoints[key, default: EndpointObservation()].merge(value) }
        for (key, value) in other.edges { edges[key, default: EdgeObservation()].merge(value) }
        for (key, value) in other.facts {
            if facts[key] == nil { facts[key] = value } else { facts[key]!.merge(value) }
        }
        events.append(contentsOf: other.events)
        eventRows.append(contentsOf: other.eventRows)
        for (key, value) in other.counts { counts[key, default: 0] &+= value }
        for (key, value) in other.sessions {
            if sessions[key] == nil { sessions[key] = value } else { sessions[key]!.merge(value) }
        }
        packets &+= other.packets
        bytes &+= other.bytes
        droppedEvents &+= other.droppedEvents
        droppedSessions &+= other.droppedSessions
    }
}

/// The aggregate for events that are not kept one by one: per edge, operation, function code and
/// time bucket.
public struct EventCountKey: Hashable, Sendable {
    /// Start of the bucket (ns since the epoch, a multiple of `bucketLength`).
    public var bucket: Int64
    public var client: EndpointKey
    public var server: EndpointKey
    public var protocolID: UInt16
    public var serverPort: UInt16
    public var transport: UInt8
    public var operation: Operation
    /// The protocol's function code, -1 when the event has none (or functions were not counted).
    public var function: Int64

    public static let bucketLength: Int64 = 60 * 1_000_000_000

    public init(
        time: Int64, client: EndpointKey, server: EndpointKey, protocolID: UInt16, serverPort: UInt16,
        transport: UInt8, operation: Operation, function: Int64 = -1
    ) {
        bucket = Self.bucket(of: time)
        self.client = client
        self.server = server
        self.protocolID = protocolID
        self.serverPort = serverPort
        self.transport = transport
        self.operation = operation
        self.function = function
    }

    public static func bucket(of time: Int64) -> Int64 {
        let floor = time / bucketLength * bucketLength
        return time < 0 && floor != time ? floor - bucketLength : floor
    }
}
