import Detection
import Monitor

/// **segmentation.ot-internet** — an OT zone exchanges traffic with the internet (either side
/// asking) and no conduit allows it.
///
/// A flow rule: one side is in the implicit zone `internet` (a public address no zone claims),
/// the other in a declared zone at Purdue level 0–3 or without a level. A conduit that names
/// `internet` and allows the service (a vendor's remote-access path the plant decided on) silences
/// it. Traffic between `unzoned` hosts and the internet is not judged (nothing says they are OT).
/// One alert per client, server and service. Severity critical when the internet host asked
/// (an OT service reachable from the internet), high when the OT host did (a path out for
/// command and control or exfiltration).
public struct InternetExposureRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "segmentation.ot-internet", title: "OT zone talks to the internet", severity: .high,
        techniques: ["T0883", "T0869"],
        rationale:
            "OT zones should have no direct path to or from the internet (NIST SP 800-82 r3 5.2, IEC 62443-3-3 SR 5.1); an exposed controller service is found and attacked within days, and a path out is a command-and-control channel.",
        protocols: [.ipOther])

    let policy: ZonePolicy

    public init(policy: ZonePolicy) { self.policy = policy }

    public var looksAtFlows: Bool { true }

    public func match(flow: FlowSummary) -> RuleHit? {
        guard let crossing = ZoneCrossing(flow: flow, map: policy.map) else { return nil }
        let inbound = crossing.from == ZoneMap.internet
        let other = inbound ? crossing.to : crossing.from
        guard inbound || crossing.to == ZoneMap.internet, let zone = policy.zone(number: other), zone.isOperational,
            policy.table.conduit(
                from: crossing.from, to: crossing.to, application: crossing.application, port: crossing.port,
                undecoded: crossing.undecoded) == nil
        else { return nil }
        return RuleHit(detail: crossing.service, severity: inbound ? .critical : .high)
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) (\(policy.zoneTitle(ofAddress: occurrence.source))) and \(occurrence.destination) (\(policy.zoneTitle(ofAddress: occurrence.destination))) exchanged \(occurrence.protocolName) (\(occurrence.functionName)) across the OT boundary to the internet"
    }
}
