import AssetInventory
import Foundation
import Monitor

/// The outcome of detection over capture files.
public struct DetectionResult: Sendable {
    public var alerts: [Alert]
    /// The assets the rules were judged with. Its communication map is left empty: the rules
    /// need the assets' roles, not the map.
    public var inventory: Inventory
    public var analysis: CaptureAnalyzer.Result
    /// Drafts dropped at the collectors' caps.
    public var capHits: UInt64
}

extension CaptureAnalyzer {
    /// Analyzes `paths` once with the inventory and the rules side by side, then judges what the
    /// rules found with the inventory (roles) and the baseline when one is given.
    public func detect(
        _ paths: [String], rules: RuleSet, reference: ReferenceData, baseline: (any BaselinePolicy)? = nil,
        progress: (@Sendable (Int, Int64) -> Void)? = nil
    ) -> DetectionResult {
        var analyzer = self
        analyzer.configuration.collectEvents = true
        analyzer.configuration.collectOnlyNotableEvents = true
        // A baseline document is also watched for anomalies: its periodic exchanges are timed
        // from the flows' per-function counts, reported in parts as packet time goes.
        let monitor = (baseline as? Baseline).map { BaselineMonitor(baseline: $0) }
        if monitor != nil {
            analyzer.configuration.countFunctions = true
            analyzer.configuration.checkpointInterval = BaselineMonitor.checkpointInterval
        }
        let anomalyCollectors = (0..<analyzer.workers).compactMap { _ in
            monitor?.makeCollector(origin: paths.first ?? "")
        }
        let inventoryCollectors = (0..<analyzer.workers).map { _ in InventoryCollector() }
        let detectionCollectors = (0..<analyzer.workers).map { _ in
            DetectionCollector(rules: rules, origin: paths.first ?? "")
        }
        let observers = (0..<analyzer.workers).map {
            ObserverFanOut(
                [inventoryCollectors[$0], detectionCollectors[$0]]
                    + (anomalyCollectors.isEmpty ? [] : [anomalyCollectors[$0]]))
        }
        let result = analyzer.run(paths, observers: observers, progress: progress)
        let correlator = AlertCorrelator(rules: rules)
        // The drafts need no inventory until they are judged: they are merged on the other core
        // while the inventory's endpoints and facts are, and the inventory's edges after them.
        // The build comes after, on its own: it splits its work over both cores, which it could
        // not do inside another side-by-side (Dispatch runs a nested concurrentPerform on one
        // thread).
        let merged = inventoryCollectors[0]
        let others = inventoryCollectors.dropFirst()
        _ = sideBySide(
            { for other in others { merged.mergeEndpointsAndFacts(other) } },
            {
                for collector in detectionCollectors { correlator.ingest(collector) }
                for other in others { merged.mergeEdges(other) }
            }
        )
        // Rules need the assets' roles, not the communication map.
        var builder = InventoryBuilder(reference: reference)
        builder.buildsMap = false
        let inventory = builder.build(merged)
        let context = DetectionContext(directory: AssetDirectory(inventory), baseline: baseline)
        var alerts = correlator.alerts(context: context)
        if let monitor {
            for collector in anomalyCollectors { monitor.ingest(collector) }
            alerts += monitor.alerts(inventory: inventory)
            alerts.sort { ($0.firstTime, $0.rule, $0.id) < ($1.firstTime, $1.rule, $1.id) }
        }
        let capHits = detectionCollectors.reduce(0) { $0 + $1.capHits } + (monitor?.capHits ?? 0)
        // Hundreds of thousands of drafts and the collectors' tables take tens of milliseconds to
        // free: another thread does it while the caller goes on with the alerts.
        releaseInBackground((correlator, detectionCollectors, inventoryCollectors, context))
        return DetectionResult(alerts: alerts, inventory: inventory, analysis: result, capHits: capHits)
    }
}
