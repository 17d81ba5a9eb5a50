import BinaryParsing
import PacketLayers
import Testing

@Suite("Network and transport layers")
struct NetworkTransportTests {
    @Test("IPv4 with options: the header length field is followed")
    func ipv4Options() {
        // Router alert (RFC 2113: 0x94 0x04 0x0000) + NOP padding to 8 bytes: IHL 7.
        let options: [UInt8] = [0x94, 0x04, 0x00, 0x00, 0x01, 0x01, 0x01, 0x00]
        let frame = ethernet(
            type: 0x0800,
            ipv4(
                src: "10.0.5.1", dst: "10.0.5.2", proto: 6, options: options, tcp(src: 20_000, dst: 44_818, [9, 8, 7])))
        #expect(frame[14] == 0x47)
        decode(frame) { packet in
            #expect(packet.anomaly == nil)
            #expect(packet.network == .ipv4)
            #expect(packet.networkHeader.count == 28)
            #expect(packet.networkPayload.count == 23)
            #expect(packet.transport == .tcp)
            #expect(packet.sourcePort == 20_000)
            #expect(packet.destinationPort == 44_818)
            #expect(packet.payload.array == [9, 8, 7])
        }
    }

    @Test("IPv4 in a padded Ethernet frame: payload bounded by the total length")
    func ethernetPadding() {
        var frame = ethernet(
            type: 0x0800, ipv4(src: "10.0.0.1", dst: "10.0.0.255", proto: 17, udp(src: 137, dst: 137, [0xAB, 0xCD])))
        #expect(frame.count == 14 + 30)
        frame += [UInt8](repeating: 0xEE, count: 60 - frame.count)  // padding a NIC would add
        decode(frame) { packet in
            #expect(packet.anomaly == nil)
            #expect(packet.networkPayload.count == 10)
            #expect(packet.transport == .udp)
            #expect(packet.payload.array == [0xAB, 0xCD])
            #expect(packet.destination.isBroadcast == false)
        }
        // TCP too: the padding is not TCP data.
        var tcpFrame = ethernet(type: 0x0800, ipv4(proto: 6, tcp(src: 1, dst: 2, flags: 0x10)))
        tcpFrame += [0, 0, 0, 0, 0, 0]
        decode(tcpFrame) { packet in
            #expect(packet.transport == .tcp)
            #expect(packet.payload.isEmpty)
            #expect(packet.tcpFlags == TCPFlags.ack)
        }
    }

    @Test("IPv4 total length 0 (segmentation offload): the frame length rules")
    func ipv4ZeroTotalLength() {
        let frame = ethernet(type: 0x0800, ipv4(proto: 6, totalLength: 0, tcp(src: 3000, dst: 502, modbusRequest)))
        decode(frame) { packet in
            #expect(packet.anomaly == nil)
            #expect(packet.payload.array == modbusRequest)
        }
    }

    @Test("IPv4 total length below the header length is flagged")
    func ipv4BadTotalLength() {
        decode(ethernet(type: 0x0800, ipv4(proto: 6, totalLength: 12, tcp(src: 1, dst: 2)))) { packet in
            #expect(packet.anomaly?.kind == LayerDecoder.anomalyBadIPHeaderLength)
            #expect(packet.transport == .none)
        }
        // IHL below 5.
        var frame = ethernet(type: 0x0800, ipv4(proto: 6, tcp(src: 1, dst: 2)))
        frame[14] = 0x44
        decode(frame) { packet in
            #expect(packet.anomaly?.kind == LayerDecoder.anomalyBadIPHeaderLength)
            #expect(packet.anomaly?.value == 16)
        }
        // Version 5 in an IPv4 EtherType.
        frame[14] = 0x55
        decode(frame) { packet in
            #expect(packet.anomaly?.kind == LayerDecoder.anomalyBadIPVersion)
            #expect(packet.network == .none)
        }
    }

