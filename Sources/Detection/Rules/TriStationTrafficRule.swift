import EventModel
import Monitor

/// **tristation-traffic** — TriStation (Triconex safety controllers, UDP 1502) traffic appears
/// (TRITON/TRISIS's channel).
///
/// TRITON spoke TriStation from a compromised engineering workstation to Triconex SIS controllers:
/// reading the control program's state, halting it, and appending a program that carried its
/// backdoor. No decoder here reads TriStation, so what a passive monitor can do is see the
/// channel: every **UDP flow to port 1502** fires, one alert per client and controller with the
/// count of flows. A safety network is static: the only legitimate TriStation client is the
/// TriStation 1131 workstation, used during planned maintenance; any other client, or any flow
/// outside maintenance, is what the 2017 incident would have looked like from the network. The
/// rule cannot tell a download from a status read (no decoder), which is why it fires on the
/// channel itself. Severity **high**.
public struct TriStationTrafficRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "tristation-traffic", title: "TriStation traffic to a safety controller (TRITON channel)",
        severity: .high, techniques: ["T0845", "T0843", "T0858"],
        rationale:
            "TRITON used TriStation to read, halt and reprogram Triconex safety controllers; safety networks see TriStation only from one workstation during planned work.",
        protocols: [.udpOther])

    public init() {}

    public var looksAtFlows: Bool { true }

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? { nil }

    public func match(flow: FlowSummary) -> RuleHit? {
        let entry = flow.oriented.entry
        guard entry.key.ipProtocol == 17, entry.server.port == 1502, !flow.isContinuation else { return nil }
        return RuleHit()
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) exchanged TriStation (UDP 1502) traffic with \(occurrence.destination)"
    }
}
