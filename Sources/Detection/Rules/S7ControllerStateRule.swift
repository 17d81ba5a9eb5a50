import EventModel

/// **s7-cpu-state-change** — an S7 client stops or starts the CPU.
///
/// Fires on S7comm job requests *PLC Stop* (function 0x29) and on *PI-Service* (0x28) requests
/// that start the program: `P_PROGRAM` (hot or cold start, as STEP 7 and snap7's `plc_hot_start`
/// / `plc_cold_start` send it). A stop takes the process out of control; a start after an
/// unexpected stop or download is how malware (Stuxnet's and PIPEDREAM's S7 modules) resumes the
/// tampered program. Severity high for stop, medium for start; one alert per client, PLC and
/// service, repeats counted. Responses are not counted (the request is the act).
public struct S7ControllerStateRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "s7-cpu-state-change", title: "S7 PLC stop or start", severity: .high,
        techniques: ["T0858", "T0816", "T0881"],
        rationale:
            "Stopping or restarting a controller's program halts or changes the process it runs; engineers do it rarely and at planned times.",
        protocols: [.s7comm])

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.direction == .request, event.functionGroup < 0 else { return nil }
        switch event.function {
        case 0x29: return RuleHit(detail: 0x29)
        case 0x28 where event.operation == .control: return RuleHit(detail: 0x28, severity: .medium)
        default: return nil
        }
    }
}
