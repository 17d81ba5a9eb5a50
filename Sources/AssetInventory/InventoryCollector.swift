import EventModel
import FlowTracking
import Monitor
import PacketLayers

#if canImport(Glibc)
    import Glibc
#endif

/// Gathers what one worker saw for the inventory and the communication map: endpoints and edges
/// from ended flows, identity facts and layer-2 talkers from notable events. Runs on its worker's
/// thread; the per-flow work happens once per flow, not per packet. Merge the workers' collectors
/// with `merge` and hand the result to `InventoryBuilder`.
public final class InventoryCollector: PacketPathObserver {
    public private(set) var endpoints: [EndpointKey: EndpointObservation] = [:]
    public private(set) var edges: [EdgeKey: EdgeObservation] = [:]
    /// Facts as first recorded, found again by a hash of their raw bytes (no String is built
    /// for a fact already seen: identity PDUs repeat, e.g. every I-Am and every poll of SZL).
    private var factEntries: [FactEntry] = []
    private var factIndex: [RawFactKey: Int] = [:]
    /// Whether some fact's bytes were not valid UTF-8: two such values can decode to one string,
    /// so their entries must be merged by key (otherwise every entry is already distinct).
    private var hasRepairedValues = false
    /// Every fact with how often and when it was seen.
    public var facts: [FactKey: FactObservation] {
        var result: [FactKey: FactObservation] = [:]
        for (key, observation) in factList { result[key] = observation }
        return result
    }

    /// Every fact with how often and when it was seen, each key once, in the order first seen.
    public var factList: [(key: FactKey, observation: FactObservation)] {
        guard hasRepairedValues else { return factEntries.map { ($0.key, $0.observation) } }
        var result: [(key: FactKey, observation: FactObservation)] = []
        var position: [FactKey: Int] = [:]
        for entry in factEntries {
            if let index = position[entry.key] {
                result[index].observation.merge(entry.observation)
            } else {
                position[entry.key] = result.count
                result.append((entry.key, entry.observation))
            }
        }
        return result
    }
    /// Facts dropped because `maximumFacts` distinct facts were already held.
    public private(set) var factCapHits: UInt64 = 0
    /// Endpoints and edges not recorded because their table was full.
    public private(set) var endpointCapHits: UInt64 = 0
    public private(set) var edgeCapHits: UInt64 = 0
    /// Bounds on the tables that grow with what the wire offers (spoofed addresses, names,
    /// banners); past them new entries are counted and dropped, existing ones still update.
    public let maximumFacts: Int
    public let maximumEndpoints: Int
    public let maximumEdges: Int

    public init(maximumFacts: Int = 200_000, maximumEndpoints: Int = 1_000_000, maximumEdges: Int = 1_000_000) {
        self.maximumFacts = maximumFacts
        self.maximumEndpoints = maximumEndpoints
        self.maximumEdges = maximumEdges
    }

    // MARK: flows

