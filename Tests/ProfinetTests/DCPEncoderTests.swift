import BinaryParsing
import CorpusTestSupport
import EventModel
import Monitor
import PacketLayers
import Profinet
import Testing

@Suite struct DCPEncoderTests {
    static let controller = MACAddress("00:0c:29:ba:09:ea")!
    static let device = MACAddress("08:00:06:93:cf:32")!
    static let x208 = DCPEncoder.DeviceIdentity(
        nameOfStation: "X208-BORD", deviceVendor: "INC", vendorID: 0x002a, deviceID: 0x0a01,
        role: DCPEncoder.DeviceRole.ioDevice, ipAddress: IPAddress(ipv4: 0xC0A8_0006),
        subnetMask: IPAddress(ipv4: 0xFFFF_FF00), gateway: IPAddress(ipv4: 0xC0A8_0001))

    static func bytes(of mac: MACAddress) -> [UInt8] {
        (0..<6).map { UInt8(truncatingIfNeeded: mac.rawValue >> UInt64(40 - 8 * $0)) }
    }

    /// Ethernet header + DCP PDU, padded to 60 bytes.
    static func frame(_ pdu: [UInt8], from source: MACAddress, to destination: MACAddress) -> [UInt8] {
        let bytes = Self.bytes(of: destination) + Self.bytes(of: source) + [0x88, 0x92] + pdu
        return bytes + [UInt8](repeating: 0, count: max(0, 60 - bytes.count))
    }

    func decode(_ frames: [[UInt8]]) -> [EventRecord] {
        let batch = EventBatch()
        let decoder = DCPFrameDecoder()
        for frame in frames {
            ByteView.with(frame) { view in
                var packet = DecodedPacket()
                LayerDecoder.decode(view, linkType: 1, into: &packet)
                var context = PacketContext()
                context.frame = 1
                context.sourceMAC = packet.sourceMAC
                context.destinationMAC = packet.destinationMAC
                context.hasMACs = true
                decoder.receive(packet.linkPayload, packet: packet, context: context, events: batch)
            }
        }
        return batch.events.map { EventRecord($0, in: batch) }
    }

