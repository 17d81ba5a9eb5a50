import EventModel

/// **bacnet-who-is-storm** — one host sends a burst of BACnet *Who-Is* / *Who-Has* requests.
///
/// Who-Is (unconfirmed service 8) and Who-Has (7) are broadcasts every BACnet device on the
/// network must answer (I-Am, I-Have): a BMS workstation sends a few at start-up and then every few
/// minutes (the peers' EWS: one; the corpus: at most 2 within 10 s from
/// one source). A scanner walking
/// device-instance ranges, or a misbehaving router re-broadcasting, sends them in bursts that
/// load every controller and the MS/TP trunks behind routers (a known BACnet denial of service).
/// The rule fires at **20 requests within 10 s** from one source, counted across destinations
/// (global, local and directed). One Who-Is from a new host is not a storm: the baseline's
/// new-host anomaly reports that. Severity medium.
public struct BACnetWhoIsStormRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "bacnet-who-is-storm", title: "BACnet Who-Is/Who-Has storm", severity: .medium,
        techniques: ["T0846", "T0814"],
        rationale:
            "Every BACnet device must answer Who-Is: a burst of them enumerates the building's controllers and can swamp them and their MS/TP segments.",
        protocols: [.bacnet], trigger: .rate(threshold: 20, windowSeconds: 10, per: .source))

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.operation == .discovery, event.function == 8 || event.function == 7,
            event.direction != .response, event.direction != .unsolicited
        else { return nil }
        return RuleHit()
    }
}
