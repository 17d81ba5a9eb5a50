import EventModel

/// **s7-plc-password** — a host that is not an engineering workstation enters the protection
/// password of an S7 PLC.
///
/// Fires on S7comm userdata requests of the security group (5) with sub-function 1, *PLC password*:
/// the client unlocks the protection level that guards writes, downloads and run-state changes
/// (STEP 7 sends it before those). The decoder reports the group as `control`, so the request
/// reaches the rules. Engineering workstations do this as part of their work: the rule trusts them
/// and stays quiet when the baseline shows this source doing `control` to this PLC. From any other
/// host it is medium — the password travels in a trivially reversible encoding, so whoever sends
/// it either is the engineer or has captured it. Cancelling the password (sub-function 2) does not
/// fire, nor does the PLC's answer (a refused password is an error response: the request already
/// fired).
public struct S7PasswordRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "s7-plc-password", title: "S7 PLC password from an unexpected host", severity: .medium,
        techniques: ["T0859"],
        rationale:
            "The PLC password lifts the protection against writes, downloads and stops; anyone but the engineering workstation sending it is using stolen or default credentials.",
        protocols: [.s7comm], trustedSourceRoles: [.engineeringWorkstation], quietWhenBaselined: true)

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.direction == .request, event.functionGroup == 5, event.function == 1 else { return nil }
        return RuleHit()
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) entered the protection password of S7 PLC \(occurrence.destination)"
    }
}
