import EventModel

/// **dnp3-restart-or-application-control** — a DNP3 master restarts an outstation or stops, starts
/// or re-initialises its applications.
///
/// Fires on DNP3 requests (and link broadcasts, which reach every outstation on the link) with the
/// function codes of IEEE 1815-2012 §4.4.8–4.4.9:
/// - *Cold Restart* (13) and *Warm Restart* (14): the outstation reboots completely or restarts its
///   DNP3 application, and neither reports nor accepts commands meanwhile — high;
/// - *Stop Application* (18): an application of the outstation (group 90) stops running — high;
/// - *Initialize Data* (15), *Initialize Application* (16) and *Start Application* (17): they reset
///   values or start what was stopped — medium.
///
/// Responses do not fire (the request is the act; a refused one is still an attempt). Every other
/// function, including Enable/Disable Unsolicited and the Write of g80 that clears the restart IIN,
/// does not fire. The master's role does not matter: even the SCADA master restarts an outstation
/// rarely and at planned times, so one alert per master, outstation and function code, repeats
/// counted.
public struct DNP3RestartRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "dnp3-restart-or-application-control", title: "DNP3 restart or stop/start application",
        severity: .high, techniques: ["T0816", "T0881"],
        rationale:
            "A restart takes the outstation out of monitoring and control until it is back, and Stop Application halts what it runs: the operators lose the device.",
        protocols: [.dnp3])

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.direction == .request || event.direction == .broadcast else { return nil }
        switch event.function {
        case 13, 14, 18: return RuleHit(detail: event.function)
        case 15, 16, 17: return RuleHit(detail: event.function, severity: .medium)
        default: return nil
        }
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) sent DNP3 \(occurrence.functionName) (function \(occurrence.function ?? -1)) to outstation \(occurrence.destination)"
    }
}
