import BinaryParsing
import EventModel
import Testing

@testable import S7Comm

@Suite struct S7UserdataTests {
    /// Userdata parameters: head 0x000112, length, method, type/group, subfunction, sequence,
    /// and for responses data unit reference, last data unit, error code.
    static func parameters(type: UInt8, group: UInt8, subfunction: UInt8, response: Bool) -> [UInt8] {
        var block: [UInt8] = [
            0x00, 0x01, 0x12, response ? 0x08 : 0x04, response ? 0x12 : 0x11, type << 4 | group, subfunction, 0x00,
        ]
        if response { block += [0x00, 0x00, 0x00, 0x00] }  // data unit ref, last unit, no error
        return block
    }

    /// Data block: return code success, transport size octet string, length, payload.
    static func data(_ payload: [UInt8]) -> [UInt8] { [0xFF, 0x09] + be16(payload.count) + payload }

    @Test func readSZLRequestTargetsTheList() {
        let harness = S7Harness()
        let request = s7PDU(
            rosctr: 7, reference: 2,
            parameters: Self.parameters(type: 4, group: 4, subfunction: 1, response: false),
            data: Self.data([0x00, 0x11, 0x00, 0x01]))  // SZL id 0x0011, index 1
        harness.send(request, fromClient: true)
        let event = harness.events[0]
        #expect(event.function == 1)
        #expect(event.functionGroup == 4)
        #expect(event.functionName.description == "Read SZL")
        #expect(event.direction == .request)
        #expect(event.operation == .discovery)
        #expect(event.target.kind == .s7SZL)
        #expect(event.target.first == 0x0011)
        #expect(event.target.second == 1)
    }

    @Test func szl0011ResponseGivesOrderNumberHardwareAndFirmware() {
        let records: [UInt8] =
            [0x00, 0x01] + padded("6ES7 315-2EH14-0AB0", 20) + [0x00, 0xC0, 0x00, 0x01, 0x00, 0x01]  // module
            + [0x00, 0x06] + padded("6ES7 315-2EH14-0AB0", 20) + [0x00, 0xC0, 0x00, 0x00, 0x00, 0x04]  // hardware 4
            + [0x00, 0x07] + padded("", 20) + [0x00, 0xC0, 0x56, 0x03, 0x02, 0x0B]  // firmware 'V' 3 . 2 . 11
        let payload: [UInt8] =
            [0x00, 0x11, 0x00, 0x00]  // SZL id 0x0011, index 0
            + [0x00, 0x1C, 0x00, 0x03]  // record length 28, 3 records
            + records
        let harness = S7Harness()
        harness.send(
            s7PDU(
                rosctr: 7, reference: 3, parameters: Self.parameters(type: 8, group: 4, subfunction: 1, response: true),
                data: Self.data(payload)), fromClient: false)
        let event = harness.events[0]
        #expect(event.direction == .response)
        #expect(event.result.status == .ok)
        #expect(event.target.kind == .s7SZL)
        #expect(event.target.first == 0x0011)
        let facts = harness.facts(event)
        #expect(facts[.orderNumber] == "6ES7 315-2EH14-0AB0")
        #expect(facts[.hardware] == "V4")
        #expect(facts[.firmware] == "V3.2.11")
    }

    @Test func szl001CResponseGivesComponentNames() {
        func record(_ index: UInt8, _ text: String) -> [UInt8] { [0x00, index] + padded(text, 32, pad: 0) }
        let records =
            record(1, "PLC-LINE-4") + record(2, "CPU 315-2 PN/DP") + record(3, "")
            + record(4, "Original Siemens Equipment") + record(5, "S C-X4U421302009") + record(7, "CPU 315-2 PN/DP")
        let payload: [UInt8] = [0x00, 0x1C, 0x00, 0x00] + [0x00, 0x22, 0x00, 0x06] + records  // 34-byte records ×6
        let harness = S7Harness()
        harness.send(
            s7PDU(
                rosctr: 7, reference: 4, parameters: Self.parameters(type: 8, group: 4, subfunction: 1, response: true),
                data: Self.data(payload)), fromClient: false)
        let facts = harness.facts(harness.events[0])
        #expect(facts[.name] == "PLC-LINE-4")
        #expect(facts[.moduleName] == "CPU 315-2 PN/DP")
        #expect(facts[.plantID] == nil)  // empty text is no fact
        #expect(facts[.copyright] == "Original Siemens Equipment")
        #expect(facts[.serial] == "S C-X4U421302009")
        #expect(facts[.model] == "CPU 315-2 PN/DP")
    }

    @Test func szl0424ResponseGivesTheMode() {
        let record: [UInt8] = [0x51, 0x44, 0xFF, 0x08] + [UInt8](repeating: 0, count: 16)  // bzu-id 8: RUN
        let payload: [UInt8] = [0x04, 0x24, 0x00, 0x00, 0x00, 0x14, 0x00, 0x01] + record
        let harness = S7Harness()
        harness.send(
            s7PDU(
                rosctr: 7, reference: 4, parameters: Self.parameters(type: 8, group: 4, subfunction: 1, response: true),
                data: Self.data(payload)), fromClient: false)
        #expect(harness.facts(harness.events[0])[.other] == "mode=run")
    }

