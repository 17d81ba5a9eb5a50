import Foundation
import GRDB
import Storage

extension SQLiteStore: ConsoleQueryStore {
    static let assetColumns = "id, role, purdue_level, vendor, addresses, name, first_seen, last_seen, json"
    static let edgeColumns = """
        client, server, protocol, transport, server_port, flows, packets, bytes, first_seen, last_seen, operations
        """
    static let riskColumns = "asset_id, score, level, factors, assessed"
    static let matchColumns =
        "asset_id, advisory_id, title, outcome, reason, cves, max_cvss, cvss_vector, kev, products, remediations"
    static let matchOrder = "ORDER BY asset_id, outcome = 'affected' DESC, coalesce(max_cvss, 0) DESC, advisory_id"

    public func asset(id: String) throws(StoreError) -> StoredAsset? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.assetColumns) FROM asset WHERE id = ?", arguments: [id]).map(
                Self.storedAsset)
        }
    }

    public func assetList(_ query: AssetListQuery) throws(StoreError) -> AssetListPage {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let role = query.role {
            conditions.append("a.role = ?")
            arguments.append(role)
        }
        if let level = query.purdueLevel {
            conditions.append("a.purdue_level = ?")
            arguments.append(level)
        }
        if let vendor = query.vendor {
            conditions.append("palisade_contains_folded(coalesce(a.vendor, ''), ?)")
            arguments.append(vendor)
        }
        if let search = query.search {
            // The same text the console searched before the store did: fields joined by spaces.
            conditions.append(
                """
                palisade_contains_folded(a.id || ' ' || coalesce(a.name, '') || ' ' || coalesce(a.vendor, '') || ' '
                    || a.role || CASE WHEN a.addresses = '' THEN '' ELSE ' ' || replace(a.addresses, ',', ' ') END, ?)
                """)
            arguments.append(search)
        }
        if let protocolName = query.protocolName {
            // Two EXISTS so that each uses an index: the key (client first) and map_edge_server.
            conditions.append(
                """
                (EXISTS (SELECT 1 FROM map_edge e WHERE e.client = a.id AND e.protocol = ?)
                    OR EXISTS (SELECT 1 FROM map_edge e WHERE e.server = a.id AND e.protocol = ?))
                """)
            arguments.append(protocolName)
            arguments.append(protocolName)
        }
        if let ids = query.ids {
            conditions.append("a.id IN (SELECT value FROM json_each(?))")
            let encoded = (try? JSONEncoder().encode(ids.sorted())).map { String(decoding: $0, as: UTF8.self) }
            arguments.append(encoded ?? "[]")
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let order =
            switch query.sort {
            case .risk: "coalesce(r.score, -1) DESC, a.id"
            case .id: "a.id"
            case .role: "a.role, a.id"
            case .lastSeen: "a.last_seen DESC, a.id"
            }
        let columns = Self.assetColumns.split(separator: ", ").map { "a.\($0)" }.joined(separator: ", ")
        let riskColumns = Self.riskColumns.split(separator: ", ").map { "r.\($0)" }.joined(separator: ", ")
        return try read { db in
            let total =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM asset a \(filter)", arguments: StatementArguments(arguments)) ?? 0
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(columns), \(riskColumns) FROM asset a LEFT JOIN asset_risk r ON r.asset_id = a.id
                    \(filter) ORDER BY \(order) LIMIT ? OFFSET ?
                    """,
                arguments: StatementArguments(arguments + [max(0, query.limit), max(0, query.offset)]))
            let decoder = JSONDecoder()
            var risks: [String: StoredAssetRisk] = [:]
            let assets = rows.map { row in
                let asset = Self.storedAsset(row)
                if !(row[9] as DatabaseValue).isNull {
                    risks[asset.id] = Self.storedRisk(row, at: 9, decoder: decoder)
                }
                return asset
            }
            return AssetListPage(assets: assets, risks: risks, total: total)
        }
    }

    public func assetAddresses() throws(StoreError) -> [(id: String, addresses: [String])] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, addresses FROM asset").map { row in
                (row[0], (row[1] as String).split(separator: ",").map(String.init))
            }
        }
    }

    public func assetCountsByRole() throws(StoreError) -> [String: Int] {
        try read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT role, count(*) FROM asset GROUP BY role") {
                counts[row[0]] = row[1]
            }
            return counts
        }
    }

    public func assetCountsByLevel() throws(StoreError) -> [Int?: Int] {
        try read { db in
            var counts: [Int?: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT purdue_level, count(*) FROM asset GROUP BY purdue_level") {
                counts[row[0] as Int?] = row[1]
            }
            return counts
        }
    }

    public func communicationEdges(ofAsset id: String, limit: Int?) throws(StoreError) -> [StoredEdge] {
        try read { db in
            // Two index lookups (the primary key leads with client, map_edge_server covers server).
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.edgeColumns) FROM map_edge WHERE client = ?1
                    UNION ALL SELECT \(Self.edgeColumns) FROM map_edge WHERE server = ?1 AND client <> ?1
                    ORDER BY last_seen DESC, client, server, protocol, server_port LIMIT ?2
                    """, arguments: [id, limit.map { max(0, $0) } ?? -1]
            ).map(Self.storedEdge)
        }
    }

    public func assetRisk(id: String) throws(StoreError) -> StoredAssetRisk? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.riskColumns) FROM asset_risk WHERE asset_id = ?", arguments: [id])
                .map { Self.storedRisk($0, decoder: JSONDecoder()) }
        }
    }

    public func assetRisks(limit: Int, scoreAbove minimumScore: Double?) throws(StoreError) -> [StoredAssetRisk] {
        try read { db in
            let decoder = JSONDecoder()
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.riskColumns) FROM asset_risk WHERE ?1 IS NULL OR score > ?1
                    ORDER BY score DESC, asset_id LIMIT ?2
                    """, arguments: [minimumScore, max(0, limit)]
            ).map { Self.storedRisk($0, decoder: decoder) }
        }
    }

    public func riskLevelCounts() throws(StoreError) -> [String: Int] {
        try read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT level, count(*) FROM asset_risk GROUP BY level") {
                counts[row[0]] = row[1]
            }
            return counts
        }
    }

    public func vulnerabilityMatches(assetID: String?, limit: Int, offset: Int) throws(StoreError)
        -> [StoredVulnerabilityMatch]
    {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.matchColumns) FROM vulnerability_match WHERE ?1 IS NULL OR asset_id = ?1
                    \(Self.matchOrder) LIMIT ?2 OFFSET ?3
                    """, arguments: [assetID, max(0, limit), max(0, offset)]
            ).map(Self.storedMatch)
        }
    }

    public func vulnerabilityMatchCount(assetID: String?) throws(StoreError) -> Int {
        try read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM vulnerability_match WHERE ?1 IS NULL OR asset_id = ?1",
                arguments: [assetID]) ?? 0
        }
    }

    public func vulnerableAssetCount() throws(StoreError) -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT count(DISTINCT asset_id) FROM vulnerability_match") ?? 0
        }
    }

    public func alertActivity(limit: Int) throws(StoreError) -> [(time: Int64, severity: String)] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT last_time, severity FROM alert
                    WHERE EXISTS (SELECT 1 FROM alert_occurrence o WHERE o.alert_id = alert.id)
                    ORDER BY last_time DESC, id LIMIT ?
                    """, arguments: [max(0, limit)]
            ).map { (time: $0[0], severity: $0[1]) }
        }
    }

    public func observationVersion() throws(StoreError) -> String {
        try read { db in
            // Every apply updates its source's row; events are kept in id order, so the oldest and
            // newest ids move when events are added or deleted.
            try String.fetchOne(
                db,
                sql: """
                    SELECT (SELECT coalesce(group_concat(v, ','), '') FROM (
                            SELECT id || '.' || updated || '.' || packets || '.' || events || '.' || state AS v
                            FROM source ORDER BY id))
                        || '|' || (SELECT coalesce(min(id), 0) || '-' || coalesce(max(id), 0) FROM event)
                    """) ?? ""
        }
    }

    public func edgeProtocols() throws(StoreError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT DISTINCT protocol FROM map_edge ORDER BY protocol") }
    }

    public func mapGroups(protocolName: String?, role: String?) throws(StoreError) -> (
        groups: [MapGroup], links: [MapGroupLink]
    ) {
        try read { db in
            // Zone and danger rank are columns written by saveInventory (schema v7): plain grouping
            // over the covering index asset_map, no function call per row.
            let groups = try Row.fetchAll(
                db,
                sql: """
                    SELECT purdue_level, map_zone, role, count(*) FROM asset
                    WHERE (?2 IS NULL OR role = ?2)
                        AND (?1 IS NULL OR id IN (SELECT client FROM map_edge WHERE protocol = ?1
                            UNION SELECT server FROM map_edge WHERE protocol = ?1))
                    GROUP BY purdue_level, map_zone, role
                    """, arguments: [protocolName, role]
            ).map { MapGroup(purdueLevel: $0[0], zone: $0[1], role: $0[2], assets: $0[3]) }
            // Packets added as reals: a sum of untrusted counters must not overflow the query.
            let links = try Row.fetchAll(
                db,
                sql: """
                    WITH a AS MATERIALIZED (
                        SELECT id, purdue_level, map_zone FROM asset WHERE ?2 IS NULL OR role = ?2)
                    SELECT c.purdue_level, c.map_zone, s.purdue_level, s.map_zone, group_concat(DISTINCT e.protocol),
                        min(e.danger_rank), total(e.packets)
                    FROM map_edge e JOIN a c ON c.id = e.client JOIN a s ON s.id = e.server
                    WHERE ?1 IS NULL OR e.protocol = ?1
                    GROUP BY c.purdue_level, c.map_zone, s.purdue_level, s.map_zone
                    """, arguments: [protocolName, role]
            ).map { row in
                let packets: Double = row[6]
                return MapGroupLink(
                    fromLevel: row[0], fromZone: row[1], toLevel: row[2], toZone: row[3],
                    protocols: Set((row[4] as String? ?? "").split(separator: ",").map(String.init)),
                    danger: MapZone.danger(rank: row[5]),
                    packets: packets >= 1.8e19 ? UInt64.max : UInt64(max(0, packets)))
            }
            return (groups, links)
        }
    }

    static func storedAsset(_ row: Row) -> StoredAsset {
        StoredAsset(
            id: row[0], role: row[1], purdueLevel: row[2], vendor: row[3],
            addresses: (row[4] as String).split(separator: ",").map(String.init), name: row[5], firstSeen: row[6],
            lastSeen: row[7], json: row[8])
    }

    static func storedEdge(_ row: Row) -> StoredEdge {
        StoredEdge(
            client: row[0], server: row[1], protocolName: row[2], transport: row[3],
            serverPort: UInt16(truncatingIfNeeded: row[4] as Int), flows: ColumnCoding.uint(row[5]),
            packets: ColumnCoding.uint(row[6]), bytes: ColumnCoding.uint(row[7]), firstSeen: row[8], lastSeen: row[9],
            operations: operationCounts(row[10]))
    }

    /// The `riskColumns` starting at column `base`.
    static func storedRisk(_ row: Row, at base: Int = 0, decoder: JSONDecoder) -> StoredAssetRisk {
        let factorsText: String = row[base + 3]
        let factors = (try? decoder.decode([StoredRiskFactor].self, from: Data(factorsText.utf8))) ?? []
        return StoredAssetRisk(
            assetID: row[base], score: row[base + 1], level: row[base + 2], factors: factors,
            assessedAt: row[base + 4])
    }

    static func storedMatch(_ row: Row) -> StoredVulnerabilityMatch {
        StoredVulnerabilityMatch(
            assetID: row["asset_id"], advisoryID: row["advisory_id"], title: row["title"], outcome: row["outcome"],
            reason: row["reason"], cves: decodeJSONArray(row["cves"]), maximumCVSS: row["max_cvss"],
            cvssVector: row["cvss_vector"], knownExploited: row["kev"], products: decodeJSONArray(row["products"]),
            remediations: decodeJSONArray(row["remediations"]))
    }
}

/// SQL functions for the console's reads, so that SQL filters and groups by the console's rules.
enum ConsoleQueryFunctions {
    /// `palisade_map_zone('mac,ip,…')` → `MapZone.of` the addresses.
    static let mapZone = DatabaseFunction("palisade_map_zone", argumentCount: 1, pure: true) { values in
        MapZone.of((String.fromDatabaseValue(values[0]) ?? "").split(separator: ","))
    }

    /// `palisade_danger_rank('{"read":3}')` → `MapZone.dangerRank` of the operation counts.
    static let dangerRank = DatabaseFunction("palisade_danger_rank", argumentCount: 1, pure: true) { values in
        MapZone.dangerRank(SQLiteStore.operationCounts(String.fromDatabaseValue(values[0]) ?? "{}"))
    }

    /// `palisade_contains_folded(text, needle)`: whether `needle` (already lowercase) occurs in
    /// `text` lowercased the way Swift lowercases, so that non-ASCII names filter as they did
    /// before filtering moved into the store (SQLite's `lower` folds ASCII only).
    static let containsFolded = DatabaseFunction("palisade_contains_folded", argumentCount: 2, pure: true) { values in
        let text = String.fromDatabaseValue(values[0]) ?? ""
        let needle = String.fromDatabaseValue(values[1]) ?? ""
        return needle.isEmpty || text.lowercased().contains(needle)
    }
}
