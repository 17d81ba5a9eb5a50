import PacketLayers

/// Whole Ethernet/IPv4/UDP frames.
public enum UDPFrame {
    public static func build(
        from source: NetworkEndpoint, to destination: NetworkEndpoint, destinationMAC: MACAddress? = nil,
        sourcePort: UInt16, destinationPort: UInt16, identification: UInt16, vlan: UInt16? = nil,
        timeToLive: UInt8 = 64, payload: [UInt8]
    ) -> [UInt8] {
        let datagram = UDPDatagram.build(
            source: source.ip, destination: destination.ip, sourcePort: sourcePort, destinationPort: destinationPort,
            payload: payload)
        let packet = IPv4Packet.build(
            source: source.ip, destination: destination.ip, protocolNumber: IPv4Packet.udp,
            identification: identification, timeToLive: timeToLive, dontFragment: false, payload: datagram)
        return EthernetFrame.build(
            destination: destinationMAC ?? destination.mac, source: source.mac, vlan: vlan,
            etherType: EthernetFrame.ipv4, payload: packet)
    }
}
