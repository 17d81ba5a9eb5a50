import EventModel
import Monitor
import PacketLayers

/// The inventory of a capture or a sensor: assets and the communication map.
public struct Inventory: Sendable {
    public var assets: [Asset] = []
    public var map = CommunicationMap()
    /// Entries dropped at the collector's caps (facts, endpoints, edges).
    public var capHits: UInt64 = 0
}

/// Turns what the collectors saw into assets. Devices on the monitored segment are keyed by MAC;
/// a MAC behind which many IP addresses appear without claiming them (ARP, DHCP) is a router or
/// gateway, and the addresses behind it become assets of their own keyed by IP.
public struct InventoryBuilder: Sendable {
    public var reference: ReferenceData
    /// Unclaimed addresses behind one MAC from which it counts as a router.
    public var routedAddressThreshold = 3
    /// Whether to build the communication map; without it the inventory's map stays empty (the
    /// assets' roles and protocols still come from the edges).
    public var buildsMap = true

    public init(reference: ReferenceData) { self.reference = reference }

    public func build(_ collector: InventoryCollector) -> Inventory {
        let facts = collector.factList
        var resolver = AddressResolver(collector: collector, facts: facts, threshold: routedAddressThreshold)
        // The MAC vendors are looked up (a scan of the OUI files) on the other core meanwhile.
        let (_, macVendors) = sideBySide(
            { resolver.resolve() },
            { reference.vendors(of: AddressResolver.candidateMACs(collector: collector, facts: facts)) })
        // Assets and map nodes are handled by index (asset indices first, then group nodes): no
        // String is hashed or compared per endpoint, fact or edge.
        var assets = resolver.takeAssets()
        var vlans = [Set<UInt16>](repeating: [], count: assets.count)

        var behaviours = [AssetBehaviour](repeating: AssetBehaviour(), count: assets.count)
        var groups = GroupNodes(firstIndex: assets.count)
        struct MapEdgeKey: Hashable {
            var client: Int
            var server: Int
            var protocolID: UInt16
            var transport: UInt8
            var port: UInt16
        }
        var edgeIndex: [MapEdgeKey: Int] = [:]
        var edges: [(client: Int, server: Int, protocolID: UInt16, edge: CommunicationMap.Edge)] = []
        if buildsMap {
            edgeIndex.reserveCapacity(collector.edges.count)
            edges.reserveCapacity(collector.edges.count)
        }
        let assetCount = assets.count
        // The endpoints and facts (which change the assets) on one core, the edges (which change
        // the behaviours and the map) on the other.
        _ = sideBySide(
            {
                // Counters and protocols from endpoints.
                for (key, observation) in collector.endpoints {
                    guard let index = resolver.asset(of: key) else { continue }
                    // Mutated in place (a copy out of the array would copy every array of the asset).
                    updateInPlace(&assets[index]) { asset in
                        asset.firstSeen = min(asset.firstSeen, observation.firstSeen)
                        asset.lastSeen = max(asset.lastSeen, observation.lastSeen)
                        asset.packetsSent &+= observation.packetsSent
                        asset.packetsReceived &+= observation.packetsReceived
                        asset.bytesSent &+= observation.bytesSent
                        asset.bytesReceived &+= observation.bytesReceived
                    }
                    if !observation.vlans.isEmpty { vlans[index].formUnion(observation.vlans) }
                }

                // Facts.
                for (key, observation) in facts {
                    guard let index = resolver.asset(ofSubject: key.subject) else { continue }
                    updateInPlace(&assets[index]) { asset in
                        asset.facts.append(
                            AssetFact(
                                key: key.key, value: key.value, protocolName: ProtocolGroups.name(key.protocolID),
                                firstFrame: observation.firstFrame, lastFrame: observation.lastFrame,
                                firstSeen: observation.firstSeen, lastSeen: observation.lastSeen,
                                count: observation.count,
                                confidence: Self.confidence(protocolID: key.protocolID, selfReported: key.selfReported))
                        )
                        if key.selfReported {
                            asset.firstSeen = min(asset.firstSeen, observation.firstSeen)
                            asset.lastSeen = max(asset.lastSeen, observation.lastSeen)
                        }
                    }
                }
            },
            {
                // Edges: the map, and what each asset did as client and server.
                for (key, observation) in collector.edges {
                    guard let client = resolver.asset(of: key.client) ?? groups.node(key.client) else { continue }
                    guard let server = resolver.asset(of: key.server) ?? groups.node(key.server) else { continue }
                    if client == server { continue }
                    let answered = observation.packetsToClient > 0 || key.transport == 0
                    let identified = !InventoryCollector.unidentified.contains(key.protocolID)
                    if server < assetCount, answered, identified {
                        behaviours[server].served.insert(key.protocolID)
                    }
                    if client < assetCount, identified {
                        Self.record(
                            key: key, observation: observation, server: server, serverIsGroup: server >= assetCount,
                            into: &behaviours[client])
                    }
                    guard buildsMap else { continue }
                    let mapKey = MapEdgeKey(
                        client: client, server: server, protocolID: key.protocolID, transport: key.transport,
                        port: key.serverPort)
                    let position: Int
                    if let existing = edgeIndex[mapKey] {
                        position = existing
                    } else {
                        position = edges.count
                        edgeIndex[mapKey] = position
                        edges.append(
                            (
                                client, server, key.protocolID,
                                CommunicationMap.Edge(
                                    client: "", server: "", protocolName: "",
                                    transport: key.transport == 6
                                        ? "tcp" : key.transport == 17 ? "udp" : key.transport == 0 ? "l2" : "ip",
                                    serverPort: key.serverPort, flows: 0, packets: 0, bytes: 0, packetsToServer: 0,
                                    packetsToClient: 0, bytesToServer: 0, bytesToClient: 0, firstSeen: .max,
                                    lastSeen: .min, firstFrame: .max, operations: OperationTally())
                            ))
                    }
                    updateInPlace(&edges[position].edge) { edge in
                        edge.flows &+= observation.flows
                        edge.packetsToServer &+= observation.packetsToServer
                        edge.packetsToClient &+= observation.packetsToClient
                        edge.bytesToServer &+= observation.bytesToServer
                        edge.bytesToClient &+= observation.bytesToClient
                        edge.packets = edge.packetsToServer &+ edge.packetsToClient
                        edge.bytes = edge.bytesToServer &+ edge.bytesToClient
                        edge.firstSeen = min(edge.firstSeen, observation.firstSeen)
                        edge.lastSeen = max(edge.lastSeen, observation.lastSeen)
                        edge.firstFrame = min(edge.firstFrame, observation.firstFrame)
                        edge.operations.merge(observation.operations)
                    }
                }
            })

        // Summaries, roles and levels: each asset on its own, so a large inventory is finished
        // in two halves on two threads (this loop is most of the single-threaded end).
        let finish = { (asset: inout Asset, index: Int) in
            if !vlans[index].isEmpty { asset.vlans = vlans[index].sorted() }
            var behaviour = behaviours[index]
            behaviour.isRouter = asset.routedAddresses > 0
            behaviour.routedAddresses = asset.routedAddresses
            summarise(&asset)
            behaviour.announcedTypes = asset.facts.filter { $0.key == .deviceType && $0.confidence == .high }.map(
                \.value)
            asset.clientProtocols = behaviour.used.sorted().map(ProtocolGroups.name)
            asset.serverProtocols = behaviour.served.sorted().map(ProtocolGroups.name)
            (asset.role, asset.roleReasons) = RoleClassifier.classify(behaviour)
            let isPublic = !asset.ips.isEmpty && asset.ips.allSatisfy { !$0.isPrivateOrLocal }
            (asset.purdueLevel, asset.purdueReasons) = PurdueClassifier.level(
                role: asset.role, ips: asset.ips.map(\.description), isPublic: isPublic && asset.macs.isEmpty)
            if let mac = asset.macs.first { asset.macVendor = macVendors[mac] }
            if asset.identity.vendor == nil { asset.identity.vendor = vendorFromIDs(asset) }
            if asset.firstSeen == .max { asset.firstSeen = 0 }
            if asset.lastSeen == .min { asset.lastSeen = 0 }
        }
        assets.withUnsafeMutableBufferPointer { buffer in
            let count = buffer.count
            guard count >= 2048 else {
                for index in 0..<count { finish(&buffer[index], index) }
                return
            }
            let middle = count / 2
            _ = sideBySide(
                { for index in 0..<middle { finish(&buffer[index], index) } },
                { for index in middle..<count { finish(&buffer[index], index) } })
        }

        var inventory = Inventory()
        if buildsMap {
            // Edges name assets by their index before ordering; they are ordered on the other
            // core while the assets are ordered and made the map's nodes.
            let nodeIDs = assets.mapInPlace { $0.id } + groups.nodes.map(\.id)
            let groupNodes = groups.nodes
            (inventory.map.edges, inventory.map.nodes) = sideBySide(
                { Self.orderedEdges(edges, nodeIDs: nodeIDs) },
                {
                    Self.order(&assets)
                    return assets.mapInPlace {
                        CommunicationMap.Node(
                            id: $0.id, kind: .asset, label: Self.label(of: $0), role: $0.role,
                            purdueLevel: $0.purdueLevel)
                    } + groupNodes.sorted { $0.id < $1.id }
                })
        } else {
            Self.order(&assets)
        }
        inventory.assets = assets
        inventory.capHits = collector.factCapHits &+ collector.endpointCapHits &+ collector.edgeCapHits
        return inventory
    }

