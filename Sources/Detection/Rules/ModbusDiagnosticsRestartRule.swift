import EventModel

/// **modbus-restart-or-listen-only** — a Modbus client restarts a server's communications or
/// silences it.
///
/// Fires on Diagnostics (function 8) requests with sub-function 1 *Restart Communications
/// Option* (the server restarts its port and may clear its logs) or 4 *Force Listen Only Mode*
/// (the server stops answering anyone until restarted: an operator loses the device). Other
/// diagnostics (echo, counters) are routine and do not fire. Listen-only is high, restart medium.
public struct ModbusDiagnosticsRestartRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "modbus-restart-or-listen-only", title: "Modbus restart communications or force listen-only",
        severity: .high, techniques: ["T0816", "T0814"],
        rationale:
            "Restart Communications resets the device's link and Force Listen Only makes it stop answering: both take the device away from its operators.",
        protocols: [.modbus])

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.direction == .request, event.function == 8 else { return nil }
        switch event.subfunction {
        case 4: return RuleHit(detail: 4)
        case 1: return RuleHit(detail: 1, severity: .medium)
        default: return nil
        }
    }
}
