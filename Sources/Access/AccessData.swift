import AssetInventory

/// What the access report and the compliance report are built from, whichever the source.
public struct AccessData: Sendable {
    public var inventory: Inventory
    public var observations: AccessObservations
    public var scope: ObservationScope

    public init(inventory: Inventory, observations: AccessObservations, scope: ObservationScope) {
        self.inventory = inventory
        self.observations = observations
        self.scope = scope
    }

    public func report(zones: AccessZones = .none) -> AccessReport {
        AccessReport(inventory: inventory, observations: observations, zones: zones)
    }

    public func compliance(zones: AccessZones = .none, segmentation: SegmentationEvidence? = nil) -> ComplianceReport {
        let input = ComplianceInput(
            inventory: inventory, access: report(zones: zones), scope: scope, segmentation: segmentation)
        return ComplianceAssessor(input, zones: zones).assess()
    }
}
