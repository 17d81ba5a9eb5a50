import Access
import CorpusTestSupport
import Foundation
import SQLiteStore
import Sensor
import Storage
import Testing

/// The access report read back from the store, through its ports: the same matrix as from the
/// captures; remote-access sessions from the session table; accounts from the stored events.
@Suite struct AccessStoreTests {
    func importedStore(_ paths: [String]) throws -> (SQLiteStore, URL) {
        let folder = try makeTemporaryFolder("palisade-access")
        let path = folder.appendingPathComponent("palisade.db").path
        let store = try SQLiteStore(path: path)
        let writer = try StoreWriter(store: store, reference: referenceData)
        let importer = CaptureImporter(writer: writer, workers: 2)
        for capture in paths { _ = try importer.importCapture(capture, force: false) }
        return (store, folder)
    }

    @Test(.enabled(if: corpusAvailable))
    func storeGivesTheSameMatrixPairsAndAccounts() throws {
        let (store, folder) = try importedStore([
            corpusCapture("peers/mixed.pcap"), corpusCapture("it/ssh_hassh.pcap"),
            fixtureCapture("FTPTests", "ftp_session.pcap"), corpusCapture("it/snmp_v2c_get.pcap"),
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try AccessStoreReader.read(store, path: "palisade.db", reference: referenceData)
        let report = data.report()

        let fromCapture = try #require(mixedCapture).report()
        func changes(_ report: AccessReport) -> [String] {
            report.matrix.filter { $0.changesController && $0.actor.address.hasPrefix("10.77.") }.map {
                "\($0.actor.address)→\($0.controller.address) \($0.protocolName) w\($0.count(.write)) c\($0.count(.control)) p\($0.count(.program))"
            }.sorted()
        }
        #expect(changes(report) == changes(fromCapture))

        // One row per session from the session table (the mixed capture has no remote access).
        #expect(report.sessions.count == 1)
        let ssh = try #require(report.sessions.first { $0.protocolName == "ssh" })
        #expect(ssh.client.address == "192.168.0.27")
        #expect(ssh.bytesToServer == 2039 && ssh.bytesToClient == 2291)

        let ftp = try #require(report.credentials.first { $0.protocolName == "ftp" })
        #expect(ftp.account == "engineer")
        // The store keeps no FTP PASS (session chatter, not notable): it cannot say.
        #expect(ftp.secretVisible == nil)
        let snmp = try #require(report.credentials.first { $0.protocolName == "snmp" })
        #expect(snmp.account == "**** (11 characters)")
        #expect(!AccessFormatter.json(report).contains("R0_C@cti!"))

        #expect(!data.scope.continuous)
        #expect(data.scope.sources == ["palisade.db"])
        let compliance = data.compliance()
        // Session lengths are known from the store since v6: the one SSH session lasted 0.16 s.
        #expect(compliance.finding("SR 2.6")?.status == .evidence)
        #expect(
            compliance.finding("SR 2.6")?.statements.first?.hasPrefix(
                "1 remote-access session; the longest lasted 0.2 s (ssh") == true)
        #expect(
            compliance.finding("SR 7.8")?.statements.first?.contains(
                "inventory of \(data.inventory.assets.count) assets") == true)
    }
}
