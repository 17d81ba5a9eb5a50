import EventModel

/// **stuxnet-like-s7-sequence** — one S7 client fingerprints a CPU, downloads its cyclic or
/// interrupt organisation block and activates it (Stuxnet's wire behaviour).
///
/// Stuxnet's infected `s7otbxdx.dll` read SZL 0x0011 (module identification: the CPU's order
/// number, to pick the 315 or 417 payload), downloaded OB1 (the main cycle) and OB35 (the 100 ms
/// interrupt) with its own FCs and DBs, and activated them with the PI service `_INSE`. The rule
/// marks three steps on one client–CPU pair and fires when **all three** fall within **10 minutes**:
/// 1. a *Read SZL* request for SZL id 0x0011;
/// 2. a *Request download* (0x1A) or *Download block* (0x1B) request for OB1 or OB35;
/// 3. a *PI-Service* (0x28) request for `_INSE`.
/// Order is not checked (each step's first time counts), and a step seen long before the others
/// does not count again later. An engineer downloading OB1 from STEP 7 after going online does
/// all three as well: the rule says this pattern happened, the baseline and the engineering
/// workstation's role say who did it. Severity **critical**: the controller now runs someone's
/// new main program. Block downloads of other blocks are the program-transfer rules' business.
public struct StuxnetLikeS7SequenceRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "stuxnet-like-s7-sequence", title: "S7 fingerprint, OB1/OB35 download and activation (Stuxnet-like)",
        severity: .critical, techniques: ["T0888", "T0843", "T0821", "T0889"],
        rationale:
            "Stuxnet identified the CPU by SZL 0x0011, downloaded its own OB1/OB35 and activated them with _INSE, replacing the controller's logic while it kept running.",
        protocols: [.s7comm], trigger: .distinct(threshold: 3, windowSeconds: 600, per: .pair),
        countedNoun: "steps")

    static let fingerprint: Int64 = 1
    static let organisationBlockDownload: Int64 = 2
    static let activation: Int64 = 3
    /// "08" read as a big-endian 16-bit number: the S7 block type OB.
    static let organisationBlockType: Int64 = 0x3038

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.direction == .request else { return nil }
        if event.functionGroup == 4 {
            guard event.function == 1, event.target.kind == .s7SZL, event.target.first == 0x0011 else { return nil }
            return RuleHit(value: Self.fingerprint)
        }
        guard event.functionGroup < 0 else { return nil }
        switch event.function {
        case 0x1A, 0x1B:
            guard event.target.kind == .s7Block, event.target.first == Self.organisationBlockType,
                event.target.second == 1 || event.target.second == 35
            else { return nil }
            return RuleHit(value: Self.organisationBlockDownload)
        case 0x28:
            guard RuleMatching.text(event.target.text, in: batch, hasPrefix: "_INSE") else { return nil }
            return RuleHit(value: Self.activation)
        default:
            return nil
        }
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) read SZL 0x0011 of \(occurrence.destination), downloaded OB1/OB35 and activated blocks with _INSE"
    }
}
