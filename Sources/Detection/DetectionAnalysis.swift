import AssetInventory
import Monitor

/// The outcome of detection over capture files.
public struct DetectionResult: Sendable {
    public var alerts: [Alert]
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
        let inventoryCollectors = (0..<analyzer.workers).map { _ in InventoryCollector() }
        let detectionCollectors = (0..<analyzer.workers).map { _ in
            DetectionCollector(rules: rules, origin: paths.first ?? "")
        }
        let observers = (0..<analyzer.workers).map {
            ObserverFanOut([inventoryCollectors[$0], detectionCollectors[$0]])
        }
        let result = analyzer.run(paths, observers: observers, progress: progress)
        let merged = inventoryCollectors[0]
        for other in inventoryCollectors.dropFirst() { merged.merge(other) }
        let inventory = InventoryBuilder(reference: reference).build(merged)
        let correlator = AlertCorrelator(rules: rules)
        for collector in detectionCollectors { correlator.ingest(collector) }
        let context = DetectionContext(directory: AssetDirectory(inventory), baseline: baseline)
        return DetectionResult(
            alerts: correlator.alerts(context: context), inventory: inventory, analysis: result,
            capHits: detectionCollectors.reduce(0) { $0 + $1.capHits })
    }
}
