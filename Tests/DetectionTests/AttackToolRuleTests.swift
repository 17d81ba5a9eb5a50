import CorpusTestSupport
import Detection
import Foundation
import IEC104
import Modbus
import PacketCrafting
import S7Comm
import Testing

@Suite struct AttackToolRuleTests {
    @Test func modbusWritesFromTheInternetAreFrostyGoopLike() throws {
        let write = ModbusEncoder.writeMultipleRegistersPDU(start: 10, values: [250, 0])
        var capture = SurveillanceCapture()
        capture.tcp(
            "203.0.113.7", "192.168.10.5", port: 502, at: 0,
            [
                (.client, ModbusEncoder.adu(transactionID: 1, unitID: 1, pdu: write)),
                (
                    .server,
                    ModbusEncoder.adu(
                        transactionID: 1, unitID: 1,
                        pdu: ModbusEncoder.writeMultipleResponsePDU(
                            function: .writeMultipleRegisters, start: 10, count: 2))
                ),
                (.client, ModbusEncoder.adu(transactionID: 2, unitID: 1, pdu: write)),
            ])
        let alerts = detect([try capture.write("frostygoop")]).fired("modbus-write-from-internet")
        let frosty = try #require(alerts.first)
        #expect(alerts.count == 1)
        #expect(frosty.severity == .critical)
        #expect(frosty.count == 2)
        #expect(frosty.techniques == ["T0836", "T0855", "T0885"])
        #expect(frosty.summary.contains("holding registers 10–11 on unit 1"))
        // The peers' rogue writes from inside the plant: the write rules' business, not this one's.
        #expect(detect([peerCapture("modbus-attack")]).fired("modbus-write-from-internet").isEmpty)
        // An anonymised capture with one public address on both ends: no boundary crossed.
        #expect(detect([corpusCapture("modbus/modbusSmall.pcap")]).fired("modbus-write-from-internet").isEmpty)
    }

