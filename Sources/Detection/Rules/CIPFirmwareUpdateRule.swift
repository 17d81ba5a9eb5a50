import EventModel

/// **cip-firmware-update** — firmware is written to a CIP device.
///
/// Fires on every request to the Non-Volatile Storage object (class 0xA1), through which
/// ControlFLASH and other flash tools update the firmware of Rockwell controllers and modules
/// (the QuickDraw capture EIP-FirmwareChange: thousands of NVS transfer requests, then a Reset of
/// the Identity object, which cip-device-state-change reports). The services' names are not
/// public; nothing but firmware work goes to this object, so any request counts. Critical: a
/// firmware image is the lowest level an attacker can reach, survives program downloads and
/// restarts, and can brick the device. One alert per client and device; the count is the number
/// of requests.
public struct CIPFirmwareUpdateRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "cip-firmware-update", title: "CIP firmware update (Non-Volatile Storage object)",
        severity: .critical, techniques: ["T0839", "T0857"],
        rationale:
            "New firmware changes everything the device does below its program, persists across restarts and can render it unusable.",
        protocols: [.cip])

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.direction == .request, event.target.kind == .cipPath, event.target.first == 0xA1 else {
            return nil
        }
        return RuleHit()
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) wrote firmware to \(occurrence.destination) through the CIP Non-Volatile Storage object (\(occurrence.count) requests)"
    }
}
