import AssetInventory
import CorpusTestSupport
import Detection
import Foundation
import Monitor
import SQLiteStore
import Sensor
import Storage
import Testing

/// The sensor's detection stage driven with capture files and an injected clock: it learns,
/// writes the baseline when the learning period ends, switches its workers to monitoring without
/// new observers, and gives a new device its own learning window.
@Suite("sensor learning and monitoring", .enabled(if: corpusAvailable, "shared corpus not found"))
struct SensorLearningTests {
    static let second: Int64 = 1_000_000_000

    /// Runs `path` through `observers` the way the sensor's workers do, and hands the inventory
    /// to `detection`.
    static func feed(_ path: String, _ detection: StoreDetection, _ observers: [any PacketPathObserver]) {
        let analyzer = CaptureAnalyzer(configuration: .feedingStore(checkpointInterval: 10 * second), workers: 2)
        let collectors = [InventoryCollector(), InventoryCollector()]
        _ = analyzer.run([path], observers: (0..<2).map { ObserverFanOut([collectors[$0], observers[$0]]) })
        collectors[0].merge(collectors[1])
        detection.update(inventory: InventoryBuilder(reference: referenceData).build(collectors[0]))
    }

    static func settings(path: String, newDevice: Double) -> StoreDetection.BaselineSettings {
        var section = SensorConfiguration.DetectionSettings()
        section.mode = .learn
        section.learningPeriod = 60
        section.stableAfter = 3600
        section.newDeviceLearning = newDevice
        return StoreDetection.BaselineSettings(section, path: path)
    }

    @Test func learnsThenMonitorsAndTheRogueIsAnAnomaly() throws {
        let (store, folder) = try makeStore("learning")
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try store.sensorSource(interface: "test0")
        let baselinePath = folder.appendingPathComponent("baseline.yaml").path
        let start: Int64 = 1_000 * Self.second
        let detection = try StoreDetection(
            rules: .builtIn, baseline: Self.settings(path: baselinePath, newDevice: 0), now: start)
        var lines: [String] = []
        detection.log = { lines.append($0) }
        let observers = detection.makeObservers(workers: 2, origin: "sensor:test0")
        #expect(detection.mode == "learning")
        // While learning, the workers keep every event for the learner.
        #expect(observers.allSatisfy { $0.wantsEveryEvent })

        Self.feed(corpusCapture("peers/modbus-normal.pcap"), detection, observers)
        try detection.evaluate(store: store, source: source, now: start + 30 * Self.second)
        #expect(detection.mode == "learning")
        #expect(try store.detectionStatus().first?.status.mode == "learning")
        #expect(!FileManager.default.fileExists(atPath: baselinePath))

        try detection.evaluate(store: store, source: source, now: start + 61 * Self.second)
        #expect(detection.mode == "monitoring")
        #expect(lines.contains { $0.contains("learning finished (the learning period ended)") }, "\(lines)")
        let written = try BaselineDocument.load(path: baselinePath)
        #expect(written.pairs.contains { $0.client == "10.77.1.20" && $0.server == "10.77.2.10" && $0.port == 502 })
        #expect(observers.allSatisfy { !$0.wantsEveryEvent })

        // The same observers now watch against the baseline.
        Self.feed(corpusCapture("peers/modbus-attack.pcap"), detection, observers)
        let alerts = try detection.evaluate(store: store, source: source, now: start + 63 * Self.second)
        let rules = Set(alerts.map(\.rule))
        #expect(rules.isSuperset(of: ["anomaly.new-asset", "anomaly.new-pair", "anomaly.new-operation-source"]))
        #expect(alerts.filter { $0.kind == .anomaly }.allSatisfy { $0.assets.contains("10.77.9.66") })
        var query = AlertQuery()
        query.rule = "anomaly.new-operation-source"
        #expect(try !store.alerts(query).isEmpty)
        let status = try #require(try store.detectionStatus().first?.status)
        #expect(status.mode == "monitoring" && status.baselinePath == baselinePath && status.baselineEntries > 0)
    }

    @Test func aNewDeviceLearnsInItsOwnWindowButItsWritesStillAlert() throws {
        let (store, folder) = try makeStore("learning")
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try store.sensorSource(interface: "test0")
        let baselinePath = folder.appendingPathComponent("baseline.yaml").path
        let start: Int64 = 1_000 * Self.second
        let detection = try StoreDetection(
            rules: .builtIn, baseline: Self.settings(path: baselinePath, newDevice: 300), now: start)
        var lines: [String] = []
        detection.log = { lines.append($0) }
        let observers = detection.makeObservers(workers: 2, origin: "sensor:test0")
        Self.feed(corpusCapture("peers/modbus-normal.pcap"), detection, observers)
        try detection.evaluate(store: store, source: source, now: start + 61 * Self.second)
        let pairsBefore = try BaselineDocument.load(path: baselinePath).pairs.count

        Self.feed(corpusCapture("peers/modbus-attack.pcap"), detection, observers)
        let alerts = try detection.evaluate(store: store, source: source, now: start + 62 * Self.second)
        let rules = Set(alerts.filter { $0.kind == .anomaly }.map(\.rule))
        #expect(rules.contains("anomaly.new-asset"))
        #expect(rules.contains("anomaly.new-operation-source"))
        #expect(!rules.contains("anomaly.new-pair"))
        #expect(detection.anomaliesLearned > 0)
        #expect(lines.contains { $0.contains("new device") && $0.contains("10.77.9.66") }, "\(lines)")

        // The newcomer goes on talking during its window (the capture again, as live traffic would),
        // then the window ends: its pairs become part of the baseline file.
        #expect(observers.allSatisfy { $0.wantsEveryEvent })
        Self.feed(corpusCapture("peers/modbus-attack.pcap"), detection, observers)
        try detection.evaluate(store: store, source: source, now: start + 400 * Self.second)
        #expect(
            lines.contains { $0.contains("learning window of") && $0.contains("learned into the baseline") }, "\(lines)"
        )
        let after = try BaselineDocument.load(path: baselinePath)
        #expect(after.pairs.count > pairsBefore)
        #expect(after.pairs.contains { $0.client == "10.77.9.66" })
    }

    @Test func monitorModeNeedsTheBaselineFile() {
        var section = SensorConfiguration.DetectionSettings()
        section.mode = .monitor
        #expect(throws: StoreDetection.Failure.self) {
            _ = try StoreDetection(
                rules: .builtIn, baseline: StoreDetection.BaselineSettings(section, path: "/nonexistent/baseline.yaml"))
        }
    }
}
