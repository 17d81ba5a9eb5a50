import EventModel

/// **s7-block-delete** — a client deletes blocks from an S7 PLC.
///
/// Fires on *PI-Service* (job 0x28) requests for the service `_DELE`, which removes program or data
/// blocks from the CPU (STEP 7's "delete block", snap7's `Delete`). A PLC missing an OB or FC runs
/// without that logic or goes to STOP; deleting blocks also erases what an attacker changed. High,
/// whether the PLC accepts or refuses. Other PI services do not fire here (`_INSE`/`_MODU`/`_GARB`:
/// s7-program-download; `P_PROGRAM`: s7-cpu-state-change). One alert per client and PLC.
public struct S7BlockDeleteRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "s7-block-delete", title: "S7 block delete", severity: .high, techniques: ["T0809", "T0889"],
        rationale:
            "Deleting blocks removes logic the PLC runs (it may stop or misbehave) and can wipe the traces of a change.",
        protocols: [.s7comm])

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.functionGroup < 0, event.direction == .request, event.function == 0x28,
            batch.targetText(of: event, is: "_DELE")
        else { return nil }
        return RuleHit()
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) deleted blocks on S7 PLC \(occurrence.destination) (PI service _DELE)"
    }
}