    public func flowEnded(_ flow: FlowSummary) {
        let (entry, operations) = flow.oriented
        let protocolID = flow.application.id
        let client = EndpointKey(mac: entry.clientMAC, ip: entry.client.address)
        let server = EndpointKey(mac: entry.serverMAC, ip: entry.server.address)
        let vlan = UInt16(truncatingIfNeeded: entry.key.vlan >> 12)
        // A server that never answered (a scan, a broadcast) has not shown it runs the service.
        let answered = entry.serverPackets > 0
        // Unidentified TCP/UDP says nothing about what a host is; the map still shows the edge.
        let identified = !Self.unidentified.contains(protocolID)

        update(client, first: entry.firstSeen, last: entry.lastSeen, vlan: vlan) {
            $0.packetsSent &+= entry.clientPackets
            $0.bytesSent &+= entry.clientBytes
            $0.packetsReceived &+= entry.serverPackets
            $0.bytesReceived &+= entry.serverBytes
            if !flow.isContinuation { $0.flowsAsClient &+= 1 }
            if identified { $0.clientProtocols.insert(protocolID) }
        }
        update(server, first: entry.firstSeen, last: entry.lastSeen, vlan: vlan) {
            $0.packetsSent &+= entry.serverPackets
            $0.bytesSent &+= entry.serverBytes
            $0.packetsReceived &+= entry.clientPackets
            $0.bytesReceived &+= entry.clientBytes
            if !flow.isContinuation { $0.flowsAsServer &+= 1 }
            if answered && identified { $0.serverProtocols.insert(protocolID) }
        }
        let key = EdgeKey(
            client: client, server: server, protocolID: protocolID, serverPort: entry.server.port,
            transport: entry.key.ipProtocol)
        let index: Dictionary<EdgeKey, EdgeObservation>.Index
        if let found = edges.index(forKey: key) {
            index = found
        } else {
            guard edges.count < maximumEdges else {
                edgeCapHits &+= 1
                return
            }
            edges[key] = EdgeObservation()
            index = edges.index(forKey: key)!
        }
        let isContinuation = flow.isContinuation
        updateInPlace(&edges.values[index]) { edge in
            if !isContinuation { edge.flows &+= 1 }
            edge.packetsToServer &+= entry.clientPackets
            edge.packetsToClient &+= entry.serverPackets
            edge.bytesToServer &+= entry.clientBytes
            edge.bytesToClient &+= entry.serverBytes
            edge.firstSeen = min(edge.firstSeen, entry.firstSeen)
            edge.lastSeen = max(edge.lastSeen, entry.lastSeen)
            edge.firstFrame = min(edge.firstFrame, entry.firstFrame)
            edge.operations.merge(operations)
        }
    }

    private func update(
        _ key: EndpointKey, first: Int64, last: Int64, vlan: UInt16, _ body: (inout EndpointObservation) -> Void
    ) {
        // Updated in place: copying the observation out and back copied (and retained) its sets.
        if let index = endpoints.index(forKey: key) {
            Self.update(&endpoints.values[index], first: first, last: last, vlan: vlan, body)
            return
        }
        guard endpoints.count < maximumEndpoints else {
            endpointCapHits &+= 1
            return
        }
        var observation = EndpointObservation()
        Self.update(&observation, first: first, last: last, vlan: vlan, body)
        endpoints[key] = observation
    }

    @inline(__always)
    private static func update(
        _ observation: inout EndpointObservation, first: Int64, last: Int64, vlan: UInt16,
        _ body: (inout EndpointObservation) -> Void
    ) {
        observation.see(from: first, to: last)
        if vlan != 0 { observation.vlans.insert(vlan) }
        body(&observation)
    }

    static let unidentified: Set<UInt16> = [
        ApplicationProtocol.tcpOther.id, ApplicationProtocol.udpOther.id, ApplicationProtocol.ipOther.id,
        ApplicationProtocol.unknown.id,
    ]

    // MARK: events

    public func observe(_ batch: EventBatch) {
        // Events are read in place: `for event in batch.events` copied every 320-byte event.
        batch.events.withUnsafeBufferPointer { events in
            for index in events.indices {
                // Layer-2 talkers count by their notable events (discovery, identity), also when
                // the batch holds every event (a baseline being learned): cyclic PROFINET data
                // does not.
                if events[index].isLayer2 && events[index].isNotable { observeLayer2(events[index]) }
                guard events[index].identityCount > 0 else { continue }
                for fact in batch.facts(of: events[index]) { record(fact, of: events[index], in: batch) }
            }
        }
    }