    @Test("IPv6 with hop-by-hop and destination options, then TCP")
    func ipv6ExtensionHeaders() {
        // Hop-by-hop: next = 60, length 0 (8 bytes): router alert option + PadN.
        let hopByHop: [UInt8] = [60, 0, 0x05, 0x02, 0x00, 0x00, 0x01, 0x00]
        // Destination options: next = 6 (TCP), length 1 (16 bytes): PadN of 12.
        let destination: [UInt8] = [6, 1, 0x01, 12] + [UInt8](repeating: 0, count: 12)
        let segment = tcp(src: 50_000, dst: 4840, seq: 7, flags: 0x02, [])
        let frame = ethernet(
            type: 0x86DD,
            ipv6(src: "fe80::1", dst: "2001:db8:0:1::20", nextHeader: 0, hopLimit: 1, hopByHop + destination + segment))
        decode(frame) { packet in
            #expect(packet.anomaly == nil)
            #expect(packet.network == .ipv6)
            #expect(packet.source == ip("fe80::1"))
            #expect(packet.destination == ip("2001:db8:0:1::20"))
            #expect(packet.destination.description == "2001:db8:0:1::20")
            #expect(packet.timeToLive == 1)
            #expect(packet.ipProtocol == 6)
            #expect(packet.networkHeader.count == 40)
            #expect(packet.networkPayload.count == 20)
            #expect(packet.transport == .tcp)
            #expect(packet.sourcePort == 50_000)
            #expect(packet.destinationPort == 4840)
            #expect(packet.tcpFlags == TCPFlags.syn)
        }
        // Cut inside the destination options header: flagged.
        decode(Array(frame.prefix(14 + 40 + 8 + 10))) { packet in
            #expect(packet.anomaly?.kind == LayerDecoder.anomalyTruncatedNetwork)
            #expect(packet.transport == .none)
        }
    }

    @Test("IPv6 fragment header: the transport header waits for reassembly")
    func ipv6Fragment() {
        // First fragment: offset 0, M = 1, id 0xCAFEBABE.
        let fragmentFirst: [UInt8] = [17, 0] + be16(0 << 3 | 1) + be32(0xCAFE_BABE)
        let data = udp(src: 53, dst: 5353, length: 8 + 1400, [UInt8](repeating: 0x11, count: 24))
        decode(ethernet(type: 0x86DD, ipv6(nextHeader: 44, fragmentFirst + data))) { packet in
            #expect(packet.anomaly == nil)
            #expect(packet.network == .ipv6)
            #expect(packet.isFragment)
            #expect(packet.moreFragments)
            #expect(packet.fragmentOffset == 0)
            #expect(packet.ipIdentification == 0xCAFE_BABE)
            #expect(packet.ipProtocol == 17)
            #expect(packet.networkPayload.count == 32)
            #expect(packet.transport == .none)
        }
        // Last fragment at offset 1376 (172 units of 8).
        let fragmentLast: [UInt8] = [17, 0] + be16(172 << 3) + be32(0xCAFE_BABE)
        decode(ethernet(type: 0x86DD, ipv6(nextHeader: 44, fragmentLast + [UInt8](repeating: 0x22, count: 32)))) {
            packet in
            #expect(packet.isFragment)
            #expect(!packet.moreFragments)
            #expect(packet.fragmentOffset == 1376)
            #expect(packet.networkPayload.count == 32)
            #expect(packet.transport == .none)
        }
        // An "atomic" fragment (offset 0, M = 0) is whole: decoded through.
        let atomic: [UInt8] = [17, 0, 0, 0] + be32(1)
        decode(ethernet(type: 0x86DD, ipv6(nextHeader: 44, atomic + udp(src: 1, dst: 2, [3])))) { packet in
            #expect(!packet.isFragment)
            #expect(packet.transport == .udp)
            #expect(packet.payload.array == [3])
        }
    }

    @Test("TCP options: MSS, window scale, SACK permitted (with NOPs and timestamps)")
    func tcpOptions() {
        let options: [UInt8] =
            [0x02, 0x04] + be16(1460)  // MSS
            + [0x01]  // NOP
            + [0x03, 0x03, 0x07]  // window scale 7
            + [0x04, 0x02]  // SACK permitted
            + [0x08, 0x0A] + be32(0x1122_3344) + be32(0)  // timestamps
            + [0x00, 0x00, 0x00, 0x00]  // end of options + padding
        #expect(options.count == 24)
        let frame = ethernet(type: 0x0800, ipv4(proto: 6, tcp(src: 33_000, dst: 102, flags: 0x02, options: options)))
        decode(frame) { packet in
            #expect(packet.anomaly == nil)
            #expect(packet.tcpMaximumSegmentSize == 1460)
            #expect(packet.tcpWindowScale == 7)
            #expect(packet.tcpSACKPermitted)
            #expect(packet.payload.isEmpty)
            #expect(packet.destinationPort == 102)
        }
        // Options after end-of-options are ignored; a bad option length stops the walk safely.
        let broken: [UInt8] = [0x02, 0x04] + be16(536) + [0x03, 0x00, 0x07, 0x04]
        decode(ethernet(type: 0x0800, ipv4(proto: 6, tcp(src: 1, dst: 2, options: broken, [0x55])))) { packet in
            #expect(packet.tcpMaximumSegmentSize == 536)
            #expect(packet.tcpWindowScale == 0)
            #expect(!packet.tcpSACKPermitted)
            #expect(packet.payload.array == [0x55])
        }
    }

