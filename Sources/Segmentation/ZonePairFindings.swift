import AssetInventory
import EventModel
import PacketLayers

/// What crosses zones in an inventory's communication map, judged against the policy's
/// conduits: the same judgement as the violation rules, per client → server pair rather than per
/// packet, for reports (the compliance report's SR 5.1/5.2) and risk.
public struct ZonePairFinding: Sendable, Equatable {
    public enum Finding: String, Sendable {
        case allowed
        case noConduit = "no_conduit"
        case operationNotAllowed = "operation_not_allowed"
    }
    public var client: String
    public var server: String
    public var clientZone: String
    public var serverZone: String
    public var protocolName: String
    public var port: UInt16
    public var finding: Finding
    /// Purdue 4–5 straight to 0–1 (or back), whatever the conduits say.
    public var levelSkip: Bool
    /// One side in an OT zone (level ≤ 3) and the other on the internet.
    public var operationalToInternet: Bool

    public var text: String {
        "\(client) (\(clientZone)) → \(server) (\(serverZone)) \(protocolName)/\(port): \(finding.rawValue)"
            + (levelSkip ? ", skips Purdue levels" : "") + (operationalToInternet ? ", OT to internet" : "")
    }
}

extension ZonePolicy {
    /// Every map edge whose ends sit in different zones (by their first address).
    public func pairFindings(of inventory: Inventory) -> [ZonePairFinding] {
        var addresses: [String: IPAddress] = [:]
        for asset in inventory.assets { if let ip = asset.ips.first { addresses[asset.id] = ip } }
        var crossings: [ZonePairFinding] = []
        for edge in inventory.map.edges {
            // Layer-2 talk (ARP, LLDP, DCP) does not cross a router.
            guard edge.transport == "tcp" || edge.transport == "udp" else { continue }
            guard let clientIP = addresses[edge.client], let serverIP = addresses[edge.server] else { continue }
            let clientZone = zone(of: clientIP)
            let serverZone = zone(of: serverIP)
            guard clientZone != serverZone else { continue }
            let used = Operation.allCases.filter { $0 != .none && edge.operations[$0] > 0 }
            let matching = conduits.filter { conduit in
                conduit.from == clientZone && conduit.to == serverZone
                    && (conduit.protocols.isEmpty || conduit.protocols.contains(edge.protocolName))
                    && (conduit.ports.isEmpty || conduit.ports.contains(edge.serverPort))
            }
            let finding: ZonePairFinding.Finding =
                if matching.isEmpty {
                    .noConduit
                } else if matching.contains(where: { conduit in
                    conduit.operations.map { allowed in
                        used.allSatisfy { allowed.contains($0) || $0 == .session || $0 == .other }
                    } ?? true
                }) {
                    .allowed
                } else {
                    .operationNotAllowed
                }
            let levels = [zone(named: clientZone)?.purdueLevel, zone(named: serverZone)?.purdueLevel]
            let levelSkip =
                levels.contains { ($0 ?? -1) >= 4 } && levels.contains { level in level.map { $0 <= 1 } ?? false }
            let internet = [clientZone, serverZone].contains("internet")
            let operational = levels.contains { level in level.map { $0 <= 3 } ?? false }
            crossings.append(
                ZonePairFinding(
                    client: edge.client, server: edge.server, clientZone: clientZone, serverZone: serverZone,
                    protocolName: edge.protocolName, port: edge.serverPort, finding: finding, levelSkip: levelSkip,
                    operationalToInternet: internet && operational))
        }
        return crossings
    }
}

extension ZonePolicy {
    /// Address text → zone name, for code that holds addresses as text (risk exposure).
    public var addressZoneLookup: @Sendable (String) -> String? {
        let policy = self
        return { text in IPAddress(text).map { policy.zone(of: $0) } }
    }
}
