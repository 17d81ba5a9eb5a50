import BinaryParsing
import PacketLayers
import Testing

/// Every prefix of a packet decodes without crashing, and a cut header is flagged.
@Suite("Truncated packets")
struct TruncationTests {
    @Test("Ethernet/IPv4/TCP cut at every length: the anomaly names the layer that was cut")
    func tcpAtEveryLength() {
        let options: [UInt8] = [0x02, 0x04, 0x05, 0xB4, 0x01, 0x03, 0x03, 0x08, 0x04, 0x02, 0x00, 0x00]
        let frame = ethernet(
            type: 0x0800,
            ipv4(
                src: "10.10.0.1", dst: "10.10.0.2", proto: 6,
                tcp(src: 40_000, dst: 502, options: options, modbusRequest)))
        let ethernetEnd = 14
        let ipEnd = ethernetEnd + 20
        let tcpEnd = ipEnd + 20 + options.count
        #expect(frame.count == tcpEnd + modbusRequest.count)
        for length in 0...frame.count {
            decode(Array(frame.prefix(length))) { packet in
                let kind = packet.anomaly?.kind
                switch length {
                case ..<ethernetEnd:
                    #expect(kind == LayerDecoder.anomalyTruncatedLink, "length \(length)")
                    #expect(packet.network == .none)
                case ..<ipEnd:
                    #expect(kind == LayerDecoder.anomalyTruncatedNetwork, "length \(length)")
                    #expect(packet.network == .none)
                    #expect(packet.etherType == 0x0800)
                case ..<(ipEnd + 16):
                    // Not even the ports, sequence numbers, flags and window.
                    #expect(kind == LayerDecoder.anomalyTruncatedTransport, "length \(length)")
                    #expect(packet.network == .ipv4)
                    #expect(packet.source == ip("10.10.0.1"))
                    #expect(packet.transport == .none)
                case ..<tcpEnd:
                    // The fixed fields are there but the header its data offset announces is not.
                    #expect(
                        kind == LayerDecoder.anomalyBadTCPHeaderLength
                            || kind == LayerDecoder.anomalyTruncatedTransport,
                        "length \(length): \(String(describing: packet.anomaly))")
                    #expect(packet.transport == .none)
                default:
                    // The header is whole; only application data is missing (a snaplen cut).
                    #expect(packet.anomaly == nil, "length \(length)")
                    #expect(packet.transport == .tcp)
                    #expect(packet.destinationPort == 502)
                    #expect(packet.tcpMaximumSegmentSize == 1460)
                    #expect(packet.tcpWindowScale == 8)
                    #expect(packet.payload.array == Array(modbusRequest.prefix(length - tcpEnd)))
                }
            }
        }
    }

    @Test("Ethernet/IPv6/UDP cut at every length")
    func udpOverIPv6AtEveryLength() {
        let frame = ethernet(type: 0x86DD, ipv6(nextHeader: 17, udp(src: 47_808, dst: 47_808, [1, 2, 3, 4])))
        for length in 0...frame.count {
            decode(Array(frame.prefix(length))) { packet in
                switch length {
                case ..<14: #expect(packet.anomaly?.kind == LayerDecoder.anomalyTruncatedLink)
                case ..<54: #expect(packet.anomaly?.kind == LayerDecoder.anomalyTruncatedNetwork, "length \(length)")
                case ..<62: #expect(packet.anomaly?.kind == LayerDecoder.anomalyTruncatedTransport, "length \(length)")
                default:
                    #expect(packet.anomaly == nil)
                    #expect(packet.payload.count == length - 62)
                }
            }
        }
    }

    /// Packets of every shape the decoder knows, cut at every length and with every link type: no
    /// crash, no trap, and a flagged anomaly whenever not even the link header is whole.
    @Test("every prefix of assorted packets, under every link type, decodes without crashing")
    func noCrashAnywhere() {
        let erspan = TunnelTests.outer(
            proto: 47, be16(0x1000) + be16(0x88BE) + be32(1) + be16(0x1000) + be16(1) + be32(0) + TunnelTests.innerFrame
        )
        let erspan3 = TunnelTests.outer(
            proto: 47,
            be16(0x1000) + be16(0x22EB) + be32(1) + [0x20, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 1]
                + [UInt8](repeating: 0, count: 8) + TunnelTests.innerFrame)
        let vxlan = TunnelTests.outer(
            proto: 17, udp(src: 1, dst: 4789, [0x08, 0, 0, 0, 0, 0, 1, 0] + TunnelTests.innerFrame))
        let qinq =
            MAC.a + MAC.b + tag(0x88A8, vlan: 1) + tag(0x8100, vlan: 2) + be16(0x86DD)
            + ipv6(nextHeader: 0, [44, 0, 0, 0, 0, 0, 0, 0] + [6, 0, 0, 1, 0, 0, 0, 9] + tcp(src: 1, dst: 2))
        let arp = ethernet(
            type: 0x0806, be16(1) + be16(0x0800) + [6, 4] + be16(1) + MAC.a + v4("1.2.3.4") + MAC.b + v4("1.2.3.5"))
        let llc = ethernet(
            type: 20, [0xAA, 0xAA, 0x03, 0, 0, 0, 0x08, 0x00] + [0x45, 0, 0, 12, 0, 0, 0, 0, 64, 17, 0, 0])
        let rawIPv4 = ipv4(proto: 17, udp(src: 1, dst: 2, [1]))
        let rawIPv6 = ipv6(nextHeader: 58, [128, 0, 0, 0, 0, 1, 0, 1])
        let samples = [TunnelTests.innerFrame, erspan, erspan3, vxlan, qinq, arp, llc, rawIPv4, rawIPv6]
        let linkTypes: [UInt32] = [1, 101, 228, 229, 113, 276, 0, 108, 12, 14]
        var decoded = 0
        for sample in samples {
            for linkType in linkTypes {
                for length in 0...sample.count {
                    decode(Array(sample.prefix(length)), linkType: linkType) { packet in
                        if length == 0 { #expect(packet.anomaly != nil, "link type \(linkType), empty frame") }
                        if packet.transport == .tcp || packet.transport == .udp {
                            #expect(packet.network == .ipv4 || packet.network == .ipv6)
                        }
                        decoded += 1
                    }
                }
            }
        }
        #expect(decoded > 5000)
    }

    @Test("random bytes under every link type never crash")
    func randomFrames() {
        var state: UInt64 = 0x1234_5678
        func next() -> UInt8 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
        var seen = Set<DecodedPacket.Network>()
        for round in 0..<4000 {
            var frame = (0..<(round % 200)).map { _ in next() }
            // Steer a share of them into IPv4/IPv6/VLAN/tunnel paths.
            if frame.count > 24 {
                switch round % 5 {
                case 0:
                    frame[12] = 0x08
                    frame[13] = 0x00
                    frame[14] = 0x45
                case 1:
                    frame[12] = 0x86
                    frame[13] = 0xDD
                    frame[14] = 0x60
                case 2:
                    frame[12] = 0x81
                    frame[13] = 0x00
                    frame[16] = 0x08
                    frame[17] = 0x00
                    frame[18] = 0x46
                case 3:
                    frame[12] = 0x08
                    frame[13] = 0x00
                    frame[14] = 0x45
                    frame[23] = 47
                default: break
                }
            }
            for linkType: UInt32 in [1, 101, 113, 276, 0] {
                decode(frame, linkType: linkType) { packet in seen.insert(packet.network) }
            }
        }
        #expect(seen.contains(.ipv4))
        #expect(seen.contains(.ipv6))
    }
}
