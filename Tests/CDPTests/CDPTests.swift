import BinaryParsing
import CDP
import CorpusTestSupport
import EventModel
import Foundation
import Monitor
import PacketLayers
import Testing

/// CDP against annotated frames and against tshark's decoding of the corpus captures.
@Suite struct CDPTests {
    /// Runs one 802.3 frame through the layer decoder and the CDP decoder.
    func decode(_ cdp: [UInt8]) -> [EventRecord] {
        let llc: [UInt8] = [
            0xaa, 0xaa, 0x03,  // LLC: SNAP
            0x00, 0x00, 0x0c, 0x20, 0x00,  // SNAP: OUI Cisco, protocol id 0x2000 (CDP)
        ]
        let length = UInt16(llc.count + cdp.count)
        let frame: [UInt8] =
            [
                0x01, 0x00, 0x0c, 0xcc, 0xcc, 0xcc,  // destination: CDP multicast
                0x00, 0x0b, 0xbe, 0x18, 0x9a, 0x41,  // source
                UInt8(length >> 8), UInt8(length & 0xff),  // 802.3 length
            ] + llc + cdp
        let batch = EventBatch()
        ByteView.with(frame) { view in
            var packet = DecodedPacket()
            LayerDecoder.decode(view, linkType: 1, into: &packet)
            #expect(packet.etherType == CDPProtocol.snapProtocolID)
            var context = PacketContext()
            context.frame = 1
            context.sourceMAC = packet.sourceMAC
            context.destinationMAC = packet.destinationMAC
            context.hasMACs = true
            CDPFrameDecoder().receive(packet.linkPayload, packet: packet, context: context, events: batch)
        }
        return batch.events.map { EventRecord($0, in: batch) }
    }

    static let message: [UInt8] = [
        0x02, 0xb4, 0x00, 0x00,  // version 2, TTL 180, checksum (not checked)
        0x00, 0x01, 0x00, 0x0c, 0x6d, 0x79, 0x73, 0x77, 0x69, 0x74, 0x63, 0x68,  // Device ID "myswitch"
        0x00, 0x02, 0x00, 0x11,  // Addresses, length 17
        0x00, 0x00, 0x00, 0x01,  // one address
        0x01, 0x01, 0xcc,  // protocol type NLPID, length 1, IP
        0x00, 0x04, 0xc0, 0xa8, 0x00, 0xfd,  // address length 4, 192.168.0.253
        0x00, 0x03, 0x00, 0x0a, 0x46, 0x61, 0x30, 0x2f, 0x31, 0x00,  // Port ID "Fa0/1" (NUL-terminated)
        0x00, 0x04, 0x00, 0x08, 0x00, 0x00, 0x00, 0x28,  // Capabilities: switch, IGMP
        0x00, 0x05, 0x00, 0x23,  // Software Version, length 35
        0x49, 0x4f, 0x53, 0x20, 0x28, 0x74, 0x6d, 0x29, 0x2c, 0x20,  // "IOS (tm), "
        0x56, 0x65, 0x72, 0x73, 0x69, 0x6f, 0x6e, 0x20,  // "Version "
        0x31, 0x32, 0x2e, 0x31, 0x28, 0x32, 0x32, 0x29, 0x0a,  // "12.1(22)\n"
        0x78, 0x78, 0x78, 0x78,  // "xxxx"
        0x00, 0x06, 0x00, 0x09, 0x57, 0x53, 0x2d, 0x43, 0x32,  // Platform "WS-C2"
        0x00, 0x0a, 0x00, 0x06, 0x00, 0x01,  // Native VLAN 1
        0x00, 0x0b, 0x00, 0x05, 0x01,  // Duplex full
    ]

    @Test func cdpMessageGivesTheDeviceIdentity() {
        let events = decode(Self.message)
        #expect(events.count == 1)
        let event = events[0]
        #expect(event.protocolName == "cdp")
        #expect(event.function == nil)
        #expect(event.functionName == "CDP")
        #expect(event.direction == "broadcast")
        #expect(event.operation == "discovery")
        #expect(event.identity["name"] == "myswitch")
        #expect(event.identity["model"] == "WS-C2")
        #expect(event.identity["software"] == "IOS (tm), Version 12.1(22)")
        #expect(event.identity["firmware"] == "12.1(22)")
        #expect(event.identity["device_type"] == "switch,igmp")
        #expect(event.identity["ip"] == "192.168.0.253")
        #expect(event.targetText == "port Fa0/1")
        #expect(event.identity["other"] == "port Fa0/1")
        #expect(event.anomaly == nil)
    }

