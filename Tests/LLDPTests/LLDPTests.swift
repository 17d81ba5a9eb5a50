import BinaryParsing
import CorpusTestSupport
import EventModel
import Foundation
import LLDP
import Monitor
import PacketLayers
import Testing

/// LLDP against annotated frames and against tshark's decoding of the corpus captures.
@Suite struct LLDPTests {
    /// Runs one Ethernet frame through the layer decoder and the LLDP decoder.
    func decode(_ frame: [UInt8]) -> [EventRecord] {
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

    static let ethernet: [UInt8] = [
        0x01, 0x80, 0xc2, 0x00, 0x00, 0x0e,  // destination: nearest bridge
        0x00, 0x1b, 0x1b, 0x34, 0x34, 0xce,  // source (Siemens)
        0x88, 0xcc,  // EtherType LLDP
    ]

    @Test func profinetStyleLLDPDUGivesTheDeviceIdentity() {
        let lldpdu: [UInt8] = [
            0x02, 0x06,  // Chassis ID, length 6
            0x07,  // subtype: locally assigned
            0x70, 0x6c, 0x63, 0x2d, 0x31,  // "plc-1" (NameOfStation)
            0x04, 0x09,  // Port ID, length 9
            0x07,  // subtype: locally assigned
            0x70, 0x6f, 0x72, 0x74, 0x2d, 0x30, 0x30, 0x31,  // "port-001"
            0x06, 0x02, 0x00, 0x14,  // TTL 20 s
            0x0a, 0x04, 0x50, 0x4c, 0x43, 0x31,  // System Name "PLC1"
            0x0c, 0x06, 0x53, 0x37, 0x2d, 0x31, 0x35, 0x30,  // System Description "S7-150"
            0x0e, 0x04, 0x00, 0x80, 0x00, 0x80,  // Capabilities: station only / enabled
            0x10, 0x0c,  // Management Address, length 12
            0x05, 0x01, 0x0a, 0x00, 0x00, 0x01,  // address string length 5, IPv4, 10.0.0.1
            0x02, 0x00, 0x00, 0x00, 0x01,  // interface subtype ifIndex, number 1
            0x00,  // OID string length 0
            0xfe, 0x0a, 0x00, 0x0e, 0xcf, 0x05,  // Org specific, PROFINET OUI, subtype 5 chassis MAC
            0x00, 0x1b, 0x1b, 0x34, 0x34, 0xcb,  // MAC
            0x00, 0x00,  // End of LLDPDU
        ]
        let events = decode(Self.ethernet + lldpdu)
        #expect(events.count == 1)
        let event = events[0]
        #expect(event.protocolName == "lldp")
        #expect(event.function == nil)
        #expect(event.functionName == "LLDPDU")
        #expect(event.direction == "broadcast")
        #expect(event.operation == "discovery")
        #expect(event.targetText == "port port-001")
        #expect(event.identity["station_name"] == "plc-1")
        #expect(event.identity["name"] == "PLC1")
        #expect(event.identity["software"] == "S7-150")
        #expect(event.identity["device_type"] == "station")
        #expect(event.identity["ip"] == "10.0.0.1")
        #expect(event.identity["other"] == "port port-001")
        #expect(event.identity["mac"] == nil)  // a locally assigned chassis id is not an address
        #expect(event.relatedIdentity.isEmpty)
        #expect(event.anomaly == nil)
        #expect(event.source == "00:1b:1b:34:34:ce")
    }

    @Test func macChassisWithoutManagementAddressAndIPv6Management() {
        let macOnly: [UInt8] = [
            0x02, 0x07, 0x04, 0x64, 0x4b, 0xf0, 0x2b, 0x31, 0x71,  // Chassis ID: MAC 64:4b:f0:2b:31:71
            0x04, 0x07, 0x03, 0x64, 0x4b, 0xf0, 0x2b, 0x31, 0x71,  // Port ID: MAC
            0x06, 0x02, 0x0e, 0x11,  // TTL 3601
            0x00, 0x00,  // End
        ]
        let first = decode(Self.ethernet + macOnly)
        #expect(first.first?.identity["mac"] == "64:4b:f0:2b:31:71")
        #expect(first.first?.identity["other"] == "port 64:4b:f0:2b:31:71")
        #expect(first.first?.identity["ip"] == nil)
        #expect(first.first?.targetText == "port 64:4b:f0:2b:31:71")
        #expect(first.first?.anomaly == nil)

        let ipv6: [UInt8] = [
            0x02, 0x07, 0x04, 0x00, 0x01, 0x30, 0xf9, 0xad, 0xa0,  // Chassis ID: MAC
            0x04, 0x04, 0x05, 0x31, 0x2f, 0x31,  // Port ID: interface name "1/1"
            0x06, 0x02, 0x00, 0x78,  // TTL 120
            0x0e, 0x04, 0x00, 0x14, 0x00, 0x14,  // Capabilities: bridge, router
            0x10, 0x18,  // Management Address, length 24
            0x11, 0x02,  // address string length 17, IPv6
            0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x01, 0x30, 0xff, 0xfe, 0xf9, 0xad, 0xa0,  // fe80::201:30ff:fef9:ada0
            0x02, 0x00, 0x00, 0x03, 0xe9,  // ifIndex 1001
            0x00,  // OID length 0
            0x00, 0x00,  // End
        ]
        let second = decode(Self.ethernet + ipv6)
        #expect(second.first?.identity["ip"] == "fe80::201:30ff:fef9:ada0")
        #expect(second.first?.identity["mac"] == "00:01:30:f9:ad:a0")  // the MAC chassis id
        #expect(second.first?.identity["device_type"] == "bridge,router")
        #expect(second.first?.identity["station_name"] == "1/1" || second.first?.identity["station_name"] == nil)
        #expect(second.first?.targetText == "port 1/1")
    }

    @Test func malformedLLDPDUsAreFlagged() {
        // System Name claims 40 bytes, 3 remain.
        let overrun: [UInt8] = [
            0x02, 0x02, 0x07, 0x41, 0x04, 0x02, 0x07, 0x42, 0x06, 0x02, 0x00, 0x14, 0x0a, 0x28, 0x41, 0x42, 0x43,
        ]
        #expect(decode(Self.ethernet + overrun).first?.anomaly == "lldp.tlv_overrun")
        #expect(decode(Self.ethernet + [0x02]).first?.anomaly == "lldp.truncated")
        // TTL first: the mandatory order is broken.
        let order: [UInt8] = [0x06, 0x02, 0x00, 0x14, 0x02, 0x02, 0x07, 0x41, 0x04, 0x02, 0x07, 0x42, 0x00, 0x00]
        #expect(decode(Self.ethernet + order).first?.anomaly == "lldp.missing_mandatory_tlv")
        // Capabilities with a 3-byte value.
        let capabilities: [UInt8] = [
            0x02, 0x02, 0x07, 0x41, 0x04, 0x02, 0x07, 0x42, 0x06, 0x02, 0x00, 0x14, 0x0e, 0x03, 0x00, 0x80, 0x00, 0x00,
            0x00,
        ]
        #expect(decode(Self.ethernet + capabilities).first?.anomaly == "lldp.bad_tlv_length")
        // 300 empty Port Description TLVs without End.
        var many: [UInt8] = [0x02, 0x02, 0x07, 0x41, 0x04, 0x02, 0x07, 0x42, 0x06, 0x02, 0x00, 0x14]
        for _ in 0..<300 { many += [0x08, 0x00] }
        #expect(decode(Self.ethernet + many).first?.anomaly == "lldp.too_many_tlvs")
    }

    @Test func randomGarbageNeverTraps() {
        var generator = SeededGenerator(state: 0x11DB)
        let decoder = LLDPFrameDecoder()
        let batch = EventBatch()
        let packet = DecodedPacket()
        for round in 0..<4000 {
            let length = Int.random(in: 0..<300, using: &generator)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            // Half the inputs start like a real LLDPDU so the TLV walk goes deep.
            if round % 2 == 0 && length > 12 {
                bytes.replaceSubrange(0..<4, with: [0x02, UInt8.random(in: 0...9, using: &generator), 0x07, 0x41])
            }
            ByteView.with(bytes) { decoder.receive($0, packet: packet, context: PacketContext(), events: batch) }
            if round % 500 == 0 { batch.reset() }
        }
        #expect(batch.emitted == 4000)
    }

    // MARK: corpus

    static let captures = [
        "it/lldp_detailed.pcap", "profinet/Profinet_Failed.pcap", "it/EIP-SoftwareDownloadFailure.pcap",
        "other-ics/bsap/bsap-ip_example.pcap",
    ]

    func corpusEvents(_ relative: String) -> [EventRecord] {
        let path = corpusRoot.appendingPathComponent(relative).path
        let analyzer = CaptureAnalyzer(
            workers: 1, registrations: [LLDPProtocol.registration] + ProtocolCatalog.standard)
        return analyzer.collectEvents([path]).events.filter { $0.protocolName == "lldp" }
    }

    @Test(arguments: captures) func corpusFramesAndFieldsMatchTShark(_ relative: String) throws {
        let path = corpusRoot.appendingPathComponent(relative).path
        guard FileManager.default.fileExists(atPath: path), let table = TSharkTable(path: path + ".tshark.tsv") else {
            Issue.record("missing corpus capture \(relative)")
            return
        }
        let events = corpusEvents(relative)
        let (precision, recall) = agreement(expected: table.frames(carrying: "lldp"), actual: events.map(\.frame))
        print("LLDP \(relative): \(events.count) events, precision \(precision), recall \(recall)")
        #expect(precision >= 0.995 && recall >= 0.995)
        let byFrame = Dictionary(events.map { ($0.frame, $0) }, uniquingKeysWith: { first, _ in first })
        var checked = 0
        for row in table.rows {
            guard let frame = UInt64(row[0]), let event = byFrame[frame] else { continue }
            if let name = table.value(row, "lldp.tlv.system.name") {
                #expect(event.identity["name"] == name, "frame \(frame)")
                checked += 1
            }
            if let port = table.value(row, "lldp.port.id") {
                #expect(event.targetText == "port \(port)", "frame \(frame)")
                checked += 1
            }
            if let chassis = table.value(row, "lldp.chassis.id") {
                // tshark prints a locally assigned chassis id as hex.
                #expect(event.identity["station_name"].map(hexString) == chassis, "frame \(frame)")
                checked += 1
            }
            if let mac = table.value(row, "lldp.chassis.id.mac") {
                // No MAC management address in these captures: the MAC is the chassis id.
                #expect(event.identity["mac"] == mac, "frame \(frame)")
                checked += 1
            }
        }
        print("LLDP \(relative): \(checked) field values compared with tshark")
    }

    /// Values read off `tshark -V` for one frame of each capture.
    @Test func corpusIdentitiesMatchTSharkDetail() {
        let detailed = corpusEvents("it/lldp_detailed.pcap")
        #expect(
            detailed.first?.identity["software"]
                == "Summit300-48 - Version 7.4e.1 (Build 5) by Release_Master 05/27/05 04:53:11")
        #expect(detailed.first?.identity["device_type"] == "bridge,router")
        #expect(detailed.first?.identity["mac"] == "00:01:30:f9:ad:a0")  // an IEEE 802 management address
        #expect(detailed.first?.targetText == "port 1/1")

        let profinet = corpusEvents("profinet/Profinet_Failed.pcap")
        let switchFrame = profinet.first { $0.frame == 3 }
        #expect(switchFrame?.identity["software"] == "Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM")
        #expect(switchFrame?.identity["device_type"] == "station")
        #expect(switchFrame?.identity["ip"] == "0.0.0.0")
        let pc = profinet.first { $0.frame == 2 }
        #expect(pc?.identity["station_name"] == "scada-pc-060839")
        #expect(pc?.identity["software"] == "Dell Inc. OptiPlex 990,01,G22XB2S + HMI")
        #expect(pc?.identity["ip"] == "10.10.10.70")
        #expect(profinet.allSatisfy { $0.anomaly == nil })

        let eip = corpusEvents("it/EIP-SoftwareDownloadFailure.pcap")
        #expect(eip.first?.identity["ip"] == "208.73.217.142")

        let bsap = corpusEvents("other-ics/bsap/bsap-ip_example.pcap")
        #expect(bsap.first?.identity["mac"] == "64:4b:f0:2b:31:71")
        #expect(bsap.first?.targetText == "port 64:4b:f0:2b:31:71")
        #expect(bsap.first { $0.frame == 28 }?.identity["ip"] == "192.168.1.239")
        #expect(bsap.first { $0.frame == 28 }?.targetText == "port g8")
    }
}

