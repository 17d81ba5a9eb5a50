import BinaryParsing

/// Decodes link, network and transport headers in place (no allocation), following each header's
/// own length fields and checking them before every read. Tunnels a SPAN/TAP setup may deliver
/// (GRE, ERSPAN II/III, VXLAN) are removed so that flows see the mirrored packet.
public enum LayerDecoder {
    public static let anomalyTruncatedLink = AnomalyKind("layer.truncated_link_header")
    public static let anomalyTruncatedNetwork = AnomalyKind("layer.truncated_network_header")
    public static let anomalyTruncatedTransport = AnomalyKind("layer.truncated_transport_header")
    public static let anomalyBadIPVersion = AnomalyKind("layer.bad_ip_version")
    public static let anomalyBadIPHeaderLength = AnomalyKind("layer.bad_ip_header_length")
    public static let anomalyIPLengthExceedsFrame = AnomalyKind("layer.ip_length_exceeds_frame")
    public static let anomalyBadTCPHeaderLength = AnomalyKind("layer.bad_tcp_header_length")
    public static let anomalyBadUDPLength = AnomalyKind("layer.bad_udp_length")
    public static let anomalyUnsupportedLinkType = AnomalyKind("layer.unsupported_link_type")
    public static let anomalyTooManyHeaders = AnomalyKind("layer.too_many_nested_headers")
    public static let anomalyZeroPort = AnomalyKind("layer.zero_port")

    /// Tunnels and VLAN tags nest; a hostile packet must not make us loop.
    public static let maximumNesting = 8

    /// Decodes `bytes` captured with `linkType` into `packet`.
    @inlinable
    public static func decode(_ bytes: ByteView, linkType: UInt32, into packet: inout DecodedPacket) {
        packet.reset(bytes)
        switch linkType {
        case 1:
            decodeEthernet(bytes, into: &packet, depth: 0)
        case 101, 12, 14:
            decodeRawIP(bytes, into: &packet, depth: 0)
        case 228:
            decodeIPv4(bytes, into: &packet, depth: 0)
        case 229:
            decodeIPv6(bytes, into: &packet, depth: 0)
        case 113:
            decodeLinuxCooked(bytes, into: &packet)
        case 276:
            decodeLinuxCookedV2(bytes, into: &packet)
        case 0, 108:
            decodeLoopback(bytes, networkOrder: linkType == 108, into: &packet)
        default:
            packet.anomaly = Anomaly(anomalyUnsupportedLinkType, value: Int64(linkType))
        }
    }

    // MARK: link layer

    @usableFromInline
    static func decodeEthernet(_ bytes: ByteView, into packet: inout DecodedPacket, depth: Int) {
        guard bytes.count >= 14 else {
            packet.anomaly = Anomaly(anomalyTruncatedLink, "ethernet header")
            return
        }
        let destination = bytes.uncheckedUInt32(at: 0)
        let destinationLow = bytes.uncheckedUInt16(at: 4)
        let source = bytes.uncheckedUInt32(at: 6)
        let sourceLow = bytes.uncheckedUInt16(at: 10)
        var type = bytes.uncheckedUInt16(at: 12)
        packet.hasLinkAddresses = true
        packet.destinationMAC = MACAddress(rawValue: UInt64(destination) << 16 | UInt64(destinationLow))
        packet.sourceMAC = MACAddress(rawValue: UInt64(source) << 16 | UInt64(sourceLow))
        var offset = 14
        // 802.1Q / 802.1ad tags (QinQ): keep the outer and the innermost VLAN id.
        var tags = 0
        while type == EtherType.vlan || type == EtherType.qinq || type == EtherType.qinqLegacy {
            guard tags < maximumNesting, let tci = bytes.getUInt16(at: offset),
                let next = bytes.getUInt16(at: offset + 2)
            else {
                packet.anomaly = Anomaly(anomalyTruncatedLink, "802.1Q tag")
                return
            }
            let vlan = tci & 0x0FFF
            if packet.vlanCount == 0 { packet.outerVLAN = vlan } else { packet.innerVLAN = vlan }
            packet.vlanCount += 1
            tags += 1
            type = next
            offset += 4
        }
        if type <= 1500 {
            // IEEE 802.3 length field: LLC (and maybe SNAP) follows.
            let length = Int(type)
            let body = bytes.dropFirst(offset).prefix(length)
            guard let dsap = body.getUInt8(at: 0), let ssap = body.getUInt8(at: 1), body.getUInt8(at: 2) != nil else {
                packet.anomaly = Anomaly(anomalyTruncatedLink, "LLC header")
                return
            }
            packet.isLLC = true
            packet.llcDSAP = dsap
            packet.llcSSAP = ssap
            if dsap == 0xAA && ssap == 0xAA, let snapType = body.getUInt16(at: 6) {
                packet.etherType = snapType
                packet.linkPayload = body.dropFirst(8)
                dispatchEtherType(snapType, packet.linkPayload, into: &packet, depth: depth)
            } else {
                packet.linkPayload = body.dropFirst(3)
            }
            return
        }
        packet.etherType = type
        packet.linkPayload = bytes.dropFirst(offset)
        dispatchEtherType(type, packet.linkPayload, into: &packet, depth: depth)
    }

    @usableFromInline
    static func dispatchEtherType(_ type: UInt16, _ payload: ByteView, into packet: inout DecodedPacket, depth: Int) {
        switch type {
        case EtherType.ipv4: decodeIPv4(payload, into: &packet, depth: depth)
        case EtherType.ipv6: decodeIPv6(payload, into: &packet, depth: depth)
        case EtherType.arp: decodeARP(payload, into: &packet)
        default: break
        }
    }