    @Test func malformedMessagesAreFlagged() {
        #expect(decode([0x02, 0xb4]).first?.anomaly == "cdp.truncated")
        #expect(decode([0x07, 0xb4, 0x00, 0x00]).first?.anomaly == "cdp.bad_version")
        // Device ID claims 64 bytes, 4 remain.
        #expect(
            decode([0x02, 0xb4, 0x00, 0x00, 0x00, 0x01, 0x00, 0x40, 0x41, 0x42, 0x43, 0x44]).first?.anomaly
                == "cdp.tlv_overrun")
        // TLV length below its own header.
        #expect(decode([0x02, 0xb4, 0x00, 0x00, 0x00, 0x01, 0x00, 0x02]).first?.anomaly == "cdp.bad_tlv_length")
        // Addresses: the count says 1000, one address present.
        let addresses: [UInt8] = [
            0x02, 0xb4, 0x00, 0x00, 0x00, 0x02, 0x00, 0x11, 0x00, 0x00, 0x03, 0xe8, 0x01, 0x01, 0x00, 0x00, 0x04, 1, 2,
            3, 4,
        ]
        #expect(decode(addresses).first?.anomaly == "cdp.tlv_overrun")
    }

    @Test func randomGarbageNeverTraps() {
        var generator = SeededGenerator(state: 0xCD9)
        let decoder = CDPFrameDecoder()
        let batch = EventBatch()
        let packet = DecodedPacket()
        for round in 0..<4000 {
            let length = Int.random(in: 0..<300, using: &generator)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if round % 2 == 0 && length > 8 {
                bytes.replaceSubrange(
                    0..<6, with: [0x02, 0xb4, 0x00, 0x00, 0x00, UInt8.random(in: 0...0x16, using: &generator)])
            }
            ByteView.with(bytes) { decoder.receive($0, packet: packet, context: PacketContext(), events: batch) }
            if round % 500 == 0 { batch.reset() }
        }
        #expect(batch.emitted == 4000)
    }

    // MARK: corpus

    static let captures = ["it/cdp_v2.pcap", "it/EIP-SoftwareDownloadFailure.pcap"]

    func corpusEvents(_ relative: String) -> [EventRecord] {
        let path = corpusRoot.appendingPathComponent(relative).path
        let analyzer = CaptureAnalyzer(workers: 1, registrations: [CDPProtocol.registration] + ProtocolCatalog.standard)
        return analyzer.collectEvents([path]).events.filter { $0.protocolName == "cdp" }
    }

    @Test(arguments: captures) func corpusFramesAndFieldsMatchTShark(_ relative: String) {
        let path = corpusRoot.appendingPathComponent(relative).path
        guard FileManager.default.fileExists(atPath: path), let table = TSharkTable(path: path + ".tshark.tsv") else {
            Issue.record("missing corpus capture \(relative)")
            return
        }
        let events = corpusEvents(relative)
        let (precision, recall) = agreement(expected: table.frames(carrying: "cdp"), actual: events.map(\.frame))
        print("CDP \(relative): \(events.count) events, precision \(precision), recall \(recall)")
        #expect(precision >= 0.995 && recall >= 0.995)
        let byFrame = Dictionary(events.map { ($0.frame, $0) }, uniquingKeysWith: { first, _ in first })
        var checked = 0
        for row in table.rows {
            guard let frame = UInt64(row[0]), let event = byFrame[frame] else { continue }
            if let name = table.value(row, "cdp.deviceid") {
                #expect(event.identity["name"] == name, "frame \(frame)")
                checked += 1
            }
            if let platform = table.value(row, "cdp.platform") {
                #expect(event.identity["model"] == platform, "frame \(frame)")
                checked += 1
            }
            #expect(event.anomaly == nil, "frame \(frame)")
        }
        print("CDP \(relative): \(checked) field values compared with tshark")
        #expect(checked > 0)
    }

    /// Values read off `tshark -V -O cdp`.
    @Test func corpusIdentitiesMatchTSharkDetail() {
        let cisco = corpusEvents("it/cdp_v2.pcap").first
        #expect(cisco?.identity["software"] == "Cisco Internetwork Operating System Software ")
        #expect(cisco?.identity["firmware"] == "12.1(22)EA14")
        #expect(cisco?.identity["device_type"] == "switch,igmp")
        #expect(cisco?.identity["ip"] == "192.168.0.253")
        #expect(cisco?.targetText == "port FastEthernet0/1")

        let ce500 = corpusEvents("it/EIP-SoftwareDownloadFailure.pcap").first
        #expect(ce500?.frame == 38)
        #expect(ce500?.identity["name"] == "Ns5gt")
        #expect(
            ce500?.identity["software"]
                == "Cisco IOS Software, CE500 Software (CE500-LANBASE-M), Version 12.2(25)SEG4, RELEASE SOFTWARE (fc1)")
        #expect(ce500?.identity["firmware"] == "12.2(25)SEG4")
        #expect(ce500?.identity["ip"] == "192.168.10.253")
        #expect(ce500?.targetText == "port GigabitEthernet1")
    }
}

/// Every CDP message of the corpus against the values tshark reads from it.
@Suite struct CDPCorpusReferenceTests {
    @Test func everyCorpusCDPMessageMatchesTShark() {
        let rows = tsharkCDPReference.split(separator: "\n").map {
            $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        }
        var mismatches: [String] = []
        var compared = 0
        for (capture, rows) in Dictionary(grouping: rows, by: { $0[0] }).sorted(by: { $0.key < $1.key }) {
            let path = corpusRoot.appendingPathComponent(capture).path
            let analyzer = CaptureAnalyzer(
                workers: 1, registrations: [CDPProtocol.registration] + ProtocolCatalog.standard)
            let events = analyzer.collectEvents([path]).events.filter { $0.protocolName == "cdp" }
            let (precision, recall) = agreement(
                expected: rows.compactMap { UInt64($0[1]) }, actual: events.map(\.frame))
            print(
                "CDP \(capture): \(rows.count) tshark / \(events.count) ours, precision \(precision), recall \(recall)")
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
                if !row[2].isEmpty { check("name", event.identity["name"], row[2]) }
                if !row[3].isEmpty { check("model", event.identity["model"], row[3]) }
                if !row[4].isEmpty { check("port", event.targetText, "port \(row[4])") }
                if event.anomaly != nil { mismatches.append("\(capture)#\(frame) anomaly \(event.anomaly!)") }
            }
        }
        print("CDP corpus: \(compared) values compared, \(mismatches.count) differ")
        for line in mismatches.prefix(20) { print("  \(line)") }
        #expect(mismatches.isEmpty)
    }
}
