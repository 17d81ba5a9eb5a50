import CorpusTestSupport
import Detection
import Foundation
import Modbus
import PacketCrafting
import Testing

@Suite struct HygieneRuleTests {
    @Test func modbusFuzzerSendsMalformedPDUs() throws {
        let alerts = detect([corpusCapture("modbus/modbus_fuzz-72.pcap")]).fired("malformed-pdu")
        #expect(alerts.count == 2)
        // The fuzzer (client of port 502) and the server it confused.
        let fuzzer = try #require(alerts.first { $0.summary.hasPrefix("192.168.66.235 ") })
        #expect(fuzzer.severity == .medium)
        #expect(fuzzer.count == 6)
        #expect(fuzzer.techniques == ["T0814", "T0866"])
        #expect(fuzzer.evidence.first?.event.contains("modbus.") == true)
        let server = try #require(alerts.first { $0.summary.hasPrefix("166.161.16.230 ") })
        #expect(server.count == 3)
    }

    @Test func malformedDNP3IsOneAlertWithTheCount() throws {
        let alerts = detect([corpusCapture("dnp3/DNP3-Malformed.pcap")]).fired("malformed-pdu")
        #expect(alerts.count == 1)
        let malformed = try #require(alerts.first)
        #expect(malformed.count == 89)
        #expect(malformed.summary.hasPrefix("192.168.0.1 sent malformed dnp3 PDUs"))
        #expect(malformed.evidence.first?.event.contains("dnp3.malformed_object") == true)
    }

    @Test func oneOddPDUIsNoAlert() {
        // The peers' mixed scenario: one malformed EtherNet/IP reply from the server.
        let alerts = detect([peerCapture("mixed")]).fired("malformed-pdu")
        #expect(!alerts.contains { $0.summary.hasPrefix("10.77.2.30 ") })
    }

    @Test func wellFormedTrafficHasNoMalformedPDUs() {
        for name in ["modbus-normal", "s7-normal", "enip-normal", "dnp3-normal", "iec104-normal"] {
            #expect(detect([peerCapture(name)]).fired("malformed-pdu").isEmpty, "\(name)")
        }
    }

    @Test func fortyRefusedRequestsInASecondAreAFlood() throws {
        var messages: [(side: PacketCrafting.TCPConversation.Side, bytes: [UInt8])] = []
        for function: UInt8 in 40...79 {
            let transaction = UInt16(function)
            messages.append((.client, ModbusEncoder.adu(transactionID: transaction, unitID: 1, pdu: [function, 0, 0])))
            messages.append(
                (
                    .server,
                    ModbusEncoder.adu(
                        transactionID: transaction, unitID: 1,
                        pdu: ModbusEncoder.exceptionPDU(
                            function: ModbusFunctionCode(rawValue: function), exceptionCode: 1))
                ))
        }
        var capture = SurveillanceCapture()
        capture.tcp("10.1.0.66", "10.1.0.10", port: 502, at: 0, messages)
        let flood = try #require(detect([try capture.write("exception-flood")]).fired("exception-flood").first)
        #expect(flood.severity == .medium)
        #expect(flood.count == 40)
        #expect(flood.summary == "10.1.0.10 refused a burst of modbus requests from 10.1.0.66")
    }

    @Test func normalCapturesAndTheUnitScanAreNoFlood() {
        let captures =
            ["modbus-normal", "modbus-attack", "s7-normal", "s7-attack", "enip-normal", "bacnet-normal", "dnp3-normal"]
            .map(peerCapture)
            + [
                "modbus/modbusSmall.pcap", "modbus/modbus_example.pcap", "modbus/MODBUS-TestDataPart1.pcap",
                "s7comm/wincc_s400_production.pcapng", "s7comm/s71500-normal.pcapng", "enip/enip_test.pcap",
                "bacnet/bacnet_services.pcap", "iec104/iec104.pcap",
                // A BACnet workstation reading objects and properties the device may not have.
                "bacnet/bacnet-properties.pcap", "bacnet/bacnet-ethernet.pcap",
            ].map(corpusCapture)
        for capture in captures {
            #expect(detect([capture]).fired("exception-flood").isEmpty, "\(capture)")
        }
    }

