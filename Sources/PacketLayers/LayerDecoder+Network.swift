import BinaryParsing

extension LayerDecoder {
    // MARK: IPv4 (RFC 791)

    @usableFromInline
    static func decodeIPv4(_ bytes: ByteView, into packet: inout DecodedPacket, depth: Int) {
        guard bytes.count >= 20 else {
            packet.anomaly = Anomaly(anomalyTruncatedNetwork, "IPv4 header")
            return
        }
        // Checked once above: the fixed 20-byte header is read with unchecked loads.
        let versionAndLength = bytes.uncheckedUInt8(at: 0)
        let totalLength = bytes.uncheckedUInt16(at: 2)
        let identification = bytes.uncheckedUInt16(at: 4)
        let flagsAndOffset = bytes.uncheckedUInt16(at: 6)
        let ttl = bytes.uncheckedUInt8(at: 8)
        let proto = bytes.uncheckedUInt8(at: 9)
        let source = bytes.uncheckedUInt32(at: 12)
        let destination = bytes.uncheckedUInt32(at: 16)
        guard versionAndLength >> 4 == 4 else {
            packet.anomaly = Anomaly(anomalyBadIPVersion, value: Int64(versionAndLength >> 4))
            return
        }
        let headerLength = Int(versionAndLength & 0x0F) * 4
        guard headerLength >= 20, headerLength <= bytes.count else {
            packet.anomaly = Anomaly(anomalyBadIPHeaderLength, value: Int64(headerLength))
            return
        }
        // A zero total length appears with TCP segmentation offload: the frame length rules then.
        var length = totalLength == 0 ? bytes.count : Int(totalLength)
        if length < headerLength {
            packet.anomaly = Anomaly(anomalyBadIPHeaderLength, "total length below header length", value: Int64(length))
            return
        }
        length = min(length, bytes.count)  // beyond the snaplen: keep what was captured
        packet.network = .ipv4
        packet.source = IPAddress(ipv4: source)
        packet.destination = IPAddress(ipv4: destination)
        packet.ipProtocol = proto
        packet.timeToLive = ttl
        packet.ipIdentification = UInt32(identification)
        packet.moreFragments = flagsAndOffset & 0x2000 != 0
        packet.fragmentOffset = Int(flagsAndOffset & 0x1FFF) * 8
        packet.isFragment = packet.moreFragments || packet.fragmentOffset != 0
        packet.networkHeader = bytes.prefix(headerLength)
        packet.networkPayload = bytes.slice(from: headerLength, count: length - headerLength)!
        if packet.isFragment { return }  // the transport header waits for reassembly
        decodeTransport(proto, packet.networkPayload, into: &packet, depth: depth)
    }

    // MARK: IPv6 (RFC 8200)

    @usableFromInline
    static func decodeIPv6(_ bytes: ByteView, into packet: inout DecodedPacket, depth: Int) {
        guard let first = bytes.getUInt8(at: 0), let payloadLength = bytes.getUInt16(at: 4),
            var nextHeader = bytes.getUInt8(at: 6), let hopLimit = bytes.getUInt8(at: 7),
            let sourceHigh = bytes.getUInt64(at: 8), let sourceLow = bytes.getUInt64(at: 16),
            let destinationHigh = bytes.getUInt64(at: 24), let destinationLow = bytes.getUInt64(at: 32)
        else {
            packet.anomaly = Anomaly(anomalyTruncatedNetwork, "IPv6 header")
            return
        }
        guard first >> 4 == 6 else {
            packet.anomaly = Anomaly(anomalyBadIPVersion, value: Int64(first >> 4))
            return
        }
        packet.network = .ipv6
        packet.source = IPAddress(high: sourceHigh, low: sourceLow)
        packet.destination = IPAddress(high: destinationHigh, low: destinationLow)
        packet.timeToLive = hopLimit
        // Jumbograms (payload length 0) and snaplen truncation: take what was captured.
        let declared = payloadLength == 0 ? bytes.count - 40 : Int(payloadLength)
        var payload = bytes.dropFirst(40).prefix(declared)
        packet.networkHeader = bytes.prefix(40)
        var headers = 0
        // Extension headers: hop-by-hop, routing, fragment, destination options, AH, mobility.
        while headers < maximumNesting {
            switch nextHeader {
            case 0, 43, 60, 135, 139, 140:
                guard let following = payload.getUInt8(at: 0), let units = payload.getUInt8(at: 1) else {
                    packet.anomaly = Anomaly(anomalyTruncatedNetwork, "IPv6 extension header")
                    return
                }
                let length = (Int(units) + 1) * 8
                guard length <= payload.count else {
                    packet.anomaly = Anomaly(anomalyTruncatedNetwork, "IPv6 extension header")
                    return
                }
                nextHeader = following
                payload = payload.dropFirst(length)
            case 51:
                guard let following = payload.getUInt8(at: 0), let units = payload.getUInt8(at: 1) else {
                    packet.anomaly = Anomaly(anomalyTruncatedNetwork, "IPv6 authentication header")
                    return
                }
                let length = (Int(units) + 2) * 4
                guard length <= payload.count else {
                    packet.anomaly = Anomaly(anomalyTruncatedNetwork, "IPv6 authentication header")
                    return
                }
                nextHeader = following
                payload = payload.dropFirst(length)
            case 44:
                guard let following = payload.getUInt8(at: 0), let offsetAndFlags = payload.getUInt16(at: 2),
                    let identification = payload.getUInt32(at: 4)
                else {
                    packet.anomaly = Anomaly(anomalyTruncatedNetwork, "IPv6 fragment header")
                    return
                }
                packet.ipIdentification = identification
                packet.fragmentOffset = Int(offsetAndFlags >> 3) * 8
                packet.moreFragments = offsetAndFlags & 1 != 0
                packet.isFragment = packet.moreFragments || packet.fragmentOffset != 0
                nextHeader = following
                payload = payload.dropFirst(8)
            default:
                packet.ipProtocol = nextHeader
                packet.networkPayload = payload
                if !packet.isFragment { decodeTransport(nextHeader, payload, into: &packet, depth: depth) }
                return
            }
            headers += 1
        }
        packet.anomaly = Anomaly(anomalyTooManyHeaders, "IPv6 extension headers")
    }

