import BinaryParsing
import PacketLayers
import Testing

@Suite("Link layer")
struct LinkLayerTests {
    @Test("Ethernet II / IPv4 / TCP: addresses, ports and TCP fields")
    func ethernetII() {
        let frame = ethernet(
            dst: MAC.a, src: MAC.b, type: 0x0800,
            ipv4(
                src: "192.168.10.20", dst: "192.168.10.1", proto: 6, id: 0xBEEF, ttl: 128,
                tcp(
                    src: 49_152, dst: 502, seq: 0x0102_0304, ack: 0xA0B0_C0D0, flags: 0x18, window: 0x2000,
                    modbusRequest)))
        #expect(frame.count == 14 + 20 + 20 + 12)
        decode(frame) { packet in
            #expect(packet.anomaly == nil)
            #expect(packet.hasLinkAddresses)
            #expect(packet.destinationMAC == mac(MAC.a))
            #expect(packet.sourceMAC == mac(MAC.b))
            #expect(packet.destinationMAC.description == "00:1b:1b:01:02:03")
            #expect(packet.vlanCount == 0)
            #expect(packet.etherType == 0x0800)
            #expect(packet.linkPayload.count == 52)
            #expect(packet.network == .ipv4)
            #expect(packet.source == ip("192.168.10.20"))
            #expect(packet.destination == ip("192.168.10.1"))
            #expect(packet.ipProtocol == 6)
            #expect(packet.timeToLive == 128)
            #expect(packet.ipIdentification == 0xBEEF)
            #expect(!packet.isFragment)
            #expect(packet.networkHeader.count == 20)
            #expect(packet.networkPayload.count == 32)
            #expect(packet.transport == .tcp)
            #expect(packet.sourcePort == 49_152)
            #expect(packet.destinationPort == 502)
            #expect(packet.tcpSequence == 0x0102_0304)
            #expect(packet.tcpAcknowledgement == 0xA0B0_C0D0)
            #expect(packet.tcpFlags == TCPFlags.psh | TCPFlags.ack)
            #expect(packet.tcpWindow == 0x2000)
            #expect(packet.payload.array == modbusRequest)
            #expect(packet.tunnelDepth == 0)
        }
    }

    @Test("802.1Q: one tag, priority bits masked off")
    func dot1Q() {
        let frame =
            MAC.a + MAC.b + tag(0x8100, priority: 5, vlan: 100) + be16(0x0800)
            + ipv4(src: "10.1.1.1", dst: "10.1.1.2", proto: 17, udp(src: 20_000, dst: 2222, [1, 2, 3, 4]))
        decode(frame) { packet in
            #expect(packet.anomaly == nil)
            #expect(packet.vlanCount == 1)
            #expect(packet.outerVLAN == 100)
            #expect(packet.innerVLAN == 0)
            #expect(packet.vlanKey == 100 << 12)
            #expect(packet.etherType == 0x0800)
            #expect(packet.network == .ipv4)
            #expect(packet.source == ip("10.1.1.1"))
            #expect(packet.transport == .udp)
            #expect(packet.sourcePort == 20_000)
            #expect(packet.destinationPort == 2222)
            #expect(packet.payload.array == [1, 2, 3, 4])
        }
    }

