import Monitor

extension CaptureAnalyzer {
    /// Analyzes `paths` with one inventory collector per worker and builds the inventory. Only
    /// notable events are kept on the packet path (identity, discovery, writes…); everything
    /// else reaches the inventory as per-flow counts.
    public func inventory(
        _ paths: [String], reference: ReferenceData, progress: (@Sendable (Int, Int64) -> Void)? = nil
    ) -> (inventory: Inventory, result: Result) {
        var analyzer = self
        analyzer.configuration.collectEvents = true
        analyzer.configuration.collectOnlyNotableEvents = true
        let collectors = (0..<analyzer.workers).map { _ in InventoryCollector() }
        let result = analyzer.run(paths, observers: collectors, progress: progress)
        let merged = collectors[0]
        merged.merge(collectors.dropFirst())
        let inventory = InventoryBuilder(reference: reference).build(merged)
        // Their tables take tens of milliseconds to free, which the caller need not wait for.
        releaseInBackground(collectors)
        return (inventory, result)
    }
}
