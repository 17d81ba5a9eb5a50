import GRDB
import GRDBSQLite
import Monitor
import Storage

#if canImport(Glibc)
    import Glibc
#endif

extension SQLiteStore: EventStore {
    static func insertEvents(_ events: [StoredEvent], source: Int64, db: Database) throws {
        guard !events.isEmpty else { return }
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO event (source_id, time, frame, protocol, operation, function, function_name, direction,
                    source, destination, source_mac, destination_mac, source_port, destination_port, anomaly, json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        // Bound straight through the C API: a million events through StatementArguments (one
        // boxed DatabaseValue per column) cost more than SQLite's own work.
        let statement = insert.sqliteStatement
        var prefix = JSONWriter()
        for event in events {
            sqlite3_reset(statement)
            sqlite3_bind_int64(statement, 1, source)
            sqlite3_bind_int64(statement, 2, event.timestamp)
            sqlite3_bind_int64(statement, 3, ColumnCoding.int(event.frame))
            bindText(statement, 4, event.protocolName)
            bindText(statement, 5, event.operation)
            if let function = event.function {
                sqlite3_bind_int64(statement, 6, function)
            } else {
                sqlite3_bind_null(statement, 6)
            }
            bindText(statement, 7, event.functionName)
            bindText(statement, 8, event.direction)
            bindText(statement, 9, event.source)
            bindText(statement, 10, event.destination)
            bindText(statement, 11, event.sourceMAC)
            bindText(statement, 12, event.destinationMAC)
            bindInteger(statement, 13, event.sourcePort.map { Int64($0) })
            bindInteger(statement, 14, event.destinationPort.map { Int64($0) })
            bindText(statement, 15, event.anomaly)
            prefix.removeAll()
            writeLinePrefix(of: event, into: &prefix)
            bindLine(statement, 16, event.json, droppingPrefix: prefix)
            let code = sqlite3_step(statement)
            guard code == SQLITE_DONE else {
                sqlite3_reset(statement)
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: code),
                    message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
        }
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
    }

    private static func bindText(_ statement: OpaquePointer, _ index: Int32, _ text: String?) {
        guard var text else {
            sqlite3_bind_null(statement, index)
            return
        }
        text.withUTF8 { bindBytes(statement, index, $0) }
    }

    private static func bindBytes(_ statement: OpaquePointer, _ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
        // SQLITE_TRANSIENT: SQLite copies the bytes before this returns. An empty string still
        // needs a non-null pointer (null would bind NULL).
        let empty: CChar = 0
        withUnsafePointer(to: empty) { fallback in
            let base = bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) } ?? fallback
            _ = sqlite3_bind_text(
                statement, index, base, Int32(bytes.count), unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        }
    }

    /// Binds an event's JSON line without the start that its columns rebuild (`wholeLine`): the
    /// rest begins with the comma after the prefix, where a whole line begins with `{`. A line
    /// that does not start with the rebuilt prefix is kept whole.
    private static func bindLine(
        _ statement: OpaquePointer, _ index: Int32, _ line: String, droppingPrefix prefix: JSONWriter
    ) {
        var line = line
        line.withUTF8 { bytes in
            let start = prefix.withUnsafeBytes { head in
                bytes.count > head.count && bytes[head.count] == UInt8(ascii: ",")
                    && memcmp(bytes.baseAddress!, head.baseAddress!, head.count) == 0 ? head.count : 0
            }
            bindBytes(statement, index, UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }

    /// The start of `event`'s JSON line that its columns give (`EventFormatter.writeLinePrefix`).
    private static func writeLinePrefix(of event: StoredEvent, into json: inout JSONWriter) {
        EventFormatter.writeLinePrefix(
            frame: event.frame, timestamp: event.timestamp, source: event.source, destination: event.destination,
            sourcePort: event.sourcePort, destinationPort: event.destinationPort, sourceMAC: event.sourceMAC,
            destinationMAC: event.destinationMAC, into: &json)
    }

    /// `event`'s JSON line from its stored form (in `json`): whole, or the rest after the prefix
    /// its columns give (`bindLine`).
    static func wholeLine(of event: StoredEvent) -> String {
        guard event.json.utf8.first == UInt8(ascii: ",") else { return event.json }
        var json = JSONWriter()
        writeLinePrefix(of: event, into: &json)
        return json.output + event.json
    }

    private static func bindInteger(_ statement: OpaquePointer, _ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(statement, index, value) } else { sqlite3_bind_null(statement, index) }
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
                var event = StoredEvent(
                    id: row[0], sourceID: row[1], timestamp: row[2], frame: ColumnCoding.uint(row[3]),
                    protocolName: row[4], operation: row[5], function: row[6], functionName: row[7], direction: row[8],
                    source: row[9], destination: row[10], sourceMAC: row[11], destinationMAC: row[12],
                    sourcePort: (row[13] as Int?).map { UInt16(truncatingIfNeeded: $0) },
                    destinationPort: (row[14] as Int?).map { UInt16(truncatingIfNeeded: $0) }, anomaly: row[15],
                    json: row[16])
                event.json = Self.wholeLine(of: event)
                return event
            }
        }
    }

    public func eventCount() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM event") ?? 0 }
    }

    public func eventCounts(since: Int64?) throws(StoreError) -> [EventCount] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT bucket, protocol, operation, function, sum(count) FROM event_count WHERE bucket >= ?
                    GROUP BY bucket, protocol, operation, function ORDER BY bucket, protocol, operation, function
                    """, arguments: [since ?? Int64.min]
            ).map { row in
                EventCount(
                    bucket: row[0], protocolName: row[1], operation: row[2], function: row[3],
                    count: ColumnCoding.uint(row[4]))
            }
        }
    }
}
