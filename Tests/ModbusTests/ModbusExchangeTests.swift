import BinaryParsing
import EventModel
import Modbus
import Testing

/// Request/response pairs from annotated bytes (Application Protocol v1.1b3 §6 examples where it has them).
@Suite struct ModbusExchangeTests {
    /// §6.3 example: read holding registers 108–110 (addresses 107…109) of unit 17.
    static let readHoldingRequest: [UInt8] = [
        0x00, 0x01,  // transaction identifier 1
        0x00, 0x00,  // protocol identifier
        0x00, 0x06,  // length
        0x11,  // unit identifier 17
        0x03,  // function: Read Holding Registers
        0x00, 0x6B,  // starting address 107
        0x00, 0x03,  // quantity of registers 3
    ]
    static let readHoldingResponse: [UInt8] = [
        0x00, 0x01, 0x00, 0x00, 0x00, 0x09, 0x11,  // MBAP: transaction 1, length 9, unit 17
        0x03,  // function
        0x06,  // byte count
        0x02, 0x2B, 0x00, 0x00, 0x00, 0x64,  // register values
    ]

    @Test func readHoldingRegisters() {
        let events = decodeStream([
            Segment(bytes: Self.readHoldingRequest, fromClient: true),
            Segment(bytes: Self.readHoldingResponse, fromClient: false),
        ])
        #expect(events.count == 2)
        #expect(events[0].function == 3)
        #expect(events[0].name == "Read Holding Registers")
        #expect(events[0].direction == .request)
        #expect(events[0].operation == .read)
        #expect(events[0].target == [4, 107, 3, 17])
        #expect(events[0].result == "")
        #expect(events[1].direction == .response)
        #expect(events[1].target == [4, 107, 3, 17])
        #expect(events[1].result == "ok")
        #expect(events[1].anomaly == "")
    }

    @Test func writeMultipleRegisters() {
        // §6.12 example: write 0x000A and 0x0102 to registers 2 and 3 (addresses 1…2).
        let request: [UInt8] = [
            0x00, 0x02, 0x00, 0x00, 0x00, 0x0B, 0x11,  // MBAP: transaction 2, length 11, unit 17
            0x10,  // function: Write Multiple Registers
            0x00, 0x01,  // starting address 1
            0x00, 0x02,  // quantity of registers 2
            0x04,  // byte count
            0x00, 0x0A, 0x01, 0x02,  // register values
        ]
        let response: [UInt8] = [
            0x00, 0x02, 0x00, 0x00, 0x00, 0x06, 0x11,  // MBAP
            0x10,  // function
            0x00, 0x01,  // starting address
            0x00, 0x02,  // quantity of registers
        ]
        let events = decodeStream([
            Segment(bytes: request, fromClient: true), Segment(bytes: response, fromClient: false),
        ])
        #expect(events.map(\.function) == [16, 16])
        #expect(events.map(\.operation) == [.write, .write])
        #expect(events.map(\.target) == [[4, 1, 2, 17], [4, 1, 2, 17]])
        #expect(events[1].result == "ok")
    }

    @Test func diagnosticsRestartCommunications() {
        let request: [UInt8] = [
            0x00, 0x03, 0x00, 0x00, 0x00, 0x06, 0x0A,  // MBAP: transaction 3, length 6, unit 10
            0x08,  // function: Diagnostics
            0x00, 0x01,  // sub-function: Restart Communications Option
            0x00, 0x00,  // data: do not clear the event log
        ]
        let events = decodeStream([
            Segment(bytes: request, fromClient: true), Segment(bytes: request, fromClient: false),
        ])
        #expect(events.map(\.function) == [8, 8])
        #expect(events.map(\.name) == ["Restart Communications Option", "Restart Communications Option"])
        #expect(events.map(\.operation) == [.control, .control])
        #expect(events[1].result == "ok")
    }

    @Test func exceptionResponseReportsTheFunctionWithoutItsHighBit() {
        let request: [UInt8] = [
            0x00, 0x05, 0x00, 0x00, 0x00, 0x06, 0x0A,  // MBAP: transaction 5, unit 10
            0x01,  // function: Read Coils
            0x27, 0x10,  // starting address 10000
            0x00, 0x01,  // quantity 1
        ]
        let response: [UInt8] = [
            0x00, 0x05, 0x00, 0x00, 0x00, 0x03, 0x0A,  // MBAP: length 3
            0x81,  // function 1 with the exception bit (§7)
            0x02,  // exception code: Illegal Data Address
        ]
        let events = decodeStream([
            Segment(bytes: request, fromClient: true), Segment(bytes: response, fromClient: false),
        ])
        #expect(events[1].function == 1)
        #expect(events[1].name == "Read Coils")
        #expect(events[1].result == "2 Illegal Data Address")
        #expect(events[1].target == [0, 10000, 1, 10])
    }

