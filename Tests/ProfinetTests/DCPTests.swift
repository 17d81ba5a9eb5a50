import BinaryParsing
import EventModel
import Foundation
import Monitor
import PacketLayers
import Profinet
import Testing

/// PROFINET DCP against annotated frames and against tshark's decoding of the corpus captures.
@Suite struct DCPTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus/profinet")

    /// Runs one Ethernet frame through the layer decoder and the DCP decoder.
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
            DCPFrameDecoder().receive(packet.linkPayload, packet: packet, context: context, events: batch)
        }
        return batch.events.map { EventRecord($0, in: batch) }
    }

    static let ethernet: [UInt8] = [
        0x00, 0x0c, 0x29, 0xba, 0x09, 0xea,  // destination
        0x08, 0x00, 0x06, 0x93, 0xcf, 0x32,  // source (Siemens)
        0x88, 0x92,  // EtherType PROFINET
    ]

    @Test func identifyResponseGivesTheDeviceIdentity() {
        let dcp: [UInt8] = [
            0xfe, 0xff,  // FrameID: Identify response
            0x05, 0x01,  // ServiceID Identify, ServiceType response success
            0x01, 0x00, 0x00, 0x01,  // Xid
            0x00, 0x00,  // reserved
            0x00, 0x2c,  // DCPDataLength 44
            0x02, 0x02, 0x00, 0x0b, 0x00, 0x00,  // NameOfStation, length 11, BlockInfo
            0x78, 0x32, 0x30, 0x38, 0x2d, 0x62, 0x6f, 0x72, 0x64,  // "x208-bord"
            0x00,  // padding to even
            0x02, 0x03, 0x00, 0x06, 0x00, 0x00, 0x00, 0x2a, 0x0a, 0x01,  // DeviceID: vendor 0x002a, device 0x0a01
            0x02, 0x04, 0x00, 0x04, 0x00, 0x00, 0x01, 0x00,  // DeviceRole: IO-Device
            0x02, 0x01, 0x00, 0x04, 0x00, 0x00, 0x53, 0x37,  // TypeOfStation "S7"
        ]
        let events = decode(Self.ethernet + dcp)
        #expect(events.count == 1)
        let event = events[0]
        #expect(event.protocolName == "profinet-dcp")
        #expect(event.function == 5)
        #expect(event.functionName == "Identify")
        #expect(event.direction == "response")
        #expect(event.operation == "discovery")
        #expect(event.identity["station_name"] == "x208-bord")
        #expect(event.identity["vendor_id"] == "0x002a")
        #expect(event.identity["product_code"] == "0x0a01")
        #expect(event.identity["device_type"] == "IO-Device")
        #expect(event.identity["model"] == "S7")
        #expect(event.source == "08:00:06:93:cf:32")
    }

    @Test func setNameOfStationIsAConfigurationWrite() {
        let dcp: [UInt8] = [
            0xfe, 0xfd,  // FrameID: Get/Set
            0x04, 0x00,  // ServiceID Set, request
            0x00, 0x00, 0x00, 0x07,  // Xid
            0x00, 0x00,  // reserved
            0x00, 0x0c,  // DCPDataLength 12
            0x02, 0x02, 0x00, 0x07, 0x00, 0x01,  // NameOfStation, length 7, BlockQualifier permanent
            0x72, 0x6f, 0x67, 0x75, 0x65,  // "rogue"
            0x00,  // padding
        ]
        let events = decode(Self.ethernet + dcp)
        #expect(events.map(\.function) == [4])
        #expect(events[0].operation == "write")
        #expect(events[0].direction == "request")
        #expect(events[0].targetText == "rogue")
        #expect(events[0].identity.isEmpty)
    }

    @Test func factoryResetIsControl() {
        let dcp: [UInt8] = [
            0xfe, 0xfd, 0x04, 0x00, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00,
            0x00, 0x06,  // DCPDataLength 6
            0x05, 0x06, 0x00, 0x02, 0x00, 0x04,  // Control / reset to factory, BlockQualifier
        ]
        let events = decode(Self.ethernet + dcp)
        #expect(events.first?.operation == "control")
        #expect(events.first?.targetText == "factory reset")
    }

    @Test func truncatedAndHostileFramesNeverTrap() {
        var generator = SystemRandomNumberGenerator()
        let header: [UInt8] = Self.ethernet + [0xfe, 0xff, 0x05, 0x01]
        for length in 0..<200 {
            var frame = header
            for _ in 0..<length { frame.append(UInt8.random(in: 0...255, using: &generator)) }
            _ = decode(frame)
            _ = decode(Array(frame.prefix(length)))
        }
    }

    /// Every DCP PDU tshark decodes in the corpus appears with the same service id in the same frame.
    @Test(arguments: ["pn_dcp_identify.pcap", "pn_dcp_ChangeIPUsingDCP.pcap", "Profinet_Failed.pcap"])
    func serviceIDsMatchTshark(capture: String) throws {
        let path = Self.corpus.appendingPathComponent(capture).path
        let (events, _) = CaptureAnalyzer(workers: 1).collectEvents([path])
        let ours = events.filter { $0.protocolName == "profinet-dcp" }.map { "\($0.frame):\($0.function ?? -1)" }
        let tsv = try String(contentsOfFile: path + ".tshark.tsv", encoding: .utf8)
        let lines = tsv.split(separator: "\n")
        let header = lines[0].split(separator: "\t", omittingEmptySubsequences: false)
        var expected: [String] = []
        if let service = header.firstIndex(of: "pn_dcp.service_id") {
            for line in lines.dropFirst() {
                let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
                if service < columns.count, !columns[service].isEmpty {
                    expected.append("\(columns[0]):\(columns[service])")
                }
            }
        } else {
            // Profinet_Failed.tshark.tsv lists protocols per frame instead of DCP fields.
            let protocols = header.firstIndex(of: "frame.protocols")!
            for line in lines.dropFirst() {
                let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
                if columns[protocols].hasSuffix("pn_dcp") { expected.append("\(columns[0])") }
            }
            #expect(events.filter { $0.protocolName == "profinet-dcp" }.map { "\($0.frame)" } == expected)
            return
        }
        #expect(ours == expected)
    }

    @Test func identifyCaptureNamesTheSwitch() throws {
        let path = Self.corpus.appendingPathComponent("pn_dcp_identify.pcap").path
        let (events, _) = CaptureAnalyzer(workers: 1).collectEvents([path])
        let response = try #require(events.first { $0.direction == "response" })
        #expect(response.identity["station_name"] == "X208-BORD")
        #expect(response.identity["vendor_id"] == "0x002a")
        #expect(response.identity["product_code"] == "0x0a01")
    }
}
