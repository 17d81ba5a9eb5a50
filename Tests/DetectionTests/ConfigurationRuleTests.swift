import Detection
import EtherNetIP
import Foundation
import PacketCrafting
import PacketLayers
import Profinet
import Testing

/// PROFINET DCP Set, clock set, S7 password, CIP network configuration (frame numbers checked with
/// tshark).
@Suite struct ConfigurationRuleTests {
    @Test func dcpSetOfTheIPAddressIsHigh() throws {
        let alerts = detect([corpusCapture("profinet/pn_dcp_ChangeIPUsingDCP.pcap")]).fired("profinet-dcp-set")
        #expect(alerts.count == 1)
        let set = try #require(alerts.first)
        #expect(set.severity == .high)
        #expect(set.techniques == ["T0855", "T0813"])
        #expect(set.frames == [3])  // tshark: pn_dcp.service_id == 4, request
        #expect(
            set.summary
                == "00:0c:29:ba:09:ea sent a PROFINET DCP Set to 08:00:06:93:cf:32: set its IP address to 192.168.0.10")
    }

    @Test func dcpSetOfTheNameIsItsOwnAlertAndIdentifyDoesNotFire() throws {
        var capture = CraftedCapture()
        let tool = MACAddress(rawValue: 0x0200_0000_0001)
        let device = MACAddress(rawValue: 0x0200_0000_0002)
        capture.ethernet(
            EthernetFrame.build(
                destination: MACAddress(rawValue: 0x010E_CF00_0000), source: tool, vlan: nil, etherType: 0x8892,
                payload: DCPEncoder.identifyAllRequest(xid: 1)))
        capture.ethernet(
            EthernetFrame.build(
                destination: device, source: tool, vlan: nil, etherType: 0x8892,
                payload: DCPEncoder.setNameOfStationRequest(xid: 2, nameOfStation: "not-the-filler")))
        let alerts = detect([try capture.write("dcp-name")]).fired("profinet-dcp-set")
        #expect(alerts.count == 1)
        #expect(alerts.first?.frames == [2])
        #expect(alerts.first?.summary.hasSuffix("renamed it to \"not-the-filler\"") == true)
    }

    @Test func clockSetMatchesEveryProtocolItCovers() {
        let rule = Untrusting(base: ClockSetRule())
        let cases: [(String, [UInt64])] = [
            ("enip/EIP-ChangeTimeAttempt.pcap", [386]),  // Set_Attribute_List on Wall Clock Time 0x8b
            ("enip/EIP-ChangeDateAttempt.pcap", [138]),
            ("s7comm/s7comm_reading_setting_plc_time.pcap", [43]),  // userdata group 7 sub 2
            ("peers/iec104-attack.pcap", [68]),  // C_CS_NA_1, cause 6
            ("dnp3/dnp3_write.pcap", [4]),  // Write g50v1
            ("bacnet/bacnet_services.pcap", [263, 264]),  // TimeSynchronization over IP and Ethernet
        ]
        for (capture, frames) in cases {
            let alerts = detect([corpusCapture(capture)], only: rule)
            #expect(alerts.flatMap(\.frames).sorted() == frames, "\(capture)")
            #expect(alerts.allSatisfy { $0.severity == .medium && $0.rule == "controller-clock-set" }, "\(capture)")
        }
    }

    @Test func clockSetFiresFromANewcomerAndFromAController() throws {
        // The IEC 104 rogue polls and commands, so the inventory calls it HMI/SCADA, but it
        // appeared 2 s before: the role does not vouch for it.
        let rogue = try #require(detect([peerCapture("iec104-attack")]).fired("controller-clock-set").first)
        #expect(rogue.explanation.contains("but it appeared only 2 s before this"))
        let alerts = detect([try pivotControllerCapture()]).fired("controller-clock-set")
        #expect(alerts.count == 1)
        let clock = try #require(alerts.first)
        #expect(clock.summary.hasPrefix("10.0.0.5 set the clock of 10.0.0.40 with iec104 C_CS_NA_1"))
        #expect(clock.explanation.contains("not one of the roles this rule trusts"))
    }

    @Test func s7PasswordMatchesTheStep7PasswordRequest() throws {
        let alerts = detect(
            [corpusCapture("s7comm/step7_s300_AuthPassword.pcapng")], only: Untrusting(base: S7PasswordRule()))
        let password = try #require(alerts.first)
        #expect(alerts.count == 1)
        #expect(password.frames == [3])  // tshark: userdata group 5, type 4 (request)
        #expect(password.summary == "134.249.62.230 entered the protection password of S7 PLC 134.249.61.163")
        #expect(password.techniques == ["T0859"])
        #expect(detect([peerCapture("s7-attack")]).fired("s7-plc-password").isEmpty)
    }

    @Test func cipIPAddressSetFiresAndTheBOOTPAssignmentDoesNot() throws {
        var capture = CraftedCapture()
        let workstation = CraftedCapture.host(10)
        let device = CraftedCapture.host(30)
        let address: [UInt8] = [
            0x0A, 0x00, 0x00, 0x63, 0xFF, 0xFF, 0xFF, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        ]
        let set = EtherNetIPEncoder.request(
            service: 0x10, path: EtherNetIPEncoder.logicalPath(classID: 0xF5, instance: 1) + [0x30, 0x05], data: address
        )
        capture.tcp(
            from: workstation, to: device, port: 44818,
            [
                (.client, EtherNetIPEncoder.registerSession(session: 0)),
                (.client, EtherNetIPEncoder.sendRRData(session: 1, cip: set)),
                (.server, EtherNetIPEncoder.sendRRData(session: 1, cip: EtherNetIPEncoder.reply(service: 0x10))),
            ])
        let alerts = detect([try capture.write("cip-ip-change")]).fired("cip-network-configuration-change")
        let change = try #require(alerts.first)
        #expect(alerts.count == 1)
        #expect(change.severity == .high)
        #expect(
            change.summary
                == "10.0.0.10 changed the IP configuration of 10.0.0.30 (Set_Attribute_Single, class 0xF5 instance 1 attribute 5)"
        )
        #expect(
            detect([corpusCapture("enip/EIP-IPAddressChangeAttempt.pcap")]).fired("cip-network-configuration-change")
                .isEmpty)
    }
}