    // MARK: transport

    /// Decodes the transport header in `bytes` (also used on reassembled fragments).
    @inlinable
    public static func decodeTransport(_ proto: UInt8, _ bytes: ByteView, into packet: inout DecodedPacket, depth: Int)
    {
        switch proto {
        case 6: decodeTCP(bytes, into: &packet)
        case 17: decodeUDP(bytes, into: &packet, depth: depth)
        case 1:
            packet.transport = .icmp
            packet.icmpType = bytes.getUInt8(at: 0) ?? 0
            packet.icmpCode = bytes.getUInt8(at: 1) ?? 0
            packet.payload = bytes.dropFirst(8)
        case 58:
            packet.transport = .icmpv6
            packet.icmpType = bytes.getUInt8(at: 0) ?? 0
            packet.icmpCode = bytes.getUInt8(at: 1) ?? 0
            packet.payload = bytes.dropFirst(4)
        case 47:
            decodeGRE(bytes, into: &packet, depth: depth)
        case 4 where depth < maximumNesting:
            packet.tunnelDepth += 1
            decodeIPv4(bytes, into: &packet, depth: depth + 1)
        case 41 where depth < maximumNesting:
            packet.tunnelDepth += 1
            decodeIPv6(bytes, into: &packet, depth: depth + 1)
        default:
            packet.transport = .other
            packet.payload = bytes
        }
    }

    @usableFromInline
    static func decodeTCP(_ bytes: ByteView, into packet: inout DecodedPacket) {
        guard bytes.count >= 20 else {
            packet.anomaly = Anomaly(anomalyTruncatedTransport, "TCP header")
            return
        }
        let sourcePort = bytes.uncheckedUInt16(at: 0)
        let destinationPort = bytes.uncheckedUInt16(at: 2)
        let sequence = bytes.uncheckedUInt32(at: 4)
        let acknowledgement = bytes.uncheckedUInt32(at: 8)
        let offsetByte = bytes.uncheckedUInt8(at: 12)
        let flags = bytes.uncheckedUInt8(at: 13)
        let window = bytes.uncheckedUInt16(at: 14)
        let headerLength = Int(offsetByte >> 4) * 4
        guard headerLength >= 20, headerLength <= bytes.count else {
            packet.anomaly = Anomaly(anomalyBadTCPHeaderLength, value: Int64(headerLength))
            return
        }
        packet.transport = .tcp
        packet.sourcePort = sourcePort
        packet.destinationPort = destinationPort
        packet.tcpSequence = sequence
        packet.tcpAcknowledgement = acknowledgement
        packet.tcpFlags = flags
        packet.tcpWindow = window
        if headerLength > 20 { decodeTCPOptions(bytes.slice(from: 20, count: headerLength - 20)!, into: &packet) }
        packet.payload = bytes.dropFirst(headerLength)
        if sourcePort == 0 || destinationPort == 0 { packet.anomaly = Anomaly(anomalyZeroPort, "TCP") }
    }

    @usableFromInline
    static func decodeTCPOptions(_ options: ByteView, into packet: inout DecodedPacket) {
        var offset = 0
        while offset < options.count {
            let kind = options[offset]
            if kind == 0 { return }  // end of options
            if kind == 1 {  // no-op
                offset += 1
                continue
            }
            guard let length = options.getUInt8(at: offset + 1), length >= 2, offset + Int(length) <= options.count
            else { return }
            switch kind {
            case 2 where length == 4: packet.tcpMaximumSegmentSize = options.getUInt16(at: offset + 2) ?? 0
            case 3 where length == 3: packet.tcpWindowScale = options[offset + 2]
            case 4: packet.tcpSACKPermitted = true
            default: break
            }
            offset += Int(length)
        }
    }

