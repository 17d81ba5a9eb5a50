import EventModel

/// **iec104-reset-process** — a control station resets the process of an IEC 60870-5-104
/// outstation.
///
/// Fires on C_RP_NA_1 (type 105, IEC 60870-5-101 §7.3.4.16) requests in the control direction:
/// with qualifier 1 the outstation performs a general reset of its process (it restarts its
/// application; buffered events are lost), with qualifier 2 it clears its buffer of time-tagged
/// events. High either way (the event does not carry the qualifier): the outstation's state or its
/// record of events is gone. The confirmation from the outstation does not fire. The role of the
/// sender does not matter: SCADA masters reset outstations rarely, at planned times. One alert
/// per station and outstation.
public struct IEC104ResetProcessRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "iec104-reset-process", title: "IEC 104 reset process command", severity: .high,
        techniques: ["T0816"],
        rationale:
            "A reset-process command restarts the outstation's application or wipes its buffered events: telecontrol of the station is interrupted.",
        protocols: [.iec104])

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.direction == .request, event.function == 105 else { return nil }
        return RuleHit()
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) sent the IEC 104 reset process command C_RP_NA_1 to outstation \(occurrence.destination)\(occurrence.targetClause)"
    }
}