    /// What an edge says about its client's behaviour (roles are decided from it).
    private static func record(
        key: EdgeKey, observation: EdgeObservation, server: Int, serverIsGroup: Bool,
        into behaviour: inout AssetBehaviour
    ) {
        behaviour.used.insert(key.protocolID)
        let industrial = ProtocolGroups.industrial.contains(key.protocolID)
        // PROFINET DCP Identify is an identification sweep; LLDP and CDP only announce.
        let layer2Discovery =
            key.protocolID == ApplicationProtocol.profinetDCP.id && observation.operations.byClient(.discovery) > 0
        if industrial || layer2Discovery {
            behaviour.industrialRequests.merge(observation.operations)
            for operation in Operation.allCases where observation.operations.byClient(operation) > 0 {
                behaviour.peersByOperation[operation, default: []].insert(server)
                if operation == .discovery && serverIsGroup { behaviour.discoversGroupAddresses = true }
            }
        }
        if key.protocolID == ApplicationProtocol.mqtt.id {
            behaviour.mqttPublishes &+= observation.operations.byClient(.data)
        }
    }

    /// Puts the assets in order by swapping them along the permutation's cycles: sorting the
    /// structs, or building a new array, copies (retains) every string and array of every asset.
    private static func order(_ assets: inout [Asset]) {
        // Closures, not key paths, over assets: a key path projection copied each whole asset.
        let firstIPs = assets.mapInPlace { $0.ips.first }
        let order = assets.indices.sorted { left, right in
            switch (firstIPs[left], firstIPs[right]) {
            case (let a?, let b?) where a != b: return a < b
            case (.some, nil): return true
            case (nil, .some): return false
            default: return assets[left].id < assets[right].id
            }
        }
        // Position k takes the asset at order[k]; swapped in the buffer, which moves the assets'
        // memory (the array's `swapAt` copied them: a retain and release of every field).
        var placed = [Bool](repeating: false, count: assets.count)
        assets.withUnsafeMutableBufferPointer { assets in
            for start in assets.indices where !placed[start] {
                var position = start
                while true {
                    placed[position] = true
                    let next = order[position]
                    if next == start { break }
                    assets.swapAt(position, next)
                    position = next
                }
            }
        }
    }

