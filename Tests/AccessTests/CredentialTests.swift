import Access
import Testing

/// Accounts seen in clear, and the promise that no secret is ever printed.
@Suite struct CredentialTests {
    @Test func ftpUserWithItsPasswordCrossingInClear() throws {
        let report = analyzeAccess([fixtureCapture("FTPTests", "ftp_session.pcap")]).report()
        #expect(report.credentials.count == 1)
        let credential = try #require(report.credentials.first)
        #expect(credential.protocolName == "ftp")
        #expect(credential.kind == .userName)
        #expect(credential.account == "engineer")
        // PASS followed USER on the same connection.
        #expect(credential.secretVisible == true)
        #expect(credential.client.address == "10.0.0.20")
        #expect(credential.server.address == "10.0.0.5")
        for text in [
            AccessFormatter.table(report), AccessFormatter.json(report), AccessFormatter.csv(report),
        ] {
            #expect(text.contains("engineer"))
            #expect(!text.contains("s3cr3t"))
        }
    }

    @Test(.enabled(if: corpusAvailable))
    func snmpCommunityIsMaskedEverywhere() throws {
        let report = analyzeAccess([corpusCapture("it/snmp_v2c_get.pcap")]).report()
        let credential = try #require(report.credentials.first)
        #expect(report.credentials.count == 1)
        #expect(credential.kind == .community)
        #expect(credential.account == "**** (11 characters)")
        #expect(credential.secretVisible == true)
        // Four gets and their four responses, all from the manager's point of view.
        #expect(credential.count == 8)
        #expect(credential.client.address == "10.144.246.184")
        let compliance = analyzeAccess([corpusCapture("it/snmp_v2c_get.pcap")]).compliance()
        let confidentiality = try #require(compliance.finding("SR 4.1"))
        #expect(
            confidentiality.statements.first
                == "1 credential seen in clear (snmp), 1 with the password or secret itself readable, of which 1 SNMP community (the community is the secret). Palisade never stores or prints the secrets."
        )
        for text in [
            AccessFormatter.table(report), AccessFormatter.json(report), AccessFormatter.csv(report),
            MarkdownReport.render(compliance), HTMLReport.render(compliance),
        ] {
            #expect(!text.contains("R0_C@cti!"))
        }
    }

    @Test(.enabled(if: corpusAvailable))
    func mqttConnectWithAPasswordIsACleartextLogin() throws {
        let report = analyzeAccess([corpusCapture("mqtt/mqtt311_pub_userpass.pcap")]).report()
        #expect(report.credentials.count == 1)
        let credential = try #require(report.credentials.first)
        #expect(credential.protocolName == "mqtt")
        // tshark: mqtt.username "user", mqtt.passwd_len 4; the decoder keeps neither.
        #expect(credential.account == "(user name not decoded)")
        #expect(credential.secretVisible == true)
        // Anonymous CONNECTs give no credential.
        #expect(analyzeAccess([corpusCapture("mqtt/mqtt.pcap")]).report().credentials.isEmpty)
    }

    @Test func telnetLoginIsAnInteractiveLoginWithoutDecodedKeystrokes() throws {
        let report = analyzeAccess([fixtureCapture("TelnetTests", "telnet_login.pcap")]).report()
        let credential = try #require(report.credentials.first)
        #expect(credential.protocolName == "telnet")
        #expect(credential.kind == .interactiveLogin)
        // The banner ("Ubuntu 22.04.3 LTS") asks for nothing: no evidence a password followed.
        #expect(credential.secretVisible == nil)
    }
}
