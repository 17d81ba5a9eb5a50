import GRDB
import Storage

extension SQLiteStore: EventStore {
    static func insertEvents(_ events: [StoredEvent], source: Int64, db: Database) throws {
        guard !events.isEmpty else { return }
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO event (source_id, time, frame, protocol, operation, function, function_name, direction,
                    source, destination, source_mac, destination_mac, source_port, destination_port, anomaly, json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for event in events {
            try insert.execute(arguments: [
                source, event.timestamp, ColumnCoding.int(event.frame), event.protocolName, event.operation,
                event.function, event.functionName, event.direction, event.source, event.destination,
                event.sourceMAC, event.destinationMAC, event.sourcePort.map { Int($0) },
                event.destinationPort.map { Int($0) }, event.anomaly, event.json,
            ])
        }
    }

    public func events(_ query: EventQuery) throws(StoreError) -> [StoredEvent] {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let since = query.since {
            conditions.append("time >= ?")
            arguments.append(since)
        }
        if let until = query.until {
            conditions.append("time < ?")
            arguments.append(until)
        }
        if let name = query.protocolName {
            conditions.append("protocol = ?")
            arguments.append(name)
        }
        if let operations = query.operations, !operations.isEmpty {
            conditions.append("operation IN (\(operations.map { _ in "?" }.joined(separator: ",")))")
            arguments.append(contentsOf: operations)
        }
        if let address = query.address {
            conditions.append("(source = ? OR destination = ?)")
            arguments.append(contentsOf: [address, address])
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments.append(contentsOf: [max(0, query.limit), max(0, query.offset)])
        return try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, source_id, time, frame, protocol, operation, function, function_name, direction, source,
                        destination, source_mac, destination_mac, source_port, destination_port, anomaly, json
                    FROM event \(filter) ORDER BY time, id LIMIT ? OFFSET ?
                    """, arguments: StatementArguments(arguments)
            ).map { row in
                StoredEvent(
                    id: row[0], sourceID: row[1], timestamp: row[2], frame: ColumnCoding.uint(row[3]),
                    protocolName: row[4], operation: row[5], function: row[6], functionName: row[7], direction: row[8],
                    source: row[9], destination: row[10], sourceMAC: row[11], destinationMAC: row[12],
                    sourcePort: (row[13] as Int?).map { UInt16(truncatingIfNeeded: $0) },
                    destinationPort: (row[14] as Int?).map { UInt16(truncatingIfNeeded: $0) }, anomaly: row[15],
                    json: row[16])
            }
        }
    }

    public func eventCount() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM event") ?? 0 }
    }

    public func eventCounts(since: Int64?) throws(StoreError) -> [(
        bucket: Int64, protocolName: String, operation: String, count: UInt64
    )] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT bucket, protocol, operation, sum(count) FROM event_count WHERE bucket >= ?
                    GROUP BY bucket, protocol, operation ORDER BY bucket, protocol, operation
                    """, arguments: [since ?? Int64.min]
            ).map { row in (row[0], row[1], row[2], ColumnCoding.uint(row[3])) }
        }
    }
}
