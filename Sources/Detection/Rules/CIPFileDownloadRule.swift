import EventModel

/// **cip-file-download** — a file is written into a CIP device through its File object.
///
/// Fires on requests to the File object (class 0x37, CIP Vol. 1 §5A-42) with the services
/// *Initiate_Download* (0x4C), *Initiate_Partial_Write* (0x4E), *Download_Transfer* (0x50) and
/// *Clear_File* (0x51), wherever the request is embedded (Unconnected Send, Multiple Service
/// Packet). Devices keep configuration files, programs and in some cases firmware packages in File
/// object instances, so a write replaces what the device runs on or erases it. High, accepted or
/// refused. Reads of the File object are cip-file-upload. One alert per client and device; the
/// count is the number of PDUs.
public struct CIPFileDownloadRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "cip-file-download", title: "CIP File object download", severity: .high,
        techniques: ["T0843"],
        rationale:
            "Writing a device's File object replaces or clears the configuration or program stored in it.",
        protocols: [.cip])

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.direction == .request, event.target.kind == .cipPath, event.target.first == 0x37 else {
            return nil
        }
        switch event.function {
        case 0x4C, 0x4E, 0x50, 0x51: return RuleHit(value: event.function)
        default: return nil
        }
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) wrote a file into \(occurrence.destination) through the CIP File object (\(occurrence.functionName)\(occurrence.target.isEmpty ? "" : ", \(occurrence.target)"))"
    }
}
