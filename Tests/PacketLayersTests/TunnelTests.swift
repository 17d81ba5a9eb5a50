import BinaryParsing
import PacketLayers
import Testing

/// Tunnels a SPAN/TAP setup delivers: the decoder must reach the mirrored packet.
@Suite("Tunnels")
struct TunnelTests {
    /// The mirrored frame: a Modbus/TCP request between two PLC-side hosts.
    static let innerFrame = ethernet(
        dst: MAC.c, src: MAC.d, type: 0x0800,
        ipv4(src: "192.168.1.10", dst: "192.168.1.20", proto: 6, tcp(src: 51_000, dst: 502, modbusRequest)))

    /// Outer Ethernet + IPv4 (10.255.0.1 → 10.255.0.2) carrying `proto`.
    static func outer(proto: UInt8, _ payload: [UInt8]) -> [UInt8] {
        ethernet(
            dst: MAC.a, src: MAC.b, type: 0x0800, ipv4(src: "10.255.0.1", dst: "10.255.0.2", proto: proto, payload))
    }

    func expectInnerModbus(
        _ packet: DecodedPacket, linkAddresses: Bool = true, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(packet.anomaly == nil, sourceLocation: sourceLocation)
        #expect(packet.tunnelDepth == 1, sourceLocation: sourceLocation)
        if linkAddresses {
            #expect(packet.sourceMAC == mac(MAC.d), sourceLocation: sourceLocation)
            #expect(packet.destinationMAC == mac(MAC.c), sourceLocation: sourceLocation)
        }
        #expect(packet.network == .ipv4, sourceLocation: sourceLocation)
        #expect(packet.source == ip("192.168.1.10"), sourceLocation: sourceLocation)
        #expect(packet.destination == ip("192.168.1.20"), sourceLocation: sourceLocation)
        #expect(packet.transport == .tcp, sourceLocation: sourceLocation)
        #expect(packet.sourcePort == 51_000, sourceLocation: sourceLocation)
        #expect(packet.destinationPort == 502, sourceLocation: sourceLocation)
        #expect(packet.payload.array == modbusRequest, sourceLocation: sourceLocation)
    }

    @Test("GRE with plain IPv4 inside")
    func greIPv4() {
        let inner = ipv4(src: "192.168.1.10", dst: "192.168.1.20", proto: 6, tcp(src: 51_000, dst: 502, modbusRequest))
        let frame = Self.outer(proto: 47, [0x00, 0x00] + be16(0x0800) + inner)
        decode(frame) { packet in
            expectInnerModbus(packet, linkAddresses: false)
            #expect(packet.ipProtocol == 6)
        }
    }

    @Test("GRE with checksum and key bits carrying transparent Ethernet (0x6558)")
    func greTransparentEthernet() {
        let gre: [UInt8] = be16(0xA000) + be16(0x6558) + [0, 0, 0, 0] + be32(42)  // C, K: 12-byte header
        decode(Self.outer(proto: 47, gre + Self.innerFrame)) { packet in
            expectInnerModbus(packet)
        }
    }

    @Test("ERSPAN type II: GRE 0x88BE with a sequence number, 8-byte header, inner Ethernet")
    func erspanTypeII() {
        let gre: [UInt8] = be16(0x1000) + be16(0x88BE) + be32(77)  // S bit, sequence 77
        // Ver 1, VLAN 10 | COS 0, En 0, T 0, session 5 | reserved, index 0.
        let erspan: [UInt8] = be16(0x1000 | 10) + be16(5) + be32(0)
        decode(Self.outer(proto: 47, gre + erspan + Self.innerFrame)) { packet in
            expectInnerModbus(packet)
        }
        // ERSPAN type I (no sequence bit): no ERSPAN header, the frame follows GRE directly.
        decode(Self.outer(proto: 47, be16(0x0000) + be16(0x88BE) + Self.innerFrame)) { packet in
            expectInnerModbus(packet)
        }
        // Sequence bit but the ERSPAN header cut: flagged.
        decode(Self.outer(proto: 47, gre + [0x10, 0x0A, 0x00])) { packet in
            #expect(packet.anomaly?.kind == LayerDecoder.anomalyTruncatedTransport)
        }
    }

