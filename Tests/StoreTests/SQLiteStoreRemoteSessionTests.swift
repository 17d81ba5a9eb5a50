import AssetInventory
import EventModel
import Foundation
import PacketLayers
import SQLiteStore
import Storage
import Testing

/// The remote-access session table (schema v6): one row per flow, whole reports replace it,
/// continuations add to it, reads come newest first with filters, retention goes by last packet.
@Suite struct SQLiteStoreRemoteSessionTests {
    static let second: Int64 = 1_000_000_000

    static func key(client: String = "10.0.0.20", port: UInt16 = 50_000, server: String = "10.0.0.7", start: Int64)
        -> RemoteSessionKey
    {
        RemoteSessionKey(
            client: IPAddress(client)!, clientPort: port, server: IPAddress(server)!, serverPort: 22,
            protocolID: ApplicationProtocol.ssh.id, start: start)
    }

    static func part(end: Int64, toServer: UInt64, toClient: UInt64, reason: String?, continuation: Bool)
        -> RemoteSessionObservation
    {
        RemoteSessionObservation(
            clientMAC: MACAddress("02:00:00:00:00:20")!, serverMAC: MACAddress("02:00:00:00:00:07")!, end: end,
            packetsToServer: toServer / 100, packetsToClient: toClient / 100, bytesToServer: toServer,
            bytesToClient: toClient, endReason: reason, isContinuation: continuation)
    }

    func apply(_ sessions: [RemoteSessionKey: RemoteSessionObservation], to store: SQLiteStore, source: Int64) throws {
        var delta = StoreDelta()
        delta.sessions = sessions
        try store.apply(delta, to: source)
    }

    @Test func aFlowReportedInPartsIsOneRowThatGrows() throws {
        let (store, folder) = try makeStore("sessions")
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try store.sensorSource(interface: "eth1")
        let start = 1_700_000_000 * Self.second
        let key = Self.key(start: start)
        try apply(
            [
                key: Self.part(
                    end: start + 60 * Self.second, toServer: 1_000, toClient: 4_000, reason: nil, continuation: false)
            ],
            to: store, source: source)
        let open = try #require(try store.remoteSessions(RemoteSessionQuery()).first)
        #expect(open.isOpen)
        #expect(open.bytesToServer == 1_000 && open.bytesToClient == 4_000)

        try apply(
            [
                key: Self.part(
                    end: start + 120 * Self.second, toServer: 500, toClient: 700, reason: nil, continuation: true)
            ],
            to: store, source: source)
        try apply(
            [
                key: Self.part(
                    end: start + 150 * Self.second, toServer: 300, toClient: 200, reason: "closed", continuation: true)
            ], to: store, source: source)
        let sessions = try store.remoteSessions(RemoteSessionQuery())
        #expect(sessions.count == 1)
        let closed = try #require(sessions.first)
        #expect(closed.bytesToServer == 1_800 && closed.bytesToClient == 4_900)
        #expect(closed.packetsToServer == 18 && closed.packetsToClient == 49)
        #expect(closed.start == start && closed.end == start + 150 * Self.second)
        #expect(closed.endReason == "closed" && !closed.isOpen)
        #expect(closed.client == "10.0.0.20" && closed.clientPort == 50_000 && closed.clientMAC == "02:00:00:00:00:20")
        #expect(closed.server == "10.0.0.7" && closed.serverPort == 22 && closed.protocolName == "ssh")

        // A whole-flow report of the same flow (the capture imported again) replaces, never adds.
        try apply(
            [
                key: Self.part(
                    end: start + 150 * Self.second, toServer: 1_800, toClient: 4_900, reason: "closed",
                    continuation: false)
            ],
            to: store, source: source)
        let again = try store.remoteSessions(RemoteSessionQuery())
        #expect(again.count == 1 && again.first?.bytesToServer == 1_800 && again.first?.bytesToClient == 4_900)
    }

