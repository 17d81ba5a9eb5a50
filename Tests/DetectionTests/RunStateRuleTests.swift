import BACnet
import Detection
import Foundation
import IEC104
import Modbus
import PacketCrafting
import Testing

/// DNP3 restarts, BACnet device control and UMAS start/stop (frame numbers checked with tshark).
@Suite struct RunStateRuleTests {
    @Test func dnp3ColdRestartIsOneHighAlert() throws {
        let alerts = detect([corpusCapture("dnp3/cold_restart_and_response.pcap")])
            .fired("dnp3-restart-or-application-control")
        let restart = try #require(alerts.first)
        #expect(alerts.count == 1)
        #expect(restart.severity == .high)
        #expect(restart.count == 1)
        #expect(restart.techniques == ["T0816", "T0881"])
        #expect(restart.frames == [4])  // tshark: dnp3.al.func == 13 in frame 4
        #expect(restart.summary == "192.168.60.1 sent DNP3 Cold Restart (function 13) to outstation 192.168.60.130")
    }

    @Test func dnp3RogueColdRestartFiresAndNormalPollingDoesNot() throws {
        let alerts = detect([peerCapture("dnp3-attack")]).fired("dnp3-restart-or-application-control")
        #expect(alerts.count == 1)
        let restart = try #require(alerts.first)
        #expect(restart.frames == [480])
        #expect(restart.summary.hasPrefix("10.77.9.66 sent DNP3 Cold Restart (function 13) to outstation 10.77.2.60"))
        #expect(detect([peerCapture("dnp3-normal")]).fired("dnp3-restart-or-application-control").isEmpty)
    }

    @Test func dnp3RestartsAndStopApplicationAreOneAlertPerMasterAndFunction() {
        let alerts = detect([corpusCapture("dnp3/DNP3-TestDataPart1.pcap")])
            .fired("dnp3-restart-or-application-control").sorted { $0.firstTime < $1.firstTime }
        // tshark dnp3.al.func: 13 from 10.0.0.8 (70) and 10.0.0.9 (76), 14 from .8 (143, 146),
        // 18 from .8 (163, 166) and .9 (174, 176).
        #expect(alerts.map(\.frames) == [[70], [76], [143, 146], [163, 166], [174, 176]])
        #expect(alerts.map(\.count) == [1, 1, 2, 2, 2])
        #expect(alerts.allSatisfy { $0.severity == .high })
        #expect(alerts[2].summary == "10.0.0.8 sent DNP3 Warm Restart (function 14) to outstation 10.0.0.3")
    }