    @Test func matchesTheCorpusExchange() {
        // profinet/pn_dcp_identify.pcap frames 1-4, after the Ethernet header (without its padding).
        #expect(
            DCPEncoder.identifyAllRequest(xid: 0x0100_0001) == [
                0xfe, 0xfe, 0x05, 0x00, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x04, 0xff, 0xff, 0x00, 0x00,
            ])
        let response: [UInt8] = [
            0xfe, 0xff, 0x05, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x5e,
            0x02, 0x05, 0x00, 0x1c, 0x00, 0x00,  // DeviceOptions, 13 pairs
            0x01, 0x01, 0x01, 0x02, 0x02, 0x01, 0x02, 0x02, 0x02, 0x03, 0x02, 0x04, 0x02, 0x05, 0x03, 0x3d,
            0x05, 0x01, 0x05, 0x02, 0x05, 0x03, 0x05, 0x04, 0xff, 0xff,
            0x02, 0x01, 0x00, 0x05, 0x00, 0x00, 0x49, 0x4e, 0x43, 0x00,  // DeviceVendorValue "INC" + pad
            0x02, 0x02, 0x00, 0x0b, 0x00, 0x00, 0x58, 0x32, 0x30, 0x38, 0x2d, 0x42, 0x4f, 0x52, 0x44, 0x00,
            0x02, 0x03, 0x00, 0x06, 0x00, 0x00, 0x00, 0x2a, 0x0a, 0x01,  // DeviceID
            0x02, 0x04, 0x00, 0x04, 0x00, 0x00, 0x01, 0x00,  // DeviceRole IO-Device
            0x01, 0x02, 0x00, 0x0e, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0x06, 0xff, 0xff, 0xff, 0x00, 0xc0, 0xa8, 0x00, 0x01,
        ]
        #expect(DCPEncoder.identifyResponse(xid: 0x0100_0001, identity: Self.x208) == response)
        #expect(
            DCPEncoder.setIPRequest(
                xid: 0x0100_0001, ipAddress: IPAddress(ipv4: 0xC0A8_000A), subnetMask: IPAddress(ipv4: 0xFFFF_FF00),
                gateway: IPAddress(ipv4: 0xC0A8_0001)) == [
                    0xfe, 0xfd, 0x04, 0x00, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x12, 0x01, 0x02, 0x00, 0x0e,
                    0x00, 0x01, 0xc0, 0xa8, 0x00, 0x0a, 0xff, 0xff, 0xff, 0x00, 0xc0, 0xa8, 0x00, 0x01,
                ])
        #expect(
            DCPEncoder.setResponse(xid: 0x0100_0001, option: 1, suboption: 2) == [
                0xfe, 0xfd, 0x04, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x08, 0x05, 0x04, 0x00, 0x03,
                0x01, 0x02, 0x00, 0x00,
            ])
    }

    @Test func roundTripThroughTheDecoder() {
        let identity = DCPEncoder.DeviceIdentity(
            nameOfStation: "plc-line1", deviceVendor: "S7-1500", vendorID: 0x002a, deviceID: 0x010e,
            role: DCPEncoder.DeviceRole.ioController, ipAddress: IPAddress(ipv4: 0x0A00_000A),
            subnetMask: IPAddress(ipv4: 0xFFFF_FF00))
        let events = decode([
            Self.frame(
                DCPEncoder.identifyAllRequest(xid: 7), from: Self.controller, to: DCPEncoder.identifyMulticast),
            Self.frame(
                DCPEncoder.identifyResponse(xid: 7, identity: identity, deviceOptions: []), from: Self.device,
                to: Self.controller),
            Self.frame(
                DCPEncoder.setNameOfStationRequest(xid: 8, nameOfStation: "rogue"), from: Self.controller,
                to: Self.device),
            Self.frame(
                DCPEncoder.setIPRequest(
                    xid: 9, ipAddress: IPAddress(ipv4: 0x0A00_0063), subnetMask: IPAddress(ipv4: 0xFFFF_FF00),
                    gateway: IPAddress(ipv4: 0)), from: Self.controller, to: Self.device),
            Self.frame(DCPEncoder.setResponse(xid: 9, option: 1, suboption: 2), from: Self.device, to: Self.controller),
        ])
        #expect(events.map(\.function) == [5, 5, 4, 4, 4])
        #expect(events.map(\.direction) == ["broadcast", "response", "request", "request", "response"])
        #expect(events.map(\.operation) == ["discovery", "discovery", "write", "write", "write"])
        #expect(
            events[1].identity == [
                "station_name": "plc-line1", "model": "S7-1500", "vendor_id": "0x002a", "product_code": "0x010e",
                "device_type": "IO-Controller",
            ])
        #expect(events[2].targetText == "rogue")
        #expect(events[3].targetText == "ip 10.0.0.99")
        #expect(events[4].resultStatus == .ok)
        #expect(events.allSatisfy { $0.anomaly == nil })
    }

    @Test func tsharkDecodesTheExchangeCleanly() throws {
        guard TSharkCheck.isAvailable else {
            print("skipped: /usr/bin/tshark is missing")
            return
        }
        var capture = TestCapture()
        capture.addEthernet(
            source: Self.bytes(of: Self.controller), destination: Self.bytes(of: DCPEncoder.identifyMulticast),
            etherType: DCPEncoder.etherType, payload: DCPEncoder.identifyAllRequest(xid: 7))
        capture.addEthernet(
            source: Self.bytes(of: Self.device), destination: Self.bytes(of: Self.controller),
            etherType: DCPEncoder.etherType, payload: DCPEncoder.identifyResponse(xid: 7, identity: Self.x208))
        let path = try TSharkCheck.write(capture, name: "dcp")
        defer { TSharkCheck.remove(path) }
        #expect(try TSharkCheck.problems(path) == [])
        let rows = try TSharkCheck.fields(path, ["pn_dcp.service_id", "pn_dcp.suboption_device_nameofstation"])
        #expect(rows.map { $0[0] } == ["5", "5"])
        #expect(rows[1][1] == "X208-BORD")
    }
}