    /// Edges by client id, server id, protocol name, port and transport; ids and names are ranked
    /// once, so the sort compares integers.
    private static func orderedEdges(
        _ edges: [(client: Int, server: Int, protocolID: UInt16, edge: CommunicationMap.Edge)], nodeIDs: [String]
    ) -> [CommunicationMap.Edge] {
        var nodeRank = [Int](repeating: 0, count: nodeIDs.count)
        for (rank, node) in nodeIDs.indices.sorted(by: { nodeIDs[$0] < nodeIDs[$1] }).enumerated() {
            nodeRank[node] = rank
        }
        var protocolNames: [UInt16: String] = [:]
        for edge in edges where protocolNames[edge.protocolID] == nil {
            protocolNames[edge.protocolID] = ProtocolGroups.name(edge.protocolID)
        }
        var protocolRank: [UInt16: Int] = [:]
        for (rank, entry) in protocolNames.sorted(by: { ($0.value, $0.key) < ($1.value, $1.key) }).enumerated() {
            protocolRank[entry.key] = rank
        }
        let keys = edges.map {
            (
                nodeRank[$0.client], nodeRank[$0.server], protocolRank[$0.protocolID]!, $0.edge.serverPort,
                $0.edge.transport
            )
        }
        return edges.indices.sorted { keys[$0] < keys[$1] }.map { index in
            var edge = edges[index].edge
            edge.client = nodeIDs[edges[index].client]
            edge.server = nodeIDs[edges[index].server]
            edge.protocolName = protocolNames[edges[index].protocolID]!
            return edge
        }
    }

