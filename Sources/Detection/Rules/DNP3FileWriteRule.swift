import EventModel

/// **dnp3-file-write** — a DNP3 master writes a file or a configuration into an outstation.
///
/// Fires on DNP3 requests of the file-transfer and configuration functions (IEEE 1815-2012
/// §4.4.11, group 70):
/// - *Open File* (25) for writing or appending (the decoder reads the g70v3 mode; an open for
///   reading is a `read` and never reaches this rule) — high;
/// - *Write* (2) of group 70 objects: the file's data blocks — high;
/// - *Save Configuration* (19) and *Activate Configuration* (31): a configuration is stored or put
///   into force — high;
/// - *Authenticate File* (29): the key exchange before an open — medium.
///
/// Close (26) and Abort (30) do not fire: they end a transfer whose open already did. File reads,
/// directory listings and Get File Info are reads and do not reach the rule. Delete File is
/// dnp3-file-delete. Outstations keep settings, logic and firmware images as files, so one alert
/// per master and outstation, the count being the number of PDUs.
public struct DNP3FileWriteRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "dnp3-file-write", title: "DNP3 file or configuration written to an outstation", severity: .high,
        techniques: ["T0843"],
        rationale:
            "Files written to an outstation are its settings, logic or firmware: a write changes how it protects and controls the grid or process.",
        protocols: [.dnp3])

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.direction == .request || event.direction == .broadcast else { return nil }
        switch event.function {
        case 25: return event.operation == .program ? RuleHit(value: 25) : nil
        case 2: return event.target.kind == .dnp3Object && event.target.first == 70 ? RuleHit(value: 2) : nil
        case 19, 31: return RuleHit(value: event.function)
        case 29: return RuleHit(value: 29, severity: .medium)
        default: return nil
        }
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) wrote to outstation \(occurrence.destination) with DNP3 \(occurrence.functionName)\(occurrence.targetClause)"
    }
}
