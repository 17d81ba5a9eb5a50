import AssetInventory
import CorpusTestSupport
import EventModel
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import PacketLayers
import SQLiteStore
import Sensor
import Storage
import Testing

@testable import Console

/// `/access` and `/api/access` list each remote-access session of the store: an imported Telnet
/// login (closed by FIN both ways) and a live SSH session the sensor has reported only in part (open).
@Suite struct RemoteSessionPageTests {
    static let telnetCapture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TelnetTests/Fixtures/telnet_login.pcap").path

    @Test func eachSessionIsARowWithItsState() async throws {
        let folder = try makeTemporaryFolder("palisade-console-sessions")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("palisade.db").path)
        let importer = CaptureImporter(writer: try StoreWriter(store: store, reference: ReferenceData()), workers: 1)
        _ = try importer.importCapture(Self.telnetCapture)

        let start: Int64 = 1_800_000_000_000_000_000
        var live = StoreDelta()
        live.sessions[
            RemoteSessionKey(
                client: IPAddress("10.0.0.50")!, clientPort: 51_000, server: IPAddress("10.0.0.7")!, serverPort: 22,
                protocolID: ApplicationProtocol.ssh.id, start: start)] = RemoteSessionObservation(
                clientMAC: .zero, serverMAC: .zero, end: start + 3_600_000_000_000, packetsToServer: 40,
                packetsToClient: 60, bytesToServer: 4_000, bytesToClient: 90_000, endReason: nil, isContinuation: false)
        try store.apply(live, to: try store.sensorSource(interface: "eth1"))

        try store.saveConsoleUser(
            ConsoleUser(
                name: "viewer", role: .viewer, passwordHash: Bcrypt.hash("unused password", cost: 4), created: 1),
            actor: "test")
        let token = RandomToken.make()
        _ = try store.addAPIToken(
            APIToken(
                name: "viewer-token", user: "viewer", role: .viewer, tokenHash: MessageDigestForTests.sha256(token),
                created: 1), actor: "test")
        let application = Application(
            router: ConsoleServer(store: store, throttle: LoginThrottle(limit: 5, window: 300)).router())
        try await application.test(.router) { client in
            let auth: HTTPFields = [.authorization: "Bearer \(token)"]
            let api = try await client.execute(uri: "/api/access", method: .get, headers: auth)
            #expect(api.status == .ok)
            let body = try JSONSerialization.jsonObject(with: Data(buffer: api.body)) as? [String: Any]
            let sessions = body?["sessions"] as? [[String: Any]] ?? []
            #expect(sessions.map { $0["protocol"] as? String } == ["telnet", "ssh"])
            #expect(sessions.map { $0["state"] as? String } == ["closed", "open"])
            // tshark: 570 bytes to the Telnet server, 635 back.
            #expect(sessions.first?["bytes_to_server"] as? Int == 570)
            #expect(sessions.first?["bytes_to_client"] as? Int == 635)
            #expect(sessions.last?["duration_s"] as? Double == 3600)
            #expect(body?["sessions_are_pairs"] == nil)

            let page = String(buffer: try await client.execute(uri: "/access", method: .get, headers: auth).body)
            #expect(page.contains("Remote-access sessions"))
            #expect(page.contains("<td>open</td>"))
            #expect(page.contains("<td>10.0.0.50</td>"))
        }
    }
}