    @usableFromInline
    static func decodeUDP(_ bytes: ByteView, into packet: inout DecodedPacket, depth: Int) {
        guard bytes.count >= 8, let sourcePort = bytes.getUInt16(at: 0), let destinationPort = bytes.getUInt16(at: 2),
            let length = bytes.getUInt16(at: 4)
        else {
            packet.anomaly = Anomaly(anomalyTruncatedTransport, "UDP header")
            return
        }
        packet.transport = .udp
        packet.sourcePort = sourcePort
        packet.destinationPort = destinationPort
        var dataLength = bytes.count - 8
        if length != 0 {  // 0: IPv6 jumbogram; otherwise the UDP length bounds the datagram
            if length < 8 {
                packet.anomaly = Anomaly(anomalyBadUDPLength, value: Int64(length))
                dataLength = 0
            } else {
                dataLength = min(dataLength, Int(length) - 8)
            }
        }
        packet.payload = bytes.slice(from: 8, count: dataLength) ?? .empty
        // VXLAN (RFC 7348): a mirrored Ethernet frame inside UDP 4789 with the I flag set.
        if destinationPort == 4789, depth < maximumNesting, let flags = packet.payload.getUInt8(at: 0),
            flags & 0x08 != 0,
            packet.payload.count > 8 + 14
        {
            let inner = packet.payload.dropFirst(8)
            packet.tunnelDepth += 1
            resetForInnerFrame(&packet)
            decodeEthernet(inner, into: &packet, depth: depth + 1)
        }
    }

    // MARK: tunnels (GRE RFC 2784/2890, ERSPAN draft-foschiano-erspan)

    @usableFromInline
    static func decodeGRE(_ bytes: ByteView, into packet: inout DecodedPacket, depth: Int) {
        guard depth < maximumNesting, let flags = bytes.getUInt16(at: 0), let proto = bytes.getUInt16(at: 2) else {
            packet.transport = .other
            packet.payload = bytes
            if depth >= maximumNesting { packet.anomaly = Anomaly(anomalyTooManyHeaders, "tunnels") }
            return
        }
        guard flags & 0x0007 == 0 else {  // version 1 is PPTP's enhanced GRE: not a mirror
            packet.transport = .other
            packet.payload = bytes
            return
        }
        let hasChecksum = flags & 0x8000 != 0
        let hasKey = flags & 0x2000 != 0
        let hasSequence = flags & 0x1000 != 0
        let headerLength = 4 + (hasChecksum ? 4 : 0) + (hasKey ? 4 : 0) + (hasSequence ? 4 : 0)
        guard headerLength <= bytes.count else {
            packet.anomaly = Anomaly(anomalyTruncatedTransport, "GRE header")
            return
        }
        var inner = bytes.dropFirst(headerLength)
        packet.tunnelDepth += 1
        switch proto {
        case EtherType.erspanTypeII:
            // Type II carries a sequence number and an 8-byte ERSPAN header; type I has neither.
            if hasSequence {
                guard inner.count >= 8 else {
                    packet.anomaly = Anomaly(anomalyTruncatedTransport, "ERSPAN II header")
                    return
                }
                inner = inner.dropFirst(8)
            }
            resetForInnerFrame(&packet)
            decodeEthernet(inner, into: &packet, depth: depth + 1)
        case EtherType.erspanTypeIII:
            guard let word = inner.getUInt8(at: 11), inner.count >= 12 else {
                packet.anomaly = Anomaly(anomalyTruncatedTransport, "ERSPAN III header")
                return
            }
            let hasPlatformSubheader = word & 0x01 != 0
            inner = inner.dropFirst(hasPlatformSubheader ? 20 : 12)
            resetForInnerFrame(&packet)
            decodeEthernet(inner, into: &packet, depth: depth + 1)
        case EtherType.transparentEthernet:
            resetForInnerFrame(&packet)
            decodeEthernet(inner, into: &packet, depth: depth + 1)
        case EtherType.ipv4:
            decodeIPv4(inner, into: &packet, depth: depth + 1)
        case EtherType.ipv6:
            decodeIPv6(inner, into: &packet, depth: depth + 1)
        default:
            packet.transport = .other
            packet.payload = bytes
        }
    }

    /// Forgets the outer headers before decoding an encapsulated frame into the same packet.
    @usableFromInline
    static func resetForInnerFrame(_ packet: inout DecodedPacket) {
        let frame = packet.frame
        let depth = packet.tunnelDepth
        packet = DecodedPacket()
        packet.frame = frame
        packet.tunnelDepth = depth
    }
}