    /// Layer-2 talkers have no flow: each event counts as a packet on its edge.
    private func observeLayer2(_ event: ProtocolEvent) {
        let source = EndpointKey(mac: event.sourceMAC, ip: .unspecified)
        let destination = EndpointKey(mac: event.destinationMAC, ip: .unspecified)
        let fromClient = event.direction != .response
        let client = fromClient ? source : destination
        let server = fromClient ? destination : source
        update(source, first: event.timestamp, last: event.timestamp, vlan: event.hasVLAN ? event.vlan : 0) {
            $0.packetsSent &+= 1
            if fromClient { $0.clientProtocols.insert(event.protocolID.id) }
        }
        if !event.destinationMAC.isMulticast {
            update(destination, first: event.timestamp, last: event.timestamp, vlan: event.hasVLAN ? event.vlan : 0) {
                $0.packetsReceived &+= 1
                if !fromClient { $0.clientProtocols.insert(event.protocolID.id) }
            }
        }
        let key = EdgeKey(client: client, server: server, protocolID: event.protocolID.id, serverPort: 0, transport: 0)
        guard edges[key] != nil || edges.count < maximumEdges else {
            edgeCapHits &+= 1
            return
        }
        var edge = edges[key] ?? EdgeObservation()
        if fromClient { edge.packetsToServer &+= 1 } else { edge.packetsToClient &+= 1 }
        edge.firstSeen = min(edge.firstSeen, event.timestamp)
        edge.lastSeen = max(edge.lastSeen, event.timestamp)
        edge.firstFrame = min(edge.firstFrame, event.frame)
        edge.operations.add(event.operation, fromClient: fromClient)
        edges[key] = edge
    }

    private func record(_ fact: IdentityFact, of event: ProtocolEvent, in batch: EventBatch) {
        let subject: EndpointKey
        switch fact.subject {
        case .source:
            subject = EndpointKey(
                mac: event.hasMACs ? event.sourceMAC : .zero, ip: event.isLayer2 ? .unspecified : event.source)
        case .destination:
            subject = EndpointKey(
                mac: event.hasMACs ? event.destinationMAC : .zero,
                ip: event.isLayer2 ? .unspecified : event.destination)
        case .address(let address):
            subject = EndpointKey(mac: .zero, ip: address)
        case .mac(let mac):
            subject = EndpointKey(mac: mac, ip: .unspecified)
        }
        let selfReported =
            switch fact.subject {
            case .source: true
            case .mac(let mac): mac == event.sourceMAC
            case .address(let address): !event.isLayer2 && address == event.source
            case .destination: false
            }
        let observation = FactObservation(
            firstSeen: event.timestamp, lastSeen: event.timestamp, firstFrame: event.frame, lastFrame: event.frame,
            count: 1)
        batch.withBytes(fact.value) { bytes in
            let value = UnsafeRawBufferPointer(rebasing: bytes.prefix(Self.maximumValueLength))
            guard !value.isEmpty else { return }
            var raw = RawFactKey(
                subject: subject, key: fact.key, protocolID: event.protocolID.id, selfReported: selfReported,
                valueHash: Self.hash(value), length: UInt16(value.count))
            if let index = findFact(&raw, bytes: value) {
                factEntries[index].observation.merge(observation)
                return
            }
            guard factEntries.count < maximumFacts else {
                factCapHits &+= 1
                return
            }
            let key = FactKey(
                subject: subject, key: fact.key, value: String(decoding: value, as: UTF8.self),
                protocolID: event.protocolID.id, selfReported: selfReported)
            if !key.value.utf8.elementsEqual(value) { hasRepairedValues = true }
            factIndex[raw] = factEntries.count
            factEntries.append(FactEntry(key: key, bytes: Array(value), observation: observation))
        }
    }

    static let maximumValueLength = 256

    /// The entry holding `raw`'s fact with exactly `bytes`, or nil with `raw` moved to a free key.
    /// Open addressing in key space: a hash collision moves on to the next hash value.
    private func findFact(_ raw: inout RawFactKey, bytes: UnsafeRawBufferPointer) -> Int? {
        while let index = factIndex[raw] {
            // memcmp, not a generic `elementsEqual` (an iterator per byte on both sides).
            let equal = factEntries[index].bytes.withUnsafeBytes { stored in
                stored.count == bytes.count
                    && (bytes.isEmpty || memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
            }
            if equal { return index }
            raw.valueHash &+= 1
        }
        return nil
    }

    /// FNV-1a over the value bytes: a table key only, verified byte for byte on every hit.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash
    }

    // MARK: merging

    /// Adds observations read back from a store (restarting continues the same inventory).
    public func absorb(endpoint key: EndpointKey, _ observation: EndpointObservation) {
        endpoints[key, default: EndpointObservation()].merge(observation)
    }