/// Every LLDPDU of the corpus (18 captures, 402 frames) against the values tshark reads from it.
@Suite struct LLDPCorpusReferenceTests {
    @Test func everyCorpusLLDPDUMatchesTShark() {
        let rows = tsharkLLDPReference.split(separator: "\n").map {
            $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        }
        var mismatches: [String] = []
        var compared = 0
        for (capture, rows) in Dictionary(grouping: rows, by: { $0[0] }).sorted(by: { $0.key < $1.key }) {
            let path = corpusRoot.appendingPathComponent(capture).path
            let analyzer = CaptureAnalyzer(
                workers: 1, registrations: [LLDPProtocol.registration] + ProtocolCatalog.standard)
            let events = analyzer.collectEvents([path]).events.filter { $0.protocolName == "lldp" }
            let (precision, recall) = agreement(
                expected: rows.compactMap { UInt64($0[1]) }, actual: events.map(\.frame))
            print(
                "LLDP \(capture): \(rows.count) tshark / \(events.count) ours, precision \(precision), recall \(recall)"
            )
            #expect(precision >= 0.995 && recall >= 0.995, "\(capture)")
            let byFrame = Dictionary(events.map { ($0.frame, $0) }, uniquingKeysWith: { first, _ in first })
            for row in rows {
                guard let frame = UInt64(row[1]), let event = byFrame[frame] else { continue }
                func check(_ field: String, _ ours: String?, _ theirs: String) {
                    compared += 1
                    if ours != theirs {
                        mismatches.append("\(capture)#\(frame) \(field): \(ours ?? "nil") ≠ \(theirs)")
                    }
                }
                let (name, description, port, portMAC, chassisSubtype, chassis, _, ipv4, ipv6, _) =
                    (row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9], row[10], row[11])
                if !name.isEmpty { check("name", event.identity["name"], name) }
                if !description.isEmpty { check("software", event.identity["software"], description) }
                if !port.isEmpty { check("port", event.targetText, "port \(port)") }
                if port.isEmpty && !portMAC.isEmpty { check("port", event.targetText, "port \(portMAC)") }
                if chassisSubtype == "7" || chassisSubtype == "6" {
                    check("station_name", event.identity["station_name"].map(hexString), chassis)
                }
                if !ipv4.isEmpty { check("mgmt", event.identity["ip"], ipv4) }
                if ipv4.isEmpty && !ipv6.isEmpty { check("mgmt", event.identity["ip"], ipv6) }
                if event.anomaly != nil { mismatches.append("\(capture)#\(frame) anomaly \(event.anomaly!)") }
            }
        }
        print("LLDP corpus: \(compared) values compared, \(mismatches.count) differ")
        for line in mismatches.prefix(20) { print("  \(line)") }
        #expect(mismatches.isEmpty)
    }
}
