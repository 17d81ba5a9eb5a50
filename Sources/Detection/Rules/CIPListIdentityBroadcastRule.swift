import EventModel

/// **enip-list-identity-broadcast** — a host broadcasts EtherNet/IP *ListIdentity* (command 0x63).
///
/// One broadcast datagram to UDP 44818 makes every EtherNet/IP device on the segment return its
/// identity: the cheapest full inventory of a cell. RSLinx's *EtherNet/IP* driver and Studio 5000's
/// browser do exactly this every few seconds while open, so a single broadcast is **low**; with a
/// baseline, broadcasts from a station that always sent them stay quiet, and what remains is a host
/// never seen browsing (the peers' rogue). Subnet-directed broadcasts (x.x.x.255) count when the
/// decoder reports them as broadcast. One alert per source, repeats counted.
public struct CIPListIdentityBroadcastRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "enip-list-identity-broadcast", title: "EtherNet/IP ListIdentity broadcast", severity: .low,
        techniques: ["T0846"],
        rationale:
            "A ListIdentity broadcast inventories every EtherNet/IP device of the segment at once; engineering tools do it, and so does an intruder's first look.",
        protocols: [.enip], quietWhenBaselined: true)

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.function == 0x63,
            event.direction == .broadcast || event.destination.isBroadcast || event.destination.isMulticast
        else { return nil }
        return RuleHit()
    }
}
