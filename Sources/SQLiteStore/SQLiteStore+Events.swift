import GRDB
import GRDBSQLite
import Monitor
import Storage

extension SQLiteStore: EventStore {
    /// Events made one by one (tests, tools, older callers): packed, their line prefixes measured
    /// here, and stored as the feeds' packed rows are.
    static func insertEvents(_ events: [StoredEvent], source: Int64, db: Database) throws {
        guard !events.isEmpty else { return }
        var rows = EventRows()
        var scratch = JSONWriter()
        for event in events { rows.append(event, linePrefixLength: linePrefixLength(of: event, scratch: &scratch)) }
        try insertEvents(rows, source: source, db: db)
    }

    /// The text columns of `EventRows` and their parameters in the insert (the JSON line is 16).
    private static let packedTextParameters: [(EventRows.Column, Int32)] = [
        (.protocolName, 4), (.operation, 5), (.functionName, 7), (.direction, 8), (.source, 9), (.destination, 10),
        (.sourceMAC, 11), (.destinationMAC, 12), (.anomaly, 15),
    ]

    /// Packed events, bound in place from their buffer (SQLITE_STATIC) through the C API: no
    /// string, no copy, no boxed argument per column. The line is stored without the prefix its
    /// columns rebuild (`wholeLine`) when the row says how long that is and a comma follows it.
    static func insertEvents(_ events: EventRows, source: Int64, db: Database) throws {
        guard !events.isEmpty else { return }
        let insert = RawBinder(
            try db.cachedStatement(
                sql: """
                    INSERT INTO event (source_id, time, frame, protocol, operation, function, function_name, direction,
                        source, destination, source_mac, destination_mac, source_port, destination_port, anomaly, json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """), in: db)
        defer { insert.clearBindings() }
        try events.withText { text, column in
            func span(_ span: (offset: Int, length: Int)?) -> UnsafeRawBufferPointer? {
                span.map { UnsafeRawBufferPointer(rebasing: text[$0.offset..<$0.offset + $0.length]) }
            }
            for index in events.rows.indices {
                let row = events.rows[index]
                insert.bind(1, source)
                insert.bind(2, row.timestamp)
                insert.bind(3, ColumnCoding.int(row.frame))
                insert.bind(6, row.function)
                insert.bind(13, row.sourcePort.map { Int64($0) })
                insert.bind(14, row.destinationPort.map { Int64($0) })
                for (name, parameter) in packedTextParameters {
                    insert.bind(parameter, inPlace: span(column(index, name)))
                }
                var line = column(index, .json) ?? (0, 0)
                let prefix = row.linePrefixLength
                if prefix > 0, prefix < line.length, text[line.offset + prefix] == UInt8(ascii: ",") {
                    line = (line.offset + prefix, line.length - prefix)
                }
                insert.bind(16, inPlace: span(line))
                try insert.run()
            }
        }
    }

    /// The bytes of `event`'s line that its columns rebuild (`EventFormatter.linePrefixLength`).
    private static func linePrefixLength(of event: StoredEvent, scratch: inout JSONWriter) -> Int {
        EventFormatter.linePrefixLength(
            of: event.json, frame: event.frame, timestamp: event.timestamp, source: event.source,
            destination: event.destination, sourcePort: event.sourcePort, destinationPort: event.destinationPort,
            sourceMAC: event.sourceMAC, destinationMAC: event.destinationMAC, scratch: &scratch)
    }

    /// The start of `event`'s JSON line that its columns give (`EventFormatter.writeLinePrefix`).
    private static func writeLinePrefix(of event: StoredEvent, into json: inout JSONWriter) {
        EventFormatter.writeLinePrefix(
            frame: event.frame, timestamp: event.timestamp, source: event.source, destination: event.destination,
            sourcePort: event.sourcePort, destinationPort: event.destinationPort, sourceMAC: event.sourceMAC,
            destinationMAC: event.destinationMAC, into: &json)
    }

    /// `event`'s JSON line from its stored form (in `json`): whole, or the rest after the prefix
    /// its columns give (`insertEvents`).
    static func wholeLine(of event: StoredEvent) -> String {
        guard event.json.utf8.first == UInt8(ascii: ",") else { return event.json }
        var json = JSONWriter()
        writeLinePrefix(of: event, into: &json)
        return json.output + event.json
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
