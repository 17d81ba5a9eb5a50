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
    @Test func learnsThenMonitorsAndTheRogueIsAnAnomaly() throws {
        let rig = try LearningRig(newDeviceLearning: 0)
        let (store, detection, observers, baselinePath) = (rig.store, rig.detection, rig.observers, rig.baselinePath)
        #expect(detection.mode == "learning")
        // While learning, the workers keep every event for the learner.
        #expect(observers.allSatisfy { $0.wantsEveryEvent })

        rig.feed("peers/modbus-normal.pcap")
        try rig.evaluate(atSecond: 30)
        #expect(detection.mode == "learning")
        #expect(try store.detectionStatus().first?.status.mode == "learning")
        #expect(!FileManager.default.fileExists(atPath: baselinePath))

        try rig.evaluate(atSecond: 61)
        #expect(detection.mode == "monitoring")
        #expect(rig.lines.contains { $0.contains("learning finished (the learning period ended)") }, "\(rig.lines)")
        let written = try BaselineDocument.load(path: baselinePath)
        #expect(written.pairs.contains { $0.client == "10.77.1.20" && $0.server == "10.77.2.10" && $0.port == 502 })
        #expect(observers.allSatisfy { !$0.wantsEveryEvent })

        // The same observers now watch against the baseline.
        rig.feed("peers/modbus-attack.pcap")
        let alerts = try rig.evaluate(atSecond: 63)
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
        let rig = try LearningRig(newDeviceLearning: 300)
        let (detection, observers, baselinePath) = (rig.detection, rig.observers, rig.baselinePath)
        rig.feed("peers/modbus-normal.pcap")
        try rig.evaluate(atSecond: 61)
        let pairsBefore = try BaselineDocument.load(path: baselinePath).pairs.count

        rig.feed("peers/modbus-attack.pcap")
        let alerts = try rig.evaluate(atSecond: 62)
        let rules = Set(alerts.filter { $0.kind == .anomaly }.map(\.rule))
        #expect(rules.contains("anomaly.new-asset"))
        #expect(rules.contains("anomaly.new-operation-source"))
        #expect(!rules.contains("anomaly.new-pair"))
        #expect(detection.anomaliesLearned > 0)
        #expect(rig.lines.contains { $0.contains("new device") && $0.contains("10.77.9.66") }, "\(rig.lines)")

        // The newcomer goes on talking during its window (the capture again, as live traffic would),
        // then the window ends: its pairs become part of the baseline file.
        #expect(observers.allSatisfy { $0.wantsEveryEvent })
        rig.feed("peers/modbus-attack.pcap")
        try rig.evaluate(atSecond: 400)
        #expect(
            rig.lines.contains { $0.contains("learning window of") && $0.contains("learned into the baseline") },
            "\(rig.lines)"
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

/// A fresh store with a sensor source, and a detection stage learning into a baseline file in
/// the store's folder (60 s learning period, the given new-device window), fed with captures the
/// way the sensor's two workers are and evaluated at seconds after its start.
final class LearningRig {
    static let second: Int64 = 1_000_000_000
    static let start: Int64 = 1_000 * second
    let store: SQLiteStore
    let folder: URL
    let source: Int64
    let baselinePath: String
    let detection: StoreDetection
    let observers: [any PacketPathObserver]
    private(set) var lines: [String] = []

    init(newDeviceLearning: Double) throws {
        (store, folder) = try makeStore("learning")
        source = try store.sensorSource(interface: "test0")
        baselinePath = folder.appendingPathComponent("baseline.yaml").path
        var section = SensorConfiguration.DetectionSettings()
        section.mode = .learn
        section.learningPeriod = 60
        section.stableAfter = 3600
        section.newDeviceLearning = newDeviceLearning
        detection = try StoreDetection(
            rules: .builtIn, baseline: StoreDetection.BaselineSettings(section, path: baselinePath), now: Self.start)
        observers = detection.makeObservers(workers: 2, origin: "sensor:test0")
        detection.log = { [weak self] in self?.lines.append($0) }
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Runs the corpus capture through the observers and hands the inventory to the detection.
    func feed(_ capture: String) {
        let analyzer = CaptureAnalyzer(configuration: .feedingStore(checkpointInterval: 10 * Self.second), workers: 2)
        let collectors = [InventoryCollector(), InventoryCollector()]
        _ = analyzer.run(
            [corpusCapture(capture)], observers: (0..<2).map { ObserverFanOut([collectors[$0], observers[$0]]) })
        collectors[0].merge(collectors[1])
        detection.update(inventory: InventoryBuilder(reference: referenceData).build(collectors[0]))
    }

    @discardableResult
    func evaluate(atSecond seconds: Int64) throws -> [Alert] {
        try detection.evaluate(store: store, source: source, now: Self.start + seconds * Self.second)
    }
}
