import EventModel

/// **cip-file-upload** — a file is read out of a CIP device through its File object.
///
/// Fires on requests to the File object (class 0x37) with *Initiate_Upload* (0x4B),
/// *Initiate_Partial_Read* (0x4D) and *Upload_Transfer* (0x4F), except on instance 0xC8, the EDS
/// and icon file (OpENer's `kCipFileEDSAndIconFileInstanceNumber`), and 0xC9, where modular devices
/// keep related EDS/icon files: RSLinx and other configuration tools read those from every device
/// they browse, so they are routine. Anything else read from the File object is the
/// device's configuration or program. Medium: reading changes nothing, but it copies what an
/// attacker needs. One alert per client and device.
public struct CIPFileUploadRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "cip-file-upload", title: "CIP File object upload", severity: .medium, techniques: ["T0845"],
        rationale:
            "Reading a device's stored files (other than its EDS) copies its configuration or program out of it.",
        protocols: [.cip])

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.direction == .request, event.target.kind == .cipPath, event.target.first == 0x37,
            event.target.second != 0xC8, event.target.second != 0xC9
        else { return nil }
        switch event.function {
        case 0x4B, 0x4D, 0x4F: return RuleHit(value: event.function)
        default: return nil
        }
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) read a file out of \(occurrence.destination) through the CIP File object (\(occurrence.functionName)\(occurrence.target.isEmpty ? "" : ", \(occurrence.target)"))"
    }
}
