import BinaryParsing
import CorpusTestSupport
import EventModel
import LLDP
import Monitor
import PacketLayers
import Testing

@Suite struct LLDPEncoderTests {
    static let switchMAC = MACAddress("00:01:30:f9:ad:a0")!
    static let plcMAC = MACAddress("00:1b:1b:34:34:ce")!

    static let plcLLDPDU = LLDPEncoder.lldpdu(
        chassisMAC: plcMAC, portID: "port-001", portIDSubtype: LLDPEncoder.PortIDSubtype.locallyAssigned,
        timeToLive: 20, portDescription: "Port 1 - 100 Mbit", systemName: "PLC1",
        systemDescription: "Siemens, SIMATIC S7, CPU 1516-3 PN/DP, 6ES7 516-3AN01-0AB0, HW: 3, FW: V2.9.4",
        capabilities: [.station], managementAddress: .ipv4(IPAddress(ipv4: 0x0A00_000A)))

    static let switchLLDPDU = LLDPEncoder.lldpdu(
        chassisMAC: switchMAC, portID: "Gi1/0/3", systemName: "core-sw1", systemDescription: "IOS 15.2",
        capabilities: [.bridge, .router], enabledCapabilities: [.bridge],
        managementAddress: .ipv6(IPAddress(high: 0xfd00_0000_0000_0000, low: 1)))

    func decode(_ lldpdu: [UInt8], from source: MACAddress) -> [EventRecord] {
        let frame =
            LLDPEncoderTests.bytes(of: LLDPEncoder.destination) + Self.bytes(of: source) + [0x88, 0xcc] + lldpdu
        let batch = EventBatch()
        ByteView.with(frame) { view in
            var packet = DecodedPacket()
            LayerDecoder.decode(view, linkType: 1, into: &packet)
            var context = PacketContext()
            context.frame = 1
            context.sourceMAC = packet.sourceMAC
            context.destinationMAC = packet.destinationMAC
            context.hasMACs = true
            LLDPFrameDecoder().receive(packet.linkPayload, packet: packet, context: context, events: batch)
        }
        return batch.events.map { EventRecord($0, in: batch) }
    }

    static func bytes(of mac: MACAddress) -> [UInt8] {
        (0..<6).map { UInt8(truncatingIfNeeded: mac.rawValue >> UInt64(40 - 8 * $0)) }
    }

    @Test func matchesTheCorpusFrameUpToItsOrganizationalTLVs() throws {
        // it/lldp_detailed.pcap frame 1, bytes 14-172: Extreme Summit300-48 (its strings end in NUL).
        let reference: [UInt8] =
            [0x02, 0x07, 0x04, 0x00, 0x01, 0x30, 0xf9, 0xad, 0xa0]  // chassis MAC
            + [0x04, 0x04, 0x05, 0x31, 0x2f, 0x31]  // port "1/1"
            + [0x06, 0x02, 0x00, 0x78]  // TTL 120
            + [0x08, 0x17] + Array("Summit300-48-Port 1001".utf8) + [0x00]
            + [0x0a, 0x0d] + Array("Summit300-48".utf8) + [0x00]
            + [0x0c, 0x4c] + Array("Summit300-48 - Version 7.4e.1 (Build 5) by Release_Master 05/27/05 04:53:11".utf8)
            + [0x00]
            + [0x0e, 0x04, 0x00, 0x14, 0x00, 0x14]  // bridge, router
            + [0x10, 0x0e, 0x07, 0x06, 0x00, 0x01, 0x30, 0xf9, 0xad, 0xa0, 0x02, 0x00, 0x00, 0x03, 0xe9, 0x00]
        let encoded = LLDPEncoder.lldpdu(
            chassisMAC: Self.switchMAC, portID: "1/1", portDescription: "Summit300-48-Port 1001\u{0}",
            systemName: "Summit300-48\u{0}",
            systemDescription: "Summit300-48 - Version 7.4e.1 (Build 5) by Release_Master 05/27/05 04:53:11\u{0}",
            capabilities: [.bridge, .router], managementAddress: .mac(Self.switchMAC), managementInterface: 1001)
        #expect(Array(encoded.dropLast(2)) == reference)
        #expect(Array(encoded.suffix(2)) == [0x00, 0x00])  // End (the capture has organizational TLVs first)
    }

    @Test func roundTripThroughTheDecoder() {
        let plc = decode(Self.plcLLDPDU, from: Self.plcMAC)
        #expect(plc.count == 1)
        #expect(plc[0].functionName == "LLDPDU")
        #expect(plc[0].operation == "discovery")
        #expect(plc[0].targetText == "port port-001")
        #expect(
            plc[0].identity == [
                "name": "PLC1",
                "software": "Siemens, SIMATIC S7, CPU 1516-3 PN/DP, 6ES7 516-3AN01-0AB0, HW: 3, FW: V2.9.4",
                "device_type": "station", "ip": "10.0.0.10", "mac": "00:1b:1b:34:34:ce",
                "other": "port port-001 (Port 1 - 100 Mbit)",
            ])
        #expect(plc[0].anomaly == nil)
        let core = decode(Self.switchLLDPDU, from: Self.switchMAC)
        #expect(core[0].targetText == "port Gi1/0/3")
        #expect(core[0].identity["device_type"] == "bridge,router")
        #expect(core[0].identity["ip"] == "fd00::1")
        #expect(core[0].identity["name"] == "core-sw1")
        #expect(core[0].anomaly == nil)
    }

    @Test func tsharkDecodesTheLLDPDUsCleanly() throws {
        guard TSharkCheck.isAvailable else {
            print("skipped: /usr/bin/tshark is missing")
            return
        }
        var capture = TestCapture()
        for (source, lldpdu) in [(Self.plcMAC, Self.plcLLDPDU), (Self.switchMAC, Self.switchLLDPDU)] {
            capture.addEthernet(
                source: Self.bytes(of: source), destination: Self.bytes(of: LLDPEncoder.destination),
                etherType: LLDPEncoder.etherType, payload: lldpdu)
        }
        let path = try TSharkCheck.write(capture, name: "lldp")
        defer { TSharkCheck.remove(path) }
        #expect(try TSharkCheck.problems(path) == [])
        let rows = try TSharkCheck.fields(
            path, ["lldp.tlv.system.name", "lldp.port.id", "lldp.mgn.addr.ip4", "lldp.tlv.enable_system_cap"])
        #expect(rows.map { $0[0] } == ["PLC1", "core-sw1"])
        #expect(rows[0][1] == "port-001")
        #expect(rows[0][2] == "10.0.0.10")
        #expect(rows[1][3] == "0x0004")
    }
}
