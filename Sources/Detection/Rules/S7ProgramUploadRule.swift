import EventModel

/// **s7-program-upload** — blocks are uploaded (read out) from an S7 PLC.
///
/// Fires on the programming device's job requests *Start upload* (0x1D), *Upload* (0x1E) and *End
/// upload* (0x1F). An upload copies the PLC's logic or data blocks to the client: engineers do it
/// to compare or archive a project; an attacker does it to learn the process before changing it
/// (the reconnaissance stage of Stuxnet-like attacks, and the first step of PIPEDREAM's S7 module).
/// High, as the program is the plant's most sensitive information. Refused uploads fire too. One
/// alert per client and PLC; the count is the number of PDUs (three per block).
public struct S7ProgramUploadRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "s7-program-upload", title: "S7 program upload", severity: .high, techniques: ["T0845"],
        rationale:
            "Uploading blocks copies the PLC's program: the knowledge an attacker needs before changing the process.",
        protocols: [.s7comm])

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.functionGroup < 0, event.direction == .request else { return nil }
        switch event.function {
        case 0x1D, 0x1E, 0x1F: return RuleHit(value: event.function)
        default: return nil
        }
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) uploaded program blocks from S7 PLC \(occurrence.destination)\(occurrence.targetClause)"
    }
}
