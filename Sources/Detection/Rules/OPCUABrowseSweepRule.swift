import EventModel

/// **opcua-browse-sweep** — an OPC UA client walks a server's address space.
///
/// The OPC UA decoder reports *BrowseRequest* (527) and *BrowseNextRequest* (533) as `discovery`,
/// with the first node to browse as the target (a request may name several; the others are not
/// counted). A client that knows its tags reads or subscribes them by node id or resolves a few
/// paths (TranslateBrowsePathsToNodeIds, not counted: the peers' historian). A client crawling the
/// namespace (PIPEDREAM's TAGRUN, asyncua/UaExpert tree walks, the peers' rogue: 7 nodes in 10 ms)
/// browses node after node. The rule counts **distinct browsed nodes** (a BrowseNext continues a
/// large result and counts as one more step) per client and server and fires at **6 within 10 s**:
/// an operator expanding a tree by hand clicks slower, and clients that know their tags browse
/// nothing (the peers' historian; the corpus' OPC UA sessions send at most 3 Browse requests, except
/// `opcua_audit`, whose client walks 7 nodes of a public server: on the wire, the start of a
/// crawl). Severity medium; quiet when the baseline shows the client doing discovery there.
public struct OPCUABrowseSweepRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "opcua-browse-sweep", title: "OPC UA address-space browse sweep", severity: .medium,
        techniques: ["T0888", "T0861"],
        rationale:
            "Walking an OPC UA server's address space lists every tag and method it exposes: the map an attacker needs before writing values or calling methods.",
        protocols: [.opcua], trigger: .distinct(threshold: 6, windowSeconds: 10, per: .pair),
        quietWhenBaselined: true, countedNoun: "nodes")

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.direction == .request else { return nil }
        switch event.function {
        case 527:
            return RuleHit(value: event.target.text.isEmpty ? 0 : RuleMatching.hash(event.target.text, in: batch))
        case 533:
            // No node in a BrowseNext: each continuation is a step of its own.
            return RuleHit(value: Int64(bitPattern: event.frame &* 0x9E37_79B9_7F4A_7C15 | 1))
        default:
            return nil
        }
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) browsed \(occurrence.distinctValues.count) nodes of the OPC UA server \(occurrence.destination)"
    }
}
