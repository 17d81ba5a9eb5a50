import Detection
import EventModel
import Monitor

/// **segmentation.conduit-operation** — a request crosses a conduit that carries its protocol and
/// port but does not allow its operation category (a write where only reads are allowed).
///
/// An event rule on every notable request (write, control, program, firmware, diagnostic,
/// discovery): the client's and server's zones are found as for flows; when a conduit between
/// them carries the event's protocol (or the protocol it travels in: CIP in EtherNet/IP, COTP in
/// S7) on the request's port, and none of those conduits lists the operation, the rule fires.
/// Requests on paths no conduit carries are left to `segmentation.no-conduit` and
/// `segmentation.conduit-service`. One alert per client, server, protocol and operation. Severity
/// high, critical for program and firmware transfers and for control (run/stop, restarts,
/// commands): these change the process or the controller.
public struct ConduitOperationRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "segmentation.conduit-operation", title: "Operation a conduit does not allow", severity: .high,
        techniques: ["T0855", "T0843"],
        rationale:
            "A conduit limited to some operations (reads for a historian, writes for an HMI) is the plant's decision about who may change the process; a request outside it is an unauthorized command."
    )

    let policy: ZonePolicy

    public init(policy: ZonePolicy) { self.policy = policy }

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard let crossing = ZoneCrossing(event: event, map: policy.map),
            policy.table.allows(
                operation: event.operation, from: crossing.from, to: crossing.to, application: crossing.application,
                port: crossing.port) == false
        else { return nil }
        let severity: Severity
        switch event.operation {
        case .control, .program, .firmware: severity = .critical
        default: severity = .high
        }
        return RuleHit(detail: Int64(event.operation.rawValue) << 16 | Int64(event.protocolID.id), severity: severity)
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) sent a \(occurrence.operation) (\(occurrence.action)) to \(occurrence.destination); the conduit from \(policy.zoneTitle(ofAddress: occurrence.source)) to \(policy.zoneTitle(ofAddress: occurrence.destination)) does not allow \(occurrence.operation)"
    }
}
