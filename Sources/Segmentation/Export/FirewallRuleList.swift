import EventModel
import Monitor

/// One accept rule of a conduit, in terms a layer-3/4 firewall understands: a source and a
/// destination network, a transport and ports. Operation categories stay as text: enforcing them
/// needs a firewall that reads the industrial protocol.
public struct FirewallRule: Sendable, Equatable {
    public var conduit: String
    public var fromZone: String
    /// nil: any address (the implicit `internet` or `unzoned` zone has no networks).
    public var fromNetwork: IPNetwork?
    public var toZone: String
    public var toNetwork: IPNetwork?
    /// `tcp`, `udp`, or nil for any transport.
    public var transport: String?
    /// Server ports; empty: any.
    public var ports: [UInt16]
    /// The conduit's protocols this rule carries (names as events print them), empty: any.
    public var protocols: [String]
    /// `read write`, or `any`.
    public var operations: String
    public var justification: String
}

/// The conduits of a policy as firewall rules, and what could not be expressed (a zone with
/// VLANs only, a layer-2 protocol), shared by the nftables and CSV exports.
public struct FirewallRuleList: Sendable {
    public var rules: [FirewallRule] = []
    /// Why a conduit (or part of one) was left out, one sentence each.
    public var omissions: [String] = []

    public init(policy: ZonePolicy, catalog: [ProtocolRegistration] = ProtocolCatalog.standard) {
        var portsOf: [String: (tcp: [UInt16], udp: [UInt16])] = [:]
        for registration in catalog {
            portsOf[registration.protocolID.name] = (registration.tcpPorts, registration.udpPorts)
        }
        portsOf["tcp-other"] = ([0], [])
        portsOf["udp-other"] = ([], [0])
        for conduit in policy.conduits {
            let sources = Self.networks(policy, conduit.from)
            let destinations = Self.networks(policy, conduit.to)
            if sources.isEmpty || destinations.isEmpty {
                let zone = sources.isEmpty ? conduit.from : conduit.to
                omissions.append(
                    "conduit \(conduit.name): zone \(zone) has no CIDRs (VLANs only), so no address rule can carry it")
                continue
            }
            let operations =
                conduit.operations.map { $0.isEmpty ? "none" : $0.map(\.name).joined(separator: " ") } ?? "any"
            let services = services(of: conduit, portsOf: portsOf)
            if services.isEmpty {
                omissions.append(
                    "conduit \(conduit.name): \(conduit.protocols.joined(separator: ", ")) never crosses a router (layer 2 only)"
                )
                continue
            }
            for source in sources {
                for destination in destinations {
                    if let source, let destination, source.isIPv4 != destination.isIPv4 { continue }
                    for service in services {
                        rules.append(
                            FirewallRule(
                                conduit: conduit.name, fromZone: conduit.from, fromNetwork: source, toZone: conduit.to,
                                toNetwork: destination, transport: service.transport, ports: service.ports,
                                protocols: service.protocols, operations: operations,
                                justification: conduit.justification ?? ""))
                    }
                }
            }
        }
    }

    /// A zone's networks; `[nil]` (any address) for the implicit zones, `[]` for a zone that has
    /// only VLANs.
    static func networks(_ policy: ZonePolicy, _ zone: String) -> [IPNetwork?] {
        guard let declared = policy.zone(named: zone) else { return [nil] }
        return declared.networks.sorted()
    }

    struct Service: Equatable {
        var transport: String?
        var ports: [UInt16]
        var protocols: [String]
    }

    /// The transports and ports of a conduit: its ports on the transports its protocols use
    /// (from the protocol registrations), or the protocols' registered ports when it names none.
    func services(of conduit: Conduit, portsOf: [String: (tcp: [UInt16], udp: [UInt16])]) -> [Service] {
        let ports = conduit.ports.sorted()
        if conduit.protocols.isEmpty {
            return ports.isEmpty
                ? [Service(transport: nil, ports: [], protocols: [])]
                : [
                    Service(transport: "tcp", ports: ports, protocols: []),
                    Service(transport: "udp", ports: ports, protocols: []),
                ]
        }
        var byTransport: [String: (ports: Set<UInt16>, protocols: [String])] = [:]
        for name in conduit.protocols {
            guard let registered = portsOf[name] else { continue }
            for (transport, known) in [("tcp", registered.tcp), ("udp", registered.udp)] where !known.isEmpty {
                var chosen: [UInt16]
                if ports.isEmpty {
                    chosen = known.filter { $0 != 0 }
                } else {
                    // A conduit's port on a transport the protocol registers it for; a port the
                    // protocol does not register (a plant's own) goes on every transport it uses.
                    let onRegistered = ports.filter { port in
                        [registered.tcp, registered.udp].contains { $0.contains(port) }
                    }
                    chosen =
                        onRegistered.isEmpty ? ports : ports.filter { known.contains($0) || !onRegistered.contains($0) }
                }
                if chosen.isEmpty && !(known == [0]) { continue }
                byTransport[transport, default: ([], [])].ports.formUnion(chosen)
                if !byTransport[transport]!.protocols.contains(name) { byTransport[transport]!.protocols.append(name) }
            }
        }
        return byTransport.keys.sorted().map {
            Service(transport: $0, ports: byTransport[$0]!.ports.sorted(), protocols: byTransport[$0]!.protocols)
        }
    }
}