    @Test func snmpCommunityIsACleartextSecretAndStaysOutOfTheAlert() throws {
        let alerts = detect([corpusCapture("it/snmp_v2c_get.pcap")])
        let community = try #require(alerts.fired("snmp-community-in-clear").first)
        #expect(community.severity == .medium)
        #expect(community.techniques == ["T0859"])
        #expect(community.count == 4)
        #expect(
            community.summary
                == "10.144.246.184 sent an SNMP community (the agent's password) in clear to 10.144.246.161")
        let json = AlertFormatter.jsonLine(community)
        #expect(!json.contains("R0_C@cti"))
        #expect(community.evidence.allSatisfy { $0.event.isEmpty && $0.frame > 0 && $0.note.contains("withheld") })
        #expect(alerts.fired("snmp-default-community").isEmpty)
        #expect(alerts.fired("cleartext-credentials").isEmpty)
    }

    @Test func snmpPublicCommunityIsADefaultCredential() throws {
        // SNMPv2c get-request, community "public", sysDescr.0.
        let request: [UInt8] =
            [0x30, 0x26, 0x02, 0x01, 0x01, 0x04, 0x06] + Array("public".utf8)
            + [0xA0, 0x19, 0x02, 0x01, 0x01, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00]
            + [0x30, 0x0E, 0x30, 0x0C, 0x06, 0x08, 0x2B, 0x06, 0x01, 0x02, 0x01, 0x01, 0x01, 0x00, 0x05, 0x00]
        var capture = SurveillanceCapture()
        capture.udp("10.1.0.5", "10.1.0.200", sourcePort: 40_161, destinationPort: 161, at: 0, request)
        capture.udp("10.1.0.5", "10.1.0.200", sourcePort: 40_161, destinationPort: 161, at: 1, request)
        let alerts = detect([try capture.write("snmp-public")])
        let defaults = try #require(alerts.fired("snmp-default-community").first)
        #expect(defaults.severity == .medium)
        #expect(defaults.count == 2)
        #expect(defaults.techniques == ["T0812", "T0859"])
        #expect(alerts.fired("snmp-community-in-clear").isEmpty)
    }

    @Test func ftpLoginInClearAndAnonymousLogin() throws {
        func login(_ user: String) -> [(side: PacketCrafting.TCPConversation.Side, bytes: [UInt8])] {
            [
                (.server, Array("220 PLC FTP server ready\r\n".utf8)), (.client, Array("USER \(user)\r\n".utf8)),
                (.server, Array("331 Password required\r\n".utf8)), (.client, Array("PASS s3cret\r\n".utf8)),
                (.server, Array("230 User logged in\r\n".utf8)),
            ]
        }
        var capture = SurveillanceCapture()
        capture.tcp("10.1.0.20", "10.1.0.10", port: 21, at: 0, login("engineer"))
        capture.tcp("10.1.0.21", "10.1.0.10", port: 21, at: 1, login("anonymous"))
        let alerts = detect([try capture.write("ftp-logins")]).fired("cleartext-credentials")
        #expect(alerts.count == 2)
        let named = try #require(alerts.first { $0.summary.hasPrefix("10.1.0.20 ") })
        #expect(named.severity == .medium)
        #expect(named.summary == "10.1.0.20 logged in to the FTP server 10.1.0.10 in clear")
        #expect(named.evidence.first?.event.contains("\"account\":\"engineer\"") == true)
        let anonymous = try #require(alerts.first { $0.summary.hasPrefix("10.1.0.21 ") })
        #expect(anonymous.severity == .low)
        for alert in alerts { #expect(!AlertFormatter.jsonLine(alert).contains("s3cret")) }
    }

    @Test func telnetSessionIsACleartextLogin() throws {
        var capture = SurveillanceCapture()
        capture.tcp(
            "10.1.0.20", "10.1.0.10", port: 23, at: 0,
            [
                (.server, [0xFF, 0xFB, 0x01] + Array("\r\nRTU-7 login: ".utf8)), (.client, Array("admin\r\n".utf8)),
                (.server, Array("Password: ".utf8)), (.client, Array("hunter2\r\n".utf8)),
                (.server, Array("Welcome\r\n> ".utf8)),
            ])
        let alerts = detect([try capture.write("telnet-login")]).fired("cleartext-credentials")
        let telnet = try #require(alerts.first)
        #expect(alerts.count == 1)
        #expect(telnet.severity == .medium)
        #expect(telnet.summary == "10.1.0.20 logged in to 10.1.0.10 over Telnet: user name and password in clear")
        #expect(!AlertFormatter.jsonLine(telnet).contains("hunter2"))
    }

    @Test func httpBasicAuthorizationIsACleartextLogin() throws {
        var capture = SurveillanceCapture()
        capture.tcp(
            "10.1.0.20", "10.1.0.10", port: 80, at: 0,
            [
                // base64("operator:s3cret")
                (
                    .client,
                    Array(
                        "GET /config.htm HTTP/1.1\r\nHost: 10.1.0.10\r\nAuthorization: Basic b3BlcmF0b3I6czNjcmV0\r\n\r\n"
                            .utf8)
                ),
                (.server, Array("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".utf8)),
            ])
        let alerts = detect([try capture.write("http-basic")]).fired("cleartext-credentials")
        let basic = try #require(alerts.first)
        #expect(alerts.count == 1)
        #expect(basic.severity == .medium)
        #expect(basic.summary == "10.1.0.20 sent HTTP Basic credentials in clear to 10.1.0.10")
        #expect(!AlertFormatter.jsonLine(basic).contains("czNjcmV0"))
        #expect(basic.evidence.first?.event.contains("\"account\":\"operator\"") == true)
        // The corpus' HTTP capture sends no credentials.
        #expect(detect([corpusCapture("it/http_all_headers.pcap")]).fired("cleartext-credentials").isEmpty)
    }

    @Test func encryptedSessionsCarryNoCleartextCredentials() {
        for capture in ["it/ssh_hassh.pcap", "it/tls_ja4.pcap", "it/smb2_at_schedule.pcap"] {
            #expect(detect([corpusCapture(capture)]).fired("cleartext-credentials").isEmpty, "\(capture)")
        }
    }
}
