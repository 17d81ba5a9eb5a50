import EventModel

/// **bacnet-file-write** — a BACnet client writes a file into a device.
///
/// Fires on AtomicWriteFile (confirmed service 7, ASHRAE 135 §14.2) requests. BACnet controllers
/// keep their programs (control sequences), configuration databases and firmware images in File
/// objects, and engineering tools load them with AtomicWriteFile, usually between a
/// ReinitializeDevice start-restore and end-restore. High: what the controller runs or how it is
/// configured is replaced. AtomicReadFile (a read) does not fire. One alert per client and device;
/// the count is the number of PDUs.
public struct BACnetFileWriteRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "bacnet-file-write", title: "BACnet AtomicWriteFile", severity: .high, techniques: ["T0843"],
        rationale:
            "Writing a BACnet controller's File objects replaces its program, configuration or firmware image.",
        protocols: [.bacnet])

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.direction == .request, event.function == 7, event.operation == .program else { return nil }
        return RuleHit()
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) wrote a file into BACnet device \(occurrence.destination)\(occurrence.targetClause)"
    }
}
