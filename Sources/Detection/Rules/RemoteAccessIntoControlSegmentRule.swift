import AssetInventory
import EventModel
import Monitor

/// **remote-access-to-ot-asset** — an interactive remote-access session (RDP, VNC, SSH, Telnet,
/// or a direct TeamViewer/AnyDesk connection) reaches an OT asset.
///
/// A flow rule: it fires when a flow identified as one of these protocols ends with an answered
/// session (at least 2 packets from the server) and its server is classified as a controller, RTU,
/// HMI, engineering workstation, historian, OPC server, I/O device or IIoT gateway
/// (`destinationRoles`, from the inventory built over the same traffic), **or** sits in the same
/// subnet (IPv4 /24, IPv6 /64) as a controller, RTU or I/O device (`destinationSubnetRoles`): a
/// jump host or an unclassified box in the controllers' segment is inside it. Remote desktops into
/// HMIs and engineering stations are how the 2015 Ukraine operators' screens were driven, and
/// SSH/Telnet into controllers or gateways is how Fuxnet and PIPEDREAM's OMSHELL deployed. Sessions
/// towards IT hosts outside those segments do not fire. Relayed TeamViewer/AnyDesk sessions go to
/// the vendor's servers, not to the OT asset: `remote-support-tool-on-ot-asset` reports those from
/// the asset's side. One alert per client, server and protocol, repeats counted. Severity medium
/// (high would need to know the session was not the plant's own maintenance: the baseline's
/// new-pair anomaly adds that).
public struct RemoteAccessIntoControlSegmentRule: ThreatRule {
    public let descriptor: RuleDescriptor = {
        var descriptor = RuleDescriptor(
            id: "remote-access-to-ot-asset", title: "Remote-access session to an OT asset", severity: .medium,
            techniques: ["T0886", "T0822"],
            rationale:
                "Interactive remote access to a controller, HMI or engineering workstation gives the operator's or engineer's full control to whoever holds the session.",
            protocols: [.rdp, .vnc, .ssh, .telnet, .teamviewer, .anydesk])
        descriptor.destinationRoles = RemoteAccessIntoControlSegmentRule.operationalRoles
        descriptor.destinationSubnetRoles = [.controller, .rtu, .ioDevice]
        return descriptor
    }()

    static let operationalRoles: Set<AssetRole> = [
        .controller, .rtu, .hmi, .engineeringWorkstation, .historian, .opcServer, .ioDevice, .iiotGateway,
    ]

    public init() {}

    public var looksAtFlows: Bool { true }

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? { nil }

    public func match(flow: FlowSummary) -> RuleHit? {
        guard !flow.isContinuation else { return nil }
        switch flow.application {
        case .rdp, .vnc, .ssh, .telnet, .teamviewer, .anydesk:
            // A refused or unanswered connection is not a session.
            guard flow.oriented.entry.serverPackets >= 2 else { return nil }
            return RuleHit(detail: Int64(flow.application.id))
        default:
            return nil
        }
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) opened a \(occurrence.protocolName) remote-access session to \(occurrence.destination) in the OT network"
    }
}
