import EventModel

/// **umas-program-download** — a program (application) is transferred into a Modicon PLC over
/// UMAS.
///
/// UMAS names transfers from the PLC's side: *INITIALIZE_UPLOAD* (0x30), *UPLOAD_BLOCK* (0x31) and
/// *END_STRATEGY_UPLOAD* (0x32) move the application from the engineering station **to** the PLC
/// — a program download in ATT&CK's words (Kaspersky ICS CERT, "The Secrets of Schneider Electric's
/// UMAS Protocol", 2022). Fires on Modbus function 90 requests with those UMAS functions (the
/// event's `subfunction`): high, refused or not. The opposite direction (0x33–0x35) is
/// umas-program-upload. One alert per client and PLC; the count is the number of PDUs.
public struct UmasProgramDownloadRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "umas-program-download", title: "UMAS program download to a Modicon PLC", severity: .high,
        techniques: ["T0843"],
        rationale:
            "Transferring an application into a PLC replaces the logic that runs the process; engineers do it rarely and at planned times.",
        protocols: [.modbus])

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.direction == .request, event.function == 90 else { return nil }
        switch event.subfunction {
        case 0x30, 0x31, 0x32: return RuleHit(value: event.subfunction)
        default: return nil
        }
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) transferred a program into Modicon PLC \(occurrence.destination) over UMAS (\(occurrence.functionName))"
    }
}
