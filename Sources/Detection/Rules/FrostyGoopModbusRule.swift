import EventModel

/// **modbus-write-from-internet** — Modbus writes to holding registers or coils arrive from an
/// internet address (FrostyGoop's wire behaviour).
///
/// FrostyGoop (Lviv, January 2024) is a Go tool that reads a JSON list of targets, reads holding
/// registers (FC 3) and writes them (FC 6/16) over Modbus/TCP 502 to controllers reachable from
/// outside the plant. What a passive monitor sees of it: Modbus write requests (FC 5, 6, 15, 16,
/// 22, 23) whose **source is a public (internet-routable) address** and whose **destination is a
/// private one** (`RuleMatching.isPublic`): the write crossed the plant's boundary through a port
/// forward or a flat VPN, and no plant's HMI writes from the internet. Two limits follow from the
/// addresses alone: a plant that numbers its OT network with public addresses is not covered (its
/// controllers look like internet hosts; the rule would need its address plan), and anonymised
/// captures that map every host to one public address (the corpus' `modbusSmall`) stay quiet. The
/// reads that precede the writes are not seen by rules (plain reads are counted, not kept), so the
/// "read then write" half of the pattern is not checked; writes from an internal host outside the
/// HMI/engineering baseline are the business of the write rules and the baseline. One alert per
/// client, server and function, repeats counted. Severity **critical**: process parameters changed
/// from outside the plant.
public struct FrostyGoopModbusRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "modbus-write-from-internet", title: "Modbus write from an internet address (FrostyGoop-like)",
        severity: .critical, techniques: ["T0836", "T0855", "T0885"],
        rationale:
            "FrostyGoop changed heating controllers' parameters by writing Modbus registers from outside the plant; no legitimate HMI writes to a controller from the internet.",
        protocols: [.modbus])

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.direction == .request, event.operation == .write, RuleMatching.isPublic(event.source),
            !RuleMatching.isPublic(event.destination)
        else { return nil }
        switch event.function {
        case 5, 6, 15, 16, 22, 23: return RuleHit(detail: event.function)
        default: return nil
        }
    }
}
