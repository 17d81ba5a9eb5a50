import AlertExport
import Detection
import Foundation
import Testing

/// An alert whose text needs every kind of escaping: `|` and `=` in the summary, a line break,
/// `=` and `\` in the explanation.
func sampleAlert(
    summary: String = "Write to Pump|A with speed=5", explanation: String = "Rule fired.\nValue a=b \\ c"
) -> Alert {
    Alert(
        id: "0123456789abcdef", firstTime: 1_700_000_000_123_000_000, lastTime: 1_700_000_005_000_000_000,
        severity: .high, kind: .userRule, rule: "plant-setpoint", techniques: ["T0836", "T0855"],
        assets: ["10.77.9.66", "10.77.2.10"], summary: summary, explanation: explanation,
        evidence: [
            AlertEvidence(
                origin: "peers/modbus-attack.pcap", frame: 106, time: 1_700_000_000_123_000_000,
                flow: "modbus 10.77.9.66:40000 → 10.77.2.10:502", event: #"{"function":6}"#)
        ], count: 2)
}

let testIdentity = AlertSourceIdentity(version: "1.2")

@Suite struct AlertFormatTests {
    @Test func cefHeaderAndExtensionsAreEscaped() {
        let text = AlertPayload.cef(sampleAlert(), identity: testIdentity)
        #expect(
            text
                == #"CEF:0|Palisade|Palisade OT Sensor|1.2|plant-setpoint|Write to Pump\|A with speed=5|8|"#
                + #"rt=1700000005000 start=1700000000123 end=1700000005000 src=10.77.9.66 dst=10.77.2.10 cnt=2 "#
                + #"cat=user_rule cs1=T0836,T0855 cs1Label=MITRE ATT&CK for ICS techniques cs2=0123456789abcdef "#
                + #"cs2Label=Palisade alert id msg=Rule fired.\nValue a\=b \\ c cs3=peers/modbus-attack.pcap "#
                + #"cs3Label=Evidence origin cn1=106 cn1Label=Evidence frame"#)
    }

    @Test func cefHeaderEscapesBackslashAndFoldsLineBreaks() {
        #expect(AlertPayload.cefHeaderEscaped(#"a\b|c"# + "\r\nd") == #"a\\b\|c  d"#)
        #expect(AlertPayload.cefExtensionEscaped("x=1|y\\z\r\n") == #"x\=1|y\\z\r\n"#)
    }

    @Test func cefSeveritiesAndIPv6Assets() {
        #expect(Severity.allCases.map(AlertPayload.cefSeverity) == [1, 3, 5, 8, 10])
        var alert = sampleAlert()
        alert.assets = ["fd00::1", "plc-7"]
        let text = AlertPayload.cef(alert, identity: testIdentity)
        #expect(text.contains(" c6a2=fd00::1 c6a2Label=Source IPv6 Address cnt=2"))
        #expect(!text.contains(" dst="))
        #expect(!text.contains(" src="))
    }

    /// Assets on the monitored segment are known by MAC: the addresses come from the first
    /// evidence event, the MACs go to smac/dmac.
    @Test func macAssetsTakeTheirAddressesFromTheEvidence() {
        var alert = sampleAlert()
        alert.assets = ["mac:b8:27:eb:77:09:66", "mac:00:80:f4:77:02:10"]
        alert.evidence[0].event = #"{"frame":106,"src":"10.77.9.66","dst":"10.77.2.10","function":6}"#
        let cef = AlertPayload.cef(alert, identity: testIdentity)
        #expect(
            cef.contains(
                "|8|rt=1700000005000 start=1700000000123 end=1700000005000 src=10.77.9.66 dst=10.77.2.10 smac=b8:27:eb:77:09:66 dmac=00:80:f4:77:02:10 cnt=2 "
            ))
        let leef = AlertPayload.leef(alert, identity: testIdentity)
        #expect(leef.contains("\tsrc=10.77.9.66\tdst=10.77.2.10\tsrcMAC=b8:27:eb:77:09:66\tdstMAC=00:80:f4:77:02:10\t"))
        alert.assets = ["ip:192.0.2.7"]
        #expect(AlertPayload.cef(alert, identity: testIdentity).contains(" src=192.0.2.7 cnt=2 "))
    }

    @Test func leefUsesTabsAndEscapesValues() {
        var alert = sampleAlert()
        alert.summary = "tab\there"
        let text = AlertPayload.leef(alert, identity: testIdentity)
        #expect(
            text
                == "LEEF:2.0|Palisade|Palisade OT Sensor|1.2|plant-setpoint|x09|"
                + "devTime=1700000005000\tsev=8\tsrc=10.77.9.66\tdst=10.77.2.10\tcat=plant-setpoint\t"
                + "techniques=T0836,T0855\talertId=0123456789abcdef\tseverity=high\tkind=user_rule\tcount=2\t"
                + "startTime=1700000000123\tsummary=tab\\there\tmsg=Rule fired.\\nValue a=b \\\\ c\t"
                + "evidenceOrigin=peers/modbus-attack.pcap\tevidenceFrame=106")
    }

    @Test func syslogFramingHasPriorityTimestampAndHeader() {
        let framing = SyslogFraming(facility: .local4, hostname: "sensor 7")
        let message = framing.message(for: sampleAlert(), payload: "PAYLOAD")
        // local4 (20) × 8 + err (3) = 163; a space in the hostname is not allowed in the header.
        #expect(message == "<163>1 2023-11-14T22:13:25.000000Z sensor_7 palisade - alert - PAYLOAD")
        #expect(framing.priority(.info) == 166)
        #expect(SyslogFraming(facility: .kern).priority(.critical) == 2)
    }

    @Test func syslogStructuredDataEscapesParameterValues() {
        var alert = sampleAlert()
        alert.rule = #"a"b]c\d"#
        let message = SyslogFraming(facility: .user, hostname: "h", structuredData: true).message(
            for: alert, payload: "P")
        #expect(
            message
                == #"<11>1 2023-11-14T22:13:25.000000Z h palisade - alert [palisade@32473 id="0123456789abcdef" rule="a\"b\]c\\d" severity="high" count="2"] P"#
        )
    }

    @Test func jsonPayloadIsTheAlertLine() throws {
        let text = AlertPayload.render(sampleAlert(), as: .json)
        #expect(text == AlertFormatter.jsonLine(sampleAlert()))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["id"] as? String == "0123456789abcdef")
        #expect(object["schema"] as? String == "palisade.alert/1")
    }

    @Test func utf8PrefixNeverSplitsASequence() {
        let text = "aé€😀"  // 1 + 2 + 3 + 4 bytes
        #expect(text.utf8Prefix(maxBytes: 100) == text)
        #expect(text.utf8Prefix(maxBytes: 1) == "a")
        #expect(text.utf8Prefix(maxBytes: 2) == "a")
        #expect(text.utf8Prefix(maxBytes: 3) == "aé")
        #expect(text.utf8Prefix(maxBytes: 5) == "aé")
        #expect(text.utf8Prefix(maxBytes: 6) == "aé€")
        #expect(text.utf8Prefix(maxBytes: 9) == "aé€")
        #expect(text.utf8Prefix(maxBytes: 10) == text)
        #expect(text.utf8Prefix(maxBytes: 0) == "")
    }

    @Test func facilitiesByNameAndNumber() {
        #expect(SyslogFacility(name: "local7") == .local7)
        #expect(SyslogFacility(name: "LOCAL0")?.rawValue == 16)
        #expect(SyslogFacility(name: "4") == .auth)
        #expect(SyslogFacility(name: "24") == nil)
        #expect(SyslogFacility(name: "local8") == nil)
    }
}