    /// Linux cooked capture v1 (`any` interface): 16-byte header, protocol at offset 14.
    @usableFromInline
    static func decodeLinuxCooked(_ bytes: ByteView, into packet: inout DecodedPacket) {
        guard let addressLength = bytes.getUInt16(at: 4), let type = bytes.getUInt16(at: 14) else {
            packet.anomaly = Anomaly(anomalyTruncatedLink, "linux cooked header")
            return
        }
        if addressLength == 6, let high = bytes.getUInt32(at: 6), let low = bytes.getUInt16(at: 10) {
            packet.hasLinkAddresses = true
            packet.sourceMAC = MACAddress(rawValue: UInt64(high) << 16 | UInt64(low))
        }
        decodeCookedPayload(type: type, bytes.dropFirst(16), into: &packet)
    }

    /// Linux cooked capture v2: 20-byte header, protocol first.
    @usableFromInline
    static func decodeLinuxCookedV2(_ bytes: ByteView, into packet: inout DecodedPacket) {
        guard let type = bytes.getUInt16(at: 0), let addressLength = bytes.getUInt8(at: 11), bytes.count >= 20 else {
            packet.anomaly = Anomaly(anomalyTruncatedLink, "linux cooked v2 header")
            return
        }
        if addressLength == 6, let high = bytes.getUInt32(at: 12), let low = bytes.getUInt16(at: 16) {
            packet.hasLinkAddresses = true
            packet.sourceMAC = MACAddress(rawValue: UInt64(high) << 16 | UInt64(low))
        }
        decodeCookedPayload(type: type, bytes.dropFirst(20), into: &packet)
    }

    @usableFromInline
    static func decodeCookedPayload(type: UInt16, _ payload: ByteView, into packet: inout DecodedPacket) {
        var type = type
        var payload = payload
        var tags = 0
        while type == EtherType.vlan || type == EtherType.qinq, tags < maximumNesting,
            let tci = payload.getUInt16(at: 0), let next = payload.getUInt16(at: 2)
        {
            if packet.vlanCount == 0 { packet.outerVLAN = tci & 0x0FFF } else { packet.innerVLAN = tci & 0x0FFF }
            packet.vlanCount += 1
            tags += 1
            type = next
            payload = payload.dropFirst(4)
        }
        packet.etherType = type
        packet.linkPayload = payload
        dispatchEtherType(type, payload, into: &packet, depth: 0)
    }

    /// BSD loopback: a 4-byte address family (host order for NULL, network order for LOOP).
    @usableFromInline
    static func decodeLoopback(_ bytes: ByteView, networkOrder: Bool, into packet: inout DecodedPacket) {
        guard let big = bytes.getUInt32(at: 0, bigEndian: true), let little = bytes.getUInt32(at: 0, bigEndian: false)
        else {
            packet.anomaly = Anomaly(anomalyTruncatedLink, "loopback header")
            return
        }
        // NULL is in the writer's byte order, which we do not know: accept the value that makes sense.
        let family = networkOrder ? big : (little < 256 ? little : big)
        let payload = bytes.dropFirst(4)
        switch family {
        case 2: decodeIPv4(payload, into: &packet, depth: 0)
        case 10, 24, 28, 30: decodeIPv6(payload, into: &packet, depth: 0)
        default: decodeRawIP(payload, into: &packet, depth: 0)
        }
    }

    @usableFromInline
    static func decodeRawIP(_ bytes: ByteView, into packet: inout DecodedPacket, depth: Int) {
        guard let first = bytes.getUInt8(at: 0) else {
            packet.anomaly = Anomaly(anomalyTruncatedNetwork, "raw IP")
            return
        }
        switch first >> 4 {
        case 4: decodeIPv4(bytes, into: &packet, depth: depth)
        case 6: decodeIPv6(bytes, into: &packet, depth: depth)
        default: packet.anomaly = Anomaly(anomalyBadIPVersion, value: Int64(first >> 4))
        }
    }

    @usableFromInline
    static func decodeARP(_ bytes: ByteView, into packet: inout DecodedPacket) {
        // Ethernet/IPv4 ARP only (hardware type 1, protocol 0x0800, lengths 6 and 4).
        guard let hardwareLength = bytes.getUInt8(at: 4), let protocolLength = bytes.getUInt8(at: 5),
            let operation = bytes.getUInt16(at: 6), hardwareLength == 6, protocolLength == 4,
            let senderHigh = bytes.getUInt32(at: 8), let senderLow = bytes.getUInt16(at: 12),
            let senderIP = bytes.getUInt32(at: 14), let targetHigh = bytes.getUInt32(at: 18),
            let targetLow = bytes.getUInt16(at: 22), let targetIP = bytes.getUInt32(at: 24)
        else {
            packet.network = .arp
            packet.anomaly = Anomaly(anomalyTruncatedNetwork, "ARP")
            return
        }
        packet.network = .arp
        packet.arpOperation = operation
        packet.arpSenderMAC = MACAddress(rawValue: UInt64(senderHigh) << 16 | UInt64(senderLow))
        packet.arpTargetMAC = MACAddress(rawValue: UInt64(targetHigh) << 16 | UInt64(targetLow))
        packet.source = IPAddress(ipv4: senderIP)
        packet.destination = IPAddress(ipv4: targetIP)
    }
}