    public func absorb(edge key: EdgeKey, _ observation: EdgeObservation) {
        edges[key, default: EdgeObservation()].merge(observation)
    }

    public func absorb(fact key: FactKey, _ observation: FactObservation) {
        let bytes = Array(key.value.utf8.prefix(Self.maximumValueLength))
        guard !bytes.isEmpty else { return }
        var raw = RawFactKey(
            subject: key.subject, key: key.key, protocolID: key.protocolID, selfReported: key.selfReported,
            valueHash: bytes.withUnsafeBytes(Self.hash), length: UInt16(bytes.count))
        if let index = bytes.withUnsafeBytes({ findFact(&raw, bytes: $0) }) {
            factEntries[index].observation.merge(observation)
        } else if factEntries.count < maximumFacts {
            factIndex[raw] = factEntries.count
            factEntries.append(FactEntry(key: key, bytes: bytes, observation: observation))
        } else {
            factCapHits &+= 1
        }
    }

    /// Whether nothing was collected.
    public var isEmpty: Bool { endpoints.isEmpty && edges.isEmpty && factEntries.isEmpty }

    /// Folds another worker's collector into this one.
    public func merge(_ other: InventoryCollector) {
        mergeEndpointsAndFacts(other)
        mergeEdges(other)
    }

    /// Folds the other workers' collectors into this one: the edge table on one thread while the
    /// endpoint and fact tables are merged on another (they share nothing).
    public func merge(_ others: some Collection<InventoryCollector>) {
        _ = sideBySide(
            { for other in others { mergeEndpointsAndFacts(other) } },
            { for other in others { mergeEdges(other) } })
    }

    /// The endpoint and fact halves of `merge`; with `mergeEdges`, they may run at the same time.
    public func mergeEndpointsAndFacts(_ other: InventoryCollector) {
        // Grown once: growing the tables step by step was half of the merge.
        endpoints.reserveCapacity(endpoints.count + other.endpoints.count)
        factIndex.reserveCapacity(factEntries.count + other.factEntries.count)
        factEntries.reserveCapacity(factEntries.count + other.factEntries.count)
        for (key, value) in other.endpoints { endpoints[key, default: EndpointObservation()].merge(value) }
        for entry in other.factEntries {
            var raw = RawFactKey(
                subject: entry.key.subject, key: entry.key.key, protocolID: entry.key.protocolID,
                selfReported: entry.key.selfReported, valueHash: entry.bytes.withUnsafeBytes(Self.hash),
                length: UInt16(entry.bytes.count))
            if let index = entry.bytes.withUnsafeBytes({ findFact(&raw, bytes: $0) }) {
                factEntries[index].observation.merge(entry.observation)
            } else if factEntries.count < maximumFacts {
                factIndex[raw] = factEntries.count
                factEntries.append(entry)
            } else {
                factCapHits &+= 1
            }
        }
        hasRepairedValues = hasRepairedValues || other.hasRepairedValues
        factCapHits &+= other.factCapHits
        endpointCapHits &+= other.endpointCapHits
    }

    /// The edge half of `merge`.
    public func mergeEdges(_ other: InventoryCollector) {
        edges.reserveCapacity(edges.count + other.edges.count)
        for (key, value) in other.edges { edges[key, default: EdgeObservation()].merge(value) }
        edgeCapHits &+= other.edgeCapHits
    }
}

/// A fact's identity without its text: the table key of `InventoryCollector`.
struct RawFactKey: Hashable {
    var subject: EndpointKey
    var key: IdentityKey
    var protocolID: UInt16
    var selfReported: Bool
    var valueHash: UInt64
    var length: UInt16

    func hash(into hasher: inout Hasher) {
        var word = subject.word ^ valueHash &* 0xD6E8_FEB8_6659_FD93
        word ^=
            (UInt64(key.rawValue) | UInt64(protocolID) << 8 | UInt64(length) << 24 | (selfReported ? 1 << 40 : 0))
            &* 0xC2B2_AE3D_27D4_EB4F
        hasher.combine(word)
    }
}

struct FactEntry {
    var key: FactKey
    var bytes: [UInt8]
    var observation: FactObservation
}
