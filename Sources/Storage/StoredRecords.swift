import AssetInventory
import EventModel

/// A notable event kept in full: the columns the console filters on, and the event as its
/// `palisade.event/1` JSON line. `frame` with `sourceID` finds the packet again.
public struct StoredEvent: Sendable, Equatable {
    public var id: Int64?
    /// The capture or sensor the event came from (`IngestSource.id`).
    public var sourceID: Int64?
    /// Nanoseconds since the epoch.
    public var timestamp: Int64
    public var frame: UInt64
    public var protocolName: String
    public var operation: String
    public var function: Int64?
    public var functionName: String
    public var direction: String
    /// The sender and receiver (IP addresses; MAC addresses for layer-2 protocols).
    public var source: String
    public var destination: String
    public var sourceMAC: String?
    public var destinationMAC: String?
    public var sourcePort: UInt16?
    public var destinationPort: UInt16?
    public var anomaly: String?
    public var json: String

    public init(
        id: Int64? = nil, sourceID: Int64? = nil, timestamp: Int64, frame: UInt64, protocolName: String,
        operation: String, function: Int64?, functionName: String, direction: String, source: String,
        destination: String, sourceMAC: String?, destinationMAC: String?, sourcePort: UInt16?,
        destinationPort: UInt16?, anomaly: String?, json: String
    ) {
        self.id = id
        self.sourceID = sourceID
        self.timestamp = timestamp
        self.frame = frame
        self.protocolName = protocolName
        self.operation = operation
        self.function = function
        self.functionName = functionName
        self.direction = direction
        self.source = source
        self.destination = destination
        self.sourceMAC = sourceMAC
        self.destinationMAC = destinationMAC
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
        self.anomaly = anomaly
        self.json = json
    }

    /// Everything but the store's row id: what makes two stores hold "the same" event.
    public var structuralKey: String {
        "\(protocolName)|\(operation)|\(function ?? -1)|\(functionName)|\(direction)|\(source)|\(destination)|\(anomaly ?? "")"
    }
}

/// Where observations came from: one imported capture file, or one sensor interface (which
/// keeps adding to the same source across restarts).
public struct IngestSource: Sendable, Equatable {
    public enum Kind: String, Sendable { case capture, sensor }
    public enum State: String, Sendable {
        /// Being written; an import left in this state (killed) is redone from scratch.
        case importing
        case complete
        /// A sensor source between runs or while running.
        case live
    }
    public var id: Int64
    public var kind: Kind
    /// The capture's path as given, or the interface name.
    public var name: String
    /// The hash of the capture file's content (captures only; `ContentHashAlgorithm`).
    public var contentHash: String?
    public var size: Int64?
    public var state: State
    /// Wall-clock times (ns since the epoch) of the first start and the last update.
    public var started: Int64
    public var updated: Int64
    public var packets: UInt64
    public var bytes: UInt64
    public var events: UInt64
    /// Packet times of the first and last packet seen.
    public var firstPacket: Int64?
    public var lastPacket: Int64?

    public init(
        id: Int64, kind: Kind, name: String, contentHash: String?, size: Int64?, state: State, started: Int64,
        updated: Int64, packets: UInt64, bytes: UInt64, events: UInt64, firstPacket: Int64?, lastPacket: Int64?
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.contentHash = contentHash
        self.size = size
        self.state = state
        self.started = started
        self.updated = updated
        self.packets = packets
        self.bytes = bytes
        self.events = events
        self.firstPacket = firstPacket
        self.lastPacket = lastPacket
    }
}

/// A sensor's capture statistics at one moment (cumulative counters since the sensor started).
public struct SensorSample: Sendable, Equatable {
    /// Wall clock, ns since the epoch.
    public var time: Int64
    public var interface: String
    public var received: UInt64
    public var kernelDrops: UInt64
    public var interfaceDrops: UInt64
    public var queueDrops: UInt64
    public var packets: UInt64
    public var bytes: UInt64
    public var packetsPerSecond: Double
    public var bitsPerSecond: Double
    public var flows: UInt64
    public var events: UInt64
    /// Notable events the sensor had to drop before the store (cap per flush).
    public var storeDrops: UInt64

