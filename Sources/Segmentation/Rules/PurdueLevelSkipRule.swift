import Detection
import Monitor

/// **segmentation.level-skip** — a host in a Purdue level 4–5 zone (enterprise, business) talks
/// straight to a level 0–1 zone (controllers, field devices), or the other way round.
///
/// A flow rule over the zones' declared `purdue_level`s: it fires when one side's zone is at
/// level 4 or 5 and the other's at 0 or 1, whether or not a conduit allows the flow (such a
/// conduit is itself the finding: the model wants the enterprise to reach the process only
/// through the DMZ and the supervisory level). Zones without a level are not judged. One alert per
/// client, server and service. Severity high.
public struct PurdueLevelSkipRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "segmentation.level-skip", title: "Enterprise and control levels talk directly", severity: .high,
        techniques: ["T0886", "T0822"],
        rationale:
            "The Purdue model and IEC 62443 put the supervisory level and a DMZ between the enterprise (levels 4-5) and the controllers (levels 0-1); a direct path lets a compromised office host reach the process.",
        protocols: [.ipOther])

    let policy: ZonePolicy

    public init(policy: ZonePolicy) { self.policy = policy }

    public var looksAtFlows: Bool { true }

    public func match(flow: FlowSummary) -> RuleHit? {
        guard let crossing = ZoneCrossing(flow: flow, map: policy.map),
            let client = policy.level(ofZone: crossing.from), let server = policy.level(ofZone: crossing.to),
            (client >= 4 && server <= 1) || (client <= 1 && server >= 4)
        else { return nil }
        return RuleHit(detail: crossing.service)
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) in \(policy.zoneTitle(ofAddress: occurrence.source)) talked \(occurrence.protocolName) (\(occurrence.functionName)) straight to \(occurrence.destination) in \(policy.zoneTitle(ofAddress: occurrence.destination)), skipping the levels between"
    }
}
