import EventModel

/// **umas-program-upload** — a Modicon PLC's program (application) is read out over UMAS.
///
/// UMAS names transfers from the PLC's side: *INITIALIZE_DOWNLOAD* (0x33), *DOWNLOAD_BLOCK* (0x34)
/// and *END_STRATEGY_DOWNLOAD* (0x35) move the application from the PLC to the client — a program
/// upload in ATT&CK's words. Fires on Modbus function 90 requests with those UMAS functions (the
/// event's `subfunction`): high. The opposite direction (0x30–0x32) is umas-program-download. One
/// alert per client and PLC; the count is the number of PDUs.
public struct UmasProgramUploadRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "umas-program-upload", title: "UMAS program upload from a Modicon PLC", severity: .high,
        techniques: ["T0845"],
        rationale:
            "Reading out a PLC's application copies the plant's logic: the knowledge an attacker needs before changing it.",
        protocols: [.modbus])

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.direction == .request, event.function == 90 else { return nil }
        switch event.subfunction {
        case 0x33, 0x34, 0x35: return RuleHit(value: event.subfunction)
        default: return nil
        }
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) read the program out of Modicon PLC \(occurrence.destination) over UMAS (\(occurrence.functionName))"
    }
}
