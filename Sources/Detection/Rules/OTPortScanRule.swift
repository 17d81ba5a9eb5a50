import EventModel
import FlowTracking
import Monitor

/// **ot-port-scan** — one host probes industrial ports on many (address, port) pairs.
///
/// A flow rule: it looks at every flow when it ends. A flow is a **probe** when its server port is
/// an industrial one (`RuleMatching.isIndustrialPort`: 102, 502, 2222, 2404, 4840, 9600, 20000,
/// 44818, 47808, 1883/8883, 34962–34964, 5006/5007, 1962, 2455, 11740, 18245, 20547, 1502, …) and
/// it carried no application PDU at all (nothing the decoders could read) while staying tiny: for
/// TCP at most 4 packets from the client and 3 from the server (SYN / SYN-ACK / RST of a half-open
/// scan, a refused or unanswered SYN, or a connect-and-close), for UDP at most 2 unanswered
/// datagrams to a unicast address. The rule counts **distinct (destination, port) pairs** probed
/// by one source and fires at **12 within 60 s** (by flow start): an HMI or SCADA server keeps long
/// connections to its few devices and its PDUs make every flow readable; a master retrying a few
/// dead devices stays below 12; nmap or Havex's scanner over one subnet's ICS ports goes far beyond
/// (one host × the 25 ports above, or one port × a /24). Severity medium, T0846.
public struct OTPortScanRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "ot-port-scan", title: "Port scan towards industrial ports", severity: .medium, techniques: ["T0846"],
        rationale:
            "Short, empty connections to industrial ports on many hosts are a scan for controllers: the first step of an attack on the process network.",
        // Flows only: the two protocols no event carries keep the rule off the event path.
        protocols: [.tcpOther, .udpOther], trigger: .distinct(threshold: 12, windowSeconds: 60, per: .source),
        countedNoun: "address-port pairs")

    public init() {}

    public var looksAtFlows: Bool { true }

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? { nil }

    public func match(flow: FlowSummary) -> RuleHit? {
        guard !flow.isContinuation, flow.operations.isEmpty, flow.totalOperations.isEmpty else { return nil }
        let entry = flow.oriented.entry
        let server = entry.server
        guard RuleMatching.isIndustrialPort(server.port) else { return nil }
        switch entry.key.ipProtocol {
        case 6:
            guard entry.clientPackets <= 4, entry.serverPackets <= 3 else { return nil }
        case 17:
            guard entry.clientPackets <= 2, entry.serverPackets == 0, !server.address.isBroadcast,
                !server.address.isMulticast
            else { return nil }
        default:
            return nil
        }
        return RuleHit(value: RuleMatching.endpointValue(server.address, port: server.port))
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) probed \(occurrence.distinctValues.count) industrial address-port pairs without speaking their protocols"
    }
}