    @Test("QinQ: 0x88A8 outer tag, then 0x8100 inner tag")
    func qinq() {
        // dst src | 88a8 TCI(vid 200, pcp 7) | 8100 TCI(vid 300) | 0800 | IPv4
        let frame =
            MAC.a + MAC.b + be16(0x88A8) + be16(7 << 13 | 200) + be16(0x8100) + be16(300) + be16(0x0800)
            + ipv4(src: "172.16.0.1", dst: "172.16.0.2", proto: 6, tcp(src: 1024, dst: 102))
        decode(frame) { packet in
            #expect(packet.anomaly == nil)
            #expect(packet.vlanCount == 2)
            #expect(packet.outerVLAN == 200)
            #expect(packet.innerVLAN == 300)
            #expect(packet.vlanKey == UInt32(200) << 12 | 300)
            #expect(packet.etherType == 0x0800)
            #expect(packet.destination == ip("172.16.0.2"))
            #expect(packet.destinationPort == 102)
        }
        // The legacy 0x9100 outer TPID too.
        let legacy =
            MAC.a + MAC.b + be16(0x9100) + be16(10) + be16(0x8100) + be16(20) + be16(0x86DD)
            + ipv6(nextHeader: 17, udp(src: 5, dst: 6, []))
        decode(legacy) { packet in
            #expect((packet.outerVLAN, packet.innerVLAN) == (10, 20))
            #expect(packet.network == .ipv6)
            #expect(packet.sourcePort == 5)
        }
    }

    @Test("802.3 + LLC: spanning tree (DSAP 0x42), bounded by the length field")
    func llcSpanningTree() {
        // Configuration BPDU: protocol id 0, version 0, type 0, flags, root id, cost, bridge id, port, timers.
        let bpdu: [UInt8] =
            [0x00, 0x00, 0x00, 0x00, 0x00] + [0x80, 0x00] + MAC.c + [0, 0, 0, 4] + [0x80, 0x00] + MAC.d
            + [0x80, 0x01, 0x00, 0x00, 0x14, 0x00, 0x02, 0x00, 0x0F, 0x00]
        #expect(bpdu.count == 35)
        let llc: [UInt8] = [0x42, 0x42, 0x03]
        let stpMulticast: [UInt8] = [0x01, 0x80, 0xC2, 0x00, 0x00, 0x00]
        var frame = ethernet(dst: stpMulticast, src: MAC.d, type: UInt16(llc.count + bpdu.count), llc + bpdu)
        frame += [UInt8](repeating: 0, count: 60 - frame.count)  // Ethernet padding: not part of the LLC PDU
        decode(frame) { packet in
            #expect(packet.anomaly == nil)
            #expect(packet.isLLC)
            #expect(packet.llcDSAP == 0x42)
            #expect(packet.llcSSAP == 0x42)
            #expect(packet.destinationMAC == mac(stpMulticast))
            #expect(packet.destinationMAC.isMulticast)
            #expect(packet.linkPayload.array == bpdu)
            #expect(packet.network == .none)
            #expect(packet.transport == .none)
        }
    }

    @Test("802.3 + LLC + SNAP: IPv4 inside, and a non-IP SNAP type")
    func snap() {
        let inner = ipv4(src: "10.9.8.7", dst: "10.9.8.6", proto: 17, udp(src: 47_808, dst: 47_808, [0x81, 0x0B]))
        let snapHeader: [UInt8] = [0xAA, 0xAA, 0x03, 0x00, 0x00, 0x00] + be16(0x0800)
        let frame = ethernet(type: UInt16(snapHeader.count + inner.count), snapHeader + inner)
        decode(frame) { packet in
            #expect(packet.anomaly == nil)
            #expect(packet.isLLC)
            #expect(packet.llcDSAP == 0xAA)
            #expect(packet.etherType == 0x0800)
            #expect(packet.network == .ipv4)
            #expect(packet.source == ip("10.9.8.7"))
            #expect(packet.transport == .udp)
            #expect(packet.sourcePort == 47_808)
            #expect(packet.payload.array == [0x81, 0x0B])
        }
        // Cisco OUI, CDP (0x2000): link payload only.
        let cdp: [UInt8] = [0x02, 0xB4, 0x12, 0x34, 0x00, 0x01, 0x00, 0x06, 0x53, 0x57]
        let cdpFrame = ethernet(
            dst: [0x01, 0x00, 0x0C, 0xCC, 0xCC, 0xCC], type: UInt16(8 + cdp.count),
            [0xAA, 0xAA, 0x03, 0x00, 0x00, 0x0C, 0x20, 0x00] + cdp)
        decode(cdpFrame) { packet in
            #expect(packet.isLLC)
            #expect(packet.etherType == 0x2000)
            #expect(packet.linkPayload.array == cdp)
            #expect(packet.network == .none)
        }
    }