    static func confidence(protocolID: UInt16, selfReported: Bool) -> Confidence {
        guard selfReported else {
            // A DHCP server's lease or an ARP claim names the client's own address.
            return protocolID == ApplicationProtocol.dhcp.id || protocolID == ApplicationProtocol.dhcpv6.id
                || protocolID == ApplicationProtocol.arp.id ? .medium : .low
        }
        return ProtocolGroups.selfDescribing.contains(protocolID) ? .high : .medium
    }

    /// Fills names and the identity summary from the facts.
    private func summarise(_ asset: inout Asset) {
        asset.facts.sort {
            ($0.key.rawValue, $0.firstSeen, $0.protocolName, $0.value) < (
                $1.key.rawValue, $1.firstSeen, $1.protocolName, $1.value
            )
        }
        func best(_ key: IdentityKey) -> String? {
            var chosen: Int?
            for (index, fact) in asset.facts.enumerated() where fact.key == key {
                if let current = chosen {
                    let held = asset.facts[current]
                    guard (held.confidence, held.lastSeen, held.count) < (fact.confidence, fact.lastSeen, fact.count)
                    else { continue }
                }
                chosen = index
            }
            return chosen.map { asset.facts[$0].value }
        }
        var identity = AssetIdentity()
        identity.vendor = best(.vendor)
        identity.product = best(.product)
        identity.model = best(.model)
        identity.orderNumber = best(.orderNumber)
        identity.firmware = best(.firmware)
        identity.hardware = best(.hardware)
        identity.serial = best(.serial)
        identity.stationName = best(.stationName)
        identity.deviceType = best(.deviceType)
        identity.operatingSystem = best(.operatingSystem)
        identity.modules = Array(Set(asset.facts.filter { $0.key == .moduleName }.map(\.value))).sorted()
        identity.software = Array(Set(asset.facts.filter { $0.key == .software }.map(\.value))).sorted()
        asset.identity = identity
        var names: [String: AssetName] = [:]
        for fact in asset.facts where fact.key == .name || fact.key == .stationName {
            let key = fact.value + "\u{0}" + fact.protocolName
            if let existing = names[key], existing.confidence >= fact.confidence { continue }
            names[key] = AssetName(name: fact.value, source: fact.protocolName, confidence: fact.confidence)
        }
        asset.names = names.values.sorted { ($1.confidence, $0.name, $0.source) < ($0.confidence, $1.name, $1.source) }
    }

