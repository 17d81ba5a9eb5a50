import AssetInventory
import Detection
import Foundation
import Monitor
import Storage

/// Detection for a store-fed run (the live sensor or an import): next to each worker's store
/// feed, a rule collector and a baseline stage, judged on the writer's thread with the latest
/// inventory. The baseline stage learns (a `BaselineLearner` per worker) until the learning
/// period ends or the baseline stops changing, writes the baseline document and then watches
/// the traffic against it (an `AnomalyCollector` per worker), without restarting the capture.
/// A device first seen while monitoring gets its own learning window: its pairs are learned into
/// the baseline instead of alerted (its dangerous operations still are). New and repeated alerts
/// go to the store and to `onAlerts` (the SIEM), except those a mute covers.
public final class StoreDetection {
    /// How the baseline stage runs (the sensor configuration's `detection:` section).
    public struct BaselineSettings: Sendable {
        public var mode: SensorConfiguration.DetectionSettings.Mode
        public var path: String
        /// Seconds.
        public var learningPeriod: Double
        public var stableAfter: Double
        public var newDeviceLearning: Double

        public init(_ settings: SensorConfiguration.DetectionSettings, path: String) {
            mode = settings.mode
            self.path = path
            learningPeriod = settings.learningPeriod
            stableAfter = settings.stableAfter
            newDeviceLearning = settings.newDeviceLearning
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// `rules` (no baseline), `learning` or `monitoring`.
    public private(set) var mode: String
    public let rules: RuleSet
    /// The baseline monitored against (the rules ask it whether a writer is expected).
    public private(set) var baseline: Baseline?
    private let settings: BaselineSettings?
    private let correlator: AlertCorrelator
    private var collectors: [DetectionCollector] = []
    private var stages: [(stage: ReplaceableObserver, origin: String)] = []
    private var learners: [BaselineLearner] = []
    private var monitor: BaselineMonitor?
    private var anomalyCollectors: [AnomalyCollector] = []
    private var inventory: Inventory?
    private var directory = AssetDirectory()
    private var mutes: [AlertMute] = []
    private var mutesRead: Int64?
    private var learningStarted: Int64?
    private var lastBaselineChange: Int64?
    private var lastRevision: UInt64 = 0
    /// New devices' addresses and the wall-clock end of their learning windows.
    private var deviceWindows: [String: Int64] = [:]
    private var statusWritten: Int64?
    /// Alerts recorded so far (new occurrences), held back by a mute, and anomalies of new
    /// devices learned instead of alerted.
    public private(set) var alertsRecorded: UInt64 = 0
    public private(set) var alertsMuted: UInt64 = 0
    public private(set) var anomaliesLearned: UInt64 = 0
    /// Alerts as they are recorded (not muted): the SIEM exporters.
    public var onAlerts: (([Alert]) -> Void)?
    /// A line for the sensor's log (learning finished, baseline written).
    public var log: (String) -> Void = { _ in }
    /// The name the detection status is stored under.
    public var statusName = "sensor"

    /// Rules only.
    public init(rules: RuleSet) {
        self.rules = rules
        self.settings = nil
        self.correlator = AlertCorrelator(rules: rules)
        mode = "rules"
    }

    /// Rules only (`baseline` nil), or rules and a baseline stage. Monitoring needs the baseline
    /// file; `auto` learns first when it does not exist.
    public init(rules: RuleSet, baseline settings: BaselineSettings?, now: Int64 = WallClock.nanoseconds())
        throws(Failure)
    {
        self.rules = rules
        self.settings = settings
        self.correlator = AlertCorrelator(rules: rules)
        guard let settings else {
            mode = "rules"
            return
        }
        let exists = FileManager.default.fileExists(atPath: settings.path)
        if settings.mode == .learn || (settings.mode == .auto && !exists) {
            mode = "learning"
            learningStarted = now
            lastBaselineChange = now
            return
        }
        do {
            baseline = try BaselineDocument.load(path: settings.path)
        } catch {
            throw Failure(description: "\(error)")
        }
        mode = "monitoring"
    }

    /// One observer per worker of an interface or an import (`origin`: `sensor:eth1` or the
    /// file): its rule collector and its baseline stage.
    public func makeObservers(workers: Int, origin: String) -> [any PacketPathObserver] {
        (0..<workers).map { _ in
            let collector = DetectionCollector(rules: rules, origin: origin)
            collectors.append(collector)
            guard settings != nil else { return collector }
            let stage = ReplaceableObserver()
            if mode == "learning" {
                let learner = BaselineLearner()
                learners.append(learner)
                stage.replace(with: [learner])
            } else if let baseline {
                if monitor == nil { monitor = BaselineMonitor(baseline: baseline) }
                let anomalies = monitor!.makeCollector(origin: origin)
                anomalyCollectors.append(anomalies)
                stage.replace(with: [anomalies])
            }
            stages.append((stage, origin))
            return ObserverFanOut([collector, stage])
        }
    }

    /// The latest inventory (roles for the rules, assets for the baseline and its anomalies).
    public func update(inventory: Inventory) {
        self.inventory = inventory
        directory = AssetDirectory(inventory)
    }

    /// Takes what the collectors found, judges it and records the alerts that are new or grew as
    /// seen in `source` (the import's capture, or the sensor's first interface: alerts are
    /// judged over every interface together). Learning advances here too. Returns the alerts
    /// recorded (with their new occurrences as `count`).
    @discardableResult
    public func evaluate(store: any AlertStore, source: Int64, now: Int64 = WallClock.nanoseconds()) throws(StoreError)
        -> [Alert]
    {
        for collector in collectors { correlator.ingest(collector) }
        var changes = correlator.changes(context: DetectionContext(directory: directory, baseline: baseline))
        switch mode {
        case "learning": advanceLearning(now: now)
        case "monitoring": changes += anomalyChanges(now: now)
        default: break
        }
        if settings != nil, statusWritten.map({ now &- $0 >= 5_000_000_000 }) ?? true {
            try store.saveDetectionStatus(status(now: now), sensor: statusName)
            statusWritten = now
        }
        guard !changes.isEmpty else { return [] }
        try store.recordAlerts(changes.map(StoredAlert.init), source: source)
        alertsRecorded &+= changes.reduce(0) { $0 &+ $1.count }
        if mutesRead.map({ now &- $0 > 10_000_000_000 }) ?? true {
            mutes = (try? store.mutes(activeAt: now)) ?? mutes
            mutesRead = now
        }
        let audible = changes.filter { alert in
            !mutes.contains { $0.covers(rule: alert.rule, assets: alert.assets, at: now) }
        }
        alertsMuted &+= UInt64(changes.count - audible.count)
        if !audible.isEmpty { onAlerts?(audible) }
        return changes
    }

    /// Where learning stands, for `palisade status` and the console.
    public func status(now: Int64 = WallClock.nanoseconds()) -> DetectionStatus {
        let entries: Int
        if mode == "learning" {
            entries = learners.reduce(0) { $0 + Int(min($1.revision, UInt64(Int.max / 2))) }
        } else {
            entries = baseline.map { $0.assets.count + $0.pairs.reduce(0) { $0 + 1 + $1.functions.count } } ?? 0
        }
        return DetectionStatus(
            mode: mode == "rules" ? "monitoring" : mode, learningStarted: learningStarted,
            learningUntil: learningStarted.map { $0 &+ Int64((settings?.learningPeriod ?? 0) * 1e9) },
            lastBaselineChange: lastBaselineChange, baselineEntries: entries, baselinePath: settings?.path,
            updated: now)
    }

    /// Drafts dropped at the collectors' caps.
    public var capHits: UInt64 { collectors.reduce(0) { $0 &+ $1.capHits } }

    // MARK: learning

    private func advanceLearning(now: Int64) {
        guard let settings, let started = learningStarted else { return }
        let revision = learners.reduce(UInt64(0)) { $0 &+ $1.revision }
        if revision != lastRevision {
            lastRevision = revision
            lastBaselineChange = now
        }
        let elapsed = Double(now - started) / 1e9
        let stable = Double(now - (lastBaselineChange ?? now)) / 1e9
        guard elapsed >= settings.learningPeriod || (stable >= settings.stableAfter && elapsed >= settings.stableAfter)
        else { return }
        let learned = mergedLearners().snapshot(inventory: inventory, store: "sensor")
        let reason =
            elapsed >= settings.learningPeriod
            ? "the learning period ended" : "the baseline did not change for \(Int(stable)) s"
        adopt(learned, now: now)
        log(
            "palisade: learning finished (\(reason)): \(learned.assets.count) assets, \(learned.pairs.count) pairs written to \(settings.path); monitoring"
        )
    }

    private func mergedLearners() -> BaselineLearner {
        let merged = BaselineLearner()
        for learner in learners { merged.merge(learner) }
        return merged
    }

    /// Writes `baseline` and watches the traffic against it from now on.
    private func adopt(_ baseline: Baseline, now: Int64) {
        if let path = settings?.path {
            do {
                try BaselineDocument.write(baseline, to: path)
            } catch {
                log("palisade: could not write the baseline to \(path): \(error); monitoring with it in memory")
            }
        }
        self.baseline = baseline
        let monitor = BaselineMonitor(baseline: baseline)
        self.monitor = monitor
        anomalyCollectors = stages.map { monitor.makeCollector(origin: $0.origin) }
        learners = []
        for (index, entry) in stages.enumerated() { entry.stage.replace(with: [anomalyCollectors[index]]) }
        mode = "monitoring"
        lastBaselineChange = now
    }

    // MARK: monitoring

    /// The anomalies that are new or grew (as increments); those of a device in its learning
    /// window are learned instead (except the dangerous-operation ones).
    private func anomalyChanges(now: Int64) -> [Alert] {
        guard let monitor else { return [] }
        for collector in anomalyCollectors { monitor.ingest(collector) }
        var result: [Alert] = []
        for alert in monitor.changes(inventory: inventory) {
            if alert.rule == "anomaly.new-asset" { openWindow(for: alert.assets, now: now) }
            if alert.rule != "anomaly.new-asset", alert.rule != "anomaly.new-operation-source",
                alert.assets.contains(where: { deviceWindows[$0].map { now < $0 } ?? false })
            {
                anomaliesLearned &+= alert.count
                continue
            }
            result.append(alert)
        }
        closeWindows(now: now)
        return result
    }

    private func openWindow(for addresses: [String], now: Int64) {
        guard let settings, settings.newDeviceLearning > 0 else { return }
        let end = now &+ Int64(settings.newDeviceLearning * 1e9)
        for address in addresses where deviceWindows[address] == nil { deviceWindows[address] = end }
        guard learners.isEmpty else { return }
        // Learn the newcomer's traffic next to the anomaly collectors while a window is open.
        learners = stages.map { _ in BaselineLearner() }
        for (index, entry) in stages.enumerated() {
            entry.stage.replace(with: [anomalyCollectors[index], learners[index]])
        }
        log(
            "palisade: new device \(addresses.joined(separator: ", ")): learning its traffic for \(Int(settings.newDeviceLearning)) s"
        )
    }

    /// Folds the pairs and assets of devices whose window ended into the baseline.
    private func closeWindows(now: Int64) {
        let closed = Set(deviceWindows.filter { now >= $0.value }.keys)
        guard !closed.isEmpty, var baseline else { return }
        let learned = mergedLearners().snapshot(inventory: inventory, store: "sensor")
        var newcomers = learned
        newcomers.pairs = learned.pairs.filter { closed.contains($0.client) || closed.contains($0.server) }
        newcomers.assets = learned.assets.filter { ($0.addresses + $0.macs).contains(where: closed.contains) }
        let newPairs = newcomers.pairs
        let newAssets = newcomers.assets
        for address in closed { deviceWindows[address] = nil }
        baseline.absorb(newcomers)
        log(
            "palisade: learning window of \(closed.sorted().joined(separator: ", ")) ended: \(newPairs.count) pairs and \(newAssets.count) assets learned into the baseline"
        )
        let stillOpen = !deviceWindows.isEmpty
        let keptLearners = learners
        adopt(baseline, now: now)
        if stillOpen {
            learners = keptLearners
            for (index, entry) in stages.enumerated() {
                entry.stage.replace(with: [anomalyCollectors[index], learners[index]])
            }
        }
    }
}
