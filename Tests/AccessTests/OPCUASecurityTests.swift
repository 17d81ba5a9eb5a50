import Access
import Testing

/// OPC UA channels: the security mode of OpenSecureChannel and the ActivateSession identity token.
@Suite struct OPCUASecurityTests {
    @Test(.enabled(if: corpusAvailable))
    func mixedCaptureHasOnlyUnsignedAnonymousChannels() throws {
        let data = try #require(mixedCapture)
        let report = data.report()
        // The historian polls the OPC UA server and the rogue attacks it; asyncua's server offers
        // SecurityPolicy None and anonymous login only (peers README).
        #expect(report.opcuaChannels.map(\.client.address) == ["10.77.1.30", PeerHosts.rogue])
        #expect(report.opcuaChannels.allSatisfy { $0.server.address == "10.77.3.10" })
        #expect(report.opcuaChannels.allSatisfy { $0.securityModes == ["None"] && $0.identityTokens == ["anonymous"] })

        let compliance = data.compliance()
        let authentication = try #require(compliance.finding("SR 1.1"))
        #expect(authentication.status == .gap)
        #expect(
            authentication.statements.first
                == "2 OPC UA client → server pairs activated anonymous sessions: no user is identified.")
        let identification = try #require(compliance.finding("SR 1.2"))
        #expect(identification.statements.first?.contains("opcua (write 1, control 2; from 1 host)") == true)
        #expect(
            identification.statements.contains(
                "2 OPC UA client → server pairs opened secure channels with security mode None: no application certificate authenticates either side."
            ))
    }

    @Test(.enabled(if: corpusAvailable))
    func userNameTokenIsAnAccount() throws {
        let report = analyzeAccess([corpusCapture("opcua/opcua_with-gap_with-handshake.pcap")]).report()
        let credential = try #require(report.credentials.first { $0.protocolName == "opcua" })
        #expect(credential.account == "user1")
        #expect(credential.kind == .userName)
        // Whether the token encrypts the password is not decoded.
        #expect(credential.secretVisible == nil)
        #expect(credential.client.address == "192.168.224.102")
        // Two pairs: 192.168.11.33 → .34 anonymous, and the local client that logs in as user1.
        #expect(report.opcuaChannels.map(\.client.address) == ["192.168.11.33", "192.168.224.102"])
        let channel = try #require(report.opcuaChannels.last)
        #expect(channel.identityTokens == ["username"])
        #expect(channel.securityModes == ["None"])
    }
}
