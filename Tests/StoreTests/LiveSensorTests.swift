import CorpusTestSupport
import Foundation
import SQLiteStore
import Storage
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The peers' live scenarios (../shared/peers/live.sh): real protocol stacks in network
/// namespaces, seen on a mirror interface in the root namespace. Needs root (CI runs as root).
enum LivePeers {
    static let script = corpusRoot.deletingLastPathComponent().appendingPathComponent("peers/live.sh").path
    static var available: Bool {
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: script) && findTool("ip") != nil
    }

    /// Starts `scenario` for `seconds`; returns the process and the interface to listen on.
    static func start(_ scenario: String, seconds: Int) throws -> (Process, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = [scenario, String(seconds)]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line is the interface (after the peers' one-time setup, which may install
        // Python packages on a fresh machine).
        var line = Data()
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        DispatchQueue.global().async { _ = output.fileHandleForReading.readDataToEndOfFile() }
        return (process, String(decoding: line, as: UTF8.self))
    }

    static let dataFolder = corpusRoot.deletingLastPathComponent().appendingPathComponent("data").path
}

@Suite(
    "live sensor against real protocol stacks", .serialized,
    .enabled(if: LivePeers.available, "needs root and ../shared/peers (CI runs these)"),
    .enabled(if: CLI.binary != nil, "palisade executable not found next to the tests"),
    .enabled(if: corpusAvailable, "shared corpus not found"))
struct LiveSensorTests {
    /// `palisade sensor` on the modbus-attack scenario stores the same assets, edges and notable
    /// events as `palisade import` of a capture of that scenario.
    @Test func sensorStoresWhatImportOfTheSameScenarioStores() throws {
        let folder = try makeTemporaryFolder("palisade-live")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (peers, interface) = try LivePeers.start("modbus-attack", seconds: 20)
        defer { if peers.isRunning { peers.terminate() } }
        try #require(!interface.isEmpty, "live.sh printed no interface")
        let live = folder.appendingPathComponent("live.db").path
        // Alerts also go to the SIEM as they happen: a JSON-lines file destination here.
        let exported = folder.appendingPathComponent("alerts.jsonl").path
        let config = folder.appendingPathComponent("sensor.yaml").path
        try "detection:\n  export:\n    - {type: file, path: \(exported)}\n".write(
            toFile: config, atomically: true, encoding: .utf8)
        let sensor = try run(
            CLI.binary!,
            [
                "sensor", "--interface", interface, "--db", live, "--seconds", "30", "--data", LivePeers.dataFolder,
                "--config", config,
            ])
        #expect(sensor.status == 0, "\(sensor.stderr)")
        #expect(sensor.stderr.contains("kernel drops 0"), "\(sensor.stderr)")
        peers.waitUntilExit()

        let imported = folder.appendingPathComponent("import.db").path
        let result = try run(
            CLI.binary!,
            ["import", corpusCapture("peers/modbus-attack.pcap"), "--db", imported, "--data", LivePeers.dataFolder])
        #expect(result.status == 0, "\(result.stderr)")
        let liveContents = try StoreContents(SQLiteStore(path: live))
        let importContents = try StoreContents(SQLiteStore(path: imported))
        #expect(liveContents.assets == importContents.assets)
        #expect(liveContents.edges == importContents.edges)
        // The rogue's operations are a fixed sequence: the same events, the same number of times.
        #expect(liveContents.events == importContents.events)
        #expect(liveContents.events.values.reduce(0, +) >= 20)
        // Alerts are raised live, and they are the import's: same ids, rules, severities, counts.
        func alerts(_ path: String) throws -> [String] {
            try SQLiteStore(path: path).alerts(AlertQuery()).map { "\($0.id) \($0.rule) \($0.severity) \($0.count)" }
                .sorted()
        }
        let liveAlerts = try alerts(live)
        #expect(liveAlerts == (try alerts(imported)))
        #expect(liveAlerts.contains { $0.hasSuffix("modbus-restart-or-listen-only high 1") }, "\(liveAlerts)")
        #expect(sensor.stderr.contains("alert high modbus-restart-or-listen-only"), "\(sensor.stderr)")
        let lines = try String(contentsOfFile: exported, encoding: .utf8).split(separator: "\n")
        #expect(lines.contains { $0.contains("\"rule\":\"modbus-restart-or-listen-only\"") }, "\(lines)")
        #expect(lines.allSatisfy { $0.hasPrefix("{\"schema\":\"palisade.alert/1\"") })
        let status = try run(CLI.binary!, ["status", "--db", live])
        #expect(status.stdout.contains("sensor \(interface): live"), "\(status.stdout)")
        #expect(status.stdout.contains("Sensor health"), "\(status.stdout)")
    }