@Suite struct AlertExportConfigurationTests {
    @Test func readsSyslogAndFileDestinations() throws {
        let configuration = try AlertExportConfiguration.load(
            yaml: """
                destinations:
                  - type: syslog
                    transport: tcp
                    host: siem.example
                    port: 1514
                    format: leef
                    facility: local6
                  - type: syslog
                    host: 127.0.0.1
                  - type: file
                    path: /tmp/alerts.jsonl
                """)
        #expect(
            configuration.destinations == [
                .syslog(
                    SyslogDestination(
                        transport: .tcp, host: "siem.example", port: 1514, format: .leef, facility: .local6)),
                .syslog(SyslogDestination(host: "127.0.0.1", port: 514)),
                .file(FileDestination(path: "/tmp/alerts.jsonl")),
            ])
    }

    @Test(arguments: [
        ("destinations:\n  - {type: syslog, host: a, colour: red}", "destinations[0].colour: unknown key"),
        (
            "destinations:\n  - {type: syslog, host: a, transport: sctp}",
            "destinations[0].transport: 'sctp' is not one of udp, tcp, tls"
        ),
        (
            "destinations:\n  - {type: syslog, host: a, format: xml}",
            "destinations[0].format: 'xml' is not one of cef, leef, json"
        ),
        (
            "destinations:\n  - {type: syslog, host: a, port: 70000}",
            "destinations[0].port: 70000 is not a port (1–65535)"
        ),
        (
            "destinations:\n  - {type: syslog, host: a, facility: local9}",
            "destinations[0].facility: 'local9' is not a syslog facility (kern … local7, or 0–23)"
        ),
        (
            "destinations:\n  - {type: syslog, host: a, ca_file: /x}",
            "destinations[0].ca_file: only applies to transport tls"
        ),
        (
            "destinations:\n  - {type: syslog, host: a, transport: tls, ca_file: /nonexistent/ca.pem}",
            "destinations[0].ca_file: cannot read '/nonexistent/ca.pem'"
        ),
        ("destinations:\n  - {type: pigeon}", "destinations[0].type: 'pigeon' is not one of syslog, file"),
        (
            "destinations:\n  - {type: file, path: /x, format: cef}",
            "destinations[0].format: 'cef' is not supported for files (json)"
        ),
        ("destinations:\n  - {type: syslog, port: 514}", "destinations[0].host: is missing"),
        ("destinations:\n  - {type: syslog, host: a, port: many}", "destinations[0].port: has the wrong type"),
        ("sinks: []", "sinks: unknown key"),
    ])
    func refusesBadKeysAndValues(yaml: String, expected: String) {
        #expect(throws: AlertExportConfigurationError.self) { try AlertExportConfiguration.load(yaml: yaml) }
        do {
            _ = try AlertExportConfiguration.load(yaml: yaml)
        } catch {
            #expect(String(describing: error) == expected)
        }
    }
}
