import BinaryParsing
import EventModel
import Testing

@testable import S7Comm

@Suite struct S7JobTests {
    @Test func setupCommunicationJobAndAckData() {
        let job: [UInt8] = [
            0x03, 0x00, 0x00, 0x19,  // TPKT, length 25
            0x02, 0xF0, 0x80,  // COTP DT, EOT
            0x32, 0x01,  // S7 protocol id, ROSCTR job
            0x00, 0x00,  // redundancy id
            0x00, 0x00,  // PDU reference 0
            0x00, 0x08,  // parameter length 8
            0x00, 0x00,  // data length 0
            0xF0, 0x00,  // setup communication, reserved
            0x00, 0x01, 0x00, 0x01,  // max AmQ calling / called
            0x01, 0xE0,  // PDU length 480
        ]
        let ackData: [UInt8] = [
            0x03, 0x00, 0x00, 0x1B,  // TPKT, length 27
            0x02, 0xF0, 0x80,  // COTP DT
            0x32, 0x03, 0x00, 0x00,  // ack-data
            0x00, 0x00,  // PDU reference 0
            0x00, 0x08, 0x00, 0x00,  // parameter length 8, data length 0
            0x00, 0x00,  // error class, error code
            0xF0, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0xF0,  // setup: PDU length 240
        ]
        let harness = S7Harness()
        harness.send(job, fromClient: true)
        harness.send(ackData, fromClient: false)
        #expect(harness.events.count == 2)
        let (request, response) = (harness.events[0], harness.events[1])
        #expect(request.protocolID == .s7comm)
        #expect(request.function == 0xF0)
        #expect(request.functionName.description == "Setup communication")
        #expect(request.operation == .session)
        #expect(request.direction == .request)
        #expect(request.result.status == .absent)
        #expect(response.function == 0xF0)
        #expect(response.direction == .response)
        #expect(response.result.status == .ok)
        #expect(request.anomaly == nil && response.anomaly == nil)
    }

    /// Read Var with two S7ANY items: DB1.DBB0 ×4 bytes, then M10.0 (one bit).
    static let readVarParameters: [UInt8] = [
        0x04, 0x02,  // read var, item count 2
        0x12, 0x0A, 0x10,  // variable specification, length 10, syntax S7ANY
        0x02, 0x00, 0x04,  // transport size BYTE, length 4
        0x00, 0x01, 0x84,  // DB 1, area DB
        0x00, 0x00, 0x00,  // address: byte 0, bit 0
        0x12, 0x0A, 0x10,  // second item
        0x01, 0x00, 0x01,  // transport size BIT, length 1
        0x00, 0x00, 0x83,  // DB 0, area M (flags)
        0x00, 0x00, 0x50,  // address 0x50: byte 10, bit 0
    ]

    @Test func readVarRequestWithTwoItemsAndAckData() {
        let harness = S7Harness()
        harness.send(s7PDU(rosctr: 1, reference: 0x0100, parameters: Self.readVarParameters), fromClient: true)
        let data: [UInt8] = [
            0xFF, 0x04, 0x00, 0x20,  // item 1: success, BYTE/WORD/DWORD, 32 bits
            0xDE, 0xAD, 0xBE, 0xEF,  // value
            0xFF, 0x03, 0x00, 0x01,  // item 2: success, BIT, 1 bit
            0x01,  // value
        ]
        harness.send(s7PDU(rosctr: 3, reference: 0x0100, parameters: [0x04, 0x02], data: data), fromClient: false)
        #expect(harness.events.count == 2)
        for event in harness.events {
            #expect(event.function == 0x04)
            #expect(event.functionName.description == "Read Var")
            #expect(event.operation == .read)
            #expect(event.target.kind == .s7Address)
            #expect(event.target.first == 0x84)
            #expect(event.target.second == 1)
            #expect(event.target.third == 0)
            #expect(event.target.fourth == 4)
            #expect(harness.text(event.target.text) == "items=2")
        }
        #expect(harness.events[1].result.status == .ok)
    }

    @Test func readVarItemFailureIsTheResult() {
        let harness = S7Harness()
        harness.send(s7PDU(rosctr: 1, reference: 7, parameters: Self.readVarParameters), fromClient: true)
        let data: [UInt8] = [
            0xFF, 0x04, 0x00, 0x08, 0x2A,  // item 1: success, 8 bits, value
            0x00,  // fill byte (odd length, not the last item)
            0x0A, 0x00, 0x00, 0x00,  // item 2: object does not exist
        ]
        harness.send(s7PDU(rosctr: 3, reference: 7, parameters: [0x04, 0x02], data: data), fromClient: false)
        let response = harness.events[1]
        #expect(response.result.status == .error)
        #expect(response.result.code == 0x0A)
        #expect(response.result.name.description == "Object does not exist")
    }

    @Test func writeVarIsAWrite() {
        let parameters: [UInt8] = [
            0x05, 0x01,  // write var, 1 item
            0x12, 0x0A, 0x10, 0x02, 0x00, 0x02,  // S7ANY, BYTE ×2
            0x00, 0x05, 0x84, 0x00, 0x00, 0x40,  // DB5, byte 8
        ]
        let data: [UInt8] = [0x00, 0x04, 0x00, 0x10, 0x12, 0x34]  // reserved, BYTE, 16 bits, value
        let harness = S7Harness()
        harness.send(s7PDU(rosctr: 1, reference: 9, parameters: parameters, data: data), fromClient: true)
        harness.send(s7PDU(rosctr: 3, reference: 9, parameters: [0x05, 0x01], data: [0xFF]), fromClient: false)
        #expect(harness.events.map(\.operation) == [.write, .write])
        #expect(harness.events[0].target.second == 5)
        #expect(harness.events[0].target.third == 8)
        #expect(harness.events[1].result.status == .ok)
    }