    public init(
        time: Int64, interface: String, received: UInt64 = 0, kernelDrops: UInt64 = 0, interfaceDrops: UInt64 = 0,
        queueDrops: UInt64 = 0, packets: UInt64 = 0, bytes: UInt64 = 0, packetsPerSecond: Double = 0,
        bitsPerSecond: Double = 0, flows: UInt64 = 0, events: UInt64 = 0, storeDrops: UInt64 = 0
    ) {
        self.time = time
        self.interface = interface
        self.received = received
        self.kernelDrops = kernelDrops
        self.interfaceDrops = interfaceDrops
        self.queueDrops = queueDrops
        self.packets = packets
        self.bytes = bytes
        self.packetsPerSecond = packetsPerSecond
        self.bitsPerSecond = bitsPerSecond
        self.flows = flows
        self.events = events
        self.storeDrops = storeDrops
    }
}

/// An asset as the store keeps it: the columns to filter on and the whole asset as JSON
/// (`InventoryFormatter.json(_:)`).
public struct StoredAsset: Sendable, Equatable {
    public var id: String
    public var role: String
    public var purdueLevel: Int?
    public var vendor: String?
    public var addresses: [String]
    public var name: String?
    public var firstSeen: Int64
    public var lastSeen: Int64
    public var json: String

    public init(
        id: String, role: String, purdueLevel: Int?, vendor: String?, addresses: [String], name: String?,
        firstSeen: Int64, lastSeen: Int64, json: String
    ) {
        self.id = id
        self.role = role
        self.purdueLevel = purdueLevel
        self.vendor = vendor
        self.addresses = addresses
        self.name = name
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.json = json
    }
}

/// One value an asset reported for one identity key, with when it held.
public struct StoredFact: Sendable, Equatable {
    public var assetID: String
    public var key: String
    public var value: String
    public var protocolName: String
    public var confidence: String
    public var firstSeen: Int64
    public var lastSeen: Int64
    public var count: UInt64

    public init(
        assetID: String, key: String, value: String, protocolName: String, confidence: String, firstSeen: Int64,
        lastSeen: Int64, count: UInt64
    ) {
        self.assetID = assetID
        self.key = key
        self.value = value
        self.protocolName = protocolName
        self.confidence = confidence
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.count = count
    }
}

/// An identity fact that changed value (a firmware update, a swapped module, a renamed station):
/// both values with the times they were seen.
public struct FactChange: Sendable, Equatable {
    public var assetID: String
    public var key: String
    public var oldValue: String
    public var newValue: String
    /// When the old value was last seen and the new one first seen (packet time, ns).
    public var oldLastSeen: Int64
    public var newFirstSeen: Int64

    public init(
        assetID: String, key: String, oldValue: String, newValue: String, oldLastSeen: Int64, newFirstSeen: Int64
    ) {
        self.assetID = assetID
        self.key = key
        self.oldValue = oldValue
        self.newValue = newValue
        self.oldLastSeen = oldLastSeen
        self.newFirstSeen = newFirstSeen
    }
}

/// A communication edge between assets as stored (the map's edges).
public struct StoredEdge: Sendable, Equatable {
    public var client: String
    public var server: String
    public var protocolName: String
    public var transport: String
    public var serverPort: UInt16
    public var flows: UInt64
    public var packets: UInt64
    public var bytes: UInt64
    public var firstSeen: Int64
    public var lastSeen: Int64
    /// Operation name → count.
    public var operations: [String: UInt64]

    public init(
        client: String, server: String, protocolName: String, transport: String, serverPort: UInt16, flows: UInt64,
        packets: UInt64, bytes: UInt64, firstSeen: Int64, lastSeen: Int64, operations: [String: UInt64]
    ) {
        self.client = client
        self.server = server
        self.protocolName = protocolName
        self.transport = transport
        self.serverPort = serverPort
        self.flows = flows
        self.packets = packets
        self.bytes = bytes
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.operations = operations
    }
}

/// What `palisade status` prints about a store.
public struct StoreSummary: Sendable {
    public var path: String
    public var schemaVersion: String
    public var fileBytes: Int64
    public var assets: Int
    public var assetsByRole: [String: Int]
    public var edges: Int
    public var events: Int
    public var eventsByOperation: [String: Int]
    public var facts: Int
    public var factChanges: Int
    public var sources: [IngestSource]
    public var latestSamples: [SensorSample]
    public var firstEvent: Int64?
    public var lastEvent: Int64?

    public init(path: String, schemaVersion: String) {
        self.path = path
        self.schemaVersion = schemaVersion
        fileBytes = 0
        assets = 0
        assetsByRole = [:]
        edges = 0
        events = 0
        eventsByOperation = [:]
        facts = 0
        factChanges = 0
        sources = []
        latestSamples = []
    }
}