    /// A vendor name from a numeric vendor id when no protocol named the vendor.
    private func vendorFromIDs(_ asset: Asset) -> String? {
        for fact in asset.facts where fact.key == .vendorID {
            guard let id = Int(fact.value) ?? Int(fact.value.replacingOccurrences(of: "0x", with: ""), radix: 16)
            else { continue }
            switch fact.protocolName {
            case "enip", "cip":
                if let name = reference.cipVendor(id), !name.hasPrefix("Reserved") { return name }
            case "bacnet":
                if let name = reference.bacnetVendor(id), !name.hasPrefix("Reserved") { return name }
            default: continue
            }
        }
        return nil
    }

    static func label(of asset: Asset) -> String {
        if let name = asset.names.first?.name { return name }
        if let ip = asset.ips.first { return ip.description }
        if let mac = asset.macs.first { return mac.description }
        return asset.id
    }

    /// IP-keyed and MAC-keyed assets in address order.
    static func order(_ lhs: Asset, _ rhs: Asset) -> Bool {
        switch (lhs.ips.first, rhs.ips.first) {
        case (let left?, let right?) where left != right: return left < right
        case (.some, nil): return true
        case (nil, .some): return false
        default: return lhs.id < rhs.id
        }
    }
}

extension IPAddress {
    /// RFC 1918, loopback, link-local, CGNAT, unique-local and unspecified addresses.
    var isPrivateOrLocal: Bool {
        if isIPv4 {
            let value = ipv4Value
            return value >> 24 == 10 || value >> 20 == 0xAC1 || value >> 16 == 0xC0A8 || value >> 24 == 127
                || value >> 16 == 0xA9FE || value >> 22 == 0x191 || value == 0 || isBroadcast || isMulticast
        }
        let top = high >> 48
        return top & 0xFE00 == 0xFC00 || top & 0xFFC0 == 0xFE80 || (high == 0 && low <= 1) || isMulticast
    }
}

/// Broadcast and multicast destinations become map nodes of their own (never assets), numbered
/// after the assets.
struct GroupNodes {
    let firstIndex: Int
    private(set) var nodes: [CommunicationMap.Node] = []
    private var indexByEndpoint: [EndpointKey: Int?] = [:]
    private var indexByID: [String: Int] = [:]

    init(firstIndex: Int) { self.firstIndex = firstIndex }

    /// The node index of a group endpoint, nil when the endpoint is not a group address.
    mutating func node(_ key: EndpointKey) -> Int? {
        if let known = indexByEndpoint[key] { return known }
        let found = Self.groupID(of: key).map { id, kind -> Int in
            if let existing = indexByID[id] { return existing }
            indexByID[id] = firstIndex + nodes.count
            nodes.append(
                CommunicationMap.Node(
                    id: id, kind: kind, label: String(id.split(separator: ":", maxSplits: 1).last ?? ""),
                    role: .unknown, purdueLevel: nil))
            return firstIndex + nodes.count - 1
        }
        indexByEndpoint[key] = found
        return found
    }

    private static func groupID(of key: EndpointKey) -> (String, CommunicationMap.Node.Kind)? {
        if key.ip.isBroadcast || (key.mac.isBroadcast && !key.ip.isUnspecified) {
            return ("broadcast:\(key.ip)", .broadcast)
        } else if key.ip.isMulticast {
            return ("multicast:\(key.ip)", .multicast)
        } else if key.ip.isUnspecified, key.mac.isBroadcast {
            return ("broadcast:\(key.mac)", .broadcast)
        } else if key.ip.isUnspecified, key.mac.isMulticast {
            return ("multicast:\(key.mac)", .multicast)
        }
        return nil
    }
}