    /// `kill -9` of the sensor mid-run: the store opens with everything committed before the
    /// kill, and a restart on the same interface continues the same inventory without duplicates.
    @Test func sensorKilledThenRestartedContinuesWithoutDuplicates() throws {
        let folder = try makeTemporaryFolder("palisade-live-kill")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (peers, interface) = try LivePeers.start("modbus-attack", seconds: 22)
        defer { if peers.isRunning { peers.terminate() } }
        try #require(!interface.isEmpty, "live.sh printed no interface")
        let database = folder.appendingPathComponent("live.db").path
        let arguments = ["sensor", "--interface", interface, "--db", database, "--data", LivePeers.dataFolder]
        let first = Process()
        first.executableURL = URL(fileURLWithPath: CLI.binary!)
        first.arguments = arguments + ["--seconds", "60"]
        first.standardError = FileHandle.nullDevice
        try first.run()
        // Kill once some of the rogue's events are committed (they start ~5 s into the scenario).
        var committed: [StoredEvent] = []
        let deadline = Date().addingTimeInterval(40)
        while committed.count < 5 && Date() < deadline {
            usleep(200_000)
            if let store = try? SQLiteStore(path: database, readOnly: true) {
                committed = (try? store.events(EventQuery())) ?? []
            }
        }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        let reopened = try SQLiteStore(path: database)
        let kept = Set(try reopened.events(EventQuery()).compactMap(\.id))
        #expect(committed.count >= 5)
        #expect(committed.allSatisfy { kept.contains($0.id!) })

        let second = try run(CLI.binary!, arguments + ["--seconds", "20"])
        #expect(second.status == 0, "\(second.stderr)")
        peers.waitUntilExit()
        let store = try SQLiteStore(path: database)
        #expect(try store.sources().count == 1, "one sensor source across restarts")
        let assets = try store.assets().map(\.id)
        #expect(Set(assets).count == assets.count)
        #expect(Set(assets).isSuperset(of: ["mac:00:80:f4:77:02:10", "mac:b8:27:eb:77:09:66"]))
        var query = EventQuery()
        query.limit = 10_000
        let events = try store.events(query)
        // No event stored twice: each (frame time, function, endpoints) once.
        let keys = events.map { "\($0.timestamp) \($0.structuralKey)" }
        #expect(Set(keys).count == keys.count)
    }
}

@Suite(
    "sensor on several interfaces", .enabled(if: getuid() == 0 && findTool("ip") != nil, "needs root for a veth pair"),
    .enabled(if: CLI.binary != nil, "palisade executable not found next to the tests"))
