import AssetInventory
import Monitor

/// A baseline learned from capture files, with what the analysis found on the way.
public struct BaselineLearning: Sendable {
    public var baseline: Baseline
    public var inventory: Inventory
    public var analysis: CaptureAnalyzer.Result
    /// Pairs, hosts or targets the learner could not keep at its caps.
    public var capHits: UInt64
}

extension CaptureAnalyzer {
    /// Learns a baseline from `paths` in one pass: every event (not only the notable ones) goes
    /// to one `BaselineLearner` per worker, next to the inventory; only traffic between `since`
    /// and `until` (packet time, ns) is learned.
    public func learnBaseline(
        _ paths: [String], reference: ReferenceData, since: Int64? = nil, until: Int64? = nil,
        progress: (@Sendable (Int, Int64) -> Void)? = nil
    ) -> BaselineLearning {
        var analyzer = self
        analyzer.configuration.collectEvents = true
        analyzer.configuration.collectOnlyNotableEvents = false
        let inventoryCollectors = (0..<analyzer.workers).map { _ in InventoryCollector() }
        let learners = (0..<analyzer.workers).map { _ in BaselineLearner(since: since, until: until) }
        let observers = (0..<analyzer.workers).map { ObserverFanOut([inventoryCollectors[$0], learners[$0]]) }
        let result = analyzer.run(paths, observers: observers, progress: progress)
        let merged = inventoryCollectors[0]
        merged.merge(inventoryCollectors.dropFirst())
        let inventory = InventoryBuilder(reference: reference).build(merged)
        let learner = learners[0]
        for other in learners.dropFirst() { learner.merge(other) }
        var baseline = learner.snapshot(inventory: inventory)
        // Files named as given, in the order given (workers may have met them in any order).
        baseline.header.captures = paths.filter { result.files.contains($0) }
        return BaselineLearning(baseline: baseline, inventory: inventory, analysis: result, capHits: learner.capHits)
    }
}
