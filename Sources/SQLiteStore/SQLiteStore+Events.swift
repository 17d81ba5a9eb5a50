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
        let insert = try insertEventStatement(db)
        // Bound straight through the C API: a million events through StatementArguments (one
        // boxed DatabaseValue per column) cost more than SQLite's own work. Each row's text is
        // copied side by side into one buffer and bound in place (SQLITE_STATIC): SQLite would
        // otherwise allocate and copy every text column of every row.
        let statement = insert.sqliteStatement
        var scratch = JSONWriter()
        var row = RowText()
        defer { row.deallocate() }
        // Read in place: a copy of each event (ten strings) cost a retain and release apiece.
        try events.withUnsafeBufferPointer { events in
            for index in events.indices {
                let event = events.baseAddress! + index
                sqlite3_reset(statement)
                sqlite3_bind_int64(statement, 1, source)
                sqlite3_bind_int64(statement, 2, event.pointee.timestamp)
                sqlite3_bind_int64(statement, 3, ColumnCoding.int(event.pointee.frame))
                if let function = event.pointee.function {
                    sqlite3_bind_int64(statement, 6, function)
                } else {
                    sqlite3_bind_null(statement, 6)
                }
                bindInteger(statement, 13, event.pointee.sourcePort.map { Int64($0) })
                bindInteger(statement, 14, event.pointee.destinationPort.map { Int64($0) })
                let prefixLength: Int
                if let measured = event.pointee.linePrefixLength {
                    prefixLength = measured
                } else {
                    prefixLength = linePrefixLength(of: event.pointee, scratch: &scratch)
                }
                row.bind(event, lineDropping: prefixLength, to: statement)
                let code = sqlite3_step(statement)
                guard code == SQLITE_DONE else {
                    sqlite3_reset(statement)
                    throw DatabaseError(
                        resultCode: ResultCode(rawValue: code),
                        message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                }
            }
        }
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
    }

    private static func insertEventStatement(_ db: Database) throws -> Statement {
        try db.cachedStatement(
            sql: """
                INSERT INTO event (source_id, time, frame, protocol, operation, function, function_name, direction,
                    source, destination, source_mac, destination_mac, source_port, destination_port, anomaly, json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
    }

    /// The text columns of `EventRows` and their parameters in the insert (the JSON line is 16).
    private static let packedTextParameters: [(EventRows.Column, Int32)] = [
        (.protocolName, 4), (.operation, 5), (.functionName, 7), (.direction, 8), (.source, 9), (.destination, 10),
        (.sourceMAC, 11), (.destinationMAC, 12), (.anomaly, 15),
    ]

    /// Packed events, bound in place from their buffer (SQLITE_STATIC): no string, no copy.
    static func insertEvents(_ events: EventRows, source: Int64, db: Database) throws {
        guard !events.isEmpty else { return }
        let statement = try insertEventStatement(db).sqliteStatement
        try events.withText { text, column in
            let base = text.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            func bind(_ parameter: Int32, _ span: (offset: Int, length: Int)?) {
                guard let span else {
                    sqlite3_bind_null(statement, parameter)
                    return
                }
                guard let base else {
                    // Empty text, never a null pointer (which would bind NULL); SQLite copies it.
                    _ = sqlite3_bind_text(
                        statement, parameter, "", 0, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
                    return
                }
                _ = sqlite3_bind_text(statement, parameter, base + span.offset, Int32(span.length), nil)
            }
            for index in events.rows.indices {
                let row = events.rows[index]
                sqlite3_reset(statement)
                sqlite3_bind_int64(statement, 1, source)
                sqlite3_bind_int64(statement, 2, row.timestamp)
                sqlite3_bind_int64(statement, 3, ColumnCoding.int(row.frame))
                bindInteger(statement, 6, row.function)
                bindInteger(statement, 13, row.sourcePort.map { Int64($0) })
                bindInteger(statement, 14, row.destinationPort.map { Int64($0) })
                for (name, parameter) in packedTextParameters { bind(parameter, column(index, name)) }
                var line = column(index, .json) ?? (0, 0)
                let prefix = row.linePrefixLength
                if prefix > 0, prefix < line.length, text[line.offset + prefix] == UInt8(ascii: ",") {
                    line = (line.offset + prefix, line.length - prefix)
                }
                bind(16, line)
                let code = sqlite3_step(statement)
                guard code == SQLITE_DONE else {
                    sqlite3_reset(statement)
                    throw DatabaseError(
                        resultCode: ResultCode(rawValue: code),
                        message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                }
            }
        }
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
    }

    /// The bytes of `event`'s line that its columns rebuild, measured here when its maker did not.
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
    /// its columns give (`RowText.bind`).
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

/// One event row's text columns, side by side in a buffer that outlives the row's `sqlite3_step`
/// (bound with SQLITE_STATIC, so SQLite neither allocates nor copies them before building the
/// record). Grows to the longest row and is reused; `deallocate` once at the end.
private struct RowText {
    private var base = UnsafeMutablePointer<UInt8>.allocate(capacity: 4096)
    private var capacity = 4096
    private var used = 0

    func deallocate() { base.deallocate() }

    /// Binds columns 4, 5, 7–12, 15 and 16 (the line without its first `prefixLength` bytes when
    /// the comma that starts the rest follows them).
    mutating func bind(
        _ event: UnsafePointer<StoredEvent>, lineDropping prefixLength: Int, to statement: OpaquePointer
    ) {
        let needed =
            event.pointee.protocolName.utf8.count + event.pointee.operation.utf8.count
            + event.pointee.functionName.utf8.count
            + event.pointee.direction.utf8.count + event.pointee.source.utf8.count
            + event.pointee.destination.utf8.count
            + (event.pointee.sourceMAC?.utf8.count ?? 0) + (event.pointee.destinationMAC?.utf8.count ?? 0)
            + (event.pointee.anomaly?.utf8.count ?? 0) + event.pointee.json.utf8.count
        if needed > capacity {
            base.deallocate()
            capacity = max(needed, capacity * 2)
            base = .allocate(capacity: capacity)
        }
        used = 0
        bind(event.pointee.protocolName, 4, statement)
        bind(event.pointee.operation, 5, statement)
        bind(event.pointee.functionName, 7, statement)
        bind(event.pointee.direction, 8, statement)
        bind(event.pointee.source, 9, statement)
        bind(event.pointee.destination, 10, statement)
        bind(event.pointee.sourceMAC, 11, statement)
        bind(event.pointee.destinationMAC, 12, statement)
        bind(event.pointee.anomaly, 15, statement)
        let start = used
        copy(event.pointee.json, droppingPrefix: prefixLength)
        bindCopied(from: start, 16, statement)
    }

    private mutating func bind(_ text: String?, _ index: Int32, _ statement: OpaquePointer) {
        guard let text else {
            sqlite3_bind_null(statement, index)
            return
        }
        let start = used
        copy(text, droppingPrefix: 0)
        bindCopied(from: start, index, statement)
    }

    /// Copies `text`'s UTF-8, without its first `prefix` bytes when a comma follows them.
    private mutating func copy(_ text: String, droppingPrefix prefix: Int) {
        let copied = text.utf8.withContiguousStorageIfAvailable { bytes in
            let skip = prefix > 0 && prefix < bytes.count && bytes[prefix] == UInt8(ascii: ",") ? prefix : 0
            copy(UnsafeBufferPointer(rebasing: bytes[skip...]))
        }
        if copied == nil {
            var text = text
            text.withUTF8 { bytes in
                let skip = prefix > 0 && prefix < bytes.count && bytes[prefix] == UInt8(ascii: ",") ? prefix : 0
                copy(UnsafeBufferPointer(rebasing: bytes[skip...]))
            }
        }
    }

    private mutating func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        (base + used).update(from: source, count: bytes.count)
        used += bytes.count
    }

    /// Binds the bytes copied since `start`; an empty string binds as text, not NULL (the pointer
    /// is never null).
    private func bindCopied(from start: Int, _ index: Int32, _ statement: OpaquePointer) {
        let pointer = UnsafeRawPointer(base + start).assumingMemoryBound(to: CChar.self)
        _ = sqlite3_bind_text(statement, index, pointer, Int32(used - start), nil)
    }
}
