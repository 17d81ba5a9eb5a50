import EventModel

/// **bacnet-communication-control** — a BACnet client silences a device (or lets it talk again).
///
/// Fires on DeviceCommunicationControl (confirmed service 17, ASHRAE 135 §16.1) requests, whose
/// enable-disable parameter the decoder reports as `subfunction`:
/// - disable (1): the device stops answering and reporting (alarms, COV notifications) for the
///   given duration or until enabled — high;
/// - disable-initiation (2): it still answers but initiates nothing (no alarms, no I-Am) — high;
/// - enable (0): communication restored; low, kept as the end of the episode;
/// - parameter not readable: high.
///
/// One alert per client, device and parameter. No other service fires.
public struct BACnetCommunicationControlRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "bacnet-communication-control", title: "BACnet DeviceCommunicationControl", severity: .high,
        techniques: ["T0814", "T0804"],
        rationale:
            "A device whose communication is disabled neither answers nor sends its alarms: the operators lose sight and control of it while it keeps running.",
        protocols: [.bacnet])

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.direction == .request, event.function == 17, event.operation == .control else { return nil }
        if event.subfunction == 0 { return RuleHit(detail: 0, severity: .low) }
        return RuleHit(detail: event.subfunction)
    }

    public func summary(_ occurrence: Occurrence) -> String {
        let action =
            switch occurrence.subfunction {
            case 0: "enabled the communication of"
            case 1: "disabled the communication of"
            case 2: "disabled the initiation (alarms, notifications) of"
            default: "sent DeviceCommunicationControl to"
            }
        return "\(occurrence.source) \(action) BACnet device \(occurrence.destination) (DeviceCommunicationControl)"
    }
}
