import EventModel

/// What an asset did on the network, summed over its edges: the input of the role and level
/// decisions.
struct AssetBehaviour {
    var served = Set<UInt16>()
    var used = Set<UInt16>()
    /// Client-side operations on industrial protocols, by operation.
    var industrialRequests = OperationTally()
    /// Distinct peers (map node indices: assets or group addresses) per client-side operation on
    /// industrial protocols and layer-2 discovery.
    var peersByOperation: [Operation: Set<Int>] = [:]
    /// Whether some discovery request went to a broadcast or multicast group.
    var discoversGroupAddresses = false
    /// Client-side data messages on MQTT (publishes).
    var mqttPublishes: UInt32 = 0
    var isRouter = false
    var routedAddresses = 0
    /// Device roles announced in identity facts (CIP device type, PROFINET DCP role, LLDP/CDP
    /// capabilities).
    var announcedTypes: [String] = []

    func peers(_ operation: Operation) -> Int { peersByOperation[operation]?.count ?? 0 }
    func serves(_ group: Set<UInt16>) -> [String] { served.intersection(group).sorted().map(ProtocolGroups.name) }
    func uses(_ group: Set<UInt16>) -> [String] { used.intersection(group).sorted().map(ProtocolGroups.name) }
}

/// Decides an asset's role from what it does, and says why. Rules in order; the first that
/// matches decides, later evidence is kept as further reasons. An engineering workstation is
/// recognised by program or firmware transfers, or by identification sweeps, never by its name.
enum RoleClassifier {
    static func classify(_ behaviour: AssetBehaviour) -> (AssetRole, [String]) {
        var reasons: [String] = []
        if behaviour.isRouter {
            reasons.append("\(behaviour.routedAddresses) IP addresses seen behind its MAC address: it routes")
            return (.networkDevice, reasons)
        }
        let announced = behaviour.announcedTypes.map { $0.lowercased() }
        if announced.contains(where: { $0.contains("router") || $0.contains("bridge") || $0.contains("switch") }) {
            return (.networkDevice, ["announces itself as \(behaviour.announcedTypes.joined(separator: ", "))"])
        }
        let servedTelecontrol = behaviour.serves(ProtocolGroups.telecontrol)
        let servedControl = behaviour.serves(ProtocolGroups.controller)
        if announced.contains(where: { $0 == "io-device" || $0.contains("discrete i/o") || $0.contains("adapter") }),
            servedTelecontrol.isEmpty
        {
            return (.ioDevice, ["announces itself as \(behaviour.announcedTypes.joined(separator: ", "))"])
        }
        if !servedControl.isEmpty {
            reasons.append("serves controller protocols: \(servedControl.joined(separator: ", "))")
            if announced.contains(where: { $0 == "14" || $0.contains("controller") }) {
                reasons.append("announces itself as a controller")
            }
            return (.controller, reasons)
        }
        if !servedTelecontrol.isEmpty {
            return (.rtu, ["serves telecontrol protocols: \(servedTelecontrol.joined(separator: ", "))"])
        }
        if announced.contains(where: { $0 == "io-controller" || $0 == "14" }) {
            return (.controller, ["announces itself as \(behaviour.announcedTypes.joined(separator: ", "))"])
        }
        if behaviour.served.contains(ApplicationProtocol.opcua.id) {
            return (.opcServer, ["serves OPC UA"])
        }

        let requests = behaviour.industrialRequests
        let supervised = behaviour.uses(ProtocolGroups.supervisory)
        var engineering: [String] = []
        for operation in [Operation.program, .firmware] where requests.byClient(operation) > 0 {
            engineering.append(
                "sent \(requests.byClient(operation)) \(operation.name) operations to \(behaviour.peers(operation)) device(s)"
            )
        }
        let discoveryPeers = behaviour.peers(.discovery)
        if requests.byClient(.discovery) > 0,
            discoveryPeers >= 2
                || behaviour.discoversGroupAddresses
        {
            engineering.append("identification requests to \(discoveryPeers) device(s) or group addresses")
        } else if requests.byClient(.discovery) > 0, requests.byClient(.diagnostic) > 0 {
            engineering.append("identification and diagnostic requests to controllers")
        }
        if !engineering.isEmpty {
            return (.engineeringWorkstation, engineering)
        }
        let usesOPCUA = behaviour.used.contains(ApplicationProtocol.opcua.id)
        let brokers = behaviour.served.contains(ApplicationProtocol.mqtt.id)
        let publishes = behaviour.mqttPublishes > 0
        let changes = requests.byClient(.write) + requests.byClient(.control)
        if !supervised.isEmpty || (usesOPCUA && changes > 0) {
            let supervised = supervised.isEmpty ? ["opcua"] : supervised
            if publishes && changes == 0 {
                return (
                    .iiotGateway,
                    ["polls \(supervised.joined(separator: ", ")) without writing and publishes over MQTT"]
                )
            }
            reasons.append("polls or commands devices over \(supervised.joined(separator: ", "))")
            if changes > 0 { reasons.append("sent \(changes) write/control operations") }
            return (.hmi, reasons)
        }
        if brokers || usesOPCUA {
            if brokers { reasons.append("MQTT broker: collects published process data") }
            if usesOPCUA { reasons.append("reads from OPC UA servers") }
            return (.historian, reasons)
        }
        if publishes {
            return (.iiotGateway, ["publishes process data over MQTT"])
        }
        if behaviour.used.contains(ApplicationProtocol.mqtt.id) {
            // A subscriber that never publishes consumes process data: a dashboard or HMI.
            return (.hmi, ["subscribes to process data over MQTT without publishing"])
        }
        let itServed = behaviour.serves(ProtocolGroups.itServices)
        if !itServed.isEmpty { return (.itServer, ["serves \(itServed.joined(separator: ", "))"]) }
        let itUsed = behaviour.uses(ProtocolGroups.itServices)
        if !itUsed.isEmpty { return (.itClient, ["uses \(itUsed.joined(separator: ", "))"]) }
        return (.unknown, [])
    }
}

/// Places an asset in the Purdue reference model from its role and addresses.
enum PurdueClassifier {
    static func level(role: AssetRole, ips: [String], isPublic: Bool) -> (Int?, [String]) {
        if isPublic { return (5, ["public IP address: outside the plant"]) }
        switch role {
        case .ioDevice: return (0, ["I/O device: sensors and actuators"])
        case .controller: return (1, ["controller: runs control logic"])
        case .rtu: return (1, ["RTU: telecontrol outstation"])
        case .hmi: return (2, ["HMI/SCADA: supervises controllers"])
        case .engineeringWorkstation: return (2, ["engineering workstation: programs controllers"])
        case .opcServer: return (2, ["OPC server: supervisory data access"])
        case .iiotGateway: return (2, ["IIoT gateway: takes process data out of the cell"])
        case .historian: return (3, ["historian: site operations data"])
        case .itServer, .itClient: return (4, ["IT host: business network services"])
        case .networkDevice, .unknown: return (nil, [])
        }
    }
}
