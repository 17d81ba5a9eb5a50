import Detection
import Monitor

/// **segmentation.no-conduit** — traffic crosses from one zone into another and the policy has
/// no conduit between the two zones at all.
///
/// A flow rule: it looks at every flow when it ends (or at its first report), orients it by who
/// asked (`FlowSummary.oriented`), and finds the client's and the server's zone (longest prefix,
/// then VLAN, else `internet` or `unzoned`). It fires when the zones differ and no conduit leads
/// from the client's zone to the server's. Broadcast, multicast and directed-broadcast traffic
/// never crosses a router and is not judged. One alert per client, server and service (protocol
/// and port), repeats counted. Severity high: IEC 62443-3-3 SR 5.1 wants every crossing to be a
/// conduit, and an unplanned path into a zone is how attackers move laterally (T0886).
public struct ZoneCrossingWithoutConduitRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "segmentation.no-conduit", title: "Traffic between zones without a conduit", severity: .high,
        techniques: ["T0886"],
        rationale:
            "Every path between zones must be a conduit the plant decided on (IEC 62443-3-3 SR 5.1); traffic on a path no conduit allows is a segmentation failure or lateral movement.",
        // Flows only: no event carries `ip-other`, which keeps the rule off the event path.
        protocols: [.ipOther])

    let policy: ZonePolicy

    public init(policy: ZonePolicy) { self.policy = policy }

    public var looksAtFlows: Bool { true }

    public func match(flow: FlowSummary) -> RuleHit? {
        guard let crossing = ZoneCrossing(flow: flow, map: policy.map),
            !policy.table.hasConduit(from: crossing.from, to: crossing.to)
        else { return nil }
        return RuleHit(detail: crossing.service)
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) in zone \(policy.zoneTitle(ofAddress: occurrence.source)) reached \(occurrence.destination) in zone \(policy.zoneTitle(ofAddress: occurrence.destination)) over \(occurrence.protocolName) (\(occurrence.functionName)) with no conduit between the zones"
    }
}
