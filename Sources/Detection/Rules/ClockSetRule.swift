import EventModel

/// **controller-clock-set** — a host that is not an HMI or engineering workstation sets a
/// controller's clock.
///
/// Fires on requests that set the time of day:
/// - S7comm userdata time functions (group 7) *Set clock* (sub-functions 2 and 4);
/// - IEC 60870-5-104 *C_CS_NA_1* clock synchronisation (type 103);
/// - DNP3 *Write* (2) of group 50 (time and date);
/// - CIP Set_Attributes_All/List/Single (0x02, 0x04, 0x10) on the Logix Wall Clock Time object
///   (0x8B; the QuickDraw captures EIP-ChangeDateAttempt and -ChangeTimeAttempt) or the Time Sync
///   object (0x43);
/// - BACnet TimeSynchronization and UTCTimeSynchronization (unconfirmed 6 and 9).
///
/// SCADA masters and HMIs set clocks routinely (IEC 104 and DNP3 masters after a restart, WinCC
/// panels on S7), so from an established HMI/SCADA or engineering workstation the alert is only
/// low (the QuickDraw date and time changes come from the engineering software itself), and it
/// stays quiet when the baseline already shows this source writing to this destination. Reading the clock does
/// not fire. Medium: a wrong clock shifts time-based logic (schedules, interlocks with time windows)
/// and every timestamp the device reports, which hides the order of events. One alert per source,
/// destination and protocol.
public struct ClockSetRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "controller-clock-set", title: "Controller clock set from an unexpected host", severity: .medium,
        techniques: ["T0855"],
        rationale:
            "A device's clock drives its schedules and the timestamps of its events and alarms; setting it from a host that is not the plant's SCADA or engineering station is unexpected.",
        protocols: [.s7comm, .iec104, .dnp3, .cip, .bacnet], trustedSourceRoles: [.hmi, .engineeringWorkstation],
        trustedSeverity: .low, quietWhenBaselined: true)

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        let protocolID = event.protocolID
        let detail = Int64(protocolID.id)
        if protocolID == .bacnet {
            guard event.direction == .broadcast || event.direction == .unsolicited, event.operation == .write,
                event.function == 6 || event.function == 9
            else { return nil }
            return RuleHit(detail: detail)
        }
        guard event.direction == .request else { return nil }
        switch protocolID {
        case .s7comm:
            guard event.functionGroup == 7, event.function == 2 || event.function == 4 else { return nil }
        case .iec104:
            guard event.function == 103 else { return nil }
        case .dnp3:
            guard event.function == 2, event.target.kind == .dnp3Object, event.target.first == 50 else { return nil }
        case .cip:
            guard event.function == 0x02 || event.function == 0x04 || event.function == 0x10,
                event.target.kind == .cipPath, event.target.first == 0x8B || event.target.first == 0x43
            else { return nil }
        default:
            return nil
        }
        return RuleHit(detail: detail)
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) set the clock of \(occurrence.destination) with \(occurrence.action)"
    }
}