    @Test("ERSPAN type III: GRE 0x22EB, 12-byte header; with the O bit an 8-byte subheader follows")
    func erspanTypeIII() {
        let gre: [UInt8] = be16(0x1000) + be16(0x22EB) + be32(1)
        // Ver 2, VLAN 0 | COS, BSO, T, session 9 | timestamp | SGT 0, P 0, FT 0, HwID 1, D 0, Gra 3, O.
        func header(optional: Bool) -> [UInt8] {
            be16(0x2000) + be16(9) + be32(0x0102_0304) + be16(0) + [0x00, 0x04 | 0x06 | (optional ? 1 : 0)]
        }
        #expect(header(optional: false).count == 12)
        decode(Self.outer(proto: 47, gre + header(optional: false) + Self.innerFrame)) { packet in
            expectInnerModbus(packet)
        }
        let subheader: [UInt8] = [0x0C, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02]  // platform id 3
        decode(Self.outer(proto: 47, gre + header(optional: true) + subheader + Self.innerFrame)) { packet in
            expectInnerModbus(packet)
        }
        // Without the GRE sequence number too.
        decode(Self.outer(proto: 47, be16(0) + be16(0x22EB) + header(optional: false) + Self.innerFrame)) { packet in
            expectInnerModbus(packet)
        }
        decode(Self.outer(proto: 47, gre + Array(header(optional: false).prefix(11)))) { packet in
            #expect(packet.anomaly?.kind == LayerDecoder.anomalyTruncatedTransport)
        }
    }

    @Test("VXLAN (UDP 4789, I flag): the inner Ethernet frame")
    func vxlan() {
        let header: [UInt8] = [0x08, 0x00, 0x00, 0x00, 0x00, 0x10, 0x01, 0x00]  // VNI 4097
        decode(Self.outer(proto: 17, udp(src: 61_234, dst: 4789, header + Self.innerFrame))) { packet in
            expectInnerModbus(packet)
        }
        // Without the I flag it stays plain UDP.
        decode(Self.outer(proto: 17, udp(src: 61_234, dst: 4789, [0, 0, 0, 0, 0, 0, 0, 0] + Self.innerFrame))) {
            packet in
            #expect(packet.tunnelDepth == 0)
            #expect(packet.transport == .udp)
            #expect(packet.destinationPort == 4789)
            #expect(packet.source == ip("10.255.0.1"))
        }
    }

    @Test("VXLAN inside ERSPAN II inside a VLAN: two tunnel layers")
    func nestedTunnels() {
        let vxlan = ethernet(
            dst: MAC.b, src: MAC.a, type: 0x0800,
            ipv4(
                src: "10.0.0.1", dst: "10.0.0.2", proto: 17,
                udp(src: 1000, dst: 4789, [0x08, 0, 0, 0, 0, 0, 1, 0] + Self.innerFrame)))
        let erspan: [UInt8] = be16(0x1000) + be16(0x88BE) + be32(1) + be16(0x1000) + be16(1) + be32(0)
        let frame =
            MAC.a + MAC.b + tag(0x8100, vlan: 99) + be16(0x0800)
            + ipv4(src: "10.255.0.1", dst: "10.255.0.2", proto: 47, erspan + vxlan)
        decode(frame) { packet in
            #expect(packet.anomaly == nil)
            #expect(packet.tunnelDepth == 2)
            #expect(packet.source == ip("192.168.1.10"))
            #expect(packet.destinationPort == 502)
            #expect(packet.outerVLAN == 0)  // the outer headers are forgotten
        }
    }

    @Test("IP-in-IP nested beyond the limit stops with an anomaly")
    func nestingLimit() {
        var packet = ipv4(src: "1.1.1.1", dst: "2.2.2.2", proto: 17, udp(src: 1, dst: 2, [0]))
        for _ in 0..<20 { packet = ipv4(proto: 47, be16(0) + be16(0x0800) + packet) }
        decode(ethernet(type: 0x0800, packet)) { decoded in
            #expect(decoded.anomaly?.kind == LayerDecoder.anomalyTooManyHeaders)
        }
        var ipInIP = ipv4(src: "1.1.1.1", dst: "2.2.2.2", proto: 17, udp(src: 1, dst: 2, [0]))
        for _ in 0..<20 { ipInIP = ipv4(proto: 4, ipInIP) }
        decode(ethernet(type: 0x0800, ipInIP)) { decoded in
            #expect(decoded.tunnelDepth <= LayerDecoder.maximumNesting)
            #expect(decoded.transport == .other)
        }
    }
}
