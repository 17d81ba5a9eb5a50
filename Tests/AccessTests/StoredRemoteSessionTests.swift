import Access
import CorpusTestSupport
import EventModel
import Foundation
import Monitor
import SQLiteStore
import Sensor
import Storage
import Testing

/// Remote-access sessions kept in the store, one row per flow: the same sessions as the capture
/// path (tshark's conversation table gives the numbers), one row for a flow reported in parts,
/// and no duplicates when a capture is imported again.
@Suite struct StoredRemoteSessionTests {
    static let captures = [
        fixtureCapture("TelnetTests", "telnet_login.pcap"), fixtureCapture("AnyDeskTests", "anydesk.pcap"),
        fixtureCapture("TeamViewerTests", "teamviewer.pcap"),
    ]

    func temporaryStore(_ name: String) throws -> (SQLiteStore, URL) {
        let folder = try makeTemporaryFolder(name)
        return (try SQLiteStore(path: folder.appendingPathComponent("palisade.db").path), folder)
    }

    /// What both paths must agree on for each session.
    static func summary(_ session: RemoteSession) -> String {
        "\(session.protocolName) \(session.client.address)→\(session.server.address):\(session.serverPort) start \(session.start) end \(session.end) \(session.bytesToServer)/\(session.bytesToClient) bytes \(session.packets) packets \(session.state)"
    }

    @Test func theStoreGivesTheCaptureSessions() throws {
        let (store, folder) = try temporaryStore("palisade-sessions")
        defer { try? FileManager.default.removeItem(at: folder) }
        let importer = CaptureImporter(writer: try StoreWriter(store: store, reference: referenceData), workers: 2)
        for capture in Self.captures { _ = try importer.importCapture(capture) }

        let fromStore = try AccessStoreReader.read(store, path: "palisade.db", reference: referenceData).report()
        let fromCaptures = analyzeAccess(Self.captures).report()
        // telnet 1, AnyDesk 4, TeamViewer 4 (three TCP, one UDP).
        #expect(fromStore.sessions.count == 9)
        #expect(fromStore.sessions.map(Self.summary) == fromCaptures.sessions.map(Self.summary))

        // tshark -z conv,tcp: 10.0.0.20:49153 ↔ 10.0.0.7:23, 10 frames 570 bytes to the server and
        // 10 frames 635 bytes back, 0.19 s.
        let telnet = try #require(fromStore.sessions.first { $0.protocolName == "telnet" })
        #expect(telnet.client.address == "10.0.0.20" && telnet.server.address == "10.0.0.7")
        #expect(telnet.bytesToServer == 570 && telnet.bytesToClient == 635 && telnet.packets == 20)
        #expect(abs(telnet.duration - 0.19) < 0.001)
        // Every TCP session ends with FINs both ways (tshark -Y tcp.flags.fin==1); TeamViewer's
        // UDP exchange (2 packets) was still up when the capture ended.
        #expect(telnet.state == "closed")
        #expect(fromStore.sessions.filter { $0.state == "closed" }.count == 8)
        let udp = try #require(fromStore.sessions.first { $0.state != "closed" })
        #expect(udp.protocolName == "teamviewer" && udp.packets == 2 && udp.state == "end-of-capture")
        // 10.0.0.21:49161 ↔ 10.0.0.31:50123: 6 frames 493 bytes to the server, 3 frames 710 back.
        let anyDesk = try #require(
            fromStore.sessions.first { $0.protocolName == "anydesk" && $0.client.address == "10.0.0.21" })
        #expect(anyDesk.server.address == "10.0.0.31" && anyDesk.serverPort == 50123)
        #expect(anyDesk.bytesToServer == 493 && anyDesk.bytesToClient == 710)

