import EventModel

/// **s7-szl-enumeration** — an S7 client reads many different system status lists (SZL) of one
/// CPU.
///
/// *Read SZL* (userdata function group 4, sub-function 1) returns the CPU's order number
/// (SZL 0x0011), component names and serial (0x001C), state (0x0424), communication limits
/// (0x0131/0x0132), module list (0x0000), diagnostic buffer (0x00A0). The rule counts **distinct
/// SZL ids** requested by one client from one CPU and fires at **4 within 60 s**. Why 4: HMIs and
/// SCADA drivers read at most three (WinCC in the corpus: 0x0131, 0x0132, 0x0424; the peers' HMI
/// none), while tools that fingerprint a CPU read more (the peers' rogue: 0x0000, 0x0011, 0x001C,
/// 0x0232; the corpus' snap7 client: 4). STEP 7 and TIA Portal going online read 15–24 ids, so an engineering
/// workstation fires it too: that is why the severity is **low** and why the rule is quiet when the
/// baseline shows the client doing discovery on this pair. Reading SZL changes nothing; it is the
/// step before a targeted download (see `stuxnet-like-s7-sequence`).
public struct S7SZLEnumerationRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "s7-szl-enumeration", title: "S7 SZL enumeration", severity: .low, techniques: ["T0888"],
        rationale:
            "Reading many system status lists fingerprints a Siemens CPU (order number, firmware, modules, protection), as Stuxnet and S7 scanners did before choosing their payload.",
        protocols: [.s7comm], trigger: .distinct(threshold: 4, windowSeconds: 60, per: .pair),
        quietWhenBaselined: true, countedNoun: "SZL ids")

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.direction == .request, event.functionGroup == 4, event.function == 1,
            event.target.kind == .s7SZL
        else { return nil }
        return RuleHit(value: event.target.first)
    }

    public func summary(_ occurrence: Occurrence) -> String {
        let ids = occurrence.distinctValues.prefix(12).map { "0x" + TargetDescription.hex($0, width: 4) }
        return
            "\(occurrence.source) read \(occurrence.distinctValues.count) SZL ids of \(occurrence.destination) (\(ids.joined(separator: ", ")))"
    }
}
