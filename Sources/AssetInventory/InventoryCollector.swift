import EventModel
import FlowTracking
import Monitor
import PacketLayers

/// Gathers what one worker saw for the inventory and the communication map: endpoints and edges
/// from ended flows, identity facts and layer-2 talkers from notable events. Runs on its worker's
/// thread; the per-flow work happens once per flow, not per packet. Merge the workers' collectors
/// with `merge` and hand the result to `InventoryBuilder`.
public final class InventoryCollector: PacketPathObserver {
    public private(set) var endpoints: [EndpointKey: EndpointObservation] = [:]
    public private(set) var edges: [EdgeKey: EdgeObservation] = [:]
    public private(set) var facts: [FactKey: FactObservation] = [:]
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
        var entry = flow.entry
        var operations = flow.operations
        // The side that sent the requests is the client, whoever spoke first (symmetric ports,
        // replies to broadcasts, captures that start mid-conversation).
        if operations.requestsByServer > operations.requestsByClient {
            entry.initiatorIsA.toggle()
            operations = operations.swapped
        }
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
            $0.flowsAsClient &+= 1
            if identified { $0.clientProtocols.insert(protocolID) }
        }
        update(server, first: entry.firstSeen, last: entry.lastSeen, vlan: vlan) {
            $0.packetsSent &+= entry.serverPackets
            $0.bytesSent &+= entry.serverBytes
            $0.packetsReceived &+= entry.clientPackets
            $0.bytesReceived &+= entry.clientBytes
            $0.flowsAsServer &+= 1
            if answered && identified { $0.serverProtocols.insert(protocolID) }
        }
        let key = EdgeKey(
            client: client, server: server, protocolID: protocolID, serverPort: entry.server.port,
            transport: entry.key.ipProtocol)
        guard edges[key] != nil || edges.count < maximumEdges else {
            edgeCapHits &+= 1
            return
        }
        var edge = edges[key] ?? EdgeObservation()
        edge.flows &+= 1
        edge.packetsToServer &+= entry.clientPackets
        edge.packetsToClient &+= entry.serverPackets
        edge.bytesToServer &+= entry.clientBytes
        edge.bytesToClient &+= entry.serverBytes
        edge.firstSeen = min(edge.firstSeen, entry.firstSeen)
        edge.lastSeen = max(edge.lastSeen, entry.lastSeen)
        edge.firstFrame = min(edge.firstFrame, entry.firstFrame)
        edge.operations.merge(operations)
        edges[key] = edge
    }

    private func update(
        _ key: EndpointKey, first: Int64, last: Int64, vlan: UInt16, _ body: (inout EndpointObservation) -> Void
    ) {
        guard endpoints[key] != nil || endpoints.count < maximumEndpoints else {
            endpointCapHits &+= 1
            return
        }
        var observation = endpoints[key] ?? EndpointObservation()
        observation.see(from: first, to: last)
        if vlan != 0 { observation.vlans.insert(vlan) }
        body(&observation)
        endpoints[key] = observation
    }

    static let unidentified: Set<UInt16> = [
        ApplicationProtocol.tcpOther.id, ApplicationProtocol.udpOther.id, ApplicationProtocol.ipOther.id,
        ApplicationProtocol.unknown.id,
    ]

    // MARK: events

    public func observe(_ batch: EventBatch) {
        for event in batch.events {
            if event.isLayer2 { observeLayer2(event) }
            guard event.identityCount > 0 else { continue }
            for fact in batch.facts(of: event) { record(fact, of: event, in: batch) }
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
        let value = batch.string(fact.value)
        guard !value.isEmpty else { return }
        let key = FactKey(
            subject: subject, key: fact.key, value: String(value.prefix(256)), protocolID: event.protocolID.id,
            selfReported: fact.subject == .source)
        if var existing = facts[key] {
            existing.merge(
                FactObservation(
                    firstSeen: event.timestamp, lastSeen: event.timestamp, firstFrame: event.frame,
                    lastFrame: event.frame, count: 1))
            facts[key] = existing
        } else if facts.count < maximumFacts {
            facts[key] = FactObservation(
                firstSeen: event.timestamp, lastSeen: event.timestamp, firstFrame: event.frame, lastFrame: event.frame,
                count: 1)
        } else {
            factCapHits &+= 1
        }
    }

    // MARK: merging

    /// Folds another worker's collector into this one.
    public func merge(_ other: InventoryCollector) {
        for (key, value) in other.endpoints { endpoints[key, default: EndpointObservation()].merge(value) }
        for (key, value) in other.edges { edges[key, default: EdgeObservation()].merge(value) }
        for (key, value) in other.facts {
            if facts[key] != nil {
                facts[key]!.merge(value)
            } else if facts.count < maximumFacts {
                facts[key] = value
            } else {
                factCapHits &+= 1
            }
        }
        factCapHits &+= other.factCapHits
        endpointCapHits &+= other.endpointCapHits
        edgeCapHits &+= other.edgeCapHits
    }
}