        // The rows name the inventory's assets once it was saved.
        let rows = try store.remoteSessions(RemoteSessionQuery())
        #expect(rows.count == 9)
        #expect(rows.allSatisfy { $0.clientAsset != nil && $0.serverAsset != nil })
        #expect(rows.first { $0.protocolName == "telnet" }?.serverAsset == telnet.server.assetID)
        // Newest first.
        #expect(rows.map(\.start) == rows.map(\.start).sorted(by: >))
    }

    @Test(.enabled(if: corpusAvailable))
    func sshFromTheCorpusMatchesTshark() throws {
        let (store, folder) = try temporaryStore("palisade-sessions-ssh")
        defer { try? FileManager.default.removeItem(at: folder) }
        let importer = CaptureImporter(writer: try StoreWriter(store: store, reference: referenceData), workers: 2)
        _ = try importer.importCapture(corpusCapture("it/ssh_hassh.pcap"))
        let sessions = try AccessStoreReader.read(store, path: "palisade.db", reference: referenceData).report()
            .sessions
        #expect(sessions.count == 1)
        let ssh = try #require(sessions.first)
        // tshark: 192.168.0.27:54634 → 192.168.0.103:22, 9 frames 2039 bytes, 9 frames 2291 back.
        #expect(ssh.client.address == "192.168.0.27" && ssh.server.address == "192.168.0.103")
        #expect(ssh.bytesToServer == 2039 && ssh.bytesToClient == 2291 && ssh.packets == 18)
        #expect(abs(ssh.duration - 0.1556) < 0.001)
    }

    @Test func importingAgainWithForceKeepsOneRowPerSession() throws {
        let (store, folder) = try temporaryStore("palisade-sessions-force")
        defer { try? FileManager.default.removeItem(at: folder) }
        let importer = CaptureImporter(writer: try StoreWriter(store: store, reference: referenceData), workers: 2)
        _ = try importer.importCapture(Self.captures[1])
        let first = try store.remoteSessions(RemoteSessionQuery())
        _ = try importer.importCapture(Self.captures[1], force: true)
        let again = try store.remoteSessions(RemoteSessionQuery())
        #expect(first.count == 4)
        #expect(again.count == 4)
        #expect(again.map(\.bytesToServer) == first.map(\.bytesToServer))
        #expect(again.map(\.bytesToClient) == first.map(\.bytesToClient))
    }

    /// A live flow comes in parts (checkpoints every 50 ms of packet time here): each part is
    /// written in its own flush, as a sensor does, and all land on one row whose end and bytes grow.
    @Test func aFlowReportedInPartsIsOneSessionWithTheSummedBytes() throws {
        let (store, folder) = try temporaryStore("palisade-sessions-parts")
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = try StoreWriter(store: store, reference: referenceData)
        let source = try store.sensorSource(interface: "eth-test")
        let flusher = FlushEveryReport(feed: StoreFeed(), writer: writer, source: source)
        let analyzer = CaptureAnalyzer(configuration: .feedingStore(checkpointInterval: 50_000_000), workers: 1)
        _ = analyzer.run([Self.captures[0]], observers: [flusher])
        #expect(flusher.failures.isEmpty)

        // 0.19 s of telnet: a first part, continuations, and the end.
        #expect(flusher.parts.count >= 3)
        #expect(flusher.parts.first?.isContinuation == false)
        #expect(flusher.parts.dropFirst().allSatisfy { $0.isContinuation })
        let firstRow = try #require(flusher.rows.first)
        #expect(firstRow.isOpen)
        #expect(firstRow.bytesToServer + firstRow.bytesToClient < 1_205)
        #expect(flusher.rows.map(\.end) == flusher.rows.map(\.end).sorted())

        let sessions = try store.remoteSessions(RemoteSessionQuery())
        #expect(sessions.count == 1)
        let session = try #require(sessions.first)
        #expect(session.bytesToServer == 570 && session.bytesToClient == 635)
        #expect(session.packetsToServer == 10 && session.packetsToClient == 10)
        #expect(session.endReason == "closed")
        #expect(Double(session.end - session.start) / 1e9 > 0.189)
    }
}

/// Writes the feed's delta to the store after every flow report, and keeps the session row as
/// each report left it.
final class FlushEveryReport: PacketPathObserver, @unchecked Sendable {
    let feed: StoreFeed
    let writer: StoreWriter
    let source: Int64
    var parts: [(isContinuation: Bool, isInterim: Bool)] = []
    var rows: [StoredRemoteSession] = []
    var failures: [String] = []

    init(feed: StoreFeed, writer: StoreWriter, source: Int64) {
        self.feed = feed
        self.writer = writer
        self.source = source
    }

    func observe(_ batch: EventBatch) { feed.observe(batch) }

    func flowEnded(_ flow: FlowSummary) {
        feed.flowEnded(flow)
        guard flow.application == .telnet else { return }
        parts.append((flow.isContinuation, flow.isInterim))
        do {
            try writer.write(feed.take(), to: source)
            rows += try writer.store.remoteSessions(RemoteSessionQuery())
        } catch {
            failures.append("\(error)")
        }
    }
}
