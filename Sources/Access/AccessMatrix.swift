import AssetInventory
import EventModel

/// Who performs which operations on which controller, over one protocol.
public struct AccessMatrixEntry: Sendable {
    public var actor: AccessParty
    public var controller: AccessParty
    public var protocolName: String
    public var serverPorts: [UInt16]
    /// Requests the actor sent, by operation category (only the categories of `AccessMatrix.categories`).
    public var counts: [Operation: UInt64]
    public var flows: UInt64
    public var firstSeen: Int64
    public var lastSeen: Int64

    public func count(_ operation: Operation) -> UInt64 { counts[operation] ?? 0 }

    /// The categories that change the process or the controller itself.
    public var changesController: Bool {
        AccessMatrix.changingCategories.contains { count($0) > 0 }
    }
}

/// The access matrix: every client → controller pair with the operation categories it used.
/// A controller is a PLC, RTU or I/O device, or any asset that received a write, control,
/// program or firmware operation.
public enum AccessMatrix {
    /// The columns, from reading to the most invasive.
    public static let categories: [Operation] = [.read, .write, .control, .program, .firmware, .diagnostic, .discovery]
    public static let changingCategories: [Operation] = [.write, .control, .program, .firmware]
    /// Address resolution is every host's chatter, not an access to the controller.
    static let ignoredProtocols: Set<String> = ["arp"]

    public static func build(_ inventory: Inventory, zones: AccessZones = .none) -> [AccessMatrixEntry] {
        build(inventory, index: AssetIndex(inventory, zones: zones))
    }

    static func build(_ inventory: Inventory, index: AssetIndex) -> [AccessMatrixEntry] {
        struct Key: Hashable {
            var client: String
            var server: String
            var protocolName: String
        }
        var entries: [Key: AccessMatrixEntry] = [:]
        for edge in inventory.map.edges where !ignoredProtocols.contains(edge.protocolName) {
            guard let server = index.asset(id: edge.server), let client = index.party(assetID: edge.client) else {
                continue
            }
            let requested = categories.map { ($0, UInt64(edge.operations.byClient($0))) }.filter { $0.1 > 0 }
            guard !requested.isEmpty else { continue }
            let changes = requested.contains { changingCategories.contains($0.0) }
            guard changes || AccessRoles.controllers.contains(server.role),
                let controller = index.party(assetID: server.id)
            else { continue }
            let key = Key(client: edge.client, server: edge.server, protocolName: edge.protocolName)
            var entry =
                entries[key]
                ?? AccessMatrixEntry(
                    actor: client, controller: controller, protocolName: edge.protocolName, serverPorts: [],
                    counts: [:],
                    flows: 0, firstSeen: edge.firstSeen, lastSeen: edge.lastSeen)
            for (operation, count) in requested { entry.counts[operation, default: 0] += count }
            if edge.serverPort != 0, !entry.serverPorts.contains(edge.serverPort) {
                entry.serverPorts.append(edge.serverPort)
            }
            entry.flows += edge.flows
            entry.firstSeen = min(entry.firstSeen, edge.firstSeen)
            entry.lastSeen = max(entry.lastSeen, edge.lastSeen)
            entries[key] = entry
        }
        return entries.values.sorted { lhs, rhs in
            if lhs.controller.label != rhs.controller.label { return lhs.controller.label < rhs.controller.label }
            if lhs.controller.assetID != rhs.controller.assetID {
                return lhs.controller.assetID < rhs.controller.assetID
            }
            if lhs.changesController != rhs.changesController { return lhs.changesController }
            if lhs.actor.label != rhs.actor.label { return lhs.actor.label < rhs.actor.label }
            if lhs.actor.assetID != rhs.actor.assetID { return lhs.actor.assetID < rhs.actor.assetID }
            return lhs.protocolName < rhs.protocolName
        }
    }
}
