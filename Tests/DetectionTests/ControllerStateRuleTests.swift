import CorpusTestSupport
import Detection
import Testing

@Suite struct ControllerStateRuleTests {
    @Test func s7StopFromStep7IsOneHighAlertWithEvidence() throws {
        let alerts = detect([corpusCapture("s7comm/step7_s300_stop.pcapng")])
        let stops = alerts.fired("s7-cpu-state-change")
        #expect(stops.count == 1)
        let stop = try #require(stops.first)
        #expect(stop.severity == .high)
        #expect(stop.techniques.contains("T0858"))
        #expect(stop.count == 1)
        #expect(stop.summary.contains("PLC Stop"))
        #expect(stop.evidence.first?.event.contains("\"function\":41") == true)
        #expect(stop.evidence.first?.frame ?? 0 > 0)
    }

    @Test func s7ReadsOnlyDoNotFire() {
        let alerts = detect([peerCapture("s7-normal")])
        #expect(alerts.fired("s7-cpu-state-change").isEmpty)
    }

    @Test func cipStopFires() throws {
        let alerts = detect([corpusCapture("enip/cip_stop_plc.pcap")])
        let stop = try #require(alerts.fired("cip-device-state-change").first)
        #expect(stop.severity == .high)
        #expect(stop.summary.contains("Stop"))
    }

    @Test func modbusListenOnlyAndRestartFireSeparately() {
        let alerts = detect([peerCapture("modbus-attack")]).fired("modbus-restart-or-listen-only")
        #expect(Set(alerts.map(\.severity)) == [.high, .medium])
        #expect(detect([peerCapture("modbus-normal")]).fired("modbus-restart-or-listen-only").isEmpty)
    }
}
