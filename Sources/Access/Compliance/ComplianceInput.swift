import AssetInventory
import Monitor

/// What the segmentation analysis found, for SR 5.1/5.2. The zone model fills it in; without
/// it the report says that no zones are configured.
public struct SegmentationEvidence: Sendable {
    public var zonesConfigured: Int
    public var conduitsConfigured: Int
    /// Client → server pairs between zones with no conduit for them.
    public var crossZoneFlowsWithoutConduit: Int
    /// Pairs using a conduit for an operation it does not allow.
    public var conduitOperationViolations: Int
    /// Pairs between Purdue levels 4-5 and 0-1 with nothing in between.
    public var levelSkips: Int
    /// Pairs between an OT zone and the internet.
    public var operationalToInternet: Int
    /// A few of the violating pairs in words, for the report.
    public var examples: [String]

    public init(
        zonesConfigured: Int, conduitsConfigured: Int, crossZoneFlowsWithoutConduit: Int = 0,
        conduitOperationViolations: Int = 0, levelSkips: Int = 0, operationalToInternet: Int = 0,
        examples: [String] = []
    ) {
        self.zonesConfigured = zonesConfigured
        self.conduitsConfigured = conduitsConfigured
        self.crossZoneFlowsWithoutConduit = crossZoneFlowsWithoutConduit
        self.conduitOperationViolations = conduitOperationViolations
        self.levelSkips = levelSkips
        self.operationalToInternet = operationalToInternet
        self.examples = examples
    }
}

/// Where the observations come from and over what time.
public struct ObservationScope: Sendable {
    /// Capture files or the store path, as given.
    public var sources: [String]
    public var firstSeen: Int64?
    public var lastSeen: Int64?
    /// A sensor fed the store (continuous), rather than captures only (a point in time).
    public var continuous: Bool

    public init(sources: [String], firstSeen: Int64?, lastSeen: Int64?, continuous: Bool) {
        self.sources = sources
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.continuous = continuous
    }
}

/// Everything the compliance report is judged on.
public struct ComplianceInput: Sendable {
    public var inventory: Inventory
    public var access: AccessReport
    public var scope: ObservationScope
    public var segmentation: SegmentationEvidence?

    public init(
        inventory: Inventory, access: AccessReport, scope: ObservationScope, segmentation: SegmentationEvidence? = nil
    ) {
        self.inventory = inventory
        self.access = access
        self.scope = scope
        self.segmentation = segmentation
    }
}

extension ObservationScope {
    /// The scope in a few lines of plain text (renderers escape them).
    public var summaryLines: [String] {
        var lines = ["Sources: " + sources.joined(separator: ", ")]
        if let firstSeen, let lastSeen { lines.append("Traffic from \(rfc3339(firstSeen)) to \(rfc3339(lastSeen))") }
        lines.append(continuous ? "Continuous monitoring (sensor)" : "Point in time (capture files)")
        return lines
    }
}
