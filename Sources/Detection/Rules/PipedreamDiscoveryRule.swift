import EventModel
import Monitor

/// **omron-codesys-sweep** — one host reaches OMRON FINS or CODESYS services on many devices
/// (PIPEDREAM/INCONTROLLER's discovery).
///
/// PIPEDREAM's OMRON module scans for FINS devices (UDP/TCP 9600) and its CODESYS module finds
/// runtimes (UDP 1740–1743, TCP 11740/1200/2455) before logging in, brute-forcing passwords and
/// downloading programs. These protocols are identified by port here (no FINS or CODESYS
/// decoder), so the rule works on flows: it counts the **distinct devices** one source opens
/// FINS or CODESYS flows to (unicast) and fires at **5 within 60 s**. CX-Programmer or the CODESYS
/// IDE talk to the one or two controllers being programmed; their *network scan* is a broadcast
/// (one flow, not counted here). The logins, password changes and program transfers that follow
/// cannot be seen without a decoder; neither can UMAS program transfer be told from PIPEDREAM's
/// use of it beyond what the program-transfer rules report. Severity **high**.
public struct PipedreamDiscoveryRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "omron-codesys-sweep", title: "OMRON FINS / CODESYS sweep (PIPEDREAM-like)", severity: .high,
        techniques: ["T0846", "T0888", "T0861"],
        rationale:
            "PIPEDREAM/INCONTROLLER enumerated OMRON and CODESYS controllers over FINS and CODESYS before brute-forcing logins and replacing their programs.",
        protocols: [.omronFINS, .codesys], trigger: .distinct(threshold: 5, windowSeconds: 60, per: .source),
        countedNoun: "devices")

    public init() {}

    public var looksAtFlows: Bool { true }

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? { nil }

    public func match(flow: FlowSummary) -> RuleHit? {
        guard !flow.isContinuation else { return nil }
        let entry = flow.oriented.entry
        let server = entry.server
        switch server.port {
        case 9600, 1740...1743, 11740, 1200, 2455: break
        default: return nil
        }
        guard !server.address.isBroadcast, !server.address.isMulticast,
            server.address.isIPv4 ? server.address.ipv4Value & 0xFF != 0xFF : true
        else { return nil }
        return RuleHit(value: RuleMatching.endpointValue(server.address, port: 0))
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) reached OMRON FINS / CODESYS services on \(occurrence.distinctValues.count) devices"
    }
}
