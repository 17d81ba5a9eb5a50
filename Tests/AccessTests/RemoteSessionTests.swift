import Access
import AssetInventory
import Testing

/// Remote-access sessions from flows: client, server, bytes each way and duration agree with
/// tshark's conversation table (`tshark -q -z conv,tcp`).
@Suite struct RemoteSessionTests {
    @Test(.enabled(if: corpusAvailable))
    func sshSessionWithBytesEachWay() throws {
        let report = analyzeAccess([corpusCapture("it/ssh_hassh.pcap")]).report()
        #expect(report.sessions.count == 1)
        let session = try #require(report.sessions.first)
        #expect(session.protocolName == "ssh")
        #expect(session.client.address == "192.168.0.27")
        #expect(session.server.address == "192.168.0.103")
        #expect(session.serverPort == 22)
        // tshark: 9 frames 2039 bytes client → server, 9 frames 2291 bytes back, 0.1556 s.
        #expect(session.bytesToServer == 2039)
        #expect(session.bytesToClient == 2291)
        #expect(session.packets == 18)
        #expect(abs(session.duration - 0.1556) < 0.001)
        #expect(!session.intoOT)
        // The capture ends before the connection closes.
        #expect(session.state == "end-of-capture")
    }

    @Test func teamViewerAndAnyDeskSessionsEachCount() throws {
        let teamViewer = analyzeAccess([fixtureCapture("TeamViewerTests", "teamviewer.pcap")]).report()
        #expect(teamViewer.sessions.map(\.protocolName) == Array(repeating: "teamviewer", count: 4))
        #expect(teamViewer.sessions.map(\.serverPort) == [5938, 40000, 5938, 5938])
        let anyDesk = analyzeAccess([fixtureCapture("AnyDeskTests", "anydesk.pcap")]).report()
        #expect(anyDesk.sessions.map(\.client.address) == ["10.0.0.20", "10.0.0.21", "10.0.0.22", "10.0.0.23"])
        #expect(anyDesk.sessions.first?.bytesToServer == 467)
        #expect(anyDesk.sessions.first?.bytesToClient == 733)
    }

    @Test func aSessionIntoAnOTZoneSaysWhy() throws {
        let data = analyzeAccess([fixtureCapture("TelnetTests", "telnet_login.pcap")])
        #expect(data.report().sessions.first?.intoOT == false)
        let zones = AccessZones(zoneOf: { $0.description == "10.0.0.7" ? "cell-1" : nil }, operationalZones: ["cell-1"])
        let session = try #require(data.report(zones: zones).sessions.first)
        #expect(session.protocolName == "telnet")
        #expect(session.server.zone == "cell-1")
        #expect(session.operationalReason == "zone cell-1 is OT")
        #expect(session.bytesToServer == 570)
        #expect(session.bytesToClient == 635)
    }

    @Test(.enabled(if: corpusAvailable))
    func noRemoteAccessInTheMixedCapture() throws {
        #expect(try #require(mixedCapture).report().sessions.isEmpty)
    }
}
