import CorpusTestSupport
import Foundation
import SQLiteStore
import Storage
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Writes `source` (classic pcap) `copies` times into `destination`, each copy shifted by
/// `shift` seconds: a long capture of known content for tests that must stop an import midway.
func writeRepeatedCapture(_ source: String, copies: Int, shift: UInt32, to destination: String) throws {
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: source)))
    precondition(bytes.count > 24 && bytes[0] == 0xD4 && bytes[1] == 0xC3, "little-endian microsecond pcap expected")
    var output = Data(bytes[0..<24])
    var records: [(seconds: UInt32, rest: ArraySlice<UInt8>)] = []
    var offset = 24
    while offset + 16 <= bytes.count {
        let seconds = bytes[offset..<offset + 4].enumerated().reduce(UInt32(0)) { $0 | UInt32($1.1) << (8 * $1.0) }
        let captured = Int(
            bytes[offset + 8..<offset + 12].enumerated().reduce(UInt32(0)) { $0 | UInt32($1.1) << (8 * $1.0) })
        guard offset + 16 + captured <= bytes.count else { break }
        records.append((seconds, bytes[offset + 4..<offset + 16 + captured]))
        offset += 16 + captured
    }
    for copy in 0..<copies {
        for record in records {
            let seconds = record.seconds &+ UInt32(copy) &* shift
            withUnsafeBytes(of: seconds.littleEndian) { output.append(contentsOf: $0) }
            output.append(contentsOf: record.rest)
        }
    }
    try output.write(to: URL(fileURLWithPath: destination))
}

@Suite(
    "crash safety", .enabled(if: corpusAvailable, "shared corpus not found"),
    .enabled(if: CLI.binary != nil, "palisade executable not found next to the tests"))
struct CrashSafetyTests {
    /// `kill -9` of the importer midway: the store opens, what was committed is there, and
    /// importing again finishes the capture with exactly what a clean import gives.
    @Test func importerKilledMidwayThenRerunHasNoDuplicates() throws {
        let folder = try makeTemporaryFolder("palisade-kill-import")
        defer { try? FileManager.default.removeItem(at: folder) }
        let capture = folder.appendingPathComponent("long.pcap").path
        try writeRepeatedCapture(corpusCapture("peers/mixed.pcap"), copies: 80, shift: 120, to: capture)
        let database = folder.appendingPathComponent("killed.db").path
        let dataFolder = corpusRoot.deletingLastPathComponent().appendingPathComponent("data").path

        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary!)
        process.arguments = ["import", capture, "--db", database, "--data", dataFolder, "--workers", "2"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until something is committed, then kill without warning.
        var committed: [StoredEvent] = []
        let deadline = Date().addingTimeInterval(120)
        while committed.count < 200 && process.isRunning && Date() < deadline {
            usleep(100_000)
            if let store = try? SQLiteStore(path: database, readOnly: true) {
                var query = EventQuery()
                query.limit = 1_000_000
                committed = (try? store.events(query)) ?? []
            }
        }
        #expect(process.isRunning, "the import finished before it could be killed; make the capture longer")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let reopened = try SQLiteStore(path: database)
        var query = EventQuery()
        query.limit = 1_000_000
        let afterKill = Set(try reopened.events(query).compactMap(\.id))
        #expect(committed.count >= 200)
        #expect(committed.allSatisfy { afterKill.contains($0.id!) }, "events committed before the kill are kept")
        #expect(try reopened.sources().first?.state == .importing)

        let rerun = try run(CLI.binary!, ["import", capture, "--db", database, "--data", dataFolder])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stdout.contains("imported"))
        let clean = folder.appendingPathComponent("clean.db").path
        let reference = try run(CLI.binary!, ["import", capture, "--db", clean, "--data", dataFolder])
        #expect(reference.status == 0, "\(reference.stderr)")
        let finished = try SQLiteStore(path: database)
        let cleanStore = try SQLiteStore(path: clean)
        #expect(try StoreContents(finished) == StoreContents(cleanStore))
        #expect(try finished.eventCount() == cleanStore.eventCount())
        #expect(try finished.sources().map(\.state) == [.complete])
        #expect(try finished.sources().map(\.packets) == cleanStore.sources().map(\.packets))
    }
}
