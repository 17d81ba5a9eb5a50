import CSQLiteConfig
import Foundation
import GRDB
import Storage

/// The embedded store: one SQLite file in WAL mode (readers never block the writer), written
/// through GRDB. Every write is one transaction; a crash or a full disk rolls back the batch being
/// written and leaves what was committed before. Nothing of GRDB or SQLite leaves this module:
/// callers see the `Storage` ports and `StoreError`.
public final class SQLiteStore: Sendable {
    public let path: String
    let pool: DatabasePool

    /// SQLite's process-wide settings, made once before the first connection opens (SQLite
    /// refuses them later, harmlessly): an import's single writer spent ~5% of its time in the
    /// mutexes they remove.
    private static let processSettings: Void = {
        _ = palisade_sqlite_use_multithread_mode()
        _ = palisade_sqlite_disable_memory_statistics()
    }()

    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    /// `readOnly` opens an existing store for `status`-like readers without migrating it.
    /// `hardLimitBytes` caps the file (SQLite's max_page_count): a write past it fails like a
    /// full disk. For sites that give the store a fixed budget, and for testing that path.
    public init(path: String, readOnly: Bool = false, hardLimitBytes: Int64? = nil) throws(StoreError) {
        _ = Self.processSettings
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        if !readOnly, !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw .failed(path: path, detail: "cannot create folder \(directory): \(error.localizedDescription)")
            }
        }
        if readOnly, !FileManager.default.fileExists(atPath: path) {
            throw .failed(path: path, detail: "no store here (run `palisade import` or `palisade sensor` first)")
        }
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        configuration.label = "palisade"
        configuration.prepareDatabase { db in
            // Durable enough for a monitor (a power cut loses at most the last transactions, never
            // corrupts), and much faster than FULL in WAL mode.
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                // 64 MiB of page cache: the event index and the observation tables stay in memory
                // while an import writes (about 10% more events per second than the 2 MiB default).
                try db.execute(sql: "PRAGMA cache_size = -65536")
            }
            if let hardLimitBytes {
                try db.execute(sql: "PRAGMA max_page_count = \(max(16, hardLimitBytes / 4096))")
            }
            db.add(function: MergeFunctions.listUnion)
            db.add(function: MergeFunctions.tallySum)
            db.add(function: MergeFunctions.listAppend)
            db.add(function: MergeFunctions.listContains)
            db.add(function: ConsoleQueryFunctions.containsFolded)
            db.add(function: ConsoleQueryFunctions.mapZone)
            db.add(function: ConsoleQueryFunctions.dangerRank)
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try pool.read { db in
                // Reading the schema fails at once on a file that is not a database.
                _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")
            }
            let migrator = Schema.migrator
            if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
                let applied = try pool.read { try migrator.appliedIdentifiers($0) }
                throw StoreError.newerSchema(path: path, version: applied.sorted().last ?? "?")
            }
            if !readOnly {
                try migrator.migrate(pool)
            } else if try !pool.read({ try migrator.hasCompletedMigrations($0) }) {
                throw StoreError.corrupt(path: path, detail: "the schema is not Palisade's or is out of date")
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    /// Runs `body` in one write transaction, with database errors turned into `StoreError`s.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    static func storeError(_ error: any Error, path: String) -> StoreError {
        guard let error = error as? DatabaseError else {
            return .failed(path: path, detail: "\(error)")
        }
        let detail = error.message ?? "\(error.resultCode)"
        switch error.resultCode.primaryResultCode {
        case .SQLITE_FULL: return .full(path: path)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .corrupt(path: path, detail: detail)
        case .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH: return .permissionDenied(path: path)
        case .SQLITE_CANTOPEN:
            return .failed(path: path, detail: "cannot open the store file (\(detail)); check the path and permissions")
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path: path)
        case .SQLITE_IOERR: return .failed(path: path, detail: "I/O error (\(detail)); is the disk full or failing?")
        default: return .failed(path: path, detail: detail)
        }
    }

    /// The file's size with its WAL (what retention by size limits).
    func fileBytes() -> Int64 {
        var total: Int64 = 0
        for suffix in ["", "-wal"] {
            if let attributes = try? FileManager.default.attributesOfItem(atPath: path + suffix),
                let size = attributes[.size] as? NSNumber
            {
                total += size.int64Value
            }
        }
        return total
    }

    /// A consistent copy of the store (online backup) at `destination`.
    public func backup(to destination: String) throws(StoreError) {
        do {
            let target = try DatabaseQueue(path: destination)
            try pool.backup(to: target)
        } catch {
            throw Self.storeError(error, path: destination)
        }
    }

    /// Marks a migration this version does not know as applied (tests of the newer-schema check).
    public func recordFutureMigrationForTesting(_ identifier: String) throws(StoreError) {
        try write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [identifier])
        }
    }

    /// Writes a new store at `destination` with the schema only up to migration `version`, holding
    /// the rows of `tables` copied from this store (the columns that schema has), so that a test
    /// can open it and check what the later migrations make of stored data.
    public func copyAsOlderSchemaForTesting(to destination: String, upTo version: String, tables: [String])
        throws(StoreError)
    {
        do {
            let queue = try DatabaseQueue(path: destination)
            try Schema.migrator.migrate(queue, upTo: version)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "ATTACH DATABASE ? AS newer", arguments: [path])
                try db.inTransaction {
                    for table in tables {
                        let columns = try Row.fetchAll(
                            db, sql: "SELECT name FROM pragma_table_info(?, 'main')", arguments: [table]
                        )
                        .map { "\"\($0[0] as String)\"" }.joined(separator: ", ")
                        try db.execute(
                            sql: "INSERT INTO main.\"\(table)\" (\(columns)) SELECT \(columns) FROM newer.\"\(table)\"")
                    }
                    return .commit
                }
                try db.execute(sql: "DETACH DATABASE newer")
            }
            try queue.close()
        } catch {
            throw Self.storeError(error, path: destination)
        }
    }

    /// Wall-clock now, ns since the epoch.
    static func now() -> Int64 { WallClock.nanoseconds() }
}
