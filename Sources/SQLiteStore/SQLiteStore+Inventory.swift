import AssetInventory
import EventModel
import GRDB
import Storage

extension SQLiteStore: InventoryStore {
    @discardableResult
    public func saveInventory(_ inventory: Inventory) throws(StoreError) -> [FactChange] {
        try write { db in
            try db.execute(sql: "DELETE FROM asset; DELETE FROM asset_fact; DELETE FROM map_edge")
            let insertAsset = try db.cachedStatement(
                sql: """
                    INSERT INTO asset (id, role, purdue_level, vendor, name, addresses, first_seen, last_seen, json,
                        map_zone)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            let insertFact = try db.cachedStatement(
                sql: """
                    INSERT INTO asset_fact VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT DO UPDATE SET first_seen = min(first_seen, excluded.first_seen),
                        last_seen = max(last_seen, excluded.last_seen), count = count + excluded.count
                    """)
            let insertChange = try db.cachedStatement(
                sql: """
                    INSERT OR IGNORE INTO fact_change (asset_id, key, old_value, new_value, old_last_seen, new_first_seen)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """)
            var changes: [FactChange] = []
            for asset in inventory.assets {
                let addresses = asset.macs.map(\.description) + asset.ips.map(\.description)
                try insertAsset.execute(arguments: [
                    asset.id, asset.role.rawValue, asset.purdueLevel, asset.identity.vendor ?? asset.macVendor,
                    asset.names.first?.name, addresses.joined(separator: ","),
                    asset.firstSeen == .max ? 0 : asset.firstSeen, asset.lastSeen == .min ? 0 : asset.lastSeen,
                    InventoryFormatter.json(asset), MapZone.of(addresses),
                ])
                for fact in asset.facts {
                    try insertFact.execute(arguments: [
                        asset.id, fact.key.name, fact.value, fact.protocolName, fact.confidence.rawValue,
                        fact.firstSeen, fact.lastSeen, ColumnCoding.int(fact.count),
                    ])
                }
                for change in Self.changes(of: asset) {
                    try insertChange.execute(arguments: [
                        change.assetID, change.key, change.oldValue, change.newValue, change.oldLastSeen,
                        change.newFirstSeen,
                    ])
                    if db.changesCount > 0 { changes.append(change) }
                }
            }
            let insertEdge = try db.cachedStatement(
                sql: """
                    INSERT INTO map_edge (client, server, protocol, transport, server_port, flows, packets, bytes,
                        first_seen, last_seen, operations, danger_rank)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT DO UPDATE SET flows = flows + excluded.flows, packets = packets + excluded.packets,
                        bytes = bytes + excluded.bytes
                    """)
            for edge in inventory.map.edges {
                var operations: [String] = []
                var counts: [String: UInt64] = [:]
                for operation in EventModel.Operation.allCases where edge.operations[operation] > 0 {
                    operations.append("\"\(operation.name)\":\(edge.operations[operation])")
                    counts[operation.name] = UInt64(edge.operations[operation])
                }
                try insertEdge.execute(arguments: [
                    edge.client, edge.server, edge.protocolName, edge.transport, Int(edge.serverPort),
                    ColumnCoding.int(edge.flows), ColumnCoding.int(edge.packets), ColumnCoding.int(edge.bytes),
                    edge.firstSeen, edge.lastSeen, "{" + operations.joined(separator: ",") + "}",
                    MapZone.dangerRank(counts),
                ])
            }
            try Self.resolveSessionAssets(inventory, db: db)
            return changes
        }
    }

    /// Identity keys whose change means the device changed (firmware update, module swap, renamed
    /// station); names that DHCP or DNS reassign are not among them.
    static let minimumChangeGap: Int64 = 60 * 1_000_000_000

    static let trackedKeys: Set<IdentityKey> = [
        .vendor, .product, .productCode, .model, .orderNumber, .firmware, .hardware, .serial, .stationName,
        .deviceType, .moduleName, .operatingSystem,
    ]

    /// Per key and protocol, values in the order they appeared: a value first seen at least
    /// `minimumChangeGap` after every earlier value was last seen replaced the one seen last.
    /// Values seen side by side (two modules) are not changes, nor are two renderings of one fact
    /// a moment apart (a BACnet vendor name from the I-Am's vendor id and from the vendor-name
    /// property): a firmware update or a swapped module takes a restart, which takes longer.
    static func changes(of asset: Asset) -> [FactChange] {
        var groups: [String: [AssetFact]] = [:]
        for fact in asset.facts where trackedKeys.contains(fact.key) {
            groups[fact.key.name + "\u{0}" + fact.protocolName, default: []].append(fact)
        }
        var result: [FactChange] = []
        for (_, facts) in groups where facts.count > 1 {
            let ordered = facts.sorted { ($0.firstSeen, $0.value) < ($1.firstSeen, $1.value) }
            var latest = ordered[0]
            for new in ordered.dropFirst() {
                if new.value != latest.value && new.firstSeen - latest.lastSeen >= minimumChangeGap {
                    result.append(
                        FactChange(
                            assetID: asset.id, key: new.key.name, oldValue: latest.value, newValue: new.value,
                            oldLastSeen: latest.lastSeen, newFirstSeen: new.firstSeen))
                }
                if new.lastSeen >= latest.lastSeen { latest = new }
            }
        }
        return result.sorted { ($0.newFirstSeen, $0.key) < ($1.newFirstSeen, $1.key) }
    }

    public func assets() throws(StoreError) -> [StoredAsset] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.assetColumns) FROM asset ORDER BY id").map(Self.storedAsset)
        }
    }

    public func communicationEdges() throws(StoreError) -> [StoredEdge] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT \(Self.edgeColumns) FROM map_edge ORDER BY client, server, protocol, server_port"
            ).map(Self.storedEdge)
        }
    }

    /// The `{"read":12,"write":3}` column back into a dictionary (written by `saveInventory`).
    static func operationCounts(_ text: String) -> [String: UInt64] {
        var result: [String: UInt64] = [:]
        for pair in text.dropFirst().dropLast().split(separator: ",") {
            let parts = pair.split(separator: ":")
            guard parts.count == 2, let count = UInt64(parts[1]) else { continue }
            result[String(parts[0].dropFirst().dropLast())] = count
        }
        return result
    }

    public func facts(ofAsset id: String) throws(StoreError) -> [StoredFact] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT asset_id, key, value, protocol, confidence, first_seen, last_seen, count FROM asset_fact
                    WHERE asset_id = ? ORDER BY key, first_seen, value
                    """, arguments: [id]
            ).map { row in
                StoredFact(
                    assetID: row[0], key: row[1], value: row[2], protocolName: row[3], confidence: row[4],
                    firstSeen: row[5], lastSeen: row[6], count: ColumnCoding.uint(row[7]))
            }
        }
    }

    public func factChanges(ofAsset id: String?) throws(StoreError) -> [FactChange] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT asset_id, key, old_value, new_value, old_last_seen, new_first_seen FROM fact_change
                    WHERE ? IS NULL OR asset_id = ? ORDER BY new_first_seen, id
                    """, arguments: [id, id]
            ).map { row in
                FactChange(
                    assetID: row[0], key: row[1], oldValue: row[2], newValue: row[3], oldLastSeen: row[4],
                    newFirstSeen: row[5])
            }
        }
    }
}
