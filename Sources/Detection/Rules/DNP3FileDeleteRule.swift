import EventModel

/// **dnp3-file-delete** — a DNP3 master deletes a file on an outstation.
///
/// Fires on *Delete File* (function 27) requests; the g70v3 object names the file, which the alert
/// shows. High, accepted or refused: outstations keep their settings, logs and logic as files, and
/// deleting them disables a function or erases the record of what happened. One alert per master
/// and outstation.
public struct DNP3FileDeleteRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "dnp3-file-delete", title: "DNP3 file delete", severity: .high, techniques: ["T0809", "T0872"],
        rationale:
            "Deleting an outstation's files removes its configuration or its logs: a function stops or the evidence goes.",
        protocols: [.dnp3])

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.direction == .request || event.direction == .broadcast, event.function == 27 else {
            return nil
        }
        return RuleHit()
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) deleted a file on outstation \(occurrence.destination)\(occurrence.targetClause)"
    }
}
