import AssetInventory
import GRDB
import PacketLayers
import Storage

extension SQLiteStore: RemoteSessionStore {
    /// Upserts each reported flow on its row: a whole-flow report replaces the row (so importing a
    /// capture again gives the same numbers), a continuation adds to it (a live flow's parts).
    static func upsertSessions(
        _ sessions: [RemoteSessionKey: RemoteSessionObservation], source: Int64, db: Database
    ) throws {
        guard !sessions.isEmpty else { return }
        let insert = """
            INSERT INTO remote_session (source_id, client_ip, client_port, client_mac, server_ip, server_port,
                server_mac, protocol, first_seen, last_seen, packets_to_server, packets_to_client, bytes_to_server,
                bytes_to_client, end_reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (client_ip, client_port, server_ip, server_port, protocol, first_seen) DO UPDATE SET
                source_id = excluded.source_id, end_reason = excluded.end_reason,
            """
        let replace = try db.cachedStatement(
            sql: insert + """
                client_mac = excluded.client_mac, server_mac = excluded.server_mac, last_seen = excluded.last_seen,
                packets_to_server = excluded.packets_to_server, packets_to_client = excluded.packets_to_client,
                bytes_to_server = excluded.bytes_to_server, bytes_to_client = excluded.bytes_to_client
                """)
        let add = try db.cachedStatement(
            sql: insert + """
                last_seen = max(last_seen, excluded.last_seen),
                packets_to_server = packets_to_server + excluded.packets_to_server,
                packets_to_client = packets_to_client + excluded.packets_to_client,
                bytes_to_server = bytes_to_server + excluded.bytes_to_server,
                bytes_to_client = bytes_to_client + excluded.bytes_to_client
                """)
        for (key, session) in sessions {
            try (session.isContinuation ? add : replace).execute(arguments: [
                source, ColumnCoding.text(key.client), Int(key.clientPort), ColumnCoding.text(session.clientMAC),
                ColumnCoding.text(key.server), Int(key.serverPort), ColumnCoding.text(session.serverMAC),
                ColumnCoding.protocolName(key.protocolID), key.start, session.end,
                ColumnCoding.int(session.packetsToServer), ColumnCoding.int(session.packetsToClient),
                ColumnCoding.int(session.bytesToServer), ColumnCoding.int(session.bytesToClient), session.endReason,
            ])
        }
    }

    /// Fills the asset ids of the sessions that lack them from a freshly saved inventory (the
    /// first asset holding the address, as the access report resolves it).
    static func resolveSessionAssets(_ inventory: Inventory, db: Database) throws {
        let unresolved = try Row.fetchAll(
            db,
            sql: """
                SELECT id, client_ip, server_ip FROM remote_session
                WHERE client_asset IS NULL OR server_asset IS NULL
                """)
        guard !unresolved.isEmpty else { return }
        var assetByAddress: [String: String] = [:]
        for asset in inventory.assets {
            for ip in asset.ips where assetByAddress[ip.description] == nil {
                assetByAddress[ip.description] = asset.id
            }
        }
        let update = try db.cachedStatement(
            sql: """
                UPDATE remote_session SET client_asset = coalesce(client_asset, ?),
                    server_asset = coalesce(server_asset, ?) WHERE id = ?
                """)
        for row in unresolved {
            let client = String.fromDatabaseValue(row[1] as DatabaseValue).flatMap { assetByAddress[$0] }
            let server = String.fromDatabaseValue(row[2] as DatabaseValue).flatMap { assetByAddress[$0] }
            guard client != nil || server != nil, let id = Int64.fromDatabaseValue(row[0] as DatabaseValue) else {
                continue
            }
            try update.execute(arguments: [client, server, id])
        }
    }

    public func remoteSessions(_ query: RemoteSessionQuery) throws(StoreError) -> [StoredRemoteSession] {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let server = query.server {
            conditions.append("server_ip = ?")
            arguments.append(server)
        }
        if let since = query.since {
            conditions.append("last_seen >= ?")
            arguments.append(since)
        }
        if let until = query.until {
            conditions.append("first_seen <= ?")
            arguments.append(until)
        }
        arguments.append(max(0, query.limit))
        arguments.append(max(0, query.offset))
        let sql = """
            SELECT source_id, client_ip, client_port, client_mac, server_ip, server_port, server_mac, protocol,
                first_seen, last_seen, packets_to_server, packets_to_client, bytes_to_server, bytes_to_client,
                end_reason, client_asset, server_asset
            FROM remote_session \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY first_seen DESC, id DESC LIMIT ? OFFSET ?
            """
        return try read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map(Self.remoteSession)
        }
    }

    /// A row as stored; a value of the wrong type (a damaged or hand-edited file) reads as empty
    /// or zero rather than trapping.
    static func remoteSession(_ row: Row) -> StoredRemoteSession {
        func optionalText(_ index: Int) -> String? { String.fromDatabaseValue(row[index] as DatabaseValue) }
        func text(_ index: Int) -> String { optionalText(index) ?? "" }
        func nonEmptyText(_ index: Int) -> String? { optionalText(index).flatMap { $0.isEmpty ? nil : $0 } }
        func integer(_ index: Int) -> Int64 { Int64.fromDatabaseValue(row[index] as DatabaseValue) ?? 0 }
        func port(_ index: Int) -> UInt16 { UInt16(exactly: integer(index)) ?? 0 }
        return StoredRemoteSession(
            sourceID: integer(0), client: text(1), clientPort: port(2), clientMAC: nonEmptyText(3), server: text(4),
            serverPort: port(5), serverMAC: nonEmptyText(6), protocolName: text(7), start: integer(8),
            end: integer(9), packetsToServer: ColumnCoding.uint(integer(10)),
            packetsToClient: ColumnCoding.uint(integer(11)), bytesToServer: ColumnCoding.uint(integer(12)),
            bytesToClient: ColumnCoding.uint(integer(13)), endReason: optionalText(14),
            clientAsset: optionalText(15), serverAsset: optionalText(16))
    }
}
