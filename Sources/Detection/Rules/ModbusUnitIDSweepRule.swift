import EventModel

/// **modbus-unit-id-sweep** — one client probes many Modbus unit ids on one server.
///
/// A Modbus/TCP server behind a gateway answers for the unit ids wired to it and refuses the
/// others (exception 0x0A/0x0B from a gateway, 0x04 or no answer from a device that ignores the
/// unit id). A scanner looking for what is behind an address walks the unit ids (nmap
/// `modbus-discover`, plcscan, the peers' rogue: units 0–10, 247, 255). Plain reads that succeed
/// are not seen by rules, and identification requests (FC 43, FC 17) carry no unit id in their
/// events, so the rule counts what a sweep cannot avoid: the exception responses, whose target
/// holds the unit id of the refused request (4th number). It fires at **8 distinct unit ids
/// refused within 60 s** on one server–client pair: a polling master addresses the handful of
/// units it is configured for, and a gateway with a few dead serial slaves refuses only those
/// (the corpus' normal captures refuse at most 1 unit id); a sweep refuses dozens within seconds.
/// The exception response travels from the server, so the alert's source is the server and its
/// second asset the client; the summary names the client as the prober. Severity medium:
/// reconnaissance, nothing changed yet.
public struct ModbusUnitIDSweepRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "modbus-unit-id-sweep", title: "Modbus unit-id sweep", severity: .medium, techniques: ["T0846"],
        rationale:
            "Walking the unit ids of a Modbus server maps the serial devices behind a gateway: reconnaissance before reading or writing them.",
        protocols: [.modbus], trigger: .distinct(threshold: 8, windowSeconds: 60, per: .pair),
        countedNoun: "unit ids")

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.direction == .response, event.result.status == .error, event.target.kind == .modbusRange,
            event.target.fourth >= 0
        else { return nil }
        return RuleHit(value: event.target.fourth)
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.destination) probed Modbus unit ids on \(occurrence.source): \(occurrence.distinctValues.count) refused (\(Self.list(occurrence.distinctValues)))"
    }

    static func list(_ values: [Int64]) -> String {
        let shown = values.prefix(12).map(String.init).joined(separator: ", ")
        return values.count > 12 ? shown + ", …" : shown
    }
}
