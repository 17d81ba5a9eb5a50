import Detection
import EventModel
import Monitor
import PacketLayers

/// **segmentation.new-path** — a flow between two zones on a path the baseline never saw: a
/// (client zone, server zone, protocol, server port) that no baseline pair had.
///
/// A flow rule that exists only when a baseline is given (`palisade detect --baseline`, the
/// sensor monitoring against its baseline): each baseline pair is placed in its zones once, and a
/// crossing flow whose path is not among them fires, conduit or not (a conduit may allow more
/// than the plant uses; a path first used today deserves a look). A flow that carried no readable
/// PDU matches a path by zones and port alone. One alert per client, server and service.
/// Severity medium.
public struct NewCrossZonePathRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "segmentation.new-path", title: "New path between zones", severity: .medium, techniques: ["T0886"],
        rationale:
            "Paths between zones change rarely and on purpose; one the baseline never saw is either an undocumented change or an intruder moving between zones.",
        protocols: [.ipOther])

    let policy: ZonePolicy
    /// Baseline paths: zone, zone, protocol id and port packed in one integer.
    let paths: Set<UInt64>
    /// The same paths without the protocol, for flows whose protocol is unknown.
    let portPaths: Set<UInt64>

    /// `baseline` pairs are addresses as events print them.
    public init(policy: ZonePolicy, baseline: Baseline) {
        self.policy = policy
        var paths: Set<UInt64> = []
        var portPaths: Set<UInt64> = []
        for pair in baseline.pairs {
            guard let client = IPAddress(pair.client), let server = IPAddress(pair.server) else { continue }
            let from = policy.map.zone(of: client)
            let to = policy.map.zone(of: server)
            guard from != to else { continue }
            let application = ApplicationProtocol.named(pair.protocolName) ?? .unknown
            paths.insert(Self.key(from, to, application.id, pair.port))
            portPaths.insert(Self.key(from, to, 0, pair.port))
        }
        self.paths = paths
        self.portPaths = portPaths
    }

    static func key(_ from: Int32, _ to: Int32, _ application: UInt16, _ port: UInt16) -> UInt64 {
        UInt64(UInt16(truncatingIfNeeded: from)) << 48 | UInt64(UInt16(truncatingIfNeeded: to)) << 32
            | UInt64(application) << 16 | UInt64(port)
    }

    public var looksAtFlows: Bool { true }

    public func match(flow: FlowSummary) -> RuleHit? {
        guard let crossing = ZoneCrossing(flow: flow, map: policy.map) else { return nil }
        let known =
            crossing.undecoded
            ? portPaths.contains(Self.key(crossing.from, crossing.to, 0, crossing.port))
            : paths.contains(Self.key(crossing.from, crossing.to, crossing.application.id, crossing.port))
        return known ? nil : RuleHit(detail: crossing.service)
    }

    public func summary(_ occurrence: Occurrence) -> String {
        "\(occurrence.source) opened a path the baseline never saw: \(policy.zoneTitle(ofAddress: occurrence.source)) → \(policy.zoneTitle(ofAddress: occurrence.destination)) over \(occurrence.protocolName) (\(occurrence.functionName)) to \(occurrence.destination)"
    }
}