    @Test("ARP request and reply")
    func arp() {
        func arpBody(operation: UInt16, senderMAC: [UInt8], senderIP: String, targetMAC: [UInt8], targetIP: String)
            -> [UInt8]
        {
            be16(1) + be16(0x0800) + [6, 4] + be16(operation) + senderMAC + v4(senderIP) + targetMAC + v4(targetIP)
        }
        let broadcast = [UInt8](repeating: 0xFF, count: 6)
        var request = ethernet(
            dst: broadcast, src: MAC.a, type: 0x0806,
            arpBody(
                operation: 1, senderMAC: MAC.a, senderIP: "192.168.0.10", targetMAC: [0, 0, 0, 0, 0, 0],
                targetIP: "192.168.0.1"))
        request += [UInt8](repeating: 0, count: 18)  // padding to 60 bytes
        decode(request) { packet in
            #expect(packet.anomaly == nil)
            #expect(packet.network == .arp)
            #expect(packet.etherType == 0x0806)
            #expect(packet.destinationMAC.isBroadcast)
            #expect(packet.arpOperation == 1)
            #expect(packet.arpSenderMAC == mac(MAC.a))
            #expect(packet.arpTargetMAC == .zero)
            #expect(packet.source == ip("192.168.0.10"))
            #expect(packet.destination == ip("192.168.0.1"))
            #expect(packet.transport == .none)
        }
        let reply = ethernet(
            dst: MAC.a, src: MAC.b, type: 0x0806,
            arpBody(operation: 2, senderMAC: MAC.b, senderIP: "192.168.0.1", targetMAC: MAC.a, targetIP: "192.168.0.10")
        )
        decode(reply) { packet in
            #expect(packet.network == .arp)
            #expect(packet.arpOperation == 2)
            #expect(packet.arpSenderMAC == mac(MAC.b))
            #expect(packet.arpTargetMAC == mac(MAC.a))
            #expect(packet.source == ip("192.168.0.1"))
            #expect(packet.destination == ip("192.168.0.10"))
        }
        // Truncated ARP: flagged, still identified as ARP.
        decode(Array(reply.prefix(14 + 20))) { packet in
            #expect(packet.network == .arp)
            #expect(packet.anomaly?.kind == LayerDecoder.anomalyTruncatedNetwork)
        }
    }

    @Test("LLDP (0x88CC): link payload set, no network layer")
    func lldp() {
        let tlvs: [UInt8] =
            [0x02, 0x07, 0x04] + MAC.a  // chassis id (MAC)
            + [0x04, 0x04, 0x05] + Array("p1".utf8) + [0x00]  // port id (local)
            + [0x06, 0x02, 0x00, 0x78]  // TTL 120
            + [0x00, 0x00]  // end
        let frame = ethernet(dst: [0x01, 0x80, 0xC2, 0x00, 0x00, 0x0E], src: MAC.a, type: 0x88CC, tlvs)
        decode(frame) { packet in
            #expect(packet.anomaly == nil)
            #expect(packet.etherType == EtherType.lldp)
            #expect(packet.linkPayload.array == tlvs)
            #expect(packet.network == .none)
            #expect(packet.transport == .none)
            #expect(packet.sourceMAC == mac(MAC.a))
        }
    }

    @Test("an unsupported link type is flagged")
    func unsupportedLinkType() {
        decode([1, 2, 3, 4], linkType: 7) { packet in
            #expect(packet.anomaly?.kind == LayerDecoder.anomalyUnsupportedLinkType)
            #expect(packet.anomaly?.value == 7)
            #expect(packet.network == .none)
        }
    }
}
