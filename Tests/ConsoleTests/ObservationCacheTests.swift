import AssetInventory
import CorpusTestSupport
import Foundation
import SQLiteStore
import Sensor
import Storage
import Testing

@testable import Console

/// `/access`, `/report` and `/zones` rebuild the inventory from the observations once and reuse
/// it until the store's observations change: a new capture or retention must show at once.
@Suite(.enabled(if: ConsoleFixture.shared != nil, "shared corpus not found"))
struct ObservationCacheTests {
    static let ftpCapture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FTPTests/Fixtures/ftp_session.pcap").path

    @Test
    func accessViewsFollowTheStore() throws {
        let folder = try makeTemporaryFolder("palisade-observation-cache")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("palisade.db").path)
        let importer = CaptureImporter(writer: try StoreWriter(store: store, reference: ReferenceData()), workers: 2)
        _ = try importer.importCapture(corpusRoot.appendingPathComponent("peers/mixed.pcap").path, force: false)
        let server = ConsoleServer(store: store)

        let version = try store.observationVersion()
        let first = try server.accessViews().data
        #expect(try store.observationVersion() == version)
        #expect(try server.accessViews().data.inventory.assets.count == first.inventory.assets.count)
        #expect(!first.observations.credentials.contains { $0.account == "engineer" })

        // The FTP session (10.0.0.20 → 10.0.0.5, account engineer) adds hosts and an account.
        _ = try importer.importCapture(Self.ftpCapture, force: false)
        #expect(try store.observationVersion() != version)
        let afterImport = try server.accessViews().data
        #expect(afterImport.inventory.assets.count > first.inventory.assets.count)
        #expect(afterImport.observations.credentials.contains { $0.account == "engineer" })

        // Retention takes the events, and the accounts they carried, away.
        let beforeRetention = try store.observationVersion()
        _ = try store.applyRetention(RetentionPolicy(maximumAge: 1), now: WallClock.nanoseconds())
        #expect(try store.observationVersion() != beforeRetention)
        #expect(try !server.accessViews().data.observations.credentials.contains { $0.account == "engineer" })
    }
}