    @Test("TCP data offset beyond the segment is flagged")
    func tcpBadHeaderLength() {
        var segment = tcp(src: 1, dst: 2, [1, 2, 3, 4])
        segment[12] = 0xF0  // 60-byte header in a 24-byte segment
        decode(ethernet(type: 0x0800, ipv4(proto: 6, segment))) { packet in
            #expect(packet.anomaly?.kind == LayerDecoder.anomalyBadTCPHeaderLength)
            #expect(packet.anomaly?.value == 60)
            #expect(packet.transport == .none)
        }
        // A zero port is decoded and flagged.
        decode(ethernet(type: 0x0800, ipv4(proto: 6, tcp(src: 0, dst: 502)))) { packet in
            #expect(packet.transport == .tcp)
            #expect(packet.anomaly?.kind == LayerDecoder.anomalyZeroPort)
        }
    }

    @Test("UDP length shorter than the datagram bounds the payload; below 8 is flagged")
    func udpLength() {
        let datagram = udp(src: 20_000, dst: 20_000, length: 8 + 4, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
        decode(ethernet(type: 0x0800, ipv4(proto: 17, datagram))) { packet in
            #expect(packet.anomaly == nil)
            #expect(packet.networkPayload.count == 18)
            #expect(packet.payload.array == [1, 2, 3, 4])
        }
        decode(ethernet(type: 0x0800, ipv4(proto: 17, udp(src: 1, dst: 2, length: 5, [1, 2])))) { packet in
            #expect(packet.transport == .udp)
            #expect(packet.anomaly?.kind == LayerDecoder.anomalyBadUDPLength)
            #expect(packet.anomaly?.value == 5)
            #expect(packet.payload.isEmpty)
        }
        // UDP length above the datagram (snaplen cut): what was captured.
        decode(ethernet(type: 0x0800, ipv4(proto: 17, udp(src: 1, dst: 2, length: 500, [1, 2])))) { packet in
            #expect(packet.payload.array == [1, 2])
        }
    }

    @Test("ICMP and ICMPv6")
    func icmp() {
        let echo: [UInt8] = [8, 0, 0xF7, 0xFF, 0x00, 0x01, 0x00, 0x02] + Array("ping".utf8)
        decode(ethernet(type: 0x0800, ipv4(src: "10.0.0.9", dst: "10.0.0.1", proto: 1, echo))) { packet in
            #expect(packet.anomaly == nil)
            #expect(packet.transport == .icmp)
            #expect(packet.icmpType == 8)
            #expect(packet.icmpCode == 0)
            #expect(packet.payload.array == Array("ping".utf8))
            #expect(!packet.hasPorts)
        }
        let unreachable: [UInt8] = [3, 3, 0, 0, 0, 0, 0, 0]
        decode(ethernet(type: 0x0800, ipv4(proto: 1, unreachable))) { packet in
            #expect((packet.icmpType, packet.icmpCode) == (3, 3))
        }
        // Neighbor solicitation (135) for 2001:db8::2.
        let solicitation: [UInt8] = [135, 0, 0, 0, 0, 0, 0, 0] + v6("2001:db8::2")
        decode(
            ethernet(type: 0x86DD, ipv6(src: "::", dst: "ff02::1:ff00:2", nextHeader: 58, hopLimit: 255, solicitation))
        ) { packet in
            #expect(packet.anomaly == nil)
            #expect(packet.transport == .icmpv6)
            #expect(packet.icmpType == 135)
            #expect(packet.icmpCode == 0)
            #expect(packet.destination.isMulticast)
            #expect(packet.payload.count == 20)
        }
    }

    @Test("an unknown IP protocol: transport .other with the whole IP payload")
    func otherProtocol() {
        decode(ethernet(type: 0x0800, ipv4(proto: 132, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]))) { packet in
            #expect(packet.transport == .other)
            #expect(packet.ipProtocol == 132)
            #expect(packet.payload.count == 12)
        }
    }
}
