import CorpusTestSupport
import Foundation
import SQLiteStore
import Storage
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Bad input at the command line: one clear line, exit status 2 (or 1 for a failed import), and
/// nothing stored before is damaged.
@Suite(
    "store commands on bad input", .enabled(if: CLI.binary != nil, "palisade executable not found next to the tests"),
    .enabled(if: corpusAvailable, "shared corpus not found"))
struct StoreCLITests {
    static let data = corpusRoot.deletingLastPathComponent().appendingPathComponent("data").path

    /// A store holding one imported capture, and a digest of its contents to compare after.
    static func populatedStore(in folder: URL) throws -> (path: String, contents: StoreContents) {
        let path = folder.appendingPathComponent("plant.db").path
        let result = try run(
            CLI.binary!, ["import", corpusCapture("peers/modbus-attack.pcap"), "--db", path, "--data", data])
        #expect(result.status == 0, "\(result.stderr)")
        return (path, try StoreContents(SQLiteStore(path: path)))
    }

    static func oneLine(_ text: String) -> Bool {
        text.split(separator: "\n").count == 1 && text.hasPrefix("palisade: ")
    }

    @Test func unknownConfigurationKey() throws {
        let folder = try makeTemporaryFolder("palisade-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (path, contents) = try Self.populatedStore(in: folder)
        let config = folder.appendingPathComponent("sensor.yaml").path
        try "interfaces: [lo]\ndb: \(path)\nflush_intervall: 2\n".write(
            toFile: config, atomically: true, encoding: .utf8)
        let result = try run(CLI.binary!, ["sensor", "--config", config, "--data", Self.data])
        #expect(result.status == 2)
        #expect(Self.oneLine(result.stderr), "\(result.stderr)")
        #expect(result.stderr.contains("unknown key 'flush_intervall'"))
        #expect(try StoreContents(SQLiteStore(path: path)) == contents)
    }

    @Test func interfaceThatDoesNotExist() throws {
        let folder = try makeTemporaryFolder("palisade-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (path, contents) = try Self.populatedStore(in: folder)
        let result = try run(
            CLI.binary!, ["sensor", "--interface", "nosuchif0", "--db", path, "--seconds", "1", "--data", Self.data])
        #expect(result.status == 2)
        #expect(Self.oneLine(result.stderr), "\(result.stderr)")
        #expect(result.stderr.contains("nosuchif0") && result.stderr.contains("no such interface"))
        #expect(try StoreContents(SQLiteStore(path: path)) == contents)
        #expect(try SQLiteStore(path: path).sources().count == 1, "no sensor source was created")
    }

    @Test func badAlertExportSettingStopsTheSensorBeforeItStarts() throws {
        let folder = try makeTemporaryFolder("palisade-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("sensor.yaml").path
        try "detection:\n  export:\n    - {type: syslog, transport: sctp, host: 10.0.0.1}\n".write(
            toFile: config, atomically: true, encoding: .utf8)
        let path = folder.appendingPathComponent("palisade.db").path
        let result = try run(
            CLI.binary!,
            ["sensor", "--interface", "lo", "--db", path, "--config", config, "--seconds", "1", "--data", Self.data])
        #expect(result.status == 2)
        #expect(Self.oneLine(result.stderr), "\(result.stderr)")
        #expect(result.stderr.contains("detection.export") && result.stderr.contains("sctp"), "\(result.stderr)")
    }

    @Test(.enabled(if: getuid() == 0 && findTool("setpriv") != nil, "needs root to drop to nobody"))
    func noPermissionToCapture() throws {
        let folder = try makeTemporaryFolder("palisade-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        chmod(folder.path, 0o777)
        let path = folder.appendingPathComponent("nobody.db").path
        let result = try run(
            findTool("setpriv")!,
            [
                "--reuid=nobody", "--regid=nogroup", "--clear-groups", CLI.binary!, "sensor", "--interface", "lo",
                "--db", path, "--seconds", "1", "--data", Self.data,
            ])
        #expect(result.status == 2)
        #expect(Self.oneLine(result.stderr), "\(result.stderr)")
        #expect(result.stderr.contains("no permission to capture"), "\(result.stderr)")
    }

    @Test func corruptStoreFile() throws {
        let folder = try makeTemporaryFolder("palisade-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("garbage.db").path
        let garbage = Data((0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try garbage.write(to: URL(fileURLWithPath: path))
        for arguments in [
            ["import", corpusCapture("peers/modbus-attack.pcap"), "--db", path, "--data", Self.data],
            ["status", "--db", path],
        ] {
            let result = try run(CLI.binary!, arguments)
            #expect(result.status == 2, "\(arguments[0])")
            #expect(Self.oneLine(result.stderr), "\(result.stderr)")
            #expect(result.stderr.contains("not a Palisade store or damaged"), "\(result.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
    }

    @Test func missingStoreForStatus() throws {
        let result = try run(CLI.binary!, ["status", "--db", "/nonexistent/folder/plant.db"])
        #expect(result.status == 2)
        #expect(Self.oneLine(result.stderr) && result.stderr.contains("no store here"), "\(result.stderr)")
    }

    @Test func badCaptureIsNamedAndTheOthersImport() throws {
        let folder = try makeTemporaryFolder("palisade-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let bogus = folder.appendingPathComponent("bogus.pcap").path
        try Data("this is not a capture".utf8).write(to: URL(fileURLWithPath: bogus))
        let path = folder.appendingPathComponent("plant.db").path
        let result = try run(
            CLI.binary!,
            ["import", bogus, corpusCapture("peers/s7-attack.pcap"), "--db", path, "--data", Self.data])
        #expect(result.status == 1)
        #expect(Self.oneLine(result.stderr) && result.stderr.contains("bogus.pcap"), "\(result.stderr)")
        #expect(result.stdout.contains("imported \(corpusCapture("peers/s7-attack.pcap"))"))
        #expect(try SQLiteStore(path: path).sources().count == 1)
    }

    /// A real full disk (a 2 MB tmpfs): the import that does not fit fails with one line, and
    /// the capture imported before it is intact.
    @Test(.enabled(if: getuid() == 0 && findTool("mount") != nil, "needs root to mount a small tmpfs"))
    func fullDisk() throws {
        let folder = try makeTemporaryFolder("palisade-full-disk")
        defer { try? FileManager.default.removeItem(at: folder) }
        guard (try? run(findTool("mount")!, ["-t", "tmpfs", "-o", "size=2m", "tmpfs", folder.path]))?.status == 0
        else {
            Issue.record("could not mount a tmpfs")
            return
        }
        defer { _ = try? run(findTool("umount")!, [folder.path]) }
        let path = folder.appendingPathComponent("plant.db").path
        let first = try run(
            CLI.binary!, ["import", corpusCapture("peers/modbus-attack.pcap"), "--db", path, "--data", Self.data])
        #expect(first.status == 0, "\(first.stderr)")
        let before = try StoreContents(SQLiteStore(path: path))
        // Long enough to need more than what is left: 40 time-shifted copies of mixed.pcap.
        let big = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-big-\(getpid()).pcap").path
        defer { try? FileManager.default.removeItem(atPath: big) }
        try writeRepeatedCapture(corpusCapture("peers/mixed.pcap"), copies: 40, shift: 120, to: big)
        let second = try run(CLI.binary!, ["import", big, "--db", path, "--data", Self.data])
        #expect(second.status == 1)
        #expect(Self.oneLine(second.stderr), "\(second.stderr)")
        #expect(second.stderr.contains("disk full"), "\(second.stderr)")
        let store = try SQLiteStore(path: path, readOnly: true)
        let sources = try store.sources()
        let firstSource = try #require(sources.first)
        #expect(firstSource.state == .complete && firstSource.name == corpusCapture("peers/modbus-attack.pcap"))
        // What the failed import committed before the disk filled is kept (it is redone by the
        // next import of that file); the first capture's share is untouched.
        #expect(sources.dropFirst().allSatisfy { $0.state == .importing })
        let after = try StoreContents(store)
        #expect(after.assets == before.assets && after.edges == before.edges)
        var query = EventQuery()
        query.limit = 1_000_000
        var firstEvents: [String: Int] = [:]
        for event in try store.events(query) where event.sourceID == firstSource.id {
            firstEvents[event.structuralKey, default: 0] += 1
        }
        #expect(firstEvents == before.events)
    }
}

@Suite(
    "palisade demo", .enabled(if: CLI.binary != nil, "palisade executable not found next to the tests"),
    .enabled(if: corpusAvailable, "shared corpus not found"))
struct DemoTests {
    /// The README's first command: simulate, import, and find every injected attack step in the
    /// store; running it again imports nothing twice.
    @Test func demoFindsEveryInjectedStepAndIsIdempotent() throws {
        let folder = try makeTemporaryFolder("palisade-demo")
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = ["demo", "--dir", folder.path, "--minutes", "3", "--data", StoreCLITests.data, "--no-serve"]
        let first = try run(CLI.binary!, arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("19 of 19 injected steps are in the store"), "\(first.stdout)")
        #expect(!first.stdout.contains("MISSING"))
        let store = try SQLiteStore(path: folder.appendingPathComponent("palisade.db").path)
        let contents = try StoreContents(store)
        #expect(contents.assets.count >= 30)
        #expect(contents.assets.values.contains("plc") && contents.assets.values.contains("hmi"))
        let second = try run(CLI.binary!, arguments)
        #expect(second.status == 0)
        #expect(second.stdout.contains("skipped"))
        #expect(try StoreContents(SQLiteStore(path: store.path)) == contents)
    }
}