    @Test func iec104CommandsOverEightObjectsAreASweep() throws {
        var messages: [(side: TCPConversation.Side, bytes: [UInt8])] = [
            (.client, IEC104Encoder.unnumbered(.startDataTransferActivation)),
            (.server, IEC104Encoder.unnumbered(.startDataTransferConfirmation)),
            (
                .client,
                IEC104Encoder.information(
                    send: 0, receive: 0, asdu: IEC104Encoder.interrogation(cause: .activation, commonAddress: 1))
            ),
        ]
        for (index, address) in (3001...3008).enumerated() {
            let command = IEC104Encoder.asdu(
                typeID: 45, cause: .activation, commonAddress: 1,
                objects: [.init(address: UInt32(address), element: IEC104Encoder.singleCommand(false))])
            messages.append((.client, IEC104Encoder.information(send: UInt16(index + 1), receive: 0, asdu: command)))
        }
        var capture = SurveillanceCapture()
        capture.tcp("10.1.0.66", "10.1.0.40", port: 2404, at: 0, messages)
        let alerts = detect([try capture.write("iec104-sweep")]).fired("iec104-command-sweep")
        let sweep = try #require(alerts.first)
        #expect(alerts.count == 1)
        #expect(sweep.severity == .critical)
        #expect(sweep.count == 8)
        #expect(
            sweep.summary.hasPrefix(
                "10.1.0.66 sent IEC 104 commands to 8 information objects of 10.1.0.40 (CA 1 IOA 3001, CA 1 IOA 3002"))
        // The peers' rogue commands three objects: no sweep.
        #expect(detect([peerCapture("iec104-attack")]).fired("iec104-command-sweep").isEmpty)
    }

    @Test func triStationTrafficFires() throws {
        var capture = SurveillanceCapture()
        for index in 0..<3 {
            capture.udp(
                "10.1.0.30", "10.1.0.60", sourcePort: 1502, destinationPort: 1502, at: Double(index),
                [0x05, 0x00, 0x0C, 0x00] + [UInt8](repeating: 0, count: 8))
        }
        let alerts = detect([try capture.write("tristation")]).fired("tristation-traffic")
        let triton = try #require(alerts.first)
        #expect(alerts.count == 1)
        #expect(triton.severity == .high)
        #expect(triton.summary == "10.1.0.30 exchanged TriStation (UDP 1502) traffic with 10.1.0.60")
        #expect(detect([peerCapture("mixed")]).fired("tristation-traffic").isEmpty)
    }

    @Test func finsToSixControllersIsASweepAndToTwoIsNot() throws {
        var capture = SurveillanceCapture()
        for host in 1...6 {
            capture.udp(
                "10.1.0.66", "10.1.0.\(host)", sourcePort: 9600, destinationPort: 9600, at: Double(host),
                [0x80, 0x00, 0x02, 0x00, 0x01, 0x00, 0x00, 0x42, 0x00, 0x00, 0x05, 0x01])
        }
        let sweep = try #require(
            detect([try capture.write("fins-sweep")]).fired("omron-codesys-sweep").first)
        #expect(sweep.severity == .high)
        #expect(sweep.summary == "10.1.0.66 reached OMRON FINS / CODESYS services on 6 devices")

        var programming = SurveillanceCapture()
        for host in 1...2 {
            programming.udp(
                "10.1.0.66", "10.1.0.\(host)", sourcePort: 9600, destinationPort: 9600, at: Double(host),
                [0x80, 0x00, 0x02, 0x00, 0x01, 0x00, 0x00, 0x42, 0x00, 0x00, 0x05, 0x01])
        }
        #expect(detect([try programming.write("fins-two")]).fired("omron-codesys-sweep").isEmpty)
    }

    /// COTP connection, setup, then the steps the test asks for.
    static func s7Session(_ steps: [[UInt8]]) -> [(side: TCPConversation.Side, bytes: [UInt8])] {
        let calling = S7CommEncoder.tsap(connectionType: 0x01, rack: 0, slot: 0)
        let called = S7CommEncoder.tsap(connectionType: 0x01, rack: 0, slot: 2)
        var messages: [(side: TCPConversation.Side, bytes: [UInt8])] = [
            (
                .client,
                S7CommEncoder.connectionRequest(sourceReference: 0x0011, callingTSAP: calling, calledTSAP: called)
            ),
            (
                .server,
                S7CommEncoder.connectionConfirm(
                    destinationReference: 0x0011, sourceReference: 0x0044, callingTSAP: calling, calledTSAP: called)
            ),
            (.client, S7CommEncoder.setupCommunication(rosctr: 1, reference: 1)),
            (.server, S7CommEncoder.setupCommunication(rosctr: 3, reference: 1, pduLength: 240)),
        ]
        for step in steps { messages.append((.client, step)) }
        return messages
    }

    static func insert(block: String, reference: UInt16) -> [UInt8] {
        S7CommEncoder.piService(
            reference: reference, parameterBlock: [0x01, 0x00] + Array(block.utf8), service: "_INSE")
    }

    @Test func fingerprintOB1DownloadAndInsertIsStuxnetLike() throws {
        var capture = SurveillanceCapture()
        capture.tcp(
            "10.1.0.66", "10.1.0.20", port: 102, at: 0,
            Self.s7Session([
                S7CommEncoder.readSZLRequest(reference: 2, id: 0x0011, index: 0),
                S7CommEncoder.downloadJob(
                    reference: 3, function: 0x1A, filename: S7CommEncoder.blockFilename(blockType: "08", number: 1),
                    loadMemoryLength: 256, mc7Length: 180),
                Self.insert(block: "0800001P", reference: 4),
            ]))
        let alerts = detect([try capture.write("stuxnet-like")]).fired("stuxnet-like-s7-sequence")
        let stuxnet = try #require(alerts.first)
        #expect(alerts.count == 1)
        #expect(stuxnet.severity == .critical)
        #expect(stuxnet.count == 3)
        #expect(stuxnet.explanation.contains("3 distinct steps within 600 s"))
        #expect(stuxnet.techniques.contains("T0843"))
    }

    @Test func aDataBlockDownloadOrTheRogueS7SessionIsNotStuxnetLike() throws {
        var capture = SurveillanceCapture()
        capture.tcp(
            "10.1.0.66", "10.1.0.20", port: 102, at: 0,
            Self.s7Session([
                S7CommEncoder.readSZLRequest(reference: 2, id: 0x0011, index: 0),
                S7CommEncoder.downloadJob(
                    reference: 3, function: 0x1A, filename: S7CommEncoder.blockFilename(blockType: "0A", number: 1),
                    loadMemoryLength: 256, mc7Length: 180),
                Self.insert(block: "0A00001P", reference: 4),
            ]))
        #expect(detect([try capture.write("db-download")]).fired("stuxnet-like-s7-sequence").isEmpty)
        // SZL reads, uploads, a refused DB3 download and a delete, but no OB download or insert.
        #expect(detect([peerCapture("s7-attack")]).fired("stuxnet-like-s7-sequence").isEmpty)
    }
}