struct MultiInterfaceSensorTests {
    /// One sensor, two interfaces: each gets its own source and its own statistics, and the
    /// metrics endpoint answers while it runs.
    @Test func twoInterfacesTwoSourcesAndMetrics() throws {
        // A veth pair of our own (the kernel may lack the dummy driver); nothing is sent on it.
        let dummy = "pvta\(getpid() % 100_000)"
        let peer = "pvtb\(getpid() % 100_000)"
        let ip = findTool("ip")!
        _ = try run(ip, ["link", "add", dummy, "type", "veth", "peer", "name", peer])
        defer { _ = try? run(ip, ["link", "del", dummy]) }
        _ = try run(ip, ["link", "set", dummy, "up"])
        _ = try run(ip, ["link", "set", peer, "up"])
        let folder = try makeTemporaryFolder("palisade-multi")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("multi.db").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary!)
        process.arguments = [
            "sensor", "--interface", "lo", "--interface", dummy, "--db", database, "--seconds", "7",
            "--metrics-listen", "127.0.0.1:0", "--data", LivePeers.dataFolder,
        ]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        // The endpoint's address is on the first line.
        var line = Data()
        while true {
            let byte = errors.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        let first = String(decoding: line, as: UTF8.self)
        let url = try #require(first.split(separator: " ").last.map(String.init), "\(first)")
        #expect(url.hasPrefix("http://127.0.0.1:") && url.hasSuffix("/metrics"), "\(first)")
        sleep(3)
        if let curl = findTool("curl") {
            let scrape = try run(curl, ["-s", url])
            #expect(scrape.stdout.contains("palisade_packets_total{interface=\"lo\"}"), "\(scrape.stdout.prefix(500))")
            #expect(scrape.stdout.contains("palisade_packets_total{interface=\"\(dummy)\"}"))
            #expect(scrape.stdout.contains("palisade_store_write_seconds_bucket"))
        }
        DispatchQueue.global().async { _ = errors.fileHandleForReading.readDataToEndOfFile() }
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let store = try SQLiteStore(path: database, readOnly: true)
        #expect(Set(try store.sources().map(\.name)) == ["lo", dummy])
        #expect(Set(try store.latestSensorSamples().map(\.interface)) == ["lo", dummy])
    }
}

@Suite(
    "sensor when an interface goes away",
    .enabled(if: getuid() == 0 && findTool("ip") != nil, "needs root for a veth pair"),
    .enabled(if: findTool("python3") != nil, "python3 sends the test frames"),
    .enabled(if: CLI.binary != nil, "palisade executable not found next to the tests"))
struct InterfaceReopenTests {
    /// The interface is deleted and created again while the sensor runs: the sensor says so,
    /// reopens it, and what arrives afterwards is captured into the same source.
    @Test func vanishedInterfaceIsReopened() throws {
        let name = "pvra\(getpid() % 100_000)"
        let peer = "pvrb\(getpid() % 100_000)"
        let ip = findTool("ip")!
        func create() throws {
            _ = try run(ip, ["link", "add", name, "type", "veth", "peer", "name", peer])
            _ = try run(ip, ["link", "set", name, "up"])
            _ = try run(ip, ["link", "set", peer, "up"])
        }
        try create()
        defer { _ = try? run(ip, ["link", "del", name]) }
        let folder = try makeTemporaryFolder("palisade-reopen")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("reopen.db").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary!)
        process.arguments = [
            "sensor", "--interface", name, "--db", database, "--seconds", "9", "--data", LivePeers.dataFolder,
        ]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        sleep(2)
        _ = try run(ip, ["link", "del", name])
        sleep(1)
        try create()
        sleep(3)  // the sensor retries every 2 s
        // Ten broadcast ARP requests into the peer end, seen on the monitored end.
        let script = """
            import socket, struct
            s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
            s.bind(("\(peer)", 0))
            mac = bytes.fromhex("020000000001")
            for i in range(10):
                arp = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, mac, bytes([10,99,0,1]), bytes(6), bytes([10,99,0,i+2]))
                s.send(b"\\xff" * 6 + mac + b"\\x08\\x06" + arp)
            """
        let sent = try run(findTool("python3")!, ["-c", script])
        #expect(sent.status == 0, "\(sent.stderr)")
        let log = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: log, as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("capture stopped"), "\(text)")
        #expect(text.contains("capture reopened"), "\(text)")
        let store = try SQLiteStore(path: database, readOnly: true)
        #expect(try store.sources().map(\.name) == [name])
        let sample = try #require(try store.latestSensorSamples().first)
        #expect(sample.packets >= 10, "\(sample)")
        #expect(try store.assets().contains { $0.id == "mac:02:00:00:00:00:01" })
    }
}
