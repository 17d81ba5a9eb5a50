import EventModel

/// **umas-plc-start-stop** — a client stops or starts a Schneider Electric Modicon PLC over UMAS.
///
/// Fires on Modbus function 90 (UMAS) requests with the UMAS function (the event's `subfunction`)
/// STOP_PLC (0x41) — high — or START_PLC (0x40) — medium. These are the codes Control Expert (Unity
/// Pro) sends and that the public UMAS analyses (Kaspersky ICS CERT 2022) and attack tools use.
/// Responses do not fire; other UMAS functions (reservations, reads, program transfers, which have
/// their own rules) do not fire here. One alert per client, PLC and function.
public struct UmasStartStopRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "umas-plc-start-stop", title: "UMAS PLC stop or start", severity: .high,
        techniques: ["T0858", "T0816", "T0881"],
        rationale:
            "Stopping a Modicon PLC halts the process it controls; starting it runs whatever program it now holds.",
        protocols: [.modbus])

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.direction == .request, event.function == 90 else { return nil }
        switch event.subfunction {
        case 0x41: return RuleHit(detail: 0x41)
        case 0x40: return RuleHit(detail: 0x40, severity: .medium)
        default: return nil
        }
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) sent UMAS \(occurrence.functionName) to PLC \(occurrence.destination)"
    }
}
