import Detection
import Foundation
import Testing

/// Writes and commands from hosts that are not HMIs or engineering workstations.
@Suite struct CommandRuleTests {
    /// Every peers rogue is classified as a trusted role (engineering workstation from its sweeps
    /// and identification requests, or HMI/SCADA from its polling), but it appears about 5 s
    /// after the capture starts: a role earned that way does not vouch for its writes, so the
    /// rules fire without a baseline, and the explanation says why the role did not count.
    @Test func aRogueThatEarnedATrustedRoleIsNotTrusted() throws {
        for (scenario, rule) in [
            ("modbus-attack", "write-from-unexpected-host"), ("s7-attack", "write-from-unexpected-host"),
            ("enip-attack", "write-from-unexpected-host"), ("bacnet-attack", "write-from-unexpected-host"),
            ("opcua-attack", "write-from-unexpected-host"), ("opcua-attack", "command-from-unexpected-host"),
            ("iec104-attack", "command-from-unexpected-host"), ("dnp3-attack", "command-from-unexpected-host"),
        ] {
            let alerts = detect([peerCapture(scenario)]).fired(rule)
            let alert = try #require(alerts.first, "\(scenario) \(rule)")
            #expect(alert.assets.first?.hasPrefix("mac:b8:27:eb:77:09:66") == true, "\(scenario)")
            #expect(alert.explanation.contains("a role earned by the behaviour being judged does not vouch for it"))
        }
    }

    @Test func modbusWritesAreMatchedOnePerFunctionWithTheirTargets() {
        let alerts = detect([peerCapture("modbus-attack")], only: Untrusting(base: UnexpectedWriteRule()))
            .sorted { $0.firstTime < $1.firstTime }
        // tshark: FC 6 frame 106, 16 frame 109, 5 frame 111, 15 frame 113, 23 frame 115.
        #expect(alerts.map(\.frames) == [[106], [109], [111], [113], [115]])
        #expect(alerts.allSatisfy { $0.severity == .medium && $0.count == 1 && $0.techniques == ["T0836", "T0855"] })
        #expect(
            alerts.first?.summary
                == "10.77.9.66 wrote holding registers 5 on unit 1 on 10.77.2.10 with modbus Write Single Register (function 6): not an established HMI or engineering workstation"
        )
        #expect(alerts[1].summary.contains("holding registers 0–9 on unit 1"))
        #expect(alerts[2].summary.contains("coils 3 on unit 1"))
        #expect(detect([peerCapture("modbus-normal")], only: Untrusting(base: UnexpectedWriteRule())).isEmpty)
    }

    @Test func writesOfOtherProtocolsNameWhatWasWritten() {
        let rule = Untrusting(base: UnexpectedWriteRule())
        let s7 = detect([peerCapture("s7-attack")], only: rule)
        #expect(s7.count == 1)  // both Write Var (frames 101, 104) are function 5
        #expect(s7.first?.frames == [101, 104])
        let cip = detect([peerCapture("enip-attack")], only: rule)
        #expect(cip.first?.count == 3)
        #expect(cip.first?.summary.contains("tag Line_Speed") == true)
        let bacnet = detect([peerCapture("bacnet-attack")], only: rule)
        #expect(bacnet.first?.frames == [74, 76])  // WriteProperty AV1, BV1
        let opcua = detect([peerCapture("opcua-attack")], only: rule)
        #expect(opcua.first?.summary.contains("node ns=2;i=4") == true)
        #expect(opcua.first?.frames == [146])
    }

    @Test func aControllerWritingToAnotherControllerFires() throws {
        let alerts = detect([try pivotControllerCapture()]).fired("write-from-unexpected-host")
        #expect(alerts.count == 1)
        let write = try #require(alerts.first)
        #expect(write.severity == .medium)
        #expect(write.summary.hasPrefix("10.0.0.5 wrote holding registers 100–109 on unit 1 on 10.0.0.10"))
        #expect(write.explanation.contains("classified PLC/controller"))
    }

    /// Loopback captures (a client and server on one host) are not writes from another host.
    @Test func writesAHostSendsToItselfDoNotFire() {
        let rule = Untrusting(base: UnexpectedWriteRule())
        #expect(detect([corpusCapture("modbus/modbus_example.pcap")], only: rule).isEmpty)  // 127.0.0.1 → 127.0.0.1
        #expect(detect([corpusCapture("opcua/opcua_with-gap_with-handshake.pcap")], only: rule).isEmpty)
    }

    @Test func commandsAreMatchedFromTheIEC104AndDNP3Rogues() {
        let rule = Untrusting(base: UnexpectedCommandRule())
        let iec104 = detect([peerCapture("iec104-attack")], only: rule).sorted { $0.firstTime < $1.firstTime }
        // tshark: C_SC_NA_1 frames 75 and 116, C_DC_NA_1 88, C_SE_NC_1 95.
        #expect(iec104.map(\.frames) == [[75, 116], [88], [95]])
        #expect(iec104.allSatisfy { $0.severity == .high })
        #expect(iec104.first?.summary.contains("CA 47 IOA 3001") == true)
        let dnp3 = detect([peerCapture("dnp3-attack")], only: rule)
        #expect(dnp3.count == 1)
        #expect(dnp3.first?.frames == [376, 428])  // Direct Operate g12v1, then g41v4
        #expect(dnp3.first?.summary.contains("g12v1 index 0") == true)
        let opcua = detect([peerCapture("opcua-attack")], only: rule)
        #expect(opcua.first?.frames == [160, 174])
        #expect(opcua.first?.severity == .medium)
        for normal in ["iec104-normal", "dnp3-normal", "opcua-normal"] {
            #expect(detect([peerCapture(normal)], only: rule).isEmpty, "\(normal)")
        }
    }

    @Test func aControllerCommandingAnRTUFires() throws {
        let alerts = detect([try pivotControllerCapture()]).fired("command-from-unexpected-host")
        let command = try #require(alerts.first)
        #expect(alerts.count == 1)
        #expect(command.severity == .high)
        #expect(
            command.summary.hasPrefix("10.0.0.5 sent iec104 C_SC_NA_1 (function 45) on CA 47 IOA 3001 to 10.0.0.40"))
    }
}
