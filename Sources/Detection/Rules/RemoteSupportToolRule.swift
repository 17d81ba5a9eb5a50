import AssetInventory
import EventModel
import Monitor

/// **remote-support-tool-on-ot-asset** — an OT asset runs TeamViewer or AnyDesk.
///
/// These tools connect *out* to the vendor's relays, so the session arrives through a connection
/// the OT asset itself opened: the rule fires on TeamViewer and AnyDesk flows whose **client** is
/// classified as a controller, RTU, HMI, engineering workstation, historian, OPC server, I/O device
/// or IIoT gateway (`sourceRoles`). Whoever holds the TeamViewer id and password controls the HMI
/// from the internet, outside any plant VPN or jump host (the 2021 Oldsmar water plant). One alert
/// per asset and tool (whatever relays it reaches), repeats counted. Severity **high**: unlike an RDP session from a jump
/// host, nothing inside the plant stands between the internet and the asset.
public struct RemoteSupportToolRule: ThreatRule {
    public let descriptor: RuleDescriptor = {
        var descriptor = RuleDescriptor(
            id: "remote-support-tool-on-ot-asset", title: "TeamViewer or AnyDesk on an OT asset", severity: .high,
            techniques: ["T0822", "T0886"],
            rationale:
                "A remote-support tool on an HMI or engineering workstation lets anyone holding its id and password control the process from the internet, bypassing the plant's remote-access path.",
            protocols: [.teamviewer, .anydesk],
            // One alert per asset and tool, whatever relays it reaches (any one relay is enough).
            trigger: .distinct(threshold: 1, windowSeconds: 3600, per: .source), countedNoun: "relay servers")
        descriptor.sourceRoles = RemoteAccessIntoControlSegmentRule.operationalRoles
        return descriptor
    }()

    public init() {}

    public var looksAtFlows: Bool { true }

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? { nil }

    public func match(flow: FlowSummary) -> RuleHit? {
        guard !flow.isContinuation, flow.application == .teamviewer || flow.application == .anydesk else {
            return nil
        }
        let server = flow.oriented.entry.server
        return RuleHit(
            detail: Int64(flow.application.id), value: RuleMatching.endpointValue(server.address, port: server.port))
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) keeps a \(occurrence.protocolName) remote-support connection with \(occurrence.destination)"
    }
}
