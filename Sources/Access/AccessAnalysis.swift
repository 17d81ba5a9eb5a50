import AssetInventory
import Monitor

extension CaptureAnalyzer {
    /// Analyzes `paths` once with an inventory collector and an access collector per worker: the
    /// inventory (assets, communication map) and the access observations of the same traffic.
    public func access(
        _ paths: [String], reference: ReferenceData, progress: (@Sendable (Int, Int64) -> Void)? = nil
    ) -> (data: AccessData, result: Result) {
        var analyzer = self
        analyzer.configuration.collectEvents = true
        analyzer.configuration.collectOnlyNotableEvents = true
        let inventories = (0..<analyzer.workers).map { _ in InventoryCollector() }
        let accesses = (0..<analyzer.workers).map { _ in AccessCollector() }
        let observers = zip(inventories, accesses).map { ObserverFanOut([$0, $1]) }
        let result = analyzer.run(paths, observers: observers, progress: progress)
        inventories[0].merge(inventories.dropFirst())
        for other in accesses.dropFirst() { accesses[0].merge(other) }
        let inventory = InventoryBuilder(reference: reference).build(inventories[0])
        let seen = inventory.assets.filter { $0.firstSeen <= $0.lastSeen }
        let scope = ObservationScope(
            sources: paths, firstSeen: seen.map(\.firstSeen).min(), lastSeen: seen.map(\.lastSeen).max(),
            continuous: false)
        return (AccessData(inventory: inventory, observations: accesses[0].finish(), scope: scope), result)
    }
}