    @Test func clockAndPasswordOperations() {
        let harness = S7Harness()
        for (group, subfunction) in [(UInt8(7), UInt8(1)), (7, 2), (5, 1), (3, 3)] {
            harness.send(
                s7PDU(
                    rosctr: 7, reference: 1,
                    parameters: Self.parameters(type: 4, group: group, subfunction: subfunction, response: false),
                    // Get block info: block type "0A" (DB), number 00001, file system A.
                    data: Self.data(group == 3 ? Array("0A00001A".utf8) : [])),
                fromClient: true)
        }
        // The PLC password changes the connection's protection level: control (detection sees it).
        #expect(harness.events.map(\.operation) == [.read, .write, .control, .discovery])
        #expect(
            harness.events.map { $0.functionName.description } == [
                "Read clock", "Set clock", "PLC password", "Get block info",
            ])
        #expect(harness.events[3].target.kind == .s7Block)
        #expect(harness.events[3].target.first == Int64(S7BlockType.dataBlock))
        #expect(harness.events[3].target.second == 1)
    }

    @Test func userdataErrorCodeIsTheResult() {
        var parameters = Self.parameters(type: 8, group: 4, subfunction: 1, response: true)
        parameters[10] = 0xD4  // error code 0xD401: SZL id not available
        parameters[11] = 0x01
        let harness = S7Harness()
        harness.send(
            s7PDU(rosctr: 7, reference: 1, parameters: parameters, data: [0x0A, 0x00, 0x00, 0x00]), fromClient: false)
        #expect(harness.events[0].result.status == .error)
        #expect(harness.events[0].result.code == 0xD401)
    }

    @Test func s7CommPlusRequestResponseAndNotification() {
        func plus(_ body: [UInt8]) -> [UInt8] {
            tpktDT(
                [0x72, 0x03] + be16(33 + body.count) + [0x20] + [UInt8](repeating: 0xAB, count: 32) + body + [
                    0x72, 0x03, 0x00, 0x00,
                ])
        }
        let harness = S7Harness()
        harness.send(plus([0x31, 0x00, 0x00, 0x05, 0x4C, 0x00, 0x00, 0x00, 0x10, 0x00]), fromClient: true)  // GetMultiVariables
        harness.send(plus([0x32, 0x00, 0x00, 0x05, 0x4C, 0x00, 0x00, 0x00, 0x10, 0x00]), fromClient: false)
        harness.send(plus([0x33, 0x70, 0x00, 0x0E, 0x51]), fromClient: false)  // notification
        // V1 (connection setup) has no integrity part: CreateObject.
        harness.send(
            tpktDT([0x72, 0x01, 0x00, 0x0A, 0x31, 0x00, 0x00, 0x04, 0xCA, 0x00, 0x00, 0x00, 0x01, 0x00]),
            fromClient: true)
        // V2 (s7_V13_1200_TP1200sim_timer_sync frame 44): no digest; opcode 0x02 answers SetVariable.
        harness.send(
            tpktDT(
                [0x72, 0x02, 0x00, 0x16, 0x02, 0x00, 0x00, 0x04, 0xF2, 0x00, 0x00, 0x00, 0x05, 0x74]
                    + [UInt8](repeating: 0, count: 11) + [0x72, 0x02, 0x00, 0x00]), fromClient: false)
        // Version 0xFE: extended keep alive (s71500-normal frame 67).
        harness.send(
            tpktDT(
                [0x72, 0xFE, 0x00, 0x10] + [UInt8](repeating: 0, count: 7) + [0x03, 0x80]
                    + [UInt8](repeating: 0, count: 9)), fromClient: false)
        #expect(harness.events.allSatisfy { $0.protocolID == .s7commPlus && $0.anomaly == nil })
        #expect(harness.events.map(\.function) == [0x054C, 0x054C, -1, 0x04CA, 0x04F2, -1])
        #expect(harness.events.map(\.direction) == [.request, .response, .unsolicited, .request, .response, .response])
        #expect(harness.events.map(\.operation) == [.read, .read, .data, .session, .write, .session])
    }

    /// step7_s300_stop.pcapng frame 4: the CPU pushes its new mode, with head 0x010010.
    @Test func modeTransitionPushNamesTheMode() {
        let push: [UInt8] = [
            0x32, 0x07, 0x00, 0x00, 0x00, 0x00,  // userdata, PDU reference 0
            0x00, 0x08, 0x00, 0x00,  // parameter length 8, no data
            0x01, 0x00, 0x10,  // parameter head 0x010010
            0x10,  // parameter length 16 (as sent)
            0x00,  // method undefined
            0x00,  // type push, group 0 (mode transition)
            0x00,  // current mode: STOP
            0x00,  // sequence number
        ]
        let harness = S7Harness()
        harness.send(tpktDT(push), fromClient: false)
        let event = harness.events[0]
        #expect(event.function == 0)
        #expect(event.functionGroup == 0)
        #expect(event.functionName.description == "STOP")
        #expect(event.direction == .unsolicited)
        #expect(event.operation == .control)
        #expect(event.anomaly == nil)
    }
}
