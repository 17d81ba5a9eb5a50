import EventModel
import Monitor
import PacketLayers

/// A flow or request that crosses from one zone into another, with the numbers the conduit
/// table is keyed by. Nil for traffic inside one zone, traffic delivered on the sender's own link
/// (broadcast, multicast), unaddressed packets and continuations of flows already judged.
struct ZoneCrossing {
    var from: Int32
    var to: Int32
    var application: ApplicationProtocol
    var port: UInt16
    /// The flow carried no PDU the decoders could read (a refused or silent connection).
    var undecoded: Bool

    init?(flow: FlowSummary, map: ZoneMap) {
        guard !flow.isContinuation else { return nil }
        let entry = flow.oriented.entry
        let client = entry.client.address
        let server = entry.server.address
        guard !client.isUnspecified, !server.isUnspecified, !map.isLocalDelivery(from: client, to: server) else {
            return nil
        }
        let vlan = ZoneMap.vlan(ofFlowKey: entry.key.vlan)
        from = map.zone(of: client, vlan: vlan)
        to = map.zone(of: server, vlan: vlan)
        guard from != to else { return nil }
        application = flow.application
        port = entry.server.port
        switch flow.application {
        case .unknown, .tcpOther, .udpOther, .ipOther: undecoded = true
        default: undecoded = false
        }
    }

    /// A request event (the side that asks is the client).
    init?(event: ProtocolEvent, map: ZoneMap) {
        guard !event.isLayer2, event.direction == .request, !event.source.isUnspecified,
            !event.destination.isUnspecified, !map.isLocalDelivery(from: event.source, to: event.destination)
        else { return nil }
        let vlan = event.hasVLAN ? event.vlan : 0
        from = map.zone(of: event.source, vlan: vlan)
        to = map.zone(of: event.destination, vlan: vlan)
        guard from != to else { return nil }
        application = event.protocolID
        port = event.hasPorts ? event.destinationPort : 0
        undecoded = false
    }

    /// The subject key of an alert: one per service (protocol and port) of a pair.
    var service: Int64 { Int64(application.id) << 16 | Int64(port) }
}

extension ZonePolicy {
    /// `supervisory (level 2)` for alert texts; the zone of an address as events print it.
    func zoneTitle(ofAddress text: String) -> String {
        guard let address = IPAddress(text) else { return Zone.unzoned }
        let number = map.zone(of: address)
        let name = map.names[Int(number)]
        if let level = level(ofZone: number) { return "\(name) (level \(level))" }
        return name
    }
}
