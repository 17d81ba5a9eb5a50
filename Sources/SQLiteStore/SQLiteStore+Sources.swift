import GRDB
import Storage

extension SQLiteStore: SourceLedger {
    public func beginCapture(
        name: String, probe: String, size: Int64, force: Bool, confirm: (ContentHashAlgorithm) -> String?
    ) throws(StoreError) -> SourceStart {
        try write { db in
            let candidates = try Row.fetchAll(
                db,
                sql: "SELECT \(Self.sourceColumns) FROM source WHERE kind = 'capture' AND probe = ? AND size = ?",
                arguments: [probe, size]
            ).map(Self.source)
            var fullHashes: [ContentHashAlgorithm: String?] = [:]
            for existing in candidates {
                if existing.state != .complete {
                    // Killed mid-run: redo from scratch (its observations, events and counts go
                    // with it by cascade).
                    try db.execute(sql: "DELETE FROM source WHERE id = ?", arguments: [existing.id])
                    continue
                }
                guard let recorded = existing.contentHash else { continue }
                let algorithm = ContentHashAlgorithm.of(recorded: recorded)
                if fullHashes[algorithm] == nil { fullHashes[algorithm] = .some(confirm(algorithm)) }
                guard let hash = fullHashes[algorithm] ?? nil, hash == recorded else { continue }
                if !force { return .alreadyImported(existing) }
                try db.execute(sql: "DELETE FROM source WHERE id = ?", arguments: [existing.id])
            }
            let now = Self.now()
            try db.execute(
                sql: """
                    INSERT INTO source (kind, name, probe, size, state, started, updated)
                    VALUES ('capture', ?, ?, ?, 'importing', ?, ?)
                    """, arguments: [name, probe, size, now, now])
            return .begin(db.lastInsertedRowID)
        }
    }

    public func sensorSource(interface: String) throws(StoreError) -> Int64 {
        try write { db in
            if let id = try Int64.fetchOne(
                db, sql: "SELECT id FROM source WHERE kind = 'sensor' AND name = ?", arguments: [interface])
            {
                return id
            }
            let now = Self.now()
            try db.execute(
                sql: "INSERT INTO source (kind, name, state, started, updated) VALUES ('sensor', ?, 'live', ?, ?)",
                arguments: [interface, now, now])
            return db.lastInsertedRowID
        }
    }

    public func completeCapture(_ id: Int64, contentHash: String) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: "UPDATE source SET state = 'complete', content_hash = ?, updated = ? WHERE id = ?",
                arguments: [contentHash, Self.now(), id])
        }
    }

    public func sources() throws(StoreError) -> [IngestSource] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.sourceColumns) FROM source ORDER BY id").map(Self.source)
        }
    }

    static let sourceColumns =
        "id, kind, name, content_hash, size, state, started, updated, packets, bytes, events, first_packet, last_packet"

    static func source(_ row: Row) -> IngestSource {
        IngestSource(
            id: row[0], kind: IngestSource.Kind(rawValue: row[1]) ?? .capture, name: row[2], contentHash: row[3],
            size: row[4], state: IngestSource.State(rawValue: row[5]) ?? .importing, started: row[6], updated: row[7],
            packets: ColumnCoding.uint(row[8]), bytes: ColumnCoding.uint(row[9]), events: ColumnCoding.uint(row[10]),
            firstPacket: row[11], lastPacket: row[12])
    }
}

extension SQLiteStore: SensorHealthStore {
    public func recordSensorSamples(_ samples: [SensorSample]) throws(StoreError) {
        guard !samples.isEmpty else { return }
        try write { db in
            let insert = try db.cachedStatement(
                sql: "INSERT INTO sensor_sample VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            for sample in samples {
                try insert.execute(arguments: [
                    sample.time, sample.interface, ColumnCoding.int(sample.received),
                    ColumnCoding.int(sample.kernelDrops), ColumnCoding.int(sample.interfaceDrops),
                    ColumnCoding.int(sample.queueDrops), ColumnCoding.int(sample.packets),
                    ColumnCoding.int(sample.bytes), sample.packetsPerSecond, sample.bitsPerSecond,
                    ColumnCoding.int(sample.flows), ColumnCoding.int(sample.events),
                    ColumnCoding.int(sample.storeDrops),
                ])
            }
        }
    }

    public func latestSensorSamples() throws(StoreError) -> [SensorSample] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.* FROM sensor_sample s
                    JOIN (SELECT interface, max(time) AS time FROM sensor_sample GROUP BY interface) latest
                    ON s.interface = latest.interface AND s.time = latest.time ORDER BY s.interface
                    """
            ).map { row in
                SensorSample(
                    time: row[0], interface: row[1], received: ColumnCoding.uint(row[2]),
                    kernelDrops: ColumnCoding.uint(row[3]), interfaceDrops: ColumnCoding.uint(row[4]),
                    queueDrops: ColumnCoding.uint(row[5]), packets: ColumnCoding.uint(row[6]),
                    bytes: ColumnCoding.uint(row[7]), packetsPerSecond: row[8], bitsPerSecond: row[9],
                    flows: ColumnCoding.uint(row[10]), events: ColumnCoding.uint(row[11]),
                    storeDrops: ColumnCoding.uint(row[12]))
            }
        }
    }
}
