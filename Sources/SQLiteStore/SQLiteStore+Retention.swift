import GRDB
import Storage

extension SQLiteStore: RetentionStore {
    public func applyRetention(_ policy: RetentionPolicy, now: Int64) throws(StoreError) -> RetentionReport {
        var report = RetentionReport()
        if let age = policy.maximumAge {
            let cutoff = now - age
            try write { db in
                try db.execute(sql: "DELETE FROM event WHERE time < ?", arguments: [cutoff])
                report.eventsDeleted += db.changesCount
                try db.execute(sql: "DELETE FROM event_count WHERE bucket < ?", arguments: [cutoff])
                report.countsDeleted += db.changesCount
                // By the last packet: a session still going on is kept however long ago it began.
                try db.execute(sql: "DELETE FROM remote_session WHERE last_seen < ?", arguments: [cutoff])
                report.sessionsDeleted += db.changesCount
                try db.execute(sql: "DELETE FROM sensor_sample WHERE time < ?", arguments: [cutoff])
                report.samplesDeleted += db.changesCount
            }
        }
        if let limit = policy.maximumBytes {
            // The oldest events go first, a slice at a time, until the live pages fit; the file
            // itself shrinks only with VACUUM, so the measure is the pages in use.
            while try usedBytes() > limit {
                let deleted = try write { db -> Int in
                    try db.execute(
                        sql: "DELETE FROM event WHERE id IN (SELECT id FROM event ORDER BY time, id LIMIT 5000)")
                    let events = db.changesCount
                    try db.execute(
                        sql:
                            "DELETE FROM sensor_sample WHERE rowid IN (SELECT rowid FROM sensor_sample ORDER BY time LIMIT 5000)"
                    )
                    report.samplesDeleted += db.changesCount
                    return events
                }
                report.eventsDeleted += deleted
                if deleted == 0 { break }
            }
            try checkpointWAL()
        }
        return report
    }

    /// Moves the WAL into the main file and truncates it (outside any transaction).
    func checkpointWAL() throws(StoreError) {
        do {
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    /// Bytes in pages that hold data (file size minus free pages).
    func usedBytes() throws(StoreError) -> Int64 {
        try read { db in
            let pageSize = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
            let pages = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let free = try Int64.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
            return (pages - free) * pageSize
        }
    }

    public func summary() throws(StoreError) -> StoreSummary {
        var summary = StoreSummary(path: path, schemaVersion: Schema.currentVersion)
        summary.fileBytes = fileBytes()
        summary.sources = try sources()
        summary.latestSamples = try latestSensorSamples()
        try read { db in
            summary.assets = try Int.fetchOne(db, sql: "SELECT count(*) FROM asset") ?? 0
            for row in try Row.fetchAll(db, sql: "SELECT role, count(*) FROM asset GROUP BY role") {
                summary.assetsByRole[row[0]] = row[1]
            }
            summary.edges = try Int.fetchOne(db, sql: "SELECT count(*) FROM map_edge") ?? 0
            summary.events = try Int.fetchOne(db, sql: "SELECT count(*) FROM event") ?? 0
            for row in try Row.fetchAll(db, sql: "SELECT operation, count(*) FROM event GROUP BY operation") {
                summary.eventsByOperation[row[0]] = row[1]
            }
            summary.facts = try Int.fetchOne(db, sql: "SELECT count(*) FROM asset_fact") ?? 0
            summary.factChanges = try Int.fetchOne(db, sql: "SELECT count(*) FROM fact_change") ?? 0
            summary.firstEvent = try Int64.fetchOne(db, sql: "SELECT min(time) FROM event")
            summary.lastEvent = try Int64.fetchOne(db, sql: "SELECT max(time) FROM event")
        }
        return summary
    }
}
