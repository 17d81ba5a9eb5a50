import BACnet
import CorpusTestSupport
import Detection
import EtherNetIP
import Foundation
import Testing

@Suite struct ReconnaissanceRuleTests {
    @Test func modbusUnitIDSweepFromTheRogueHost() throws {
        let alerts = detect([peerCapture("modbus-attack")]).fired("modbus-unit-id-sweep")
        let sweep = try #require(alerts.first)
        #expect(alerts.count == 1)
        #expect(sweep.severity == .medium)
        #expect(sweep.techniques == ["T0846"])
        // Units 0 and 2–10, 247 and 255 are refused with exception 4; unit 1 answers.
        #expect(sweep.count == 12)
        #expect(
            sweep.summary
                == "10.77.9.66 probed Modbus unit ids on 10.77.2.10: 12 refused (0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 247, 255)"
        )
        #expect(sweep.explanation.contains("12 distinct unit ids within 60 s"))
        #expect(sweep.evidence.count >= 8)
    }

    @Test func modbusPollingAndAScanOfOneUnitAreNoSweep() {
        #expect(detect([peerCapture("modbus-normal")]).fired("modbus-unit-id-sweep").isEmpty)
        // nmap modbus-discover: FC 17 and FC 43 on unit 2 only.
        #expect(detect([corpusCapture("modbus/modbus_scan.pcap")]).fired("modbus-unit-id-sweep").isEmpty)
    }

    @Test func modbusIdentificationIsLowAndCountsBothFunctions() throws {
        let alerts = detect([peerCapture("modbus-attack")]).fired("modbus-device-identification")
        let identification = try #require(alerts.first)
        #expect(alerts.count == 1)
        #expect(identification.severity == .low)
        #expect(identification.count == 3)  // FC 43/14 twice, FC 17 once
        #expect(identification.assets.count == 2)
        #expect(detect([peerCapture("modbus-normal")]).fired("modbus-device-identification").isEmpty)
    }

    @Test func listIdentityBroadcastIsLow() throws {
        let alerts = detect([peerCapture("enip-attack")])
        let broadcast = try #require(alerts.fired("enip-list-identity-broadcast").first)
        #expect(broadcast.severity == .low)
        #expect(broadcast.count == 1)
        #expect(broadcast.summary.contains("10.77.9.66"))
        // One unicast ListIdentity over TCP is no sweep.
        #expect(alerts.fired("enip-list-identity-sweep").isEmpty)
        #expect(detect([peerCapture("enip-normal")]).fired("enip-list-identity-broadcast").isEmpty)
    }

    @Test func listIdentityToTwelveHostsIsASweep() throws {
        var capture = SurveillanceCapture()
        for host in 1...12 {
            capture.udp(
                "10.1.0.66", "10.1.0.\(host)", sourcePort: 50_000, destinationPort: 44818, at: Double(host) * 0.5,
                EtherNetIPEncoder.listIdentityRequest())
        }
        let alerts = detect([try capture.write("list-identity-sweep")])
        let sweep = try #require(alerts.fired("enip-list-identity-sweep").first)
        #expect(sweep.severity == .medium)
        #expect(sweep.count == 12)
        #expect(sweep.summary == "10.1.0.66 sent EtherNet/IP ListIdentity to 12 devices")
        #expect(sweep.assets.count == 13)  // the source and its 12 destinations
        #expect(alerts.fired("enip-list-identity-broadcast").isEmpty)

        var few = SurveillanceCapture()
        for host in 1...9 {
            few.udp(
                "10.1.0.66", "10.1.0.\(host)", sourcePort: 50_000, destinationPort: 44818, at: Double(host),
                EtherNetIPEncoder.listIdentityRequest())
        }
        #expect(detect([try few.write("list-identity-nine")]).fired("enip-list-identity-sweep").isEmpty)
    }

    @Test func s7SZLEnumerationByTheRogueHost() throws {
        let alerts = detect([peerCapture("s7-attack")]).fired("s7-szl-enumeration")
        let enumeration = try #require(alerts.first)
        #expect(alerts.count == 1)
        #expect(enumeration.severity == .low)
        #expect(
            enumeration.summary.hasPrefix("10.77.9.66 read 4 SZL ids of 10.77.2.20 (0x0000, 0x0011, 0x001C, 0x0232"))
        #expect(enumeration.techniques == ["T0888"])
    }

    @Test func hmiSZLReadsAreNoEnumeration() {
        #expect(detect([peerCapture("s7-normal")]).fired("s7-szl-enumeration").isEmpty)
        // WinCC reads 0x0131, 0x0132 and 0x0424 only.
        #expect(detect([corpusCapture("s7comm/wincc_s400_production.pcapng")]).fired("s7-szl-enumeration").isEmpty)
    }

    @Test func whoIsStormFiresAndASingleWhoIsDoesNot() throws {
        var capture = SurveillanceCapture()
        for index in 0..<25 {
            capture.udp(
                "10.1.0.66", "10.1.0.255", sourcePort: 47808, destinationPort: 47808, at: Double(index) * 0.2,
                BACnetEncoder.whoIs(range: UInt32(index * 100)...UInt32(index * 100 + 99)))
        }
        let storm = try #require(detect([try capture.write("who-is-storm")]).fired("bacnet-who-is-storm").first)
        #expect(storm.severity == .medium)
        #expect(storm.count == 25)
        #expect(storm.techniques == ["T0846", "T0814"])
        #expect(detect([peerCapture("bacnet-attack")]).fired("bacnet-who-is-storm").isEmpty)
        #expect(detect([peerCapture("bacnet-normal")]).fired("bacnet-who-is-storm").isEmpty)
    }

    @Test func opcuaBrowseSweepByTheRogueHost() throws {
        let alerts = detect([peerCapture("opcua-attack")]).fired("opcua-browse-sweep")
        let sweep = try #require(alerts.first)
        #expect(alerts.count == 1)
        #expect(sweep.severity == .medium)
        #expect(sweep.count == 7)
        #expect(sweep.summary == "10.77.9.66 browsed 7 nodes of the OPC UA server 10.77.3.10")
        // The historian resolves browse paths but never browses.
        #expect(detect([peerCapture("opcua-normal")]).fired("opcua-browse-sweep").isEmpty)
        // open62541's example client: three Browse requests and BrowseNext continuations.
        #expect(detect([corpusCapture("opcua/open62541_browse_next.pcap")]).fired("opcua-browse-sweep").isEmpty)
    }

    @Test func portScanOfThirteenIndustrialEndpoints() throws {
        var capture = SurveillanceCapture()
        for host in 1...10 { capture.probe("10.1.0.66", "10.1.0.\(host)", port: 502, at: Double(host) * 0.1) }
        capture.probe("10.1.0.66", "10.1.0.1", port: 102, at: 2, answered: false)
        capture.probe("10.1.0.66", "10.1.0.1", port: 44818, at: 2.1)
        capture.udp("10.1.0.66", "10.1.0.1", sourcePort: 50_001, destinationPort: 9600, at: 2.2, [0x80, 0x00, 0x02])
        // A real Modbus session to the first host is not a probe.
        capture.tcp(
            "10.1.0.20", "10.1.0.1", port: 502, at: 3,
            [
                (.client, [0, 1, 0, 0, 0, 6, 1, 3, 0, 0, 0, 1]),
                (.server, [0, 1, 0, 0, 0, 5, 1, 3, 2, 0, 7]),
            ])
        let alerts = detect([try capture.write("port-scan")]).fired("ot-port-scan")
        let scan = try #require(alerts.first)
        #expect(alerts.count == 1)
        #expect(scan.severity == .medium)
        #expect(scan.count == 13)
        #expect(scan.summary == "10.1.0.66 probed 13 industrial address-port pairs without speaking their protocols")
        #expect(scan.evidence.first?.note.contains("flow of") == true)

        var few = SurveillanceCapture()
        for host in 1...8 { few.probe("10.1.0.66", "10.1.0.\(host)", port: 502, at: Double(host)) }
        few.probe("10.1.0.66", "10.1.0.1", port: 80, at: 9)
        few.probe("10.1.0.66", "10.1.0.2", port: 443, at: 9)
        few.probe("10.1.0.66", "10.1.0.3", port: 445, at: 9)
        few.probe("10.1.0.66", "10.1.0.4", port: 3389, at: 9)
        #expect(detect([try few.write("port-scan-few")]).fired("ot-port-scan").isEmpty)
    }
}
