import EventModel

/// **enip-list-identity-sweep** — one host sends EtherNet/IP *ListIdentity* (command 0x63) to many
/// devices one by one.
///
/// ListIdentity makes a device return vendor, product code, revision, serial and name. A scanner
/// (nmap `enip-info`, plcscan, Metasploit's `enip` module, PIPEDREAM-style discovery) sends it to
/// every address of a range over UDP or TCP 44818. The rule counts **distinct destinations** of
/// unicast ListIdentity requests from one source and fires at **10 within 60 s**: an HMI or a
/// SCADA driver polls its own few devices (the corpus' and peers' normal captures: at most one);
/// RSLinx's *Ethernet devices* driver polls its configured list, which can be longer — its station
/// fires once, and is muted per asset. A broadcast ListIdentity is a single event reaching every
/// device; `enip-list-identity-broadcast` reports it. Severity medium: reconnaissance.
public struct CIPListIdentitySweepRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "enip-list-identity-sweep", title: "EtherNet/IP ListIdentity sweep", severity: .medium,
        techniques: ["T0846", "T0888"],
        rationale:
            "Asking many addresses for their identity maps the controllers of a network and their firmware: reconnaissance before an attack.",
        protocols: [.enip], trigger: .distinct(threshold: 10, windowSeconds: 60, per: .source),
        countedNoun: "destinations")

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.function == 0x63, event.direction == .request, !event.destination.isBroadcast,
            !event.destination.isMulticast
        else { return nil }
        return RuleHit(value: RuleMatching.endpointValue(event.destination, port: 0))
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) sent EtherNet/IP ListIdentity to \(occurrence.distinctValues.count) devices"
    }
}