    @Test func exceptionToDiagnosticsKeepsTheRequestsSubFunction() {
        let request: [UInt8] = [0x00, 0x00, 0x00, 0x00, 0x00, 0x06, 0x0A, 0x08, 0x00, 0x04, 0x00, 0x00]
        let response: [UInt8] = [
            0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x0A,  // MBAP
            0x88,  // Diagnostics, exception
            0x0B,  // Gateway Target Device Failed to Respond
        ]
        let events = decodeStream([
            Segment(bytes: request, fromClient: true), Segment(bytes: response, fromClient: false),
        ])
        #expect(events.map(\.name) == ["Force Listen Only Mode", "Force Listen Only Mode"])
        #expect(events[1].function == 8)
        #expect(events[1].result == "11 Gateway Target Device Failed to Respond")
    }

    @Test func readDeviceIdentificationGivesIdentityFacts() {
        let request = adu(
            transaction: 4, unit: 1,
            pdu: [
                0x2B,  // function: Encapsulated Interface Transport
                0x0E,  // MEI type: Read Device Identification
                0x01,  // read device ID code: basic
                0x00,  // object id: VendorName
            ])
        let response = adu(
            transaction: 4, unit: 1,
            pdu: [
                0x2B, 0x0E,  // function, MEI type
                0x01,  // read device ID code
                0x01,  // conformity level: basic, stream access
                0x00,  // more follows: no
                0x00,  // next object id
                0x04,  // number of objects
                0x00, 20,  // VendorName, 20 bytes (padded)
            ] + Array("Schneider Electric  ".utf8) + [
                0x01, 12,  // ProductCode
            ] + Array("BMX P34 2020".utf8) + [
                0x02, 4,  // MajorMinorRevision
            ] + Array("v2.5".utf8) + [
                0x05, 5,  // ModelName
            ] + Array("M340\0".utf8))
        let events = decodeStream([
            Segment(bytes: request, fromClient: true), Segment(bytes: response, fromClient: false),
        ])
        #expect(events.map(\.function) == [43, 43])
        #expect(events.map(\.name) == ["Read Device Identification", "Read Device Identification"])
        #expect(events.map(\.operation) == [.discovery, .discovery])
        #expect(events[0].identity.isEmpty)
        #expect(
            events[1].identity == [
                "vendor=Schneider Electric", "product_code=BMX P34 2020", "firmware=v2.5", "model=M340",
            ])
        #expect(events[1].anomaly == "")
    }

    @Test func truncatedDeviceIdentificationKeepsWhatArrived() {
        let response = adu(
            transaction: 4, unit: 1,
            pdu: [0x2B, 0x0E, 0x01, 0x01, 0x00, 0x00, 0x02, 0x00, 0x03] + Array("ABB".utf8) + [0x01, 0x09, 0x41])
        let events = decodeStream([Segment(bytes: response, fromClient: false)])
        #expect(events[0].identity == ["vendor=ABB"])
        #expect(events[0].anomaly == "modbus.truncated_pdu")
    }

    @Test func reportServerIDKeepsPrintableText() {
        let request: [UInt8] = [0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x0A, 0x11]
        let response: [UInt8] =
            [
                0x00, 0x00, 0x00, 0x00, 0x00, 0x15, 0x0A,  // MBAP: length 21
                0x11,  // function: Report Server ID
                0x12,  // byte count 18
                0x00,  // server ID
                0xFF,  // run indicator status: ON
            ] + Array("Wingpath Limited".utf8)  // additional data
        let events = decodeStream([
            Segment(bytes: request, fromClient: true), Segment(bytes: response, fromClient: false),
        ])
        #expect(events.map(\.function) == [17, 17])
        #expect(events.map(\.operation) == [.diagnostic, .diagnostic])
        #expect(events[1].identity == ["other=Wingpath Limited"])
        let parsed = ByteView.with(Array(response.dropFirst(8))) { ModbusServerIdentification.parse($0)?.isRunning }
        #expect(parsed == true)
    }

    @Test func umasStopPLC() {
        let request: [UInt8] = [
            0x00, 0x06, 0x00, 0x00, 0x00, 0x06, 0x00,  // MBAP: transaction 6, length 6, unit 0
            0x5A,  // function 90: UMAS
            0x01,  // pairing key
            0x41,  // UMAS function: STOP_PLC
            0xFF, 0x00,  // data
        ]
        let response: [UInt8] = [
            0x00, 0x06, 0x00, 0x00, 0x00, 0x04, 0x00,  // MBAP
            0x5A, 0x01,  // function, pairing key
            0xFE,  // status: success
        ]
        let events = decodeStream([
            Segment(bytes: request, fromClient: true), Segment(bytes: response, fromClient: false),
        ])
        #expect(events.map(\.function) == [90, 90])
        #expect(events.map(\.name) == ["STOP_PLC", "STOP_PLC"])
        #expect(events.map(\.operation) == [.control, .control])
        #expect(events[1].result == "ok")
        let failed: [UInt8] = [0x00, 0x06, 0x00, 0x00, 0x00, 0x05, 0x00, 0x5A, 0x01, 0xFD, 0x80]
        let failure = decodeStream([
            Segment(bytes: request, fromClient: true), Segment(bytes: failed, fromClient: false),
        ])
        #expect(failure[1].result == "253 UMAS Error")
    }

    @Test func requestOutsideItsLimitsIsFlagged() {
        // §6.3: at most 125 registers per read.
        let request: [UInt8] = [0x00, 0x07, 0x00, 0x00, 0x00, 0x06, 0x01, 0x03, 0x00, 0x00, 0x00, 0x7E]
        #expect(decodeStream([Segment(bytes: request, fromClient: true)])[0].anomaly == "modbus.quantity_out_of_range")
        // §6.5: a coil is written with 0x0000 or 0xFF00 only.
        let coil: [UInt8] = [0x00, 0x08, 0x00, 0x00, 0x00, 0x06, 0x01, 0x05, 0x00, 0x01, 0x12, 0x34]
        #expect(decodeStream([Segment(bytes: coil, fromClient: true)])[0].anomaly == "modbus.invalid_coil_value")
    }

    @Test func unsolicitedResponseOnlyAfterRequests() {
        // A capture that starts mid-stream: a response without its request is normal.
        let alone = decodeStream([Segment(bytes: Self.readHoldingResponse, fromClient: false)])
        #expect(alone.count == 1)
        #expect(alone[0].function == 3)
        #expect(alone[0].anomaly == "")
        #expect(alone[0].target == [])
        // Once requests have been seen, a response nobody asked for is out of protocol.
        var other = Self.readHoldingRequest
        other[1] = 0x09  // transaction 9
        let events = decodeStream([
            Segment(bytes: other, fromClient: true), Segment(bytes: Self.readHoldingResponse, fromClient: false),
        ])
        #expect(events[1].anomaly == "modbus.unsolicited_response")
    }

    @Test func responsesPairByUnitAndTransaction() {
        var second = Self.readHoldingRequest
        second[6] = 0x12  // unit 18, same transaction
        second[9] = 0x00  // address 0
        var secondResponse = Self.readHoldingResponse
        secondResponse[6] = 0x12
        let events = decodeStream([
            Segment(bytes: Self.readHoldingRequest + second, fromClient: true),
            Segment(bytes: secondResponse + Self.readHoldingResponse, fromClient: false),
        ])
        #expect(events.map(\.target) == [[4, 107, 3, 17], [4, 0, 3, 18], [4, 0, 3, 18], [4, 107, 3, 17]])
        #expect(events.allSatisfy { $0.anomaly.isEmpty })
    }

    @Test func requestFloodDropsTheOldest() {
        let decoder = ModbusStreamDecoder()
        var segments: [Segment] = []
        for transaction in 0..<300 {
            segments.append(
                Segment(
                    bytes: adu(transaction: UInt16(transaction), unit: 1, pdu: [0x03, 0x00, 0x00, 0x00, 0x01]),
                    fromClient: true))
        }
        let events = decodeStream(segments, decoder: decoder)
        #expect(events.filter { $0.anomaly == "modbus.request_flood" }.count == 300 - 256)
        #expect(decoder.pendingRequestCount == 256)
    }

    @Test func umasReadIDGivesTheCPUReference() {
        let request: [UInt8] = [
            0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00,  // MBAP: transaction 0, length 4, unit 0
            0x5A, 0x00,  // function 90, pairing key
            0x02,  // UMAS function: READ_ID
        ]
        // modicon_test.pcap frame 6: binary fields, then the length-prefixed CPU reference.
        let response = adu(
            transaction: 0, unit: 0,
            pdu: [
                0x5A, 0x00,  // function, pairing key
                0xFE,  // status: success
                0x10, 0xFF, 0x5A, 0x01, 0x01, 0x00, 0x00, 0x00, 0x70, 0x02, 0x00, 0x00, 0x27, 0x00, 0x09, 0x00,
                0x08, 0x00, 0x00, 0x00, 0x00, 0x00,
                0x0E,  // length 14
            ] + Array("140 CPU 311 10".utf8) + [0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x11, 0x00])
        let events = decodeStream([
            Segment(bytes: request, fromClient: true), Segment(bytes: response, fromClient: false),
        ])
        #expect(events.map(\.name) == ["READ_ID", "READ_ID"])
        #expect(events.map(\.operation) == [.discovery, .discovery])
        #expect(events[1].identity == ["model=140 CPU 311 10"])
    }
}
