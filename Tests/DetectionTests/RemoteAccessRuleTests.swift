import CorpusTestSupport
import Detection
import Foundation
import Modbus
import PacketCrafting
import Testing

@Suite struct RemoteAccessRuleTests {
    /// 10.1.0.20 polls the Modbus server 10.1.0.10 (so they are classified HMI and PLC).
    static func plantWithAnHMIAndAPLC() -> SurveillanceCapture {
        var capture = SurveillanceCapture()
        for cycle in 0..<5 {
            let transaction = UInt16(cycle + 1)
            capture.tcp(
                "10.1.0.20", "10.1.0.10", port: 502, at: Double(cycle),
                [
                    (
                        .client,
                        ModbusEncoder.adu(
                            transactionID: transaction, unitID: 1,
                            pdu: ModbusEncoder.readRequestPDU(function: .readHoldingRegisters, start: 0, count: 2))
                    ),
                    (
                        .server,
                        ModbusEncoder.adu(
                            transactionID: transaction, unitID: 1,
                            pdu: ModbusEncoder.readRegistersResponsePDU(
                                function: .readHoldingRegisters, registers: [7, 9]))
                    ),
                ])
        }
        return capture
    }

    /// TPKT + X.224 Connection Request with an RDP negotiation request (TLS | CredSSP), and the
    /// Connection Confirm selecting CredSSP ([MS-RDPBCGR] 2.2.1.1, 2.2.1.2).
    static let rdpConnectionRequest: [UInt8] = [
        0x03, 0x00, 0x00, 0x13, 0x0E, 0xE0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x08, 0x00, 0x03, 0x00, 0x00,
        0x00,
    ]
    static let rdpConnectionConfirm: [UInt8] = [
        0x03, 0x00, 0x00, 0x13, 0x0E, 0xD0, 0x00, 0x00, 0x12, 0x34, 0x00, 0x02, 0x00, 0x08, 0x00, 0x02, 0x00, 0x00,
        0x00,
    ]

    @Test func rdpIntoThePLCAndIntoItsSegmentFiresAndRDPToAnITHostDoesNot() throws {
        var capture = Self.plantWithAnHMIAndAPLC()
        let session: [(side: TCPConversation.Side, bytes: [UInt8])] = [
            (.client, Self.rdpConnectionRequest), (.server, Self.rdpConnectionConfirm),
        ]
        capture.tcp("10.1.0.99", "10.1.0.10", port: 3389, at: 6, session)
        // An unclassified host in the PLC's /24, and an office server in another subnet.
        capture.tcp("10.1.0.99", "10.1.0.50", port: 3389, at: 7, session)
        capture.tcp("10.1.0.99", "10.2.0.50", port: 3389, at: 8, session)
        // A refused connection to the PLC is not a session.
        capture.probe("10.1.0.98", "10.1.0.10", port: 3389, at: 9)
        let alerts = detect([try capture.write("rdp-to-plc")]).fired("remote-access-to-ot-asset")
        #expect(alerts.count == 2)
        let plc = try #require(alerts.first { $0.summary.contains(" 10.1.0.10 ") })
        #expect(plc.severity == .medium)
        #expect(plc.techniques == ["T0886", "T0822"])
        #expect(plc.summary == "10.1.0.99 opened a rdp remote-access session to 10.1.0.10 in the OT network")
        #expect(plc.evidence.first?.flow.hasSuffix("10.1.0.10:3389") == true)
        #expect(alerts.contains { $0.summary.contains(" 10.1.0.50 ") })
    }

    @Test func sshToAnITServerIsNotAnOTSession() {
        #expect(detect([corpusCapture("it/ssh_hassh.pcap")]).fired("remote-access-to-ot-asset").isEmpty)
    }

    /// TeamViewer CMD_IDENTIFY hello: magic 0x17 0x24, command 0x0A, body length 32 (LE), body.
    static let teamViewerHello: [UInt8] = [0x17, 0x24, 0x0A, 0x20, 0x00] + [UInt8](repeating: 0x41, count: 32)

    @Test func teamViewerOnTheHMIFiresHigh() throws {
        var capture = Self.plantWithAnHMIAndAPLC()
        capture.tcp(
            "10.1.0.20", "52.28.10.1", port: 5938, at: 6,
            [(.client, Self.teamViewerHello), (.server, Self.teamViewerHello)])
        capture.tcp(
            "10.1.0.20", "52.28.10.2", port: 5938, at: 7,
            [(.client, Self.teamViewerHello), (.server, Self.teamViewerHello)])
        // An office PC's TeamViewer is not an OT asset's.
        capture.tcp(
            "10.1.0.77", "52.28.10.1", port: 5938, at: 8,
            [(.client, Self.teamViewerHello), (.server, Self.teamViewerHello)])
        let alerts = detect([try capture.write("teamviewer-on-hmi")]).fired("remote-support-tool-on-ot-asset")
        #expect(alerts.count == 1)
        let tool = try #require(alerts.first)
        #expect(tool.severity == .high)
        #expect(tool.count == 2)  // two relay connections, one alert
        #expect(tool.summary.hasPrefix("10.1.0.20 keeps a teamviewer remote-support connection"))
        #expect(tool.techniques == ["T0822", "T0886"])
    }
}
