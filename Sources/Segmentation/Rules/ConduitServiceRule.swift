import Detection
import Monitor

/// **segmentation.conduit-service** — traffic between two zones that have a conduit, over a
/// protocol or server port that none of their conduits allows.
///
/// A flow rule, like `segmentation.no-conduit`, for zone pairs that do have conduits: the flow's
/// protocol (`application`, as events name it) must be in a conduit's `protocols` (or the conduit
/// names none) and its server port in the conduit's `ports` (or it names none). A flow that
/// carried no readable PDU is judged by its port alone. One alert per client, server and service.
/// Severity medium: the pair is expected to talk, but not like this (a new service on an existing
/// path, e.g. SMB or RDP where only Modbus was allowed).
public struct ConduitServiceRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "segmentation.conduit-service", title: "Conduit used for a protocol or port it does not allow",
        severity: .medium, techniques: ["T0886"],
        rationale:
            "A conduit allows named protocols and ports only (IEC 62443-3-3 SR 5.2); another service on the same path widens the attack surface the conduit was drawn to limit.",
        protocols: [.ipOther])

    let policy: ZonePolicy

    public init(policy: ZonePolicy) { self.policy = policy }

    public var looksAtFlows: Bool { true }

    public func match(flow: FlowSummary) -> RuleHit? {
        guard let crossing = ZoneCrossing(flow: flow, map: policy.map),
            policy.table.hasConduit(from: crossing.from, to: crossing.to),
            policy.table.conduit(
                from: crossing.from, to: crossing.to, application: crossing.application, port: crossing.port,
                undecoded: crossing.undecoded) == nil
        else { return nil }
        return RuleHit(detail: crossing.service)
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) used \(occurrence.protocolName) (\(occurrence.functionName)) towards \(occurrence.destination): no conduit from \(policy.zoneTitle(ofAddress: occurrence.source)) to \(policy.zoneTitle(ofAddress: occurrence.destination)) allows it"
    }
}
