import PacketLayers
import Testing

@testable import Access

/// One account used from several hosts is a shared account (SR 1.1); placeholders are not accounts.
@Suite struct SharedAccountTests {
    func credential(_ client: String, _ protocolName: String, _ account: String) throws -> AccessObservations.Credential
    {
        AccessObservations.Credential(
            client: try #require(IPAddress(client)), server: try #require(IPAddress("10.0.0.5")),
            protocolName: protocolName, kind: .userName, account: account, secretVisible: nil, count: 1, firstSeen: 0,
            lastSeen: 0)
    }

    @Test func sharedAccountsButNotPlaceholders() throws {
        var data = analyzeAccess([fixtureCapture("FTPTests", "ftp_session.pcap")])
        data.observations.credentials += [
            try credential("10.0.0.21", "ftp", "engineer"),
            try credential("10.0.0.30", "mqtt", CredentialSighting.undecodedUserName),
            try credential("10.0.0.31", "mqtt", CredentialSighting.undecodedUserName),
            try credential("10.0.0.32", "http", "ops\u{1B}[2J"),
            try credential("10.0.0.33", "http", "ops\u{1B}[2J"),
        ]
        let finding = try #require(data.compliance().finding("SR 1.1"))
        #expect(finding.status == .gap)
        #expect(
            finding.statements.contains(
                "Account engineer was used from 2 hosts: a shared account cannot identify a person."))
        // Terminal escapes in a name from the wire are neutralised.
        #expect(
            finding.statements.contains(
                "Account ops?[2J was used from 2 hosts: a shared account cannot identify a person."))
        #expect(!finding.statements.contains { $0.contains(CredentialSighting.undecodedUserName) })
    }
}