    @Test func partsMergedInOneFlushAddUpLikePartsWrittenApart() {
        let start: Int64 = 5 * Self.second
        var first = StoreDelta()
        first.sessions[Self.key(start: start)] = Self.part(
            end: start + Self.second, toServer: 100, toClient: 200, reason: nil, continuation: false)
        var second = StoreDelta()
        second.sessions[Self.key(start: start)] = Self.part(
            end: start + 2 * Self.second, toServer: 300, toClient: 400, reason: "idle-timeout", continuation: true)
        first.merge(second)
        let merged = first.sessions[Self.key(start: start)]
        #expect(merged?.bytesToServer == 400 && merged?.bytesToClient == 600)
        #expect(merged?.endReason == "idle-timeout" && merged?.isContinuation == false)
        #expect(merged?.end == start + 2 * Self.second)
    }

    @Test func readsNewestFirstWithServerAndTimeFilters() throws {
        let (store, folder) = try makeStore("sessions-query")
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try store.sensorSource(interface: "eth1")
        var sessions: [RemoteSessionKey: RemoteSessionObservation] = [:]
        for index in 0..<6 {
            let start = Int64(index) * 100 * Self.second
            let key = Self.key(
                port: 50_000 + UInt16(index), server: index.isMultiple(of: 2) ? "10.0.0.7" : "10.0.0.8", start: start)
            sessions[key] = Self.part(
                end: start + 10 * Self.second, toServer: 100, toClient: 100, reason: "closed", continuation: false)
        }
        try apply(sessions, to: store, source: source)
        #expect(
            try store.remoteSessions(RemoteSessionQuery()).map(\.clientPort) == [
                50_005, 50_004, 50_003, 50_002, 50_001, 50_000,
            ])
        var query = RemoteSessionQuery()
        query.server = "10.0.0.8"
        query.limit = 2
        #expect(try store.remoteSessions(query).map(\.clientPort) == [50_005, 50_003])
        query = RemoteSessionQuery()
        query.since = 205 * Self.second  // session 2 ended at 210 s: still active then
        query.until = 400 * Self.second
        #expect(try store.remoteSessions(query).map(\.clientPort) == [50_004, 50_003, 50_002])
        query.offset = 1
        #expect(try store.remoteSessions(query).map(\.clientPort) == [50_003, 50_002])
    }

    @Test func retentionGoesByTheLastPacketAndAReimportClearsItsSessions() throws {
        let (store, folder) = try makeStore("sessions-retention")
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try store.sensorSource(interface: "eth1")
        let day: Int64 = 86_400 * Self.second
        let now = 100 * day
        try apply(
            [
                // Began 20 days ago and still going: kept.
                Self.key(port: 1, start: now - 20 * day): Self.part(
                    end: now - day, toServer: 100, toClient: 100, reason: nil, continuation: false),
                // Ended 10 days ago: removed.
                Self.key(port: 2, start: now - 11 * day): Self.part(
                    end: now - 10 * day, toServer: 100, toClient: 100, reason: "closed", continuation: false),
            ], to: store, source: source)
        let report = try store.applyRetention(RetentionPolicy(maximumAge: 5 * day), now: now)
        #expect(report.sessionsDeleted == 1)
        #expect(try store.remoteSessions(RemoteSessionQuery()).map(\.clientPort) == [1])

        // Sessions belong to their source: redoing an import deletes the source and them with it.
        guard
            case .begin(let capture) = try store.beginCapture(
                name: "a.pcap", probe: "p", size: 1, force: false, confirm: { _ in "h" })
        else {
            Issue.record("a new capture was not begun")
            return
        }
        try apply(
            [
                Self.key(port: 3, start: now): Self.part(
                    end: now, toServer: 1, toClient: 1, reason: "closed", continuation: false)
            ],
            to: store, source: capture)
        try store.completeCapture(capture, contentHash: "h")
        guard
            case .begin = try store.beginCapture(
                name: "a.pcap", probe: "p", size: 1, force: true, confirm: { _ in "h" })
        else {
            Issue.record("a forced import was not begun")
            return
        }
        #expect(try store.remoteSessions(RemoteSessionQuery()).map(\.clientPort) == [1])
    }
}
