import BinaryParsing
import EtherNetIP
import EventModel
import Testing

@Suite struct EtherNetIPDecoderTests {
    /// RegisterSession request and reply (CIP Vol. 2 §2-4.4).
    @Test func registerSession() {
        let harness = Harness()
        let request: [UInt8] = [
            0x65, 0x00,  // command: RegisterSession
            0x04, 0x00,  // length 4
            0x00, 0x00, 0x00, 0x00,  // session handle (none yet)
            0x00, 0x00, 0x00, 0x00,  // status
            0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,  // sender context
            0x00, 0x00, 0x00, 0x00,  // options
            0x01, 0x00,  // protocol version 1
            0x00, 0x00,  // option flags
        ]
        var reply = request
        reply[4] = 0x00
        reply[5] = 0x01
        reply[6] = 0x02
        reply[7] = 0x11  // session handle 0x11020100
        harness.tcp(request, fromClient: true)
        harness.tcp(reply, fromClient: false)
        #expect(harness.summary == ["1 enip 101 request", "2 enip 101 response"])
        #expect(harness.events.allSatisfy { $0.operation == .session })
        #expect(harness.events[1].result.status == .ok)
        #expect(harness.events[0].functionName.description == "Register Session")
    }

    /// Unconnected Send (class 6) carrying a Logix Read Tag: tshark reports both services.
    @Test func unconnectedSendReadTag() {
        let harness = Harness()
        let cip: [UInt8] = [
            0x52,  // service: Unconnected Send
            0x02,  // path size: 2 words
            0x20, 0x06,  // logical class 0x06 (Connection Manager)
            0x24, 0x01,  // logical instance 1
            0x0A,  // priority / time tick
            0x0E,  // time-out ticks
            0x10, 0x00,  // embedded message size 16
            0x4C,  // embedded service: Read Tag
            0x06,  // path size: 6 words
            0x91, 0x0A,  // ANSI extended symbol, 10 characters
            0x4C, 0x69, 0x6E, 0x65, 0x5F, 0x53, 0x70, 0x65, 0x65, 0x64,  // "Line_Speed"
            0x01, 0x00,  // element count 1
            0x01,  // route path size: 1 word
            0x00,  // reserved
            0x01, 0x00,  // port 1 (backplane), slot 0
        ]
        let reply: [UInt8] = [
            0xCC,  // reply service: Read Tag | 0x80
            0x00,  // reserved
            0x00,  // general status: success
            0x00,  // additional status size
            0xCA, 0x00,  // data type REAL
            0x00, 0x00, 0x48, 0x42,  // 50.0
        ]
        harness.tcp(Wire.sendRRData(cip, context: 7), fromClient: true)
        harness.tcp(Wire.sendRRData(reply, context: 7), fromClient: false)
        #expect(
            harness.summary == [
                "1 enip 111 request", "1 cip 82 request", "1 cip 76 request", "2 enip 111 response",
                "2 cip 76 response",
            ])
        let events = harness.events
        #expect(events[1].target.first == 6 && events[1].functionName.description == "Unconnected_Send")
        #expect(events[2].operation == .read && harness.text(events[2]) == "Line_Speed")
        #expect(events[2].functionName.description == "Read_Tag")
        #expect(events[4].result.status == .ok && events[4].operation == .read)
        #expect(harness.text(events[4]) == "Line_Speed")
    }

    /// A routing error comes back as 0xD2 (Unconnected Send reply) with a general status.
    @Test func unconnectedSendRoutingError() {
        let harness = Harness()
        let cip: [UInt8] = [
            0x52, 0x02, 0x20, 0x06, 0x24, 0x01,  // Unconnected Send to class 6 instance 1
            0x0A, 0x0E,  // priority, time-out ticks
            0x06, 0x00,  // embedded size 6
            0x01, 0x02, 0x20, 0x01, 0x24, 0x01,  // Get_Attributes_All, class 1 instance 1
            0x01, 0x00, 0x01, 0x05,  // route: 1 word, reserved, port 1 slot 5
        ]
        let reply: [UInt8] = [
            0xD2,  // Unconnected Send reply
            0x00,  // reserved
            0x01,  // general status: connection failure
            0x01,  // one word of additional status
            0x04, 0x01,  // extended status 0x0104
            0x00, 0x00,  // remaining path size
        ]
        harness.tcp(Wire.sendRRData(cip), fromClient: true)
        harness.tcp(Wire.sendRRData(reply), fromClient: false)
        let response = harness.events.last!
        #expect(response.function == 0x52 && response.direction == .response)
        #expect(response.result.status == .error && response.result.code == 1)
        #expect(response.result.name.description == "Connection failure")
        #expect(response.target.first == 6)
    }

    /// Multiple Service Packet: one event per embedded service, replies paired by position.
    @Test func multipleServicePacket() {
        let harness = Harness()
        let request: [UInt8] = [
            0x0A,  // Multiple Service Packet
            0x02, 0x20, 0x02, 0x24, 0x01,  // path: class 2 (Message Router), instance 1
            0x02, 0x00,  // service count 2
            0x06, 0x00,  // offset of service 1
            0x0E, 0x00,  // offset of service 2
            0x0E, 0x03, 0x20, 0x01, 0x24, 0x01, 0x30, 0x07,  // Get_Attribute_Single class 1 inst 1 attr 7
            0x10, 0x03, 0x20, 0xF5, 0x24, 0x01, 0x30, 0x05,  // Set_Attribute_Single class 0xF5 inst 1 attr 5
            0x01, 0x02, 0x03, 0x04,  // attribute value
        ]
        let reply: [UInt8] = [
            0x8A, 0x00, 0x1E, 0x00,  // MSP reply, general status: embedded service error
            0x02, 0x00,  // count 2
            0x06, 0x00, 0x0F, 0x00,  // offsets
            0x8E, 0x00, 0x00, 0x00, 0x04, 0x50, 0x4C, 0x43, 0x33,  // Get_Attribute_Single ok, "PLC3"
            0x90, 0x00, 0x0F, 0x00,  // Set_Attribute_Single: privilege violation
        ]
        harness.tcp(Wire.sendUnitData(request, connection: 0x1234, sequence: 9), fromClient: true)
        harness.tcp(Wire.sendUnitData(reply, connection: 0x9876, sequence: 9), fromClient: false)
        #expect(
            harness.summary == [
                "1 enip 112 request", "1 cip 10 request", "1 cip 14 request", "1 cip 16 request",
                "2 enip 112 response", "2 cip 10 response", "2 cip 14 response", "2 cip 16 response",
            ])
        let events = harness.events
        #expect(events[3].operation == .write && events[3].target.first == 0xF5 && events[3].target.third == 5)
        #expect(events[6].target.first == 1 && events[6].target.third == 7)
        #expect(harness.identity(events[6])["product"] == "PLC3")
        #expect(events[7].result.code == 0x0F && events[7].operation == .write && events[7].target.first == 0xF5)
    }

    /// ListIdentity over UDP: broadcast request, reply with the identity item (CIP Vol. 2 §2-4.3).
    @Test func listIdentity() {
        let harness = Harness()
        harness.udp(Wire.encapsulation(command: 0x0063, session: 0, data: []), fromClient: true, broadcast: true)
        let item: [UInt8] =
            [0x01, 0x00]  // encapsulation protocol version 1
            + [0x00, 0x02, 0xAF, 0x12, 0x0A, 0x4D, 0x02, 0x1E, 0, 0, 0, 0, 0, 0, 0, 0]  // sockaddr (BE): AF_INET, 44818, 10.77.2.30
            + [0x01, 0x00]  // vendor 1
            + [0x0E, 0x00]  // device type 14 (PLC)
            + [0x36, 0x00]  // product code 54
            + [0x14, 0x0B]  // revision 20.11
            + [0x60, 0x30]  // status
            + [0x1A, 0x06, 0x6C, 0x00]  // serial 0x006c061a
            + [0x14] + Array("1756-L61/B LOGIX5561".utf8)  // product name
            + [0x03]  // state
        let data: [UInt8] = [0x01, 0x00] + [0x0C, 0x00] + Wire.le16(item.count) + item
        harness.udp(Wire.encapsulation(command: 0x0063, session: 0, data: data), fromClient: false)
        let events = harness.events
        #expect(events.count == 2)
        #expect(events[0].direction == .broadcast && events[0].operation == .discovery)
        #expect(events[1].direction == .response)
        let identity = harness.identity(events[1])
        #expect(identity["vendor_id"] == "1")
        #expect(identity["vendor"] == "Rockwell Automation/Allen-Bradley")
        #expect(identity["device_type"] == "14")
        #expect(identity["product_code"] == "54")
        #expect(identity["firmware"] == "20.11")
        #expect(identity["serial"] == "0x006c061a")
        #expect(identity["product"] == "1756-L61/B LOGIX5561")
    }

    /// Implicit I/O on UDP 2222: CPF only, reported as data without a function code.
    @Test func implicitIO() {
        let harness = Harness()
        let datagram: [UInt8] = [
            0x02, 0x00,  // item count
            0x02, 0x80, 0x08, 0x00,  // sequenced address item, length 8
            0x03, 0x06, 0x4B, 0x00,  // connection id 0x004B0603
            0xDB, 0x94, 0x3F, 0x00,  // sequence number
            0xB1, 0x00, 0x06, 0x00,  // connected data item, length 6
            0xA5, 0x87, 0xE8, 0x0F, 0x03, 0x00,  // I/O data
        ]
        harness.udp(datagram, fromClient: true, ioPort: true)
        #expect(harness.events.count == 1)
        #expect(
            harness.events[0].operation == .data && harness.events[0].function == -1 && harness.events[0].anomaly == nil
        )
        harness.udp([0x05, 0x00, 0x01], fromClient: true, ioPort: true)
        #expect(harness.events[1].anomaly?.kind == EtherNetIPAnomaly.ioMalformed)
    }

    /// Reset and Stop are control; File object transfers are program; NVS transfers are firmware.
    @Test func dangerousOperations() {
        let harness = Harness()
        harness.tcp(Wire.sendRRData([0x05, 0x02, 0x20, 0x01, 0x24, 0x01, 0x00]), fromClient: true)  // Reset identity, type 0
        harness.tcp(Wire.sendRRData([0x07, 0x02, 0x20, 0x8E, 0x24, 0x01]), fromClient: true)  // Stop
        harness.tcp(Wire.sendRRData([0x4F, 0x02, 0x20, 0x37, 0x24, 0x01, 0x00]), fromClient: true)  // File Upload Transfer
        harness.tcp(Wire.sendRRData([0x4D, 0x02, 0x20, 0xA1, 0x24, 0x01, 0x00]), fromClient: true)  // NVS transfer
        harness.tcp(Wire.sendRRData([0x4E, 0x02, 0x20, 0x06, 0x24, 0x01]), fromClient: true)  // Forward Close
        harness.tcp(Wire.sendRRData([0x4E, 0x02, 0x91, 0x02, 0x41, 0x42, 0x00, 0x00]), fromClient: true)  // RMW tag "AB"
        let cip = harness.events.filter { $0.protocolID == .cip }
        #expect(cip.map(\.operation) == [.control, .control, .program, .firmware, .session, .write])
        #expect(cip[4].functionName.description == "Forward_Close")
        #expect(cip[5].functionName.description == "Read_Modify_Write_Tag")
    }

    /// EPATH forms: 16- and 32-bit logical segments, port segment, electronic key.
    @Test func pathForms() {
        let harness = Harness()
        let cip: [UInt8] = [
            0x0E,  // Get_Attribute_Single
            0x0B,  // 11 words
            0x01, 0x00,  // port 1, link 0 (routing: not the target)
            0x34, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // electronic key
            0x21, 0x00, 0x2C, 0x01,  // 16-bit class 0x012C
            0x26, 0x00, 0x78, 0x56, 0x34, 0x12,  // 32-bit instance 0x12345678
        ]
        harness.tcp(Wire.sendRRData(cip), fromClient: true)
        let event = harness.events[1]
        #expect(event.anomaly == nil)
        #expect(event.target.first == 0x012C && event.target.second == 0x1234_5678 && event.target.third == -1)
        // A path size beyond the message is malformed, not a trap.
        harness.tcp(Wire.sendRRData([0x0E, 0x20, 0x20, 0x01]), fromClient: true)
        #expect(harness.events.last?.anomaly?.kind == EtherNetIPAnomaly.pathMalformed)
    }

    /// Unknown commands are reported (as tshark does) and flagged.
    @Test func unknownCommand() {
        let harness = Harness()
        harness.tcp(Wire.encapsulation(command: 0x0001, data: []), fromClient: true)
        #expect(harness.events.count == 1 && harness.events[0].function == 1)
        #expect(harness.events[0].anomaly?.kind == EtherNetIPAnomaly.unknownCommand)
    }

    /// A flood of unanswered requests hits the pending cap: counted, oldest forgotten.
    @Test func pendingCap() {
        let harness = Harness()
        let read: [UInt8] = [0x0E, 0x03, 0x20, 0x01, 0x24, 0x01, 0x30, 0x01]
        for _ in 0..<300 { harness.tcp(Wire.sendRRData(read), fromClient: true) }
        #expect(harness.batch.anomalies.counts[EtherNetIPAnomaly.pendingOverflow] == 300 - 256)
    }

    @Test func probe() {
        ByteView.with(Wire.sendRRData([0x0E, 0x01, 0x20, 0x01])) {
            #expect(EtherNetIPProtocol.probe($0, true) == .match)
        }
        ByteView.with(Array(repeating: 0x41, count: 40)) { #expect(EtherNetIPProtocol.probe($0, true) == .noMatch) }
        ByteView.with([0x65, 0x00]) { #expect(EtherNetIPProtocol.probe($0, true) == .needMoreBytes) }
    }
}

extension ProbeResult: @retroactive Equatable {
    public static func == (lhs: ProbeResult, rhs: ProbeResult) -> Bool {
        switch (lhs, rhs) {
        case (.match, .match), (.noMatch, .noMatch), (.needMoreBytes, .needMoreBytes): true
        default: false
        }
    }
}