    @Test func bacnetDisableIsHighEnableIsLowReinitializeIsHigh() throws {
        let alerts = detect([peerCapture("bacnet-attack")])
        let control = alerts.fired("bacnet-communication-control").sorted { $0.firstTime < $1.firstTime }
        #expect(control.map(\.severity) == [.high, .low])  // disable (frame 84), then enable (frame 92)
        #expect(control.map(\.frames) == [[84], [92]])
        #expect(
            control.map(\.summary) == [
                "10.77.9.66 disabled the communication of BACnet device 10.77.2.50 (DeviceCommunicationControl)",
                "10.77.9.66 enabled the communication of BACnet device 10.77.2.50 (DeviceCommunicationControl)",
            ])
        let reinitialize = try #require(alerts.fired("bacnet-reinitialize-device").first)
        #expect(alerts.fired("bacnet-reinitialize-device").count == 1)
        #expect(reinitialize.severity == .high)
        #expect(reinitialize.frames == [100])
        #expect(reinitialize.techniques == ["T0816"])
        #expect(reinitialize.summary == "10.77.9.66 sent BACnet ReinitializeDevice warmstart to 10.77.2.50")
        let normal = detect([peerCapture("bacnet-normal")])
        #expect(normal.fired("bacnet-communication-control").isEmpty)
        #expect(normal.fired("bacnet-reinitialize-device").isEmpty)
    }

    /// The decoder's new `subfunction` for the two device-control services, from encoded requests.
    @Test func bacnetControlParametersBecomeSubfunctions() throws {
        var capture = CraftedCapture()
        let workstation = CraftedCapture.host(10)
        let controller = CraftedCapture.host(50)
        for payload in [
            BACnetEncoder.deviceCommunicationControl(invokeID: 1, durationMinutes: 5, enableDisable: 2),
            BACnetEncoder.reinitializeDevice(invokeID: 2, state: 4, password: "filter"),
            BACnetEncoder.reinitializeDevice(invokeID: 3, state: 7),
        ] {
            capture.udp(from: workstation, to: controller, port: 47808, payload: payload)
        }
        let path = try capture.write("bacnet-device-control")
        let events = CaptureAnalyzerEvents.requests(path, protocolName: "bacnet")
        #expect(events.map(\.subfunction) == [2, 4, 7])
        let alerts = detect([path])
        #expect(alerts.fired("bacnet-communication-control").map(\.severity) == [.high])
        #expect(Set(alerts.fired("bacnet-reinitialize-device").map(\.severity)) == [.high, .medium])
    }

    @Test func iec104ResetProcessFires() throws {
        var capture = CraftedCapture()
        let master = CraftedCapture.host(20)
        let rtu = CraftedCapture.host(40)
        let reset = IEC104Encoder.asdu(
            typeID: 105, cause: .activation, commonAddress: 47, objects: [.init(address: 0, element: [1])])
        capture.tcp(
            from: master, to: rtu, port: 2404,
            [
                (.client, IEC104Encoder.unnumbered(.startDataTransferActivation)),
                (.server, IEC104Encoder.unnumbered(.startDataTransferConfirmation)),
                (.client, IEC104Encoder.information(send: 0, receive: 0, asdu: reset)),
            ])
        let alerts = detect([try capture.write("iec104-reset")]).fired("iec104-reset-process")
        let alert = try #require(alerts.first)
        #expect(alerts.count == 1)
        #expect(alert.severity == .high)
        #expect(
            alert.summary
                == "10.0.0.20 sent the IEC 104 reset process command C_RP_NA_1 to outstation 10.0.0.40 (CA 47 IOA 0)")
        // General interrogations, measurements, commands and the clock sync are not resets.
        #expect(detect([peerCapture("iec104-attack")]).fired("iec104-reset-process").isEmpty)
    }

    @Test func umasStopAndStartFireSeparately() throws {
        var capture = CraftedCapture()
        let workstation = CraftedCapture.host(10)
        let plc = CraftedCapture.host(20)
        capture.tcp(
            from: workstation, to: plc, port: 502,
            [
                (.client, ModbusEncoder.adu(transactionID: 1, unitID: 0, pdu: [0x5A, 0x00, 0x41, 0xFF, 0x00])),
                (.server, ModbusEncoder.adu(transactionID: 1, unitID: 0, pdu: [0x5A, 0x00, 0xFE])),
                (.client, ModbusEncoder.adu(transactionID: 2, unitID: 0, pdu: [0x5A, 0x00, 0x40, 0xFF, 0x00])),
                (.server, ModbusEncoder.adu(transactionID: 2, unitID: 0, pdu: [0x5A, 0x00, 0xFE])),
            ])
        let alerts = detect([try capture.write("umas-stop-start")]).fired("umas-plc-start-stop")
            .sorted { $0.firstTime < $1.firstTime }
        #expect(alerts.map(\.severity) == [.high, .medium])
        #expect(alerts.first?.summary == "10.0.0.10 sent UMAS STOP_PLC to PLC 10.0.0.20")
        #expect(alerts.allSatisfy { $0.count == 1 && $0.techniques == ["T0858", "T0816", "T0881"] })
        // A Unity Pro session that reads and uploads the application but never stops the PLC.
        #expect(detect([corpusCapture("modbus/modicon_test.pcap")]).fired("umas-plc-start-stop").isEmpty)
    }
}
