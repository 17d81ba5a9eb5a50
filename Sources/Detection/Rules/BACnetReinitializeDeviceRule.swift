import EventModel

/// **bacnet-reinitialize-device** — a BACnet client restarts a device or starts a backup or restore
/// of its configuration.
///
/// Fires on ReinitializeDevice (confirmed service 20, ASHRAE 135 §16.4) requests. The decoder
/// reports the reinitialized-state as the event's `subfunction`; one alert per client, device and
/// state:
/// - coldstart (0), warmstart (1): the controller restarts and its outputs and schedules stop
///   meanwhile — high;
/// - start-restore (4), end-restore (5): the device's configuration is being replaced — high;
/// - start-backup (2), end-backup (3), abort-restore (6), activate-changes (7): medium;
/// - state not readable (a segmented request): high, as the worst case.
///
/// The request carries the device's password in clear when one is set; the alert fires whether
/// the device accepts or refuses it (a refused one is an attempt). No other service fires.
public struct BACnetReinitializeDeviceRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "bacnet-reinitialize-device", title: "BACnet ReinitializeDevice", severity: .high,
        techniques: ["T0816"],
        rationale:
            "ReinitializeDevice restarts a building controller or swaps its configuration: what it controls (air handling, access, fire dampers) stops or changes.",
        protocols: [.bacnet])

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.direction == .request, event.function == 20, event.operation == .control else { return nil }
        switch event.subfunction {
        case 2, 3, 6, 7: return RuleHit(detail: event.subfunction, severity: .medium)
        default: return RuleHit(detail: event.subfunction)
        }
    }

    public func summary(_ occurrence: Occurrence) -> String {
        let state =
            switch occurrence.subfunction {
            case 0: " coldstart"
            case 1: " warmstart"
            case 2: " start-backup"
            case 3: " end-backup"
            case 4: " start-restore"
            case 5: " end-restore"
            case 6: " abort-restore"
            case 7: " activate-changes"
            default: ""
            }
        return "\(occurrence.source) sent BACnet ReinitializeDevice\(state) to \(occurrence.destination)"
    }
}
