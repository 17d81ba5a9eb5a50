import Detection

/// The segmentation rules of a zone policy, to run beside the built-in rules.
public enum SegmentationRules {
    /// Every rule the policy supports; `segmentation.new-path` only with a baseline.
    public static func make(policy: ZonePolicy, baseline: Baseline? = nil) -> [any ThreatRule] {
        var rules: [any ThreatRule] = [
            ZoneCrossingWithoutConduitRule(policy: policy), ConduitServiceRule(policy: policy),
            ConduitOperationRule(policy: policy), PurdueLevelSkipRule(policy: policy),
            InternetExposureRule(policy: policy),
        ]
        if let baseline { rules.append(NewCrossZonePathRule(policy: policy, baseline: baseline)) }
        return rules
    }

    /// The ids of the rules above, for documentation and the rule list.
    public static let ids = [
        "segmentation.no-conduit", "segmentation.conduit-service", "segmentation.conduit-operation",
        "segmentation.level-skip", "segmentation.ot-internet", "segmentation.new-path",
    ]
}