    @Test func plcStopIsControl() {
        let parameters: [UInt8] =
            [
                0x29,  // PLC stop
                0x00, 0x00, 0x00, 0x00, 0x00,  // unknown
                0x09,  // service name length
            ] + Array("P_PROGRAM".utf8)
        let harness = S7Harness()
        harness.send(s7PDU(rosctr: 1, reference: 0x0300, parameters: parameters), fromClient: true)
        harness.send(s7PDU(rosctr: 3, reference: 0x0300, parameters: [0x29]), fromClient: false)
        let request = harness.events[0]
        #expect(request.function == 0x29)
        #expect(request.functionName.description == "PLC Stop")
        #expect(request.operation == .control)
        #expect(request.target.kind == .text)
        #expect(harness.text(request.target.text) == "P_PROGRAM")
        let response = harness.events[1]
        #expect(response.operation == .control)
        #expect(harness.text(response.target.text) == "P_PROGRAM")
        #expect(response.result.status == .ok)
    }

    @Test func startUploadNamesTheBlockAndUploadFollowsIt() {
        let startUpload: [UInt8] =
            [
                0x1D,  // start upload
                0x00,  // function status
                0x00, 0x00,  // unknown
                0x00, 0x00, 0x00, 0x00,  // upload id
                0x09,  // filename length
            ] + Array("_0A00001A".utf8)  // "_", block type "0A" (DB), number 00001, file system A
        let harness = S7Harness()
        harness.send(s7PDU(rosctr: 1, reference: 0x0400, parameters: startUpload), fromClient: true)
        let ackParameters: [UInt8] =
            [
                0x1D, 0x00, 0x01, 0x00,  // start upload, status, unknown
                0x00, 0x00, 0x00, 0x07,  // upload id 7
                0x07,  // length of the block length string
            ] + Array("0000256".utf8)
        harness.send(s7PDU(rosctr: 3, reference: 0x0400, parameters: ackParameters), fromClient: false)
        let upload: [UInt8] = [0x1E, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07]  // upload, id 7
        harness.send(s7PDU(rosctr: 1, reference: 0x0401, parameters: upload), fromClient: true)
        #expect(harness.events.map(\.function) == [0x1D, 0x1D, 0x1E])
        for event in harness.events {
            #expect(event.operation == .program)
            #expect(event.target.kind == .s7Block)
            #expect(event.target.first == Int64(S7BlockType.dataBlock))
            #expect(event.target.second == 1)
        }
        #expect(harness.events[0].functionName.description == "Start upload")
        #expect(harness.events[2].functionName.description == "Upload")
    }

    @Test func rejectedDownloadIsAnErrorAckNamingTheJob() {
        let requestDownload: [UInt8] =
            [
                0x1A, 0x00, 0x01, 0x00,  // request download, status, unknown
                0x00, 0x00, 0x00, 0x00,  // id
                0x09,  // filename length
            ] + Array("_0800003P".utf8) + [0x0D] + Array("1000088000044".utf8)  // OB 3; load/MC7 lengths
        let harness = S7Harness()
        harness.send(s7PDU(rosctr: 1, reference: 5, parameters: requestDownload), fromClient: true)
        // Ack (ROSCTR 2): no parameters; error class 0x81, code 0x04.
        harness.send(
            s7PDU(rosctr: 2, reference: 5, parameters: [], errorClass: 0x81, errorCode: 0x04), fromClient: false)
        let (request, response) = (harness.events[0], harness.events[1])
        #expect(request.function == 0x1A)
        #expect(request.target.kind == .s7Block)
        #expect(request.target.first == Int64(S7BlockType.organizationBlock))
        #expect(request.target.second == 3)
        #expect(response.function == -1)  // tshark: no s7comm.param.func on an ack
        #expect(response.functionName.description == "Request download")
        #expect(response.operation == .program)
        #expect(response.target.second == 3)
        #expect(response.result.status == .error)
        #expect(response.result.code == 0x8104)
    }

    @Test func piServiceInsertIsProgramAndHotStartIsControl() {
        func piService(_ block: [UInt8], _ name: String) -> [UInt8] {
            [0x28, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFD]  // PI service, 7 unknown bytes
                + be16(block.count) + block  // parameter block
                + [UInt8(name.utf8.count)] + Array(name.utf8)  // service name
        }
        let harness = S7Harness()
        let insert = piService([0x00, 0x01] + Array("0E00010P".utf8), "_INSE")  // one block: FB 10
        harness.send(s7PDU(rosctr: 1, reference: 1, parameters: insert), fromClient: true)
        harness.send(s7PDU(rosctr: 1, reference: 2, parameters: piService([], "P_PROGRAM")), fromClient: true)
        harness.send(s7PDU(rosctr: 3, reference: 2, parameters: [0x28]), fromClient: false)
        #expect(harness.events.map(\.operation) == [.program, .control, .control])
        #expect(harness.events[0].target.kind == .s7Block)
        #expect(harness.events[0].target.first == Int64(S7BlockType.functionBlock))
        #expect(harness.events[0].target.second == 10)
        #expect(harness.text(harness.events[0].target.text) == "_INSE")
        #expect(harness.text(harness.events[1].target.text) == "P_PROGRAM")
        #expect(harness.text(harness.events[2].target.text) == "P_PROGRAM")
        #expect(harness.events[2].functionName.description == "PI-Service")
    }
}
